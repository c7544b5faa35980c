// Repositories and listings against a real SQLite file.
#include "console/deliverylog.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/database.h"
#include "store/listing.h"
#include "store/subscriberrepository.h"
#include "store/walcheckpointer.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace pushdesk;

class TestRepositories : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    qint64 m_appId = 0;
    qint64 m_templateId = 0;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db.reset();
        QFile::remove(testsupport::databasePath(m_dir));
        auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("repo"));
        QVERIFY(db.has_value());
        m_db = std::move(*db);
        App app;
        app.name = QStringLiteral("shop");
        app.appid = QStringLiteral("wxshop");
        auto id = AppRepository(*m_db).create(app);
        QVERIFY2(id.has_value(), id ? "" : qPrintable(id.error().message));
        m_appId = *id;
        Template t;
        t.appId = m_appId;
        t.name = QStringLiteral("notice");
        t.csText = QStringLiteral("Hi {{nickname}}, {{message}}");
        t.wechatTemplateId = QStringLiteral("TPL1");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("{{message}}")}};
        auto tid = TemplateRepository(*m_db).create(t);
        QVERIFY(tid.has_value());
        m_templateId = *tid;
    }

    void cleanup() { m_db.reset(); }

    void appsRoundTrip()
    {
        AppRepository apps(*m_db);
        auto a = apps.findByName(QStringLiteral("shop"));
        QVERIFY(a && *a);
        QCOMPARE((*a)->appid, QStringLiteral("wxshop"));
        QCOMPARE((*a)->creditScore, 100);
        QVERIFY((*a)->status == AppStatus::Active);
        App changed = **a;
        changed.status = AppStatus::Suspended;
        changed.suspendedUntil = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000);
        changed.creditScore = 55;
        QVERIFY(apps.update(changed).has_value());
        auto again = apps.findById(changed.id);
        QVERIFY(again && *again);
        QVERIFY((*again)->status == AppStatus::Suspended);
        QCOMPARE((*again)->creditScore, 55);
        QCOMPARE((*again)->suspendedUntil.toMSecsSinceEpoch(), qint64(1'800'000'000'000));
        App dup;
        dup.name = QStringLiteral("shop");
        QVERIFY(!apps.create(dup).has_value()); // names are unique
        auto none = apps.findByName(QStringLiteral("nope"));
        QVERIFY(none && !*none);
    }

    void templatesKeepEveryChannel()
    {
        auto t = TemplateRepository(*m_db).findByName(m_appId, QStringLiteral("notice"));
        QVERIFY(t && *t);
        QCOMPARE((*t)->csText, QStringLiteral("Hi {{nickname}}, {{message}}"));
        QCOMPARE((*t)->wechatFields.size(), 1);
        QCOMPARE((*t)->wechatFields.first().first, QStringLiteral("thing1"));
        QCOMPARE((*t)->placeholders(), (QStringList{QStringLiteral("nickname"), QStringLiteral("message")}));
    }

    void subscribersBindingsAndAudience()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list;
        for (int i = 0; i < 25; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("o%1").arg(i);
            s.nickname = QStringLiteral("user %1").arg(i);
            s.tags = i % 2 ? QStringList{QStringLiteral("vip")} : QStringList{};
            list.append(s);
        }
        QVERIFY(subs.createMany(list).has_value());
        QVERIFY(list.last().id > list.first().id);
        QCOMPARE(*subs.count(), qint64(25));
        // Openids are unique: a duplicate fails and the whole batch is rolled back.
        QList<Subscriber> dup{list.first(), Subscriber{}};
        dup[0].id = 0;
        QVERIFY(!subs.createMany(dup).has_value());
        QCOMPARE(*subs.count(), qint64(25));

        QList<Binding> bindings;
        for (int i = 0; i < 25; ++i) {
            Binding b;
            b.subscriberId = list[i].id;
            b.appId = m_appId;
            b.state = i < 20 ? BindingState::Active : BindingState::Blocked;
            b.reminder = i < 15 ? Reminder::Strong : Reminder::Weak;
            b.channels = {Channel::WeChat, Channel::Bark};
            bindings.append(b);
        }
        QVERIFY(subs.upsertBindings(bindings).has_value());
        QCOMPARE(*subs.audienceCount(m_appId), qint64(15));
        // Upsert changes, never duplicates.
        bindings[0].reminder = Reminder::None;
        QVERIFY(subs.upsertBinding(bindings[0]).has_value());
        QCOMPARE(*subs.audienceCount(m_appId), qint64(14));
        auto b0 = subs.binding(list[0].id, m_appId);
        QVERIFY(b0 && *b0);
        QVERIFY((*b0)->reminder == Reminder::None);
        QVERIFY(((*b0)->channels == QList<Channel>{Channel::WeChat, Channel::Bark}));

        // Paging in subscriber order, never repeating anybody.
        QList<qint64> seen;
        qint64 cursor = 0;
        for (;;) {
            auto page = subs.audiencePage(m_appId, cursor, 4);
            QVERIFY(page.has_value());
            if (page->isEmpty())
                break;
            for (const auto &m : *page) {
                QVERIFY(m.subscriber.id > cursor);
                QVERIFY(m.binding.state == BindingState::Active);
                QVERIFY(m.binding.reminder == Reminder::Strong);
                seen.append(m.subscriber.id);
            }
            cursor = page->last().subscriber.id;
        }
        QCOMPARE(seen.size(), 14);
    }

    void planRecordAndRecover()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list(3);
        for (int i = 0; i < 3; ++i)
            list[i].mpOpenid = QStringLiteral("r%1").arg(i);
        QVERIFY(subs.createMany(list).has_value());
        BroadcastRepository repo(*m_db);
        Broadcast b;
        b.appId = m_appId;
        b.templateId = m_templateId;
        b.variables = {{QStringLiteral("message"), QStringLiteral("hello")}};
        auto id = repo.create(b);
        QVERIFY(id.has_value());
        QList<PlannedDelivery> rows{{list[0].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}},
                                    {list[1].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}},
                                    {list[2].id, Channel::WeChat, DeliveryState::Skipped, QStringLiteral("opted out"), {}, {}}};
        QList<qint64> ids;
        auto added = repo.plan(*id, m_appId, rows, list[2].id, true, &ids);
        QVERIFY(added.has_value());
        QCOMPARE(added->total, qint64(3));
        QCOMPARE(added->pending, qint64(2));
        // Each row's new id, in the order of rows: the ones the pending page reads back.
        QCOMPARE(ids.size(), 3);
        QVERIFY(ids[0] > 0 && ids[1] > ids[0] && ids[2] > ids[1]);
        {
            auto pending = repo.pendingPage(*id, 0, 10);
            QVERIFY(pending.has_value());
            QCOMPARE(pending->size(), 2);
            QCOMPARE(pending->at(0).deliveryId, ids[0]);
            QCOMPARE(pending->at(1).deliveryId, ids[1]);
        }
        // Planning again adds nothing: one row per (broadcast, subscriber, channel), and no new id.
        auto again = repo.plan(*id, m_appId, rows, list[2].id, true, &ids);
        QVERIFY(again.has_value());
        QCOMPARE(again->total, qint64(0));
        QCOMPARE(ids, (QList<qint64>{0, 0, 0}));
        // Each row carries its broadcast's app (the Send log's app filter reads it off (app_id, id)).
        {
            QSqlQuery q(m_db->db());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE app_id = %1").arg(m_appId)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), qint64(3));
        }

        auto pending = repo.pendingPage(*id, 0, 10);
        QVERIFY(pending.has_value());
        QCOMPARE(pending->size(), 2);
        QCOMPARE(pending->first().subscriber.mpOpenid, QStringLiteral("r0"));
        QVERIFY(repo.markInFlight({pending->at(0).deliveryId, pending->at(1).deliveryId}).has_value());
        DeliveryOutcome ok;
        ok.deliveryId = pending->at(0).deliveryId;
        ok.state = DeliveryState::Sent;
        ok.msgid = QStringLiteral("3717005636572528642");
        ok.route = QStringLiteral("template");
        QVERIFY(repo.record(*id, {ok}).has_value());
        // The second one was in flight when "the process died".
        auto uncertain = repo.markInFlightUncertain(*id);
        QVERIFY(uncertain.has_value());
        QCOMPARE(*uncertain, 1);
        auto counters = repo.recount(*id);
        QVERIFY(counters.has_value());
        QCOMPARE(counters->sent, qint64(1));
        QCOMPARE(counters->skipped, qint64(1));
        QCOMPARE(counters->uncertain, qint64(1));
        auto stored = repo.findById(*id);
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->counters.sent, qint64(1));
        QCOMPARE((*stored)->counters.uncertain, qint64(1));
        QCOMPARE((*stored)->counters.total, qint64(3));
        auto sent = repo.deliveries(*id, DeliveryState::Sent);
        QVERIFY(sent.has_value());
        QCOMPARE(sent->size(), 1);
        QCOMPARE(sent->first().msgid, QStringLiteral("3717005636572528642")); // beyond 2^53, kept exactly
        // A recorded row cannot be overwritten by a late result.
        ok.state = DeliveryState::Failed;
        QVERIFY(repo.record(*id, {ok}).has_value());
        QCOMPARE(repo.recount(*id)->sent, qint64(1));
    }

    void listingsSortFilterAndCount()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list;
        for (int i = 0; i < 30; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("open%1").arg(i, 2, 10, QLatin1Char('0'));
            s.nickname = i < 10 ? QStringLiteral("Alice %1").arg(i) : QStringLiteral("Bob %1").arg(i);
            list.append(s);
        }
        QVERIFY(subs.createMany(list).has_value());
        const ListingSpec spec = Listing::subscribers();
        ListingFilter filter;
        QCOMPARE(*Listing::count(*m_db, spec, filter), qint64(30));
        filter.search = QStringLiteral("Alice");
        QCOMPARE(*Listing::count(*m_db, spec, filter), qint64(10));
        filter.search = QStringLiteral("open2");
        QCOMPARE(*Listing::count(*m_db, spec, filter), qint64(10));
        filter.search.clear();
        filter.sortKey = QStringLiteral("nickname");
        filter.order = Qt::DescendingOrder;
        auto rows = Listing::fetch(*m_db, spec, filter, 0, 5);
        QVERIFY(rows.has_value());
        QCOMPARE(rows->size(), 5);
        QVERIFY(rows->first().values.at(spec.columnIndex(QStringLiteral("nickname"))).toString().startsWith(QStringLiteral("Bob")));
        auto tail = Listing::fetch(*m_db, spec, filter, 28, 5);
        QCOMPARE(tail->size(), 2);
        // SQL text in a search is data, not SQL.
        filter.search = QStringLiteral("x' OR '1'='1");
        QCOMPARE(*Listing::count(*m_db, spec, filter), qint64(0));
        for (const auto &s : {Listing::apps(), Listing::templates(), Listing::broadcasts(), Listing::deliveries()})
            QVERIFY(Listing::fetch(*m_db, s, {}, 0, 10).has_value());
    }

    // The Subscribers search: the beginning of the openid (as typed), of the nickname or e-mail (ASCII
    // letters in any case, Chinese as typed), or a tag exactly; wildcards are plain characters.
    void subscriberSearchSemantics()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list;
        auto add = [&](const QString &openid, const QString &nickname, const QString &email, const QStringList &tags) {
            Subscriber s;
            s.mpOpenid = openid;
            s.nickname = nickname;
            s.email = email;
            s.tags = tags;
            list.append(s);
        };
        add(QStringLiteral("o6_bmjAAA"), QStringLiteral("Emma Wang"), QStringLiteral("Emma.Wang@163.com"), {QStringLiteral("vip")});
        add(QStringLiteral("o6_bmjAAB"), QStringLiteral("王伟"), QStringLiteral("12345@qq.com"), {QStringLiteral("员工")});
        add(QStringLiteral("o6_bmjaab"), QStringLiteral("王芳"), QString(), {QStringLiteral("vip"), QStringLiteral("北京")});
        add(QStringLiteral("o6_bmjX%Y"), QStringLiteral("a_b"), QStringLiteral("emmanuel@example.com"), {});
        add(QStringLiteral("o6_bmjXzY"), QStringLiteral("axb 🙂"), QString(), {QStringLiteral("vipx")});
        QVERIFY(subs.createMany(list).has_value());
        const ListingSpec spec = Listing::subscribers();
        auto ids = [&](const QString &text) {
            ListingFilter f;
            f.search = text;
            QList<qint64> out;
            if (auto rows = Listing::fetch(*m_db, spec, f, 0, 50))
                for (const ListingRow &r : std::as_const(*rows))
                    out.append(r.id);
            const qint64 counted = Listing::count(*m_db, spec, f).value_or(-1);
            return counted == out.size() ? out : QList<qint64>{-1}; // count and rows agree
        };
        const qint64 emma = list[0].id, wei = list[1].id, fang = list[2].id, under = list[3].id, smile = list[4].id;
        QCOMPARE(ids(QStringLiteral("o6_bmjAAB")), (QList<qint64>{wei}));        // openid exactly
        QCOMPARE(ids(QStringLiteral("o6_bmjAA")), (QList<qint64>{emma, wei}));   // openid prefix, as typed
        QCOMPARE(ids(QStringLiteral("o6_bmjaa")), (QList<qint64>{fang}));
        QCOMPARE(ids(QStringLiteral("emma")), (QList<qint64>{emma, under}));     // nickname or e-mail, any case
        QCOMPARE(ids(QStringLiteral("EMMA.w")), (QList<qint64>{emma}));
        QCOMPARE(ids(QStringLiteral("王")), (QList<qint64>{wei, fang}));        // Chinese nicknames
        QCOMPARE(ids(QStringLiteral("王伟")), (QList<qint64>{wei}));
        QCOMPARE(ids(QStringLiteral("123")), (QList<qint64>{wei}));
        QCOMPARE(ids(QStringLiteral("vip")), (QList<qint64>{emma, fang}));       // a tag exactly, not "vipx"
        QCOMPARE(ids(QStringLiteral("北京")), (QList<qint64>{fang}));
        QCOMPARE(ids(QStringLiteral("a_b")), (QList<qint64>{under}));            // "_" is no wildcard
        QCOMPARE(ids(QStringLiteral("o6_bmjX%")), (QList<qint64>{under}));       // nor is "%"
        QCOMPARE(ids(QStringLiteral("axb 🙂")), (QList<qint64>{smile}));        // beyond the BMP
        QCOMPARE(ids(QStringLiteral("mma")), QList<qint64>{});                    // the beginning, not the middle
        QCOMPARE(ids(QStringLiteral("  王伟 ")), (QList<qint64>{wei}));           // surrounding blanks ignored

        // Counting stops at the bound asked for.
        ListingFilter all;
        QCOMPARE(*Listing::count(*m_db, spec, all, 3), qint64(3));
        QCOMPARE(*Listing::count(*m_db, spec, all, 100), qint64(5));
        all.search = QStringLiteral("o6_bmj");
        QCOMPARE(*Listing::count(*m_db, spec, all, 2), qint64(2));
    }

    // Under no sort chosen by the operator, a search lists its matches part by part: by openid, then nickname,
    // then e-mail (each in that order, then by id), then the holders of the tag by id; each row once, under the
    // first part it matches. Pages that continue after the last row (as the model asks) and pages that skip
    // rows by offset list the same rows, and the count agrees.
    void subscriberSearchInMatchOrderAcrossPages()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list;
        auto add = [&](const QString &openid, const QString &nickname, const QString &email, const QStringList &tags,
                       bool optedOut = false) {
            Subscriber s;
            s.mpOpenid = openid;
            s.nickname = nickname;
            s.email = email;
            s.tags = tags;
            s.optedOut = optedOut;
            list.append(s);
            return int(list.size()) - 1;
        };
        const QStringList vip{QStringLiteral("vip")};
        QList<int> holders; // tag only, in id order
        for (int i = 0; i < 7; ++i)
            holders.append(add(QStringLiteral("o-%1").arg(i), QStringLiteral("Holder %1").arg(i), QString(), vip));
        const int carl = add(QStringLiteral("o-carl"), QStringLiteral("Carl"), QStringLiteral("VIP@corp.example"), vip);
        const int bob = add(QStringLiteral("o-bob"), QStringLiteral("Vip bob"), QString(), {});
        const int annB = add(QStringLiteral("o-ann2"), QStringLiteral("vip Ann"), QStringLiteral("vip.ann@example.com"), vip);
        const int annA = add(QStringLiteral("o-ann1"), QStringLiteral("VIP Ann"), QString(), vip, true);
        const int byOpenid = add(QStringLiteral("vip-openid"), QStringLiteral("Zed"), QStringLiteral("vip@zed.example"), vip);
        holders.append(add(QString(), QStringLiteral("No openid"), QString(), vip)); // NULL openid: still listed
        for (int i = 0; i < 4; ++i)
            holders.append(add(QStringLiteral("o-late-%1").arg(i), QStringLiteral("Late %1").arg(i), QString(), vip));
        add(QStringLiteral("o-other"), QStringLiteral("Other"), QStringLiteral("other@example.com"), {QStringLiteral("vipx")});
        QVERIFY(subs.createMany(list).has_value());

        // openid; nickname "vip ann" twice (by id), "vip bob"; e-mail; the tag's other holders by id.
        QList<qint64> expected{list[byOpenid].id, list[annB].id, list[annA].id, list[bob].id, list[carl].id};
        for (int i : std::as_const(holders))
            expected.append(list[i].id);
        const ListingSpec spec = Listing::subscribers();
        ListingFilter f;
        f.search = QStringLiteral(" vip "); // the openid as typed; nickname and e-mail in any case
        QVERIFY(Listing::ordersByMatch(spec, f));
        QCOMPARE(*Listing::count(*m_db, spec, f), qint64(expected.size()));
        // Bounded counts: the tag alone has 16 holders, the union 17 people.
        QCOMPARE(*Listing::count(*m_db, spec, f, 100), qint64(expected.size()));
        QCOMPARE(*Listing::count(*m_db, spec, f, 17), qint64(17));
        QCOMPARE(*Listing::count(*m_db, spec, f, 16), qint64(16));
        QCOMPARE(*Listing::count(*m_db, spec, f, 5), qint64(5));
        auto all = Listing::fetch(*m_db, spec, f, 0, 100);
        QVERIFY2(all, all ? "" : qPrintable(all.error().message));
        QList<qint64> ids;
        for (const ListingRow &r : std::as_const(*all))
            ids.append(r.id);
        QCOMPARE(ids, expected);
        QCOMPARE(all->first().part, 0); // openid
        QCOMPARE(all->at(1).part, 1);   // nickname
        QCOMPARE(all->at(1).key.toString(), QStringLiteral("vip ann"));
        QCOMPARE(all->at(4).part, 2);   // e-mail
        QCOMPARE(all->last().part, 3);  // the tag

        for (int pageSize : {1, 2, 3, 5, 7}) {
            QList<qint64> byCursor, byOffset;
            ListingFilter page = f;
            for (int guard = 0; guard < 100; ++guard) {
                auto rows = Listing::fetch(*m_db, spec, page, int(byCursor.size()), pageSize);
                QVERIFY2(rows, rows ? "" : qPrintable(rows.error().message));
                for (const ListingRow &r : std::as_const(*rows))
                    byCursor.append(r.id);
                if (rows->size() < pageSize)
                    break;
                page.afterId = rows->last().id;
                page.afterPart = rows->last().part;
                page.afterKey = rows->last().key;
            }
            for (int offset = 0; offset <= expected.size(); offset += pageSize) {
                auto rows = Listing::fetch(*m_db, spec, f, offset, pageSize);
                QVERIFY(rows.has_value());
                for (const ListingRow &r : std::as_const(*rows))
                    byOffset.append(r.id);
            }
            QCOMPARE(byCursor, expected);
            QCOMPARE(byOffset, expected);
        }

        // With an equality filter too; and a column chosen by the operator orders as before (by id here).
        ListingFilter optedOut = f;
        optedOut.equals = {{QStringLiteral("opted_out"), 1}};
        auto one = Listing::fetch(*m_db, spec, optedOut, 0, 10);
        QVERIFY(one && one->size() == 1);
        QCOMPARE(one->first().id, list[annA].id);
        QCOMPARE(*Listing::count(*m_db, spec, optedOut, 100), qint64(1));
        QCOMPARE(*Listing::count(*m_db, spec, optedOut), qint64(1));
        ListingFilter byId = f;
        byId.sortKey = QStringLiteral("id");
        QVERIFY(!Listing::ordersByMatch(spec, byId));
        auto sorted = Listing::fetch(*m_db, spec, byId, 0, 100);
        QVERIFY(sorted.has_value());
        QList<qint64> sortedIds;
        for (const ListingRow &r : std::as_const(*sorted))
            sortedIds.append(r.id);
        QList<qint64> expectedById = expected;
        std::sort(expectedById.begin(), expectedById.end());
        QCOMPARE(sortedIds, expectedById);
        // Only a search is ordered by its matches.
        QVERIFY(!Listing::ordersByMatch(spec, ListingFilter{}));
    }

    // Every tag in use, once, sorted, at most the limit.
    void knownTagsAreDistinctAndSorted()
    {
        SubscriberRepository subs(*m_db);
        QCOMPARE(*subs.knownTags(), QStringList());
        QList<Subscriber> list;
        const QList<QStringList> tags{{QStringLiteral("vip"), QStringLiteral("北京")},
                                      {QStringLiteral("员工"), QStringLiteral("vip")},
                                      {},
                                      {QStringLiteral("a-team"), QStringLiteral("北京"), QStringLiteral("vip")}};
        for (const QStringList &t : tags) {
            Subscriber s;
            s.nickname = QStringLiteral("x");
            s.tags = t;
            list.append(s);
        }
        QVERIFY(subs.createMany(list).has_value());
        const QStringList expected{QStringLiteral("a-team"), QStringLiteral("vip"), QStringLiteral("北京"),
                                   QStringLiteral("员工")};
        auto known = subs.knownTags();
        QVERIFY2(known, known ? "" : qPrintable(known.error().message));
        QCOMPARE(*known, expected);
        QCOMPARE(*subs.knownTags(2), expected.mid(0, 2));
    }

    // Pages by id continue after the last id loaded, in either order, with filters; other sorts skip rows.
    void listingKeysetPaging()
    {
        SubscriberRepository subs(*m_db);
        QList<Subscriber> list;
        for (int i = 0; i < 25; ++i) {
            Subscriber s;
            s.mpOpenid = QStringLiteral("k%1").arg(i, 2, 10, QLatin1Char('0'));
            s.nickname = i % 2 ? QStringLiteral("Odd %1").arg(i) : QStringLiteral("Even %1").arg(i);
            list.append(s);
        }
        QVERIFY(subs.createMany(list).has_value());
        const ListingSpec spec = Listing::subscribers();
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            ListingFilter f;
            f.search = QStringLiteral("odd");
            f.sortKey = QStringLiteral("id");
            f.order = order;
            QList<qint64> seen;
            for (int guard = 0; guard < 10; ++guard) {
                auto page = Listing::fetch(*m_db, spec, f, int(seen.size()), 5);
                QVERIFY(page.has_value());
                for (const ListingRow &r : std::as_const(*page))
                    seen.append(r.id);
                if (page->size() < 5)
                    break;
                f.afterId = page->last().id;
            }
            QCOMPARE(seen.size(), 12);
            for (int i = 1; i < seen.size(); ++i)
                QVERIFY(order == Qt::AscendingOrder ? seen[i] > seen[i - 1] : seen[i] < seen[i - 1]);
        }
        // Sorted by another column, afterId is not a position: the offset is.
        ListingFilter byName;
        byName.sortKey = QStringLiteral("nickname");
        byName.afterId = list.first().id;
        auto second = Listing::fetch(*m_db, spec, byName, 5, 5);
        QVERIFY(second.has_value());
        QCOMPARE(second->size(), 5);
        byName.afterId = 0;
        auto same = Listing::fetch(*m_db, spec, byName, 5, 5);
        QCOMPARE(second->first().id, same->first().id);
    }
    // The Send log's subscriber filter (nickname, any case, or openid, beginning): the deliveries of the
    // people it names, newest first, page after page by the last id, each once. "Zed" names 2,100 people
    // (walked in the id's order), "Amy" 150 (their deliveries read off (subscriber_id, id)), "o0000" ten
    // openids; alone and with the broadcast filter; and the count, exact and bounded.
    void sendLogSearchByNicknameNewestFirstAcrossPages()
    {
        QList<Subscriber> list(2400);
        for (int i = 0; i < list.size(); ++i) {
            list[i].mpOpenid = QStringLiteral("o%1").arg(i, 5, 10, QLatin1Char('0'));
            list[i].nickname = QStringLiteral("%1 %2").arg(i < 2100 ? QStringLiteral("Zed") : i < 2250 ? QStringLiteral("Amy")
                                                                                                       : QStringLiteral("Bob"))
                                   .arg(i);
        }
        // Interleaved, so that neither order of people is the order of the ids.
        std::reverse(list.begin() + 2000, list.end());
        QVERIFY(SubscriberRepository(*m_db).createMany(list).has_value());
        BroadcastRepository repo(*m_db);
        Broadcast b;
        b.appId = m_appId;
        b.templateId = m_templateId;
        qint64 broadcasts[2] = {};
        for (qint64 &id : broadcasts) {
            auto created = repo.create(b);
            QVERIFY(created.has_value());
            id = *created;
        }
        // The first broadcast to everyone, the second to every third person, in an order of its own.
        QList<PlannedDelivery> everyone;
        QList<PlannedDelivery> some;
        for (int i = 0; i < list.size(); ++i) {
            everyone.append({list[i].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}});
            if (i % 3 == 0)
                some.prepend({list[i].id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}});
        }
        QVERIFY(repo.plan(broadcasts[0], m_appId, everyone, list.last().id, true).has_value());
        QVERIFY(repo.plan(broadcasts[1], m_appId, some, list.first().id, true).has_value());

        // What each filter should list, newest first, written without ranges or indexes.
        const auto expected = [&](const QString &text, qint64 broadcastId) {
            QSqlQuery q(m_db->db());
            q.prepare(QStringLiteral("SELECT d.id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
                                     "WHERE (substr(lower(s.nickname), 1, length(?)) = lower(?) OR substr(s.mp_openid, 1, length(?)) = ?) "
                                     "AND (? = 0 OR d.broadcast_id = ?) ORDER BY d.id DESC"));
            for (const QVariant &v : {QVariant(text), QVariant(text), QVariant(text), QVariant(text), QVariant(broadcastId), QVariant(broadcastId)})
                q.addBindValue(v);
            QList<qint64> ids;
            if (q.exec()) {
                while (q.next())
                    ids.append(q.value(0).toLongLong());
            }
            return ids;
        };
        const ListingSpec spec = DeliveryLog::spec();
        const int subscriberColumn = spec.columnIndex(QStringLiteral("subscriber"));
        struct Case {
            QString text;
            qint64 broadcastId;
            QString nicknameStart;
            qsizetype rows;
        };
        const QList<Case> cases{
            {QStringLiteral("zED"), 0, QStringLiteral("Zed "), 2100 + 700},
            {QStringLiteral("Zed"), broadcasts[1], QStringLiteral("Zed "), 700},
            {QStringLiteral("amy"), 0, QStringLiteral("Amy "), 150 + 50},
            {QStringLiteral("Amy"), broadcasts[0], QStringLiteral("Amy "), 150},
            {QStringLiteral("o0000"), 0, QStringLiteral("Zed "), 10 + 4},
        };
        for (const Case &c : cases) {
            DeliveryLogFilter filter;
            filter.search = c.text;
            filter.broadcastId = c.broadcastId;
            const QList<qint64> want = expected(c.text, c.broadcastId);
            QCOMPARE(want.size(), c.rows);
            QList<qint64> seen;
            ListingFilter order;
            for (int guard = 0; guard < 100; ++guard) {
                auto page = DeliveryLog::fetch(*m_db, spec, filter, order, int(seen.size()), 97);
                QVERIFY2(page.has_value(), page ? "" : qPrintable(page.error().message));
                for (const ListingRow &r : std::as_const(*page)) {
                    QVERIFY2(r.values.value(subscriberColumn).toString().startsWith(c.nicknameStart),
                             qPrintable(r.values.value(subscriberColumn).toString()));
                    seen.append(r.id);
                }
                if (page->size() < 97)
                    break;
                order.afterId = page->last().id;
            }
            QCOMPARE(seen, want);
            // Without a cursor, the second page by its offset is the same.
            ListingFilter byOffset;
            auto second = DeliveryLog::fetch(*m_db, spec, filter, byOffset, 97, 97);
            QVERIFY(second.has_value());
            QCOMPARE(second->size(), qMin<qsizetype>(97, qMax<qsizetype>(0, want.size() - 97)));
            for (int i = 0; i < second->size(); ++i)
                QCOMPARE(second->at(i).id, want.at(97 + i));
            auto all = DeliveryLog::count(*m_db, spec, filter);
            QVERIFY(all.has_value());
            QCOMPARE(*all, qint64(want.size()));
            auto bounded = DeliveryLog::count(*m_db, spec, filter, 100);
            QVERIFY(bounded.has_value());
            QCOMPARE(*bounded, qMin<qint64>(100, want.size()));
        }
        // Oldest first when the ID column is chosen ascending: the same rows, the other way round.
        DeliveryLogFilter zed;
        zed.search = QStringLiteral("Zed");
        ListingFilter ascending;
        ascending.sortKey = QStringLiteral("id");
        ascending.order = Qt::AscendingOrder;
        QList<qint64> seen;
        for (int guard = 0; guard < 100; ++guard) {
            auto page = DeliveryLog::fetch(*m_db, spec, zed, ascending, int(seen.size()), 500);
            QVERIFY(page.has_value());
            for (const ListingRow &r : std::as_const(*page))
                seen.append(r.id);
            if (page->size() < 500)
                break;
            ascending.afterId = page->last().id;
        }
        QList<qint64> want = expected(QStringLiteral("Zed"), 0);
        std::reverse(want.begin(), want.end());
        QCOMPARE(seen, want);
    }
    void checkpointsRunOnTheirOwnThread()
    {
        // The engine hands its connection's checkpoints to a WalCheckpointer. The handed-over connection no longer
        // copies its log back into the file by itself at SQLite's 1,000 pages, so 2,000 pages written through it
        // reach the database file only if the checkpoint thread copies them.
        const QString path = testsupport::databasePath(m_dir);
        QVERIFY(WalCheckpointer::handOver(*m_db).has_value());
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE ballast (b BLOB)")));
        auto write = [&]() {
            return m_db->transaction([&]() -> Result<void> {
                QSqlQuery insert(m_db->db());
                insert.prepare(QStringLiteral("INSERT INTO ballast (b) VALUES (?)"));
                for (int i = 0; i < 2000; ++i) {
                    insert.bindValue(0, QByteArray(4000, char('a' + i % 26)));
                    if (auto r = exec(insert); !r)
                        return r;
                }
                return {};
            });
        };
        QVERIFY(write().has_value());
        const qint64 before = QFileInfo(path).size();
        QVERIFY2(before < 4000 * 2000, qPrintable(QString::number(before))); // still in the log, not in the file

        WalCheckpointer checkpointer(m_db->config(), QStringLiteral("repo-checkpoint"), 20);
        checkpointer.start();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() >= 4000 * 2000, 30000);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM ballast")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2000);
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
