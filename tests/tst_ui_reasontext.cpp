// Reasons are stored language-neutral and read in the reader's language (domain/reasontext.h): a reason the
// engine's writers store under an English process reads in Chinese once the reader (the console's language,
// UiLanguage) is Chinese, and the other way round; rows written before (plain text) and an upstream's own words
// read as they are. The Send log's table, the delivery and broadcast details and the failures table all read so.
#include "console/broadcastdetails.h"
#include "console/deliverydetails.h"
#include "console/deliverylog.h"
#include "domain/reasontext.h"
#include "engine/broadcastcontrol.h"
#include "models/failuremodel.h"
#include "models/listingmodel.h"
#include "policy/blocklist.h"
#include "policy/contentcheck.h"
#include "policy/eligibility.h"
#include "policy/penalties.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "uilanguage.h"

#include <QSqlQuery>
#include <QAbstractItemModelTester>
#include <QTest>

using namespace pushdesk;

namespace {
bool hasChinese(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

QString rawReason(Database &db, qint64 deliveryId)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT reason FROM deliveries WHERE id = ?"));
    q.addBindValue(deliveryId);
    if (!q.exec() || !q.next())
        return QStringLiteral("<no row>");
    return q.value(0).toString();
}
} // namespace

class TestReasonText : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

    // As the console switches (Settings > Language): the real catalogue compiled into the core library.
    void readInChinese()
    {
        auto r = UiLanguage::apply(QStringLiteral("zh_CN"));
        QVERIFY2(r.has_value(), r ? "" : qPrintable(r.error().message));
    }
    void readInEnglish() { QVERIFY(UiLanguage::apply(QStringLiteral("en")).has_value()); }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db.reset();
        QFile::remove(testsupport::databasePath(m_dir));
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("reasons"));
        QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
        m_db = std::move(*db);
    }

    void cleanup()
    {
        readInEnglish();
        m_db.reset();
    }

    void argumentsAreSubstitutedOnce()
    {
        // An upstream's errmsg holding "%1" is shown as it is, never substituted again.
        const QString stored = ReasonText("UpstreamReply", "HTTP %1: %2").arg(502).arg(QStringLiteral("bad %1 gateway %2")).encode();
        QVERIFY(ReasonText::isEncoded(stored));
        QCOMPARE(ReasonText::display(stored), QStringLiteral("HTTP 502: bad %1 gateway %2"));
        // Unknown context or source: the English source, with its arguments.
        QCOMPARE(ReasonText("Nowhere", "%2 before %1").arg(QStringLiteral("a")).arg(QStringLiteral("b")).text(),
                 QStringLiteral("b before a"));
        // A time is written when it is read, in the reader's locale.
        const QDateTime at(QDate(2026, 11, 24), QTime(0, 0));
        QCOMPARE(ReasonText("Nowhere", "at %1").arg(at).text(), QStringLiteral("at ") + QLocale().toString(at, QLocale::ShortFormat));
        readInChinese();
        QCOMPARE(ReasonText("Nowhere", "at %1").arg(at).text(), QStringLiteral("at ") + QLocale(QStringLiteral("zh_CN")).toString(at, QLocale::ShortFormat));
    }

    void legacyTextReadsAsItIs()
    {
        for (const QString &plain : {QString(), QStringLiteral("opted out of all messages"), QStringLiteral("40003 invalid openid"),
                                     QStringLiteral("由操作员取消"), QStringLiteral("[\"Eligibility\",\"no e-mail address\"]")}) {
            QVERIFY(!ReasonText::isEncoded(plain));
            QCOMPARE(ReasonText::display(plain), plain);
        }
        readInChinese();
        QCOMPARE(ReasonText::display(QStringLiteral("opted out of all messages")), QStringLiteral("opted out of all messages"));
        // The marker followed by something that is not ours: shown without the marker, not lost.
        QCOMPARE(ReasonText::display(QChar(u'\x1f') + QStringLiteral("{not json")), QStringLiteral("{not json"));
    }

    void nestedReasonsTranslateTheUpstreamsWordsDoNot()
    {
        // TokenCache's error carries UpstreamReply's description: both are ours, the errmsg is WeChat's.
        const QString reply = ReasonText("UpstreamReply", "HTTP %1: %2").arg(503).arg(QStringLiteral("Service Unavailable")).encode();
        const QString stored = ReasonText("TokenCache", "cannot get an access token for %1: %2").arg(QStringLiteral("wx1")).arg(reply).encode();
        QCOMPARE(ReasonText::display(stored), QStringLiteral("cannot get an access token for wx1: HTTP 503: Service Unavailable"));
        readInChinese();
        QCOMPARE(ReasonText::display(stored), QStringLiteral("无法获取 wx1 的 access token：HTTP 503：Service Unavailable"));
    }

    void writtenInChineseReadInEnglish()
    {
        // A Chinese console decides the verdict; an English operator (or a headless worker's log) reads it later.
        readInChinese();
        Subscriber s;
        s.id = 1;
        s.mpOpenid = QStringLiteral("o1");
        s.optedOut = true;
        App app;
        app.id = 1;
        Binding b;
        b.subscriberId = 1;
        b.appId = 1;
        const Eligibility e = EligibilityPolicy::decide(app, s, b, Channel::WeChat, QDateTime::currentDateTime());
        QVERIFY(e.verdict == Eligibility::Verdict::Skip);
        QVERIFY(hasChinese(ReasonText::display(e.reason)));
        readInEnglish();
        QCOMPARE(ReasonText::display(e.reason), QStringLiteral("opted out of all messages"));
        app.status = AppStatus::Banned;
        QCOMPARE(ReasonText::display(EligibilityPolicy::appCannotSend(app, QDateTime::currentDateTime()).value_or(QString())),
                 QStringLiteral("the app is banned"));
    }

    void writtenInEnglishReadInChinese()
    {
        App app;
        app.name = QStringLiteral("shop");
        app.appid = QStringLiteral("wxshop");
        auto appId = AppRepository(*m_db).create(app);
        QVERIFY(appId.has_value());
        app.id = *appId;
        Template t;
        t.appId = *appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Hello");
        auto templateId = TemplateRepository(*m_db).create(t);
        QVERIFY(templateId.has_value());
        QList<Subscriber> people(3);
        for (int i = 0; i < 3; ++i)
            people[i].mpOpenid = QStringLiteral("o%1").arg(i);
        people[1].optedOut = true;
        QVERIFY(SubscriberRepository(*m_db).createMany(people).has_value());
        Broadcast broadcast;
        broadcast.appId = *appId;
        broadcast.templateId = *templateId;
        auto id = BroadcastRepository(*m_db).create(broadcast);
        QVERIFY(id.has_value());

        // Written by an English process: the eligibility verdict, a row from before this change (plain text),
        // and a cancellation by the operator (the broadcast's reason and the skipped rows' reason).
        Binding binding;
        binding.appId = *appId;
        binding.subscriberId = people[1].id;
        const Eligibility optedOut = EligibilityPolicy::decide(app, people[1], binding, Channel::WeChat, QDateTime::currentDateTime());
        const QString legacy = QStringLiteral("the subscriber unfollowed the account");
        const QList<PlannedDelivery> rows{{people[0].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}},
                                          {people[1].id, Channel::WeChat, optedOut.deliveryState(), optedOut.reason, {}, {}},
                                          {people[2].id, Channel::WeChat, DeliveryState::Skipped, legacy, {}, {}}};
        QVERIFY(BroadcastRepository(*m_db).plan(*id, *appId, rows, people[2].id, true).has_value());
        auto cancelled = BroadcastControl(*m_db).cancel(*id);
        QVERIFY2(cancelled.has_value(), cancelled ? "" : qPrintable(cancelled.error().message));

        auto deliveries = BroadcastRepository(*m_db).deliveries(*id);
        QVERIFY(deliveries.has_value());
        QCOMPARE(deliveries->size(), 3);
        QHash<qint64, qint64> rowOf; // subscriber -> delivery
        for (const Delivery &d : std::as_const(*deliveries))
            rowOf.insert(d.subscriberId, d.id);

        // What the database keeps names the words, not one language's rendering of them.
        const QString cancelledRaw = rawReason(*m_db, rowOf.value(people[0].id));
        QVERIFY2(ReasonText::isEncoded(cancelledRaw), qPrintable(cancelledRaw));
        QVERIFY(cancelledRaw.contains(QStringLiteral("the broadcast was cancelled")));
        QCOMPARE(rawReason(*m_db, rowOf.value(people[2].id)), legacy);
        auto details = loadBroadcastDetails(*m_db, *id);
        QVERIFY(details && *details);
        QCOMPARE((*details)->broadcast.statusReason, QStringLiteral("cancelled by the operator"));

        // The reader is Chinese now: every reason of ours reads in Chinese, the legacy row as it was.
        readInChinese();
        details = loadBroadcastDetails(*m_db, *id);
        QVERIFY(details && *details);
        QCOMPARE((*details)->broadcast.statusReason, QStringLiteral("由操作员取消"));
        auto cancelledRow = loadDeliveryDetails(*m_db, rowOf.value(people[0].id));
        QVERIFY(cancelledRow && *cancelledRow);
        QCOMPARE((*cancelledRow)->delivery.reason, QStringLiteral("群发已取消"));
        auto optedOutRow = loadDeliveryDetails(*m_db, rowOf.value(people[1].id));
        QVERIFY(optedOutRow && *optedOutRow);
        QCOMPARE((*optedOutRow)->delivery.reason, QStringLiteral("已退订所有消息"));
        auto legacyRow = loadDeliveryDetails(*m_db, rowOf.value(people[2].id));
        QVERIFY(legacyRow && *legacyRow);
        QCOMPARE((*legacyRow)->delivery.reason, legacy);

        // The Send log's table reads the same.
        ListingModel log(*m_db, DeliveryLog::spec());
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(log.rowCount(), 3);
        const auto reasonOf = [&](qint64 deliveryId) {
            return log.index(log.rowOfId(deliveryId), log.columnOf(QStringLiteral("reason"))).data().toString();
        };
        QCOMPARE(reasonOf(rowOf.value(people[0].id)), QStringLiteral("群发已取消"));
        QCOMPARE(reasonOf(rowOf.value(people[1].id)), QStringLiteral("已退订所有消息"));
        QCOMPARE(reasonOf(rowOf.value(people[2].id)), legacy);
        // The raw value stays what the database keeps (copying a row, filters).
        QCOMPARE(log.value(log.rowOfId(rowOf.value(people[0].id)), QStringLiteral("reason")).toString(), cancelledRaw);

        // And back to English without touching the rows.
        readInEnglish();
        optedOutRow = loadDeliveryDetails(*m_db, rowOf.value(people[1].id));
        QVERIFY(optedOutRow && *optedOutRow);
        QCOMPARE((*optedOutRow)->delivery.reason, QStringLiteral("opted out of all messages"));
        QCOMPARE(reasonOf(rowOf.value(people[1].id)), QStringLiteral("opted out of all messages"));
    }

    void penaltyLiftedByAWorkerReadsInTheReadersLanguage()
    {
        App app;
        app.name = QStringLiteral("shop");
        app.appid = QStringLiteral("wxshop");
        auto appId = AppRepository(*m_db).create(app);
        QVERIFY(appId.has_value());
        PenaltyService penalties(*m_db);
        QVERIFY(penalties.suspend(*appId, 1, QStringLiteral("spam at night"), QStringLiteral("ops")).has_value());
        // A headless worker in English ends it when it is due.
        auto released = penalties.liftDueSuspensions(QDateTime::currentDateTime().addDays(2));
        QVERIFY(released.has_value());
        QCOMPARE(*released, 1);
        auto history = penalties.history(*appId);
        QVERIFY(history.has_value() && history->size() == 1);
        const PenaltyRecord p = history->first();
        QVERIFY(ReasonText::isEncoded(p.liftReason));
        QCOMPARE(ReasonText::display(p.liftReason), QStringLiteral("The suspension ended."));
        readInChinese();
        QVERIFY2(hasChinese(ReasonText::display(p.liftReason)), qPrintable(ReasonText::display(p.liftReason)));
        QCOMPARE(ReasonText::display(p.reason), QStringLiteral("spam at night")); // the operator's words as typed
    }

    void contentCheckReasonsNestInTheBroadcastsReason()
    {
        BlocklistRule rule;
        rule.pattern = QStringLiteral("casino");
        rule.category = QStringLiteral("gambling");
        const auto hit = ContentCheck::checkLocal(Blocklist({rule}), QStringLiteral("Big casino night"));
        QVERIFY(hit.has_value());
        // What the engine stores when the check blocks a broadcast.
        const QString stored = ReasonText("pushdesk::BroadcastWorker", "blocked by the content check: %1").arg(hit->message).encode();
        QCOMPARE(ReasonText::display(stored),
                 QStringLiteral("blocked by the content check: The local blocklist matched \"casino\" (rule \"casino\", gambling)."));
        const ContentVerdict review =
            ContentCheck::parseAnswer(200, QByteArrayLiteral("{\"errcode\":0,\"result\":{\"suggest\":\"review\",\"label\":20001}}"));
        QVERIFY(review.outcome == ContentVerdict::Outcome::Review);
        QCOMPARE(ReasonText::display(review.message),
                 QStringLiteral("msg_sec_check asks for a review (politics); an operator must approve the broadcast."));
        readInChinese();
        QCOMPARE(ReasonText::display(stored), QStringLiteral("被内容安全检测拦截：本地屏蔽词库命中“casino”（规则“casino”，gambling）。"));
        // The label's name is ours too.
        const QString chinese = ReasonText::display(review.message);
        QVERIFY2(hasChinese(chinese) && chinese.contains(QStringLiteral("涉政")), qPrintable(chinese));
    }

    void failuresTableReadsEitherForm()
    {
        // The engine reports failures in its own language; a stored form handed over reads in the window's.
        FailureModel failures;
        QAbstractItemModelTester tester(&failures, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DeliveryFailure f;
        f.deliveryId = 7;
        f.reason = ReasonText("pushdesk::DeliveryJob", "the app has no SMTP server").encode();
        failures.append(f);
        f.deliveryId = 8;
        f.reason = QStringLiteral("43004 require subscribe");
        failures.append(f);
        QCOMPARE(failures.index(0, FailureModel::ReasonColumn).data().toString(), QStringLiteral("the app has no SMTP server"));
        readInChinese();
        QCOMPARE(failures.index(0, FailureModel::ReasonColumn).data().toString(), QStringLiteral("该应用没有 SMTP 服务器"));
        QCOMPARE(failures.index(1, FailureModel::ReasonColumn).data().toString(), QStringLiteral("43004 require subscribe"));
    }
};

QTEST_MAIN(TestReasonText)
#include "tst_ui_reasontext.moc"
