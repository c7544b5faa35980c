// The console's item models: QAbstractItemModelTester on ListingModel over every listing (apps,
// subscribers, templates, broadcasts, deliveries) while it pages, sorts and filters in SQL, with
// concrete values; and on the failures model of the progress panel.
#include "models/displaytext.h"
#include "models/failuremodel.h"
#include "models/listingmodel.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace pushdesk;

namespace {
constexpr int kSubscribers = 450;     // more than two pages of 200
constexpr int kFailed = 100;          // deliveries of the first broadcast recorded as failed
constexpr int kSent = 300;            // ... as sent; the rest stay pending
const QList<QPair<QString, QVariant>> kNoEquals;

// Fetches every remaining page, as a view scrolling to the end would.
void fetchAll(ListingModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
}

QString text(const ListingModel &model, int row, const QString &key)
{
    return model.index(row, model.columnOf(key)).data().toString();
}
} // namespace

class tst_UiModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void apps();
    void subscribersPageThroughFetchMore();
    void subscribersSortInSql();
    void subscribersFilterInSql();
    void subscribersSearchInMatchOrder();
    void subscribersFormatValues();
    void templatesFilterByApp();
    void broadcastsNewestFirst();
    void deliveriesFilterByBroadcastAndState();
    void deliveriesSearchByRecipient();
    void unsortableColumnIsIgnored();
    void failureModel();
    void displayText();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    qint64 m_alpha = 0;
    qint64 m_bravo = 0;
    qint64 m_charlie = 0;
    qint64 m_firstBroadcast = 0;
    qint64 m_secondBroadcast = 0;
    qint64 m_lastInteractionMs = 0;
};

void tst_UiModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto db = Database::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), QStringLiteral("tst-ui-models"));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
    m_db = std::move(*db);

    AppRepository apps(*m_db);
    // Created out of name order, so that sorting by name is visible.
    App charlie;
    charlie.name = QStringLiteral("Charlie");
    charlie.appid = QStringLiteral("wxcharlie");
    charlie.status = AppStatus::Suspended;
    App alpha;
    alpha.name = QStringLiteral("Alpha");
    alpha.appid = QStringLiteral("wxalpha");
    alpha.dailyQuota = 5000;
    App bravo;
    bravo.name = QStringLiteral("Bravo");
    bravo.kind = AppKind::MiniProgram;
    bravo.appid = QStringLiteral("wxbravo");
    for (auto [app, id] : {std::pair{&charlie, &m_charlie}, std::pair{&alpha, &m_alpha}, std::pair{&bravo, &m_bravo}}) {
        auto created = apps.create(*app);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        *id = *created;
    }

    // 450 subscribers: Ann / Bob / Cy in turn, so each name prefix matches 150.
    m_lastInteractionMs = QDateTime(QDate(2024, 3, 1), QTime(9, 30)).toMSecsSinceEpoch();
    const char *names[] = {"Ann", "Bob", "Cy"};
    QList<Subscriber> subscribers;
    for (int i = 0; i < kSubscribers; ++i) {
        Subscriber s;
        s.mpOpenid = QStringLiteral("o%1").arg(i, 4, 10, QLatin1Char('0'));
        s.nickname = QStringLiteral("%1 %2").arg(QLatin1String(names[i % 3])).arg(i, 3, 10, QLatin1Char('0'));
        s.email = QStringLiteral("user%1@example.com").arg(i);
        s.optedOut = i == 7;
        if (i % 2 == 0)
            s.lastInteraction = QDateTime::fromMSecsSinceEpoch(m_lastInteractionMs);
        subscribers.append(s);
    }
    SubscriberRepository subscriberRepo(*m_db);
    QVERIFY(subscriberRepo.createMany(subscribers));
    QList<Binding> bindings;
    for (const Subscriber &s : std::as_const(subscribers)) {
        Binding b;
        b.subscriberId = s.id;
        b.appId = m_alpha;
        bindings.append(b);
    }
    QVERIFY(subscriberRepo.upsertBindings(bindings));

    TemplateRepository templates(*m_db);
    qint64 firstTemplate = 0;
    for (auto [appId, name] : {std::pair{m_alpha, "Welcome"}, std::pair{m_alpha, "Reminder"}, std::pair{m_bravo, "Receipt"}}) {
        Template t;
        t.appId = appId;
        t.name = QString::fromLatin1(name);
        t.csText = QStringLiteral("Hi {{nickname}}");
        auto id = templates.create(t);
        QVERIFY(id);
        if (firstTemplate == 0)
            firstTemplate = *id;
    }

    BroadcastRepository broadcasts(*m_db);
    Broadcast b;
    b.appId = m_alpha;
    b.templateId = firstTemplate;
    b.createdBy = QStringLiteral("tester");
    auto first = broadcasts.create(b);
    auto second = broadcasts.create(b);
    QVERIFY(first && second);
    m_firstBroadcast = *first;
    m_secondBroadcast = *second;

    // The first broadcast: one WeChat row per subscriber; 300 sent, 100 failed, 50 left pending.
    QList<PlannedDelivery> rows;
    for (const Subscriber &s : std::as_const(subscribers))
        rows.append(PlannedDelivery{s.id, Channel::WeChat, DeliveryState::Pending, {}, {}, {}});
    QVERIFY(broadcasts.plan(m_firstBroadcast, m_alpha, rows, subscribers.last().id, true));
    auto pending = broadcasts.pendingPage(m_firstBroadcast, 0, kSubscribers);
    QVERIFY(pending);
    QCOMPARE(pending->size(), kSubscribers);
    QList<DeliveryOutcome> outcomes;
    for (int i = 0; i < kSent + kFailed; ++i) {
        DeliveryOutcome o;
        o.deliveryId = pending->at(i).deliveryId;
        o.attempts = 1;
        if (i < kSent) {
            o.state = DeliveryState::Sent;
            o.route = QStringLiteral("custom");
        } else {
            o.state = DeliveryState::Failed;
            o.errcode = 43004;
            o.errmsg = QStringLiteral("require subscribe");
            o.reason = QStringLiteral("the subscriber unfollowed the account");
        }
        outcomes.append(o);
    }
    QVERIFY(broadcasts.markInFlight([&] {
        QList<qint64> ids;
        for (const auto &o : std::as_const(outcomes))
            ids.append(o.deliveryId);
        return ids;
    }()));
    QVERIFY(broadcasts.record(m_firstBroadcast, outcomes));
    // The second broadcast: ten rows.
    QVERIFY(broadcasts.plan(m_secondBroadcast, m_alpha, rows.mid(0, 10), subscribers.at(9).id, true));
}

void tst_UiModels::cleanupTestCase()
{
    m_db.reset();
}

void tst_UiModels::apps()
{
    ListingModel model(*m_db, Listing::apps());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), Listing::apps().columns.size());
    QCOMPARE(model.headerData(model.columnOf(QStringLiteral("name")), Qt::Horizontal).toString(), QStringLiteral("Name"));
    QVERIFY(!model.canFetchMore({}));
    // Default order: by name.
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Alpha"));
    QCOMPARE(text(model, 2, QStringLiteral("name")), QStringLiteral("Charlie"));
    QCOMPARE(model.rowId(0), m_alpha);
    QCOMPARE(model.index(0, 0).data(ListingModel::IdRole).toLongLong(), m_alpha);
    QCOMPARE(model.rowOfId(m_bravo), 1);
    QCOMPARE(model.rowId(99), qint64(0));
    // Stored words read as labels.
    QCOMPARE(text(model, 1, QStringLiteral("kind")), QStringLiteral("Mini-program"));
    QCOMPARE(text(model, 2, QStringLiteral("status")), QStringLiteral("Suspended"));
    QCOMPARE(model.value(2, QStringLiteral("status")).toString(), QStringLiteral("suspended"));
    QCOMPARE(model.index(2, model.columnOf(QStringLiteral("status"))).data(ListingModel::RawValueRole).toString(),
             QStringLiteral("suspended"));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(model.columnOf(QStringLiteral("name")), Qt::DescendingOrder);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Charlie"));
    QCOMPARE(model.sortColumn(), model.columnOf(QStringLiteral("name")));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);

    model.sort(model.columnOf(QStringLiteral("daily_quota")), Qt::AscendingOrder);
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Alpha")); // 5000 < 100000

    model.setSearch(QStringLiteral("wxbr"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowId(0), m_bravo);
    QVERIFY(model.isFiltered());
    QCOMPARE(model.totalCount(), qint64(1));
    model.setSearch(QString());
    QCOMPARE(model.rowCount(), 3);
}

void tst_UiModels::subscribersPageThroughFetchMore()
{
    ListingModel model(*m_db, Listing::subscribers());
    QCOMPARE(model.pageSize(), 200);
    QCOMPARE(model.rowCount(), 200);
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // The tester asks for more itself, as a view would; then the test scrolls to the end.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() > 200);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kSubscribers);
    QVERIFY(!model.canFetchMore({}));
    // One page per insertion, in order, even with the tester asking for more inside the signals.
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 200);
    QCOMPARE(inserted.at(0).at(2).toInt(), 399);
    QCOMPARE(inserted.at(1).at(1).toInt(), 400);
    QCOMPARE(inserted.at(1).at(2).toInt(), kSubscribers - 1);
    model.fetchMore({}); // nothing more: no change
    QCOMPARE(model.rowCount(), kSubscribers);
    QCOMPARE(model.totalCount(), qint64(kSubscribers));

    // Ids are unique and in order across the pages (default sort: id ascending).
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.rowId(row) > model.rowId(row - 1));
    QCOMPARE(text(model, 449, QStringLiteral("mp_openid")), QStringLiteral("o0449"));

    // A smaller page size pages at that size after a reload.
    model.setPageSize(100);
    model.reload();
    QCOMPARE(model.rowCount(), 100);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kSubscribers);
}

void tst_UiModels::subscribersSortInSql()
{
    ListingModel model(*m_db, Listing::subscribers());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int nickname = model.columnOf(QStringLiteral("nickname"));
    model.sort(nickname, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 200);
    // The whole table is sorted, not just the first page: "Cy 449" is the greatest nickname.
    QCOMPARE(text(model, 0, QStringLiteral("nickname")), QStringLiteral("Cy 449"));
    fetchAll(model);
    QCOMPARE(model.rowCount(), kSubscribers);
    QCOMPARE(text(model, kSubscribers - 1, QStringLiteral("nickname")), QStringLiteral("Ann 000"));
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(text(model, row - 1, QStringLiteral("nickname")) >= text(model, row, QStringLiteral("nickname")));

    model.sort(nickname, Qt::AscendingOrder);
    QCOMPARE(text(model, 0, QStringLiteral("nickname")), QStringLiteral("Ann 000"));
    QCOMPARE(model.rowCount(), 200); // a new sort starts from the first page
}

void tst_UiModels::subscribersFilterInSql()
{
    ListingModel model(*m_db, Listing::subscribers());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(QStringLiteral("Ann"));
    QCOMPARE(model.rowCount(), 150);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.totalCount(), qint64(150));
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(text(model, row, QStringLiteral("nickname")).startsWith(QLatin1String("Ann ")));

    model.setFilter(QStringLiteral("o000"));      // openid prefix: o0000 … o0009
    QCOMPARE(model.rowCount(), 10);
    model.setFilter(QStringLiteral("user44"));    // e-mail prefix: user44, user440 … user449
    QCOMPARE(model.rowCount(), 11);
    model.setFilter(QStringLiteral("nobody"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));

    // Equality filters combine with the search; an empty value means "any".
    model.setFilter(QStringLiteral("Bob"), {{QStringLiteral("opted_out"), 1}});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(text(model, 0, QStringLiteral("nickname")), QStringLiteral("Bob 007"));
    model.setFilter(QString(), {{QStringLiteral("opted_out"), QVariant()}});
    QCOMPARE(model.rowCount(), 200);
    QVERIFY(!model.isFiltered());
    QVERIFY(model.canFetchMore({}));
}

// A search under no chosen sort lists its matches in the order of the column they matched (here the e-mail,
// whose order is not the id's), page after page through fetchMore, each once; a column the operator picks
// orders them instead.
void tst_UiModels::subscribersSearchInMatchOrder()
{
    ListingModel model(*m_db, Listing::subscribers());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(20);
    model.setFilter(QStringLiteral("USER4")); // e-mail prefix, any case: user4, user40 … user49, user400 … user449
    QCOMPARE(model.sortColumn(), -1);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 61);
    QStringList emails;
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        emails.append(text(model, row, QStringLiteral("email")));
        ids.insert(model.rowId(row));
    }
    QCOMPARE(ids.size(), 61);
    QStringList sorted = emails;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(emails, sorted);
    QCOMPARE(emails.first(), QStringLiteral("user400@example.com")); // "0" sorts before "@"
    QCOMPARE(emails.last(), QStringLiteral("user4@example.com"));
    QCOMPARE(model.countUpTo(1000), qint64(61));

    // A nickname: 150 over eight pages, in nickname order, each once.
    model.setFilter(QStringLiteral("bob"));
    QCOMPARE(model.rowCount(), 20);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 150);
    ids.clear();
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(text(model, row, QStringLiteral("nickname")).startsWith(QLatin1String("Bob ")));
        if (row > 0)
            QVERIFY(text(model, row - 1, QStringLiteral("nickname")) < text(model, row, QStringLiteral("nickname")));
        ids.insert(model.rowId(row));
    }
    QCOMPARE(ids.size(), 150);

    // The operator's column wins, and stays chosen for the next search.
    model.sort(model.columnOf(QStringLiteral("id")), Qt::DescendingOrder);
    QCOMPARE(model.sortColumn(), model.columnOf(QStringLiteral("id")));
    fetchAll(model);
    QCOMPARE(model.rowCount(), 150);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.rowId(row) < model.rowId(row - 1));
    model.setFilter(QStringLiteral("user4"));
    fetchAll(model);
    QCOMPARE(model.rowCount(), 61);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.rowId(row) < model.rowId(row - 1));
    // No search: the listing's own order.
    ListingModel plain(*m_db, Listing::subscribers());
    QCOMPARE(plain.sortColumn(), plain.columnOf(QStringLiteral("id")));
}

void tst_UiModels::subscribersFormatValues()
{
    ListingModel model(*m_db, Listing::subscribers());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() >= 200);
    QCOMPARE(text(model, 7, QStringLiteral("opted_out")), QStringLiteral("Yes"));
    QCOMPARE(text(model, 6, QStringLiteral("opted_out")), QStringLiteral("No"));
    // Times: local date-time text; 0 reads "never".
    QCOMPARE(text(model, 0, QStringLiteral("last_interaction_at")),
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_lastInteractionMs), QLocale::ShortFormat));
    QCOMPARE(text(model, 1, QStringLiteral("last_interaction_at")), QStringLiteral("never"));
    QCOMPARE(model.value(1, QStringLiteral("last_interaction_at")).toLongLong(), qint64(0));
    // Ids read as they are, right-aligned.
    const QModelIndex id = model.index(0, model.columnOf(QStringLiteral("id")));
    QCOMPARE(id.data().toString(), QString::number(model.rowId(0)));
    QVERIFY(Qt::Alignment(id.data(Qt::TextAlignmentRole).toInt()) & Qt::AlignRight);
    QCOMPARE(model.headerData(model.columnOf(QStringLiteral("last_interaction_at")), Qt::Horizontal).toString(),
             QStringLiteral("Last interaction"));
}

void tst_UiModels::templatesFilterByApp()
{
    ListingModel model(*m_db, Listing::templates());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Receipt"));
    QCOMPARE(text(model, 0, QStringLiteral("app")), QStringLiteral("Bravo"));
    model.setEquals({{QStringLiteral("app_id"), m_alpha}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Reminder"));
    model.sort(model.columnOf(QStringLiteral("name")), Qt::DescendingOrder);
    QCOMPARE(text(model, 0, QStringLiteral("name")), QStringLiteral("Welcome"));
    model.setEquals({{QStringLiteral("app_id"), m_charlie}});
    QCOMPARE(model.rowCount(), 0);
}

void tst_UiModels::broadcastsNewestFirst()
{
    ListingModel model(*m_db, Listing::broadcasts());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowId(0), m_secondBroadcast);
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    QCOMPARE(text(model, 0, QStringLiteral("status")), QStringLiteral("Draft"));
    QCOMPARE(text(model, 1, QStringLiteral("sent")), QString::number(kSent));
    QCOMPARE(text(model, 1, QStringLiteral("failed")), QString::number(kFailed));
    QCOMPARE(text(model, 1, QStringLiteral("created_by")), QStringLiteral("tester"));
    QVERIFY(text(model, 1, QStringLiteral("created_at")) != QLatin1String("never"));
    model.sort(model.columnOf(QStringLiteral("id")), Qt::AscendingOrder);
    QCOMPARE(model.rowId(0), m_firstBroadcast);
    model.sort(model.columnOf(QStringLiteral("total")), Qt::DescendingOrder);
    QCOMPARE(model.rowId(0), m_firstBroadcast); // 450 rows before 10
}

void tst_UiModels::deliveriesFilterByBroadcastAndState()
{
    ListingModel model(*m_db, Listing::deliveries());
    QCOMPARE(model.rowCount(), 200);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kSubscribers + 10);

    model.setEquals({{QStringLiteral("broadcast_id"), m_secondBroadcast}, {QStringLiteral("state"), QVariant()}});
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(text(model, 0, QStringLiteral("state")), QStringLiteral("Pending"));
    QCOMPARE(text(model, 0, QStringLiteral("channel")), QStringLiteral("WeChat"));

    model.setEquals({{QStringLiteral("broadcast_id"), m_firstBroadcast}, {QStringLiteral("state"), QStringLiteral("failed")}});
    QCOMPARE(model.rowCount(), kFailed);
    QCOMPARE(model.totalCount(), qint64(kFailed));
    QCOMPARE(text(model, 0, QStringLiteral("errcode")), QStringLiteral("43004"));
    QCOMPARE(text(model, 0, QStringLiteral("reason")), QStringLiteral("the subscriber unfollowed the account"));
    QCOMPARE(text(model, 0, QStringLiteral("state")), QStringLiteral("Failed"));

    model.setEquals({{QStringLiteral("broadcast_id"), m_firstBroadcast}, {QStringLiteral("state"), QStringLiteral("sent")}});
    QCOMPARE(model.rowCount(), 200);
    fetchAll(model);
    QCOMPARE(model.rowCount(), kSent);
    QCOMPARE(text(model, 0, QStringLiteral("route")), QStringLiteral("Customer-service message"));

    model.setEquals({{QStringLiteral("broadcast_id"), m_firstBroadcast}, {QStringLiteral("state"), QStringLiteral("pending")}});
    QCOMPARE(model.rowCount(), kSubscribers - kSent - kFailed);
    model.setEquals({{QStringLiteral("state"), QStringLiteral("pending")}});
    QCOMPARE(model.rowCount(), kSubscribers - kSent - kFailed + 10);

    // Sorted by errcode, failures first when descending.
    model.setEquals({{QStringLiteral("broadcast_id"), m_firstBroadcast}});
    model.sort(model.columnOf(QStringLiteral("errcode")), Qt::DescendingOrder);
    QCOMPARE(text(model, 0, QStringLiteral("errcode")), QStringLiteral("43004"));
}

void tst_UiModels::deliveriesSearchByRecipient()
{
    ListingModel model(*m_db, Listing::deliveries());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(QStringLiteral("Cy 00"), {{QStringLiteral("broadcast_id"), m_secondBroadcast}});
    QCOMPARE(model.rowCount(), 3); // Cy 002, Cy 005, Cy 008 among the first ten
    QCOMPARE(text(model, 0, QStringLiteral("subscriber")), QStringLiteral("Cy 008")); // newest first
    model.setFilter(QStringLiteral("o0001"));
    QCOMPARE(model.rowCount(), 2); // one row in each broadcast
}

void tst_UiModels::unsortableColumnIsIgnored()
{
    ListingModel model(*m_db, Listing::subscribers());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(model.columnOf(QStringLiteral("tags")), Qt::DescendingOrder);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.sortColumn(), model.columnOf(QStringLiteral("id")));
    model.sort(model.columnOf(QStringLiteral("id")), Qt::AscendingOrder); // already so: no query
    model.sort(-1, Qt::AscendingOrder);
    model.sort(99, Qt::AscendingOrder);
    QCOMPARE(reset.size(), 0);
    QVERIFY(model.headerData(model.columnOf(QStringLiteral("tags")), Qt::Horizontal, Qt::ToolTipRole).toString().contains(
        QLatin1String("not sortable")));
}

void tst_UiModels::failureModel()
{
    FailureModel model;
    auto tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(FailureModel::ColumnCount));
    for (int i = 0; i < 3; ++i) {
        DeliveryFailure f;
        f.broadcastId = 1;
        f.deliveryId = 100 + i;
        f.recipient = QStringLiteral("o%1").arg(i);
        f.channel = i == 2 ? Channel::Bark : Channel::WeChat;
        f.errcode = i == 2 ? 0 : 43004;
        f.reason = QStringLiteral("require subscribe");
        model.append(f);
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, FailureModel::RecipientColumn).data().toString(), QStringLiteral("o0"));
    QCOMPARE(model.index(0, FailureModel::ErrcodeColumn).data().toString(), QStringLiteral("43004"));
    QCOMPARE(model.index(2, FailureModel::ErrcodeColumn).data().toString(), QString());
    QCOMPARE(model.index(2, FailureModel::ChannelColumn).data().toString(), QStringLiteral("Bark"));
    QCOMPARE(model.index(1, FailureModel::ReasonColumn).data(FailureModel::DeliveryIdRole).toLongLong(), qint64(101));
    QCOMPARE(model.headerData(FailureModel::ErrcodeColumn, Qt::Horizontal).toString(), QStringLiteral("Errcode"));

    // The cap (the tester re-checks every row on each insertion: too slow for thousands).
    tester.reset();
    for (int i = 0; i < FailureModel::kMaxRows + 5; ++i)
        model.append(DeliveryFailure{});
    QCOMPARE(model.rowCount(), FailureModel::kMaxRows);
    QCOMPARE(model.dropped(), qint64(8));
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.dropped(), qint64(0));
}

void tst_UiModels::displayText()
{
    QCOMPARE(DisplayText::label(QStringLiteral("in_flight")), QStringLiteral("In flight"));
    QCOMPARE(DisplayText::label(Channel::Email), QStringLiteral("E-mail"));
    QCOMPARE(DisplayText::label(QStringLiteral("something_new")), QStringLiteral("something_new"));
    QCOMPARE(DisplayText::dateTime(qint64(0)), QStringLiteral("never"));
    QCOMPARE(DisplayText::duration(-1), QStringLiteral("unknown"));
    QCOMPARE(DisplayText::duration(42), QStringLiteral("0:42"));
    QCOMPARE(DisplayText::duration(725), QStringLiteral("12:05"));
    QCOMPARE(DisplayText::duration(3 * 3600 + 2 * 60 + 10), QStringLiteral("3:02:10"));
    QCOMPARE(DisplayText::yesNo(true), QStringLiteral("Yes"));
}

QTEST_MAIN(tst_UiModels)
#include "tst_ui_models.moc"
