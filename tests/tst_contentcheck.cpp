// The content check: the local blocklist, and msg_sec_check v2 against the sandbox (pass, review,
// risky, long texts in chunks), and every way of not getting an answer ending as "unreachable".
#include "audit/auditlog.h"
#include "policy/blocklist.h"
#include "policy/contentcheck.h"
#include "processes.h"
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"
#include "store/database.h"
#include "testsupport.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimer>

using namespace pushdesk;

namespace {
const QString kAppid = QStringLiteral("wxcheck");
const QString kOpenid = QStringLiteral("o_reader");

BlocklistRule rule(const QString &pattern, bool regex, const QString &category)
{
    BlocklistRule r;
    r.pattern = pattern;
    r.isRegex = regex;
    r.category = category;
    return r;
}
} // namespace

class TestContentCheck : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxHost> m_sandbox;
    QNetworkAccessManager m_nam;
    QString m_token;

    QUrl admin(const QString &path) const { return testsupport::join(m_sandbox->baseUrl(), path); }

    qint64 secCheckCalls()
    {
        const auto stats = testsupport::httpGet(admin(QStringLiteral("/sandbox/stats")));
        return qint64(stats.json.value(QLatin1String("calls")).toObject().value(QLatin1String("/wxa/msg_sec_check")).toDouble());
    }

    ContentCheckTarget target(const QString &token = {}, const QString &openid = kOpenid) const
    {
        ContentCheckTarget t;
        t.wechatBase = m_sandbox->baseUrl();
        t.accessToken = token.isEmpty() ? m_token : token;
        t.openid = openid;
        return t;
    }

    ContentVerdict run(ContentCheck &check, const QString &text)
    {
        std::optional<ContentVerdict> result;
        int calls = 0;
        QEventLoop loop;
        check.check(text, [&](const ContentVerdict &v) {
            ++calls;
            result = v;
            loop.quit();
        });
        [&] { QVERIFY2(!result, "done must not be called inside check()"); }();
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!result)
            loop.exec();
        [&] { QCOMPARE(calls, 1); }();
        return result.value_or(ContentVerdict());
    }

    ContentVerdict check(const QString &text, const Blocklist &blocklist = {}, const ContentCheckTarget &t = {})
    {
        ContentCheck c(&m_nam, t.wechatBase.isEmpty() ? target() : t, blocklist);
        return run(c, text);
    }

    void setFaults(const QJsonObject &faults)
    {
        const auto r = testsupport::httpPost(admin(QStringLiteral("/sandbox/admin/faults")), faults);
        QCOMPARE(r.status, 200);
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<SandboxHost>();
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));
        QCOMPARE(testsupport::httpPost(admin(QStringLiteral("/sandbox/admin/apps")), {{QStringLiteral("appid"), kAppid}}).status, 200);
        QCOMPARE(testsupport::httpPost(admin(QStringLiteral("/sandbox/admin/followers")),
                                       {{QStringLiteral("appid"), kAppid},
                                        {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), kOpenid}}}}})
                     .status,
                 200);
        const auto token = testsupport::httpPost(admin(QStringLiteral("/cgi-bin/stable_token")),
                                                 {{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                                                  {QStringLiteral("appid"), kAppid},
                                                  {QStringLiteral("secret"), SandboxServer::defaultSecretFor(kAppid)}});
        m_token = token.json.value(QLatin1String("access_token")).toString();
        QVERIFY(!m_token.isEmpty());
        const QJsonObject lists{
            {QStringLiteral("risky"), QJsonArray{QJsonObject{{QStringLiteral("word"), QStringLiteral("gamble")},
                                                             {QStringLiteral("label"), 20001}}}},
            {QStringLiteral("review"), QJsonArray{QJsonObject{{QStringLiteral("word"), QStringLiteral("discount")},
                                                              {QStringLiteral("label"), 10001}}}}};
        QCOMPARE(testsupport::httpPost(admin(QStringLiteral("/sandbox/admin/seccheck")), lists).status, 200);
    }

    void cleanupTestCase() { m_sandbox.reset(); }

    void blocklistWords()
    {
        const Blocklist list({rule(QStringLiteral("Casino"), false, QStringLiteral("advertising"))});
        const auto hit = list.match(QStringLiteral("Visit our CASINO tonight"));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->matched, QStringLiteral("CASINO"));
        QCOMPARE(hit->rule.category, QStringLiteral("advertising"));
        QVERIFY(!list.match(QStringLiteral("a casual note")));
        const auto verdict = ContentCheck::checkLocal(list, QStringLiteral("best casino deals"));
        QVERIFY(verdict.has_value());
        QVERIFY(verdict->outcome == ContentVerdict::Outcome::Risky);
        QCOMPARE(verdict->rule, QStringLiteral("Casino"));
        QCOMPARE(verdict->label, QStringLiteral("advertising"));
        QCOMPARE(verdict->source, QStringLiteral("blocklist"));
        QVERIFY(verdict->stopStatus() == BroadcastStatus::Blocked);
        QVERIFY(!ContentCheck::checkLocal(list, QStringLiteral("your parcel is here")));
        // Chinese words match as substrings too.
        const Blocklist zh({rule(QStringLiteral("赌博"), false, QStringLiteral("illegal"))});
        QVERIFY(zh.match(QStringLiteral("线上赌博平台")).has_value());
    }

    void blocklistRegex()
    {
        const Blocklist list({rule(QStringLiteral("v[i1]agra"), true, QStringLiteral("advertising")),
                              rule(QStringLiteral("\\b1[3-9]\\d{9}\\b"), true, QStringLiteral("fraud"))});
        QCOMPARE(list.size(), 2);
        auto hit = list.match(QStringLiteral("cheap V1AGRA here"));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->matched, QStringLiteral("V1AGRA"));
        hit = list.match(QStringLiteral("call 13812345678 now"));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->rule.category, QStringLiteral("fraud"));
        QVERIFY(!list.match(QStringLiteral("order 123 shipped")));
    }

    void invalidRegexIsRefused()
    {
        QTemporaryDir dir;
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(dir)), QStringLiteral("blocklist"));
        QVERIFY(db.has_value());
        BlocklistRepository repo(**db);
        auto bad = repo.add(rule(QStringLiteral("(unclosed"), true, QStringLiteral("other")), QStringLiteral("alice"));
        QVERIFY(!bad.has_value());
        QVERIFY2(bad.error().message.contains(QLatin1String("not a valid regular expression")), qPrintable(bad.error().message));
        QVERIFY(bad.error().message.contains(QLatin1String("(unclosed")));
        QVERIFY(!repo.add(rule(QStringLiteral("a*"), true, QStringLiteral("other")), QStringLiteral("alice")).has_value());
        QVERIFY(!repo.add(rule(QStringLiteral("  "), false, QStringLiteral("other")), QStringLiteral("alice")).has_value());
        QVERIFY(!repo.add(rule(QStringLiteral("spam"), false, QStringLiteral("other")), QString()).has_value());
        // The same text as a plain word is fine.
        QVERIFY(repo.add(rule(QStringLiteral("(unclosed"), false, QStringLiteral("other")), QStringLiteral("alice")).has_value());
        auto id = repo.add(rule(QStringLiteral("v[i1]agra"), true, QStringLiteral("Advertising")), QStringLiteral("alice"));
        QVERIFY(id.has_value());
        auto rules = repo.list();
        QVERIFY(rules && rules->size() == 2);
        QCOMPARE(rules->at(1).category, QStringLiteral("advertising"));
        QCOMPARE(rules->at(1).createdBy, QStringLiteral("alice"));
        auto compiled = repo.load();
        QVERIFY(compiled && compiled->match(QStringLiteral("viagra")).has_value());
        QVERIFY(repo.remove(*id, QStringLiteral("bob")).has_value());
        QVERIFY(!repo.remove(*id, QStringLiteral("bob")).has_value());
        QCOMPARE(repo.list()->size(), 1);
        AuditQuery q;
        q.actionPrefix = QStringLiteral("blocklist.");
        q.newestFirst = false;
        auto events = AuditLog::query(**db, q);
        QVERIFY(events && events->size() == 3);
        QCOMPARE(events->at(2).action, QString(audit::BlocklistRemove));
        QCOMPARE(events->at(2).operatorName, QStringLiteral("bob"));
        QCOMPARE(events->at(2).before.value(QLatin1String("pattern")).toString(), QStringLiteral("v[i1]agra"));
    }

    void passReviewRisky()
    {
        const qint64 before = secCheckCalls();
        auto v = check(QStringLiteral("Your order 1024 has shipped"));
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Pass, qPrintable(v.message));
        QVERIFY(v.allowsSend());
        QVERIFY(!v.stopStatus());
        QCOMPARE(v.verdictName(), QStringLiteral("pass"));
        QVERIFY(!v.traceId.isEmpty());

        v = check(QStringLiteral("A big DISCOUNT today"));
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Review, qPrintable(v.message));
        QCOMPARE(v.label, QStringLiteral("10001"));
        QCOMPARE(v.verdictName(), QStringLiteral("review"));
        QVERIFY(v.stopStatus() == BroadcastStatus::Held);
        QCOMPARE(ContentVerdict::labelName(v.label), QStringLiteral("advertising"));

        v = check(QStringLiteral("Come and gamble with us"));
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Risky, qPrintable(v.message));
        QCOMPARE(v.label, QStringLiteral("20001"));
        QCOMPARE(v.rule, QStringLiteral("gamble"));
        QCOMPARE(v.source, QStringLiteral("msg_sec_check"));
        QVERIFY(v.stopStatus() == BroadcastStatus::Blocked);
        QCOMPARE(secCheckCalls(), before + 3);
    }

    void blocklistComesFirst()
    {
        const qint64 before = secCheckCalls();
        const Blocklist list({rule(QStringLiteral("lottery"), false, QStringLiteral("fraud"))});
        auto v = check(QStringLiteral("You won the LOTTERY"), list);
        QVERIFY(v.outcome == ContentVerdict::Outcome::Risky);
        QCOMPARE(v.source, QStringLiteral("blocklist"));
        QCOMPARE(v.rule, QStringLiteral("lottery"));
        QCOMPARE(v.label, QStringLiteral("fraud"));
        QCOMPARE(secCheckCalls(), before); // decided locally, nothing sent
        v = check(QStringLiteral("Your parcel is here"), list);
        QVERIFY(v.outcome == ContentVerdict::Outcome::Pass);
        QCOMPARE(secCheckCalls(), before + 1);
    }

    void chunking()
    {
        QCOMPARE(ContentCheck::chunks(QString()).size(), 0);
        QCOMPARE(ContentCheck::chunks(QString(2500, QLatin1Char('a'))).size(), 1);
        const QString text = QString(6000, QLatin1Char('a'));
        const QStringList parts = ContentCheck::chunks(text);
        QCOMPARE(parts.size(), 3);
        for (const auto &p : parts)
            QVERIFY(p.size() <= ContentCheck::kChunkSize);
        QCOMPARE(parts.at(0).size(), 2500);
        // Never splits a surrogate pair: every chunk is valid UTF-16.
        QString emoji;
        for (int i = 0; i < 3000; ++i)
            emoji += QString::fromUcs4(U"\U0001F600");
        for (const auto &p : ContentCheck::chunks(emoji)) {
            QVERIFY(p.size() <= ContentCheck::kChunkSize);
            QVERIFY(!p.front().isLowSurrogate());
            QVERIFY(!p.back().isHighSurrogate());
        }
    }

    void longTextsAreCheckedInChunks()
    {
        const QString filler = QString(6000, QLatin1Char('a'));
        qint64 before = secCheckCalls();
        auto v = check(filler);
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Pass, qPrintable(v.message));
        QCOMPARE(secCheckCalls(), before + 3);

        // The word in the last chunk decides, worst verdict wins.
        QString risky = filler;
        risky.replace(5500, 6, QStringLiteral("gamble"));
        risky.replace(100, 8, QStringLiteral("discount"));
        before = secCheckCalls();
        v = check(risky);
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Risky, qPrintable(v.message));
        QCOMPARE(secCheckCalls(), before + 3);

        // A word across a chunk border is still seen whole.
        QString border = filler;
        border.replace(2497, 6, QStringLiteral("gamble"));
        v = check(border);
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Risky, qPrintable(v.message));

        // A review in the first chunk and nothing else: review.
        QString review = filler;
        review.replace(10, 8, QStringLiteral("discount"));
        QVERIFY(check(review).outcome == ContentVerdict::Outcome::Review);
    }

    void unreachableIsNeverPass_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("closed port") << 0;
        QTest::newRow("bad token") << 1;
        QTest::newRow("unknown openid") << 2;
        QTest::newRow("no openid") << 3;
        QTest::newRow("no upstream") << 4;
        QTest::newRow("http 5xx") << 5;
        QTest::newRow("malformed") << 6;
    }

    void unreachableIsNeverPass()
    {
        QFETCH(int, kind);
        ContentCheckTarget t = target();
        switch (kind) {
        case 0: t.wechatBase = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(testsupport::freePort())); break;
        case 1: t.accessToken = QStringLiteral("not-a-token"); break;
        case 2: t.openid = QStringLiteral("o_stranger"); break;
        case 3: t.openid.clear(); break;
        case 4: t.wechatBase = QUrl(); break;
        case 5: setFaults({{QStringLiteral("http5xx_rate"), 1}}); break;
        case 6: setFaults({{QStringLiteral("malformed_rate"), 1}}); break;
        }
        ContentCheck c(&m_nam, t, Blocklist());
        const ContentVerdict v = run(c, QStringLiteral("Your order has shipped"));
        setFaults({});
        QVERIFY2(v.outcome == ContentVerdict::Outcome::Unreachable, qPrintable(v.verdictName()));
        QVERIFY(!v.allowsSend());
        QVERIFY(v.stopStatus() == BroadcastStatus::Held);
        QCOMPARE(v.verdictName(), QStringLiteral("unreachable"));
        QVERIFY(!v.message.isEmpty());
        if (kind == 1)
            QCOMPARE(v.errcode, 40001);
        if (kind == 2)
            QCOMPARE(v.errcode, 40003);
        if (kind == 5)
            QVERIFY(v.httpStatus >= 500);
    }

    void parsesAnswers()
    {
        auto v = ContentCheck::parseAnswer(200, QByteArrayLiteral("not json"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Unreachable);
        v = ContentCheck::parseAnswer(502, QByteArrayLiteral("{\"errcode\":0,\"result\":{\"suggest\":\"pass\"}}"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Unreachable);
        QCOMPARE(v.httpStatus, 502);
        v = ContentCheck::parseAnswer(200, QByteArrayLiteral("{\"errcode\":-1,\"errmsg\":\"system busy\"}"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Unreachable);
        QCOMPARE(v.errcode, -1);
        v = ContentCheck::parseAnswer(200, QByteArrayLiteral("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Unreachable); // no verdict is not a pass
        v = ContentCheck::parseAnswer(200, QByteArrayLiteral("{\"errcode\":0,\"result\":{\"suggest\":\"risky\",\"label\":\"20006\"}}"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Risky);
        QCOMPARE(v.label, QStringLiteral("20006"));
        v = ContentCheck::parseAnswer(200, QByteArrayLiteral("{\"errcode\":87014,\"errmsg\":\"risky content\"}"));
        QVERIFY(v.outcome == ContentVerdict::Outcome::Risky);
    }

    void destroyedCheckNeverCallsBack()
    {
        bool called = false;
        {
            // One check in flight on the network, one decided locally and queued.
            ContentCheck c(&m_nam, target(), Blocklist({rule(QStringLiteral("lottery"), false, QStringLiteral("fraud"))}));
            c.check(QStringLiteral("Your order has shipped"), [&](const ContentVerdict &) { called = true; });
            c.check(QStringLiteral("You won the lottery"), [&](const ContentVerdict &) { called = true; });
        }
        // Let the aborted reply and any queued call run.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestContentCheck)
#include "tst_contentcheck.moc"
