// The console at scale: a database of 1,000,000 subscribers and 1,000,000 deliveries, the real console
// (Workspace, MainWindow and its pages and ListingModels) on the offscreen platform, and the figures of
// issue 5's "Scale" quality, each against its target:
//   - the Subscribers page opens (built, shown, first rows painted)          target 1 s
//   - a search (openid exact, openid prefix, nickname, e-mail, tag) shows results  target 100 ms
//   - a Send log filter change (broadcast, app, subscriber, channel, state, errcode, time range)  200 ms
//   - the largest gap of a 5 ms heartbeat on the GUI thread during a 100,000-recipient broadcast through
//     the real engine against a sandbox process, started from the composer with its progress panel shown  50 ms
// Usage: pushdesk_scale --upstream http://127.0.0.1:PORT --db PATH [--subscribers N] [--deliveries N]
//                       [--recipients N] [--reps N]
// The database is seeded once (one transaction, prepared statements) and reused while it has N subscribers.
#include "console/settings.h"
#include "demo/sandboxseed.h"
#include "engine/broadcastengine.h"
#include "mainwindow.h"
#include "models/listingmodel.h"
#include "pages/broadcastprogresspanel.h"
#include "pages/composerpage.h"
#include "pages/confirmation.h"
#include "pages/sendlogpage.h"
#include "pages/subscriberspage.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

using namespace pushdesk;

namespace {

const QString kAppid = QStringLiteral("wxscale000000001");     // 1,000,000 bound subscribers, the send log
const QString kOpsAppid = QStringLiteral("wxscaleops000002");  // a second app with some broadcasts of its own
const QString kSendAppid = QStringLiteral("wxscalesend00003"); // the 100,000-recipient broadcast

quint64 mix(quint64 x) // splitmix64: the same data on every run
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// A WeChat-like openid: 28 characters, a fixed account prefix, then base64url-ish characters.
QString openidOf(qint64 i)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QString s = QStringLiteral("o6_bmj");
    quint64 h = mix(quint64(i));
    quint64 h2 = mix(h);
    for (int k = 0; k < 22; ++k) {
        quint64 &src = k < 10 ? h : h2;
        s.append(QLatin1Char(alphabet[src & 63]));
        src >>= 6;
    }
    return s;
}

const char *const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
const char *const kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
                              "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "小红"};
const char *const kPinyin[] = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
                               "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo"};
const char *const kEnglish[] = {"Emma", "Olivia", "Liam", "Noah", "Ava", "Sophia", "Lucas", "Mia",
                                "Ethan", "Chloe", "Leo", "Grace", "Jack", "Lily", "Ryan", "Zoe"};
const char *const kDomains[] = {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "example.com"};
const char *const kTags[] = {"vip", "beijing", "shanghai", "shenzhen", "new", "churn-risk", "员工", "测试组",
                             "driver", "dispatcher", "approver", "customer"};

struct Person {
    QString openid, nickname, email;
    QStringList tags;
};

Person personOf(qint64 i)
{
    const quint64 h = mix(quint64(i) * 7919);
    Person p;
    p.openid = openidOf(i);
    const int surname = int(h % 20);
    if (h % 10 < 7) {
        p.nickname = QString::fromUtf8(kSurnames[surname]) + QString::fromUtf8(kGiven[(h >> 8) % 24]);
        if ((h >> 16) % 4 == 0)
            p.nickname += QString::fromUtf8(kGiven[(h >> 20) % 24]);
    } else {
        p.nickname = QString::fromUtf8(kEnglish[(h >> 8) % 16]);
        if ((h >> 16) % 2 == 0)
            p.nickname += QLatin1Char(' ') + QString::fromLatin1(kPinyin[surname]).left(1).toUpper()
                + QString::fromLatin1(kPinyin[surname]).mid(1);
    }
    if ((h >> 24) % 10 < 6) {
        if ((h >> 28) % 3 == 0)
            p.email = QString::number(100000000 + (h >> 32) % 900000000) + QStringLiteral("@qq.com");
        else
            p.email = QStringLiteral("%1.%2%3@%4")
                          .arg(QString::fromLatin1(kEnglish[(h >> 8) % 16]).toLower(), QString::fromLatin1(kPinyin[surname]))
                          .arg(i)
                          .arg(QString::fromLatin1(kDomains[(h >> 36) % 6]));
    }
    // 0-3 tags; "vip" on about 5 %.
    const int tagCount = int((h >> 40) % 4);
    for (int k = 0; k < tagCount; ++k) {
        const QString tag = QString::fromUtf8(kTags[1 + (h >> (44 + 4 * k)) % 11]);
        if (!p.tags.contains(tag))
            p.tags.append(tag);
    }
    if ((h >> 60) % 20 == 0)
        p.tags.prepend(QStringLiteral("vip"));
    return p;
}

bool check(const Result<void> &r, const char *what)
{
    if (!r)
        fprintf(stderr, "%s: %s\n", what, qPrintable(r.error().message));
    return bool(r);
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.db());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

constexpr int kBroadcasts = 10; // the 1,000,000 deliveries, 100,000 per broadcast

bool seed(Database &db, qint64 n, qint64 deliveries, qint64 recipients)
{
    const qint64 now = nowMsecs();
    QElapsedTimer clock;
    clock.start();
    auto r = db.transaction([&]() -> Result<void> {
        QList<qint64> appIds;
        for (const QString &appid : {kAppid, kOpsAppid, kSendAppid}) {
            App app;
            app.name = appid == kAppid ? QStringLiteral("Dispatch") : appid == kOpsAppid ? QStringLiteral("Ops")
                                                                                        : QStringLiteral("Notices");
            app.appid = appid;
            app.upstream = QStringLiteral("http://127.0.0.1:1");
            app.dailyQuota = 0;
            auto id = AppRepository(db).create(app);
            if (!id)
                return std::unexpected(id.error());
            appIds.append(*id);
            Template t;
            t.appId = *id;
            t.name = QStringLiteral("notice");
            t.csText = QStringLiteral("您好 {{nickname}}，工单 {{order}} 已派发。");
            t.wechatTemplateId = QStringLiteral("TPL_SCALE");
            t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("工单 {{order}}")}};
            if (auto tid = TemplateRepository(db).create(t); !tid)
                return std::unexpected(tid.error());
        }
        QSqlQuery s(db.db());
        s.prepare(QStringLiteral("INSERT INTO subscribers (id, mp_openid, unionid, nickname, email, bark_key, opted_out, "
                                 "last_interaction_at, tags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        QSqlQuery tag(db.db());
        tag.prepare(QStringLiteral("INSERT INTO subscriber_tags (subscriber_id, tag) VALUES (?, ?)"));
        QSqlQuery bind(db.db());
        bind.prepare(QStringLiteral("INSERT INTO bindings (subscriber_id, app_id, state, reminder, channels, changed_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?)"));
        for (qint64 i = 1; i <= n; ++i) {
            const Person p = personOf(i);
            const quint64 h = mix(quint64(i) ^ 0xabcdefULL);
            s.bindValue(0, i);
            s.bindValue(1, p.openid);
            s.bindValue(2, QStringLiteral("oUNION") + p.openid.mid(6));
            s.bindValue(3, p.nickname);
            s.bindValue(4, p.email);
            s.bindValue(5, h % 5 == 0 ? p.openid.mid(6, 22) : QString());
            s.bindValue(6, h % 50 == 0 ? 1 : 0);
            s.bindValue(7, now - qint64(h % (30ULL * 86400)) * 1000);
            s.bindValue(8, p.tags.join(QLatin1Char(',')));
            s.bindValue(9, now - 90LL * 86400 * 1000 + i);
            if (auto e = exec(s); !e)
                return e;
            for (const QString &t : p.tags) {
                tag.bindValue(0, i);
                tag.bindValue(1, t);
                if (auto e = exec(tag); !e)
                    return e;
            }
            const bool sendAudience = i <= recipients;
            for (qint64 app : {appIds[0], sendAudience ? appIds[2] : 0}) {
                if (app == 0)
                    continue;
                bind.bindValue(0, i);
                bind.bindValue(1, app);
                bind.bindValue(2, app == appIds[2] ? QStringLiteral("active")
                                   : h % 20 == 0 ? QStringLiteral("muted") : QStringLiteral("active"));
                bind.bindValue(3, app == appIds[2] ? QStringLiteral("strong")
                                   : h % 10 == 1 ? QStringLiteral("weak") : QStringLiteral("strong"));
                bind.bindValue(4, app == appIds[2] ? QStringLiteral("wechat") : QStringLiteral("wechat,bark"));
                bind.bindValue(5, now - 60LL * 86400 * 1000);
                if (auto e = exec(bind); !e)
                    return e;
            }
            if (i % 200000 == 0)
                fprintf(stderr, "seed: %lld subscribers (%.0f s)\n", i, clock.elapsed() / 1000.0);
        }
        // Ten finished broadcasts over the last 30 days, two of them by the second app; their deliveries.
        QSqlQuery b(db.db());
        b.prepare(QStringLiteral("INSERT INTO broadcasts (app_id, template_id, status, created_at, started_at, finished_at, "
                                 "created_by, total, sent, failed) VALUES (?, ?, 'finished', ?, ?, ?, 'bench', ?, ?, ?)"));
        QSqlQuery d(db.db());
        d.prepare(QStringLiteral("INSERT INTO deliveries (broadcast_id, subscriber_id, channel, state, reason, attempts, "
                                 "http_status, errcode, errmsg, msgid, route, created_at, updated_at, app_id) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const qint64 perBroadcast = deliveries / kBroadcasts;
        for (int k = 0; k < kBroadcasts; ++k) {
            const qint64 app = (k == 2 || k == 6) ? appIds[1] : appIds[0];
            const qint64 start = now - (30 - 3 * k) * 86400LL * 1000;
            b.bindValue(0, app);
            b.bindValue(1, app == appIds[0] ? 1 : 2);
            b.bindValue(2, start - 600000);
            b.bindValue(3, start);
            b.bindValue(4, start + perBroadcast * 20);
            b.bindValue(5, perBroadcast);
            b.bindValue(6, perBroadcast * 85 / 100);
            b.bindValue(7, perBroadcast * 5 / 100);
            if (auto e = exec(b); !e)
                return e;
            const qint64 broadcastId = b.lastInsertId().toLongLong();
            for (qint64 j = 0; j < perBroadcast; ++j) {
                const qint64 subscriber = (k * 37000 + j) % n + 1;
                const quint64 h = mix(quint64(broadcastId) << 32 ^ quint64(j));
                const int c = int(h % 100);
                const QString channel = c < 60 ? QStringLiteral("wechat") : c < 80 ? QStringLiteral("bark")
                    : c < 90 ? QStringLiteral("email") : c < 95 ? QStringLiteral("miniprogram")
                    : c < 98 ? QStringLiteral("ntfy") : QStringLiteral("webhook");
                const int st = int((h >> 8) % 100);
                QString state = QStringLiteral("sent"), reason, errmsg, msgid, route;
                int errcode = 0, http = 200;
                if (st < 5) {
                    static const int codes[] = {43004, 45015, 40003, 45047, -1, 47003};
                    static const char *const msgs[] = {"require subscribe", "response out of time limit",
                                                       "invalid openid", "out of response count limit",
                                                       "system error", "argument invalid"};
                    const int e = int((h >> 16) % 6);
                    state = QStringLiteral("failed");
                    errcode = codes[e];
                    errmsg = QString::fromLatin1(msgs[e]);
                    reason = QStringLiteral("upstream errcode %1").arg(errcode);
                } else if (st < 9) {
                    state = QStringLiteral("skipped");
                    reason = QStringLiteral("opted out");
                    http = 0;
                } else if (st < 14) {
                    state = QStringLiteral("inbox");
                    http = 0;
                } else if (st < 15) {
                    state = QStringLiteral("uncertain");
                    reason = QStringLiteral("in flight when the process stopped");
                    http = 0;
                } else {
                    msgid = QString::number(3717005636572528642LL + qint64(h % 1000000000));
                    route = channel == QLatin1String("wechat") ? (h % 7 == 0 ? QStringLiteral("template") : QStringLiteral("custom"))
                                                               : QString();
                }
                const qint64 at = start + j * 20 + qint64(h % 1000);
                d.bindValue(0, broadcastId);
                d.bindValue(1, subscriber);
                d.bindValue(2, channel);
                d.bindValue(3, state);
                d.bindValue(4, reason);
                d.bindValue(5, state == QLatin1String("failed") ? 2 : 1);
                d.bindValue(6, http);
                d.bindValue(7, errcode);
                d.bindValue(8, errmsg);
                d.bindValue(9, msgid);
                d.bindValue(10, route);
                d.bindValue(11, start);
                d.bindValue(12, at);
                d.bindValue(13, app); // as BroadcastRepository::plan writes it
                if (auto e = exec(d); !e)
                    return e;
            }
            fprintf(stderr, "seed: %lld deliveries (%.0f s)\n", (k + 1) * perBroadcast, clock.elapsed() / 1000.0);
        }
        return {};
    });
    if (!check(r, "seed"))
        return false;
    // No ANALYZE: the console must be fast on a database as Pushdesk leaves it.
    fprintf(stderr, "seed: done in %.0f s\n", clock.elapsed() / 1000.0);
    return true;
}

// The sandbox learns the app of the broadcast and its followers (inside the 48-hour window), in chunks.
bool seedSandbox(const QUrl &upstream, qint64 recipients)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    SandboxSeed sandbox;
    sandbox.addApp(kSendAppid, QStringLiteral("official_account"));
    sandbox.addTemplate(kSendAppid, QStringLiteral("TPL_SCALE"), {QStringLiteral("thing1")});
    for (qint64 i = 1; i <= recipients; ++i) {
        sandbox.addFollower(kSendAppid, openidOf(i), true, now - 3600);
        if (i % 50000 == 0 || i == recipients) {
            if (!check(sandbox.apply(upstream), "sandbox seed"))
                return false;
            sandbox = SandboxSeed();
        }
    }
    return true;
}

// The GUI thread's own CPU time: on a machine shared with compilers, the wall time also holds the waits for
// a core, and this says how much of it was the console's work.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
QList<double> g_cpu; // of the last timed() calls, collected by add()

struct Figure {
    QString what;
    QList<double> ms;
    double target = 0;
    QString note = {};
    QList<double> cpu = {};
    double median() const
    {
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
    }
    double worst() const { return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

QList<Figure> g_figures;

// Whatever the event loop still has to do (queued signals, layout, the paint of the table).
void settle(QTableView *view)
{
    QCoreApplication::processEvents();
    view->viewport()->repaint();
}

double timed(const std::function<void()> &action, QTableView *const &view, const std::function<bool()> &shown)
{
    QElapsedTimer t;
    const double cpu0 = threadCpuMs();
    t.start();
    action();
    settle(view); // view may be set by action
    while (!shown() && t.elapsed() < 10000) // a model that loads later (it does not today) is waited for
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const double wall = t.nsecsElapsed() / 1e6;
    g_cpu.append(threadCpuMs() - cpu0);
    return wall;
}

double medianOf(QList<double> s)
{
    std::sort(s.begin(), s.end());
    return s.isEmpty() ? 0 : s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
}

void print(const Figure &f)
{
    const bool met = f.worst() <= f.target;
    const QString cpu = f.cpu.isEmpty() ? QString()
                                        : QStringLiteral("  cpu %1/%2").arg(medianOf(f.cpu), 0, 'f', 1)
                                              .arg(*std::max_element(f.cpu.begin(), f.cpu.end()), 0, 'f', 1);
    printf("  %-44s median %8.1f  worst %8.1f  target %5.0f  %-6s%s%s\n", qPrintable(f.what), f.median(), f.worst(),
           f.target, met ? "met" : "MISSED", qPrintable(cpu),
           f.note.isEmpty() ? "" : qPrintable(QStringLiteral("  (") + f.note + QLatin1Char(')')));
    fflush(stdout);
}

void add(Figure f)
{
    if (f.cpu.isEmpty() && g_cpu.size() == f.ms.size())
        f.cpu = g_cpu;
    g_cpu.clear();
    print(f);
    g_figures.append(std::move(f));
}

template <typename T>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption upstream(QStringLiteral("upstream"), QStringLiteral("Sandbox base URL."), QStringLiteral("URL"));
    const QCommandLineOption dbPath(QStringLiteral("db"), QStringLiteral("Database to seed or reuse."), QStringLiteral("PATH"));
    const QCommandLineOption subscribers(QStringLiteral("subscribers"), QStringLiteral("Subscribers."), QStringLiteral("N"),
                                         QStringLiteral("1000000"));
    const QCommandLineOption deliveries(QStringLiteral("deliveries"), QStringLiteral("Deliveries."), QStringLiteral("N"),
                                        QStringLiteral("1000000"));
    const QCommandLineOption recipients(QStringLiteral("recipients"), QStringLiteral("Broadcast audience."),
                                        QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption reps(QStringLiteral("reps"), QStringLiteral("Repetitions."), QStringLiteral("N"),
                                  QStringLiteral("5"));
    const QCommandLineOption skipBroadcast(QStringLiteral("skip-broadcast"), QStringLiteral("Only the pages."));
    parser.addOptions({upstream, dbPath, subscribers, deliveries, recipients, reps, skipBroadcast});
    parser.process(app);
    const qint64 n = parser.value(subscribers).toLongLong();
    const qint64 m = parser.value(deliveries).toLongLong();
    const qint64 audience = parser.value(recipients).toLongLong();
    const int repeat = qMax(1, parser.value(reps).toInt());
    QTemporaryDir dir;
    const QString path = parser.isSet(dbPath) ? parser.value(dbPath) : dir.filePath(QStringLiteral("scale.db"));
    const QUrl sandboxUrl(parser.value(upstream));
    if (!sandboxUrl.isValid() || sandboxUrl.isEmpty()) {
        fprintf(stderr, "--upstream is required (a running `pushdesk sandbox`)\n");
        return 2;
    }

    // 1. The database: seeded once, reused while it has what this run asks for.
    {
        bool fresh = !QFile::exists(path);
        if (!fresh) {
            auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("scale-check"));
            fresh = !db || scalar(**db, QStringLiteral("SELECT COUNT(*) FROM subscribers")) != n
                || scalar(**db, QStringLiteral("SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id "
                                               "JOIN apps a ON a.id = b.app_id WHERE a.appid <> '%1'")
                                  .arg(kSendAppid))
                    != m;
            if (db) {
                // The previous run's broadcast goes, so that the send log has exactly its M rows again.
                QSqlQuery q((*db)->db());
                q.exec(QStringLiteral("DELETE FROM deliveries WHERE broadcast_id IN (SELECT b.id FROM broadcasts b "
                                      "JOIN apps a ON a.id = b.app_id WHERE a.appid = '%1')").arg(kSendAppid));
                q.exec(QStringLiteral("DELETE FROM broadcasts WHERE app_id IN (SELECT id FROM apps WHERE appid = '%1')").arg(kSendAppid));
            }
        }
        if (fresh) {
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(path + QString::fromLatin1(suffix));
            fprintf(stderr, "seeding %s: %lld subscribers, %lld deliveries\n", qPrintable(path), n, m);
            auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("scale-seed"));
            if (!db || !seed(**db, n, m, audience))
                return 1;
        }
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("scale-upstream"));
        if (!db)
            return 1;
        QSqlQuery q((*db)->db());
        q.prepare(QStringLiteral("UPDATE apps SET upstream = ?"));
        q.addBindValue(sandboxUrl.toString());
        if (!check(exec(q), "upstream"))
            return 1;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("scale-check"));
    QSqlDatabase::removeDatabase(QStringLiteral("scale-seed"));
    QSqlDatabase::removeDatabase(QStringLiteral("scale-upstream"));

    WorkspaceOptions options;
    options.secrets = std::make_shared<MemorySecretStore>();
    auto opened = Workspace::open(DatabaseConfig::sqlite(path), options);
    if (!opened) {
        fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    Workspace &ws = **opened;
    auto settings = std::make_shared<ConsoleSettings>(dir.filePath(QStringLiteral("console.ini")));
    printf("Console at scale: %lld subscribers, %lld deliveries, %d repetitions each\n"
           "(wall ms: median, worst; cpu: the GUI thread's CPU ms, median/worst)\n", n, m, repeat);

    // 2. The Subscribers page opens: built, shown and its first rows painted.
    {
        Figure f{QStringLiteral("Subscribers page opens (first rows shown)"), {}, 1000};
        for (int r = 0; r < repeat; ++r) {
            QWidget host;
            host.resize(1200, 800);
            SubscribersPage *page = nullptr;
            QTableView *table = nullptr;
            f.ms.append(timed(
                [&]() {
                    page = new SubscribersPage(ws, &host);
                    page->resize(host.size());
                    host.show();
                    table = child<QTableView>(page, "subscribersTable");
                },
                table, [&]() { return page->model()->rowCount() > 0; }));
        }
        add(f);
    }

    // The whole console (every page loads its first rows when built), shown on the Subscribers page.
    QElapsedTimer built;
    const double cpuBuilt = threadCpuMs();
    built.start();
    auto windowOwner = std::make_unique<MainWindow>(ws, settings);
    MainWindow &window = *windowOwner;
    window.resize(1400, 900);
    window.show();
    window.showPage(MainWindow::Page::Subscribers);
    settle(child<QTableView>(window.subscribersPage(), "subscribersTable"));
    {
        Figure f{QStringLiteral("console built, shown on Subscribers"), {built.nsecsElapsed() / 1e6}, 1000,
                 QStringLiteral("MainWindow: every page, once")};
        f.cpu = {threadCpuMs() - cpuBuilt};
        add(f);
    }

    // 3. Searches, each kind with a different person in every repetition.
    SubscribersPage *subscribersPage = window.subscribersPage();
    auto *search = child<QLineEdit>(subscribersPage, "searchEdit");
    auto *subscribersTable = child<QTableView>(subscribersPage, "subscribersTable");
    ListingModel *subscribersModel = subscribersPage->model();
    struct Kind {
        QString name;
        std::function<QString(int)> term;
    };
    const QList<Kind> kinds{
        {QStringLiteral("openid, exact"), [&](int r) { return openidOf(n / 3 + 7919 * r); }},
        {QStringLiteral("openid, prefix (12 chars)"), [&](int r) { return openidOf(n / 2 + 104729 * r).left(12); }},
        {QStringLiteral("nickname (Chinese, 2 chars)"),
         [&](int r) { return QString::fromUtf8(kSurnames[(3 * r + 1) % 20]) + QString::fromUtf8(kGiven[(5 * r + 2) % 24]); }},
        // A surname alone: 35,000 people each (surnames 7-9 and 17-19 are only on English nicknames: the
        // two-character search above meets one of them, 赵艳, and matches nobody).
        {QStringLiteral("nickname (Chinese surname, 1 char)"),
         [&](int r) { return QString::fromUtf8(kSurnames[(r * 3) % 7]); }},
        {QStringLiteral("nickname (Latin, prefix)"), [&](int r) { return QString::fromLatin1(kEnglish[(r * 3) % 16]).left(4); }},
        {QStringLiteral("e-mail (prefix)"),
         [&](int r) {
             const Person p = personOf(1 + (n / 4 + 15485863LL * r) % n);
             return p.email.isEmpty() ? QStringLiteral("emma.wang") : p.email.left(p.email.indexOf(QLatin1Char('@')));
         }},
        {QStringLiteral("tag"), [&](int r) { return QString::fromUtf8(kTags[r % 12]); }},
    };
    printf("Search (Subscribers page, Return pressed; the 250 ms typing pause is not counted):\n");
    for (const Kind &kind : kinds) {
        Figure f{QStringLiteral("search: ") + kind.name, {}, 100};
        int rows = 0;
        for (int r = 0; r < repeat; ++r) {
            search->clear();
            subscribersPage->applySearch();
            settle(subscribersTable);
            const QString term = kind.term(r);
            f.ms.append(timed(
                [&]() {
                    search->setText(term);
                    subscribersPage->applySearch();
                },
                subscribersTable, [&]() { return subscribersModel->filter().search == term; }));
            rows = subscribersModel->rowCount();
            if (rows == 0)
                f.note = QStringLiteral("no rows for \"%1\"").arg(term);
        }
        if (f.note.isEmpty())
            f.note = QStringLiteral("last: %1 rows on the first page").arg(rows);
        add(f);
    }
    {
        Figure f{QStringLiteral("search cleared (all subscribers again)"), {}, 100};
        for (int r = 0; r < repeat; ++r) {
            search->setText(QStringLiteral("vip"));
            subscribersPage->applySearch();
            settle(subscribersTable);
            f.ms.append(timed([&]() {
                search->clear();
                subscribersPage->applySearch();
            }, subscribersTable, [&]() { return subscribersModel->rowCount() > 0; }));
        }
        add(f);
    }

    // The tags offered for completion (the composer's audience): read once when the composer is built.
    {
        Figure f{QStringLiteral("known tags (composer completion)"), {}, 100};
        for (int r = 0; r < repeat; ++r) {
            QElapsedTimer t;
            const double cpu0 = threadCpuMs();
            t.start();
            auto tags = SubscriberRepository(ws.db()).knownTags();
            f.ms.append(t.nsecsElapsed() / 1e6);
            g_cpu.append(threadCpuMs() - cpu0);
            f.note = tags ? QStringLiteral("%1 tags").arg(tags->size()) : tags.error().message;
        }
        add(f);
    }

    // 4. Send log filters, one kind at a time, from "no filter".
    window.showPage(MainWindow::Page::SendLog);
    SendLogPage *sendLog = window.sendLogPage();
    auto *logTable = child<QTableView>(sendLog, "deliveriesTable");
    auto *broadcastFilter = child<QComboBox>(sendLog, "broadcastFilter");
    auto *appFilter = child<QComboBox>(sendLog, "appFilter");
    auto *stateFilter = child<QComboBox>(sendLog, "stateFilter");
    auto *channelFilter = child<QComboBox>(sendLog, "channelFilter");
    auto *errcodeEdit = child<QLineEdit>(sendLog, "errcodeEdit");
    auto *logSearch = child<QLineEdit>(sendLog, "searchEdit");
    auto *timeRange = child<QCheckBox>(sendLog, "timeRangeCheck");
    auto *fromEdit = child<QDateTimeEdit>(sendLog, "fromEdit");
    auto *toEdit = child<QDateTimeEdit>(sendLog, "toEdit");
    settle(logTable);
    struct LogFilter {
        QString name;
        std::function<void(int)> apply;
    };
    const qint64 opsAppId = scalar(ws.db(), QStringLiteral("SELECT id FROM apps WHERE appid = '%1'").arg(kOpsAppid));
    const QList<LogFilter> logFilters{
        {QStringLiteral("broadcast"), [&](int r) { broadcastFilter->setCurrentIndex(1 + r % qMax(1, broadcastFilter->count() - 1)); }},
        {QStringLiteral("app (the one with 2 of 10 broadcasts)"),
         [&](int) { appFilter->setCurrentIndex(appFilter->findData(opsAppId)); }},
        {QStringLiteral("subscriber (openid)"),
         [&](int r) {
             logSearch->setText(openidOf(1 + 37000 * (r % 10) + 1234));
             QMetaObject::invokeMethod(sendLog, "applyFilters");
         }},
        {QStringLiteral("subscriber (nickname)"),
         [&](int r) {
             logSearch->setText(personOf(1 + 37000 * (r % 10) + 4321).nickname);
             QMetaObject::invokeMethod(sendLog, "applyFilters");
         }},
        {QStringLiteral("channel (webhook, 2 %)"), [&](int) { channelFilter->setCurrentIndex(channelFilter->findData(QStringLiteral("webhook"))); }},
        {QStringLiteral("state (failed, 5 %)"), [&](int) { stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("failed"))); }},
        {QStringLiteral("state (sent, 85 %)"), [&](int) { stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("sent"))); }},
        {QStringLiteral("errcode (45015)"),
         [&](int) {
             errcodeEdit->setText(QStringLiteral("45015"));
             QMetaObject::invokeMethod(sendLog, "applyFilters");
         }},
        {QStringLiteral("time range (2 days, 3 weeks ago)"),
         [&](int r) {
             const QDateTime from = QDateTime::currentDateTime().addDays(-21 + r % 3);
             {
                 const QSignalBlocker b1(fromEdit);
                 const QSignalBlocker b2(toEdit);
                 fromEdit->setDateTime(from);
                 toEdit->setDateTime(from.addDays(2));
             }
             timeRange->setChecked(true);
         }},
    };
    printf("Send log filters (from no filter to one filter; combos apply at once, text on Return):\n");
    for (const LogFilter &lf : logFilters) {
        Figure f{QStringLiteral("send log: ") + lf.name, {}, 200};
        int rows = 0;
        for (int r = 0; r < repeat; ++r) {
            sendLog->clearFilters();
            settle(logTable);
            f.ms.append(timed([&]() { lf.apply(r); }, logTable, [&]() { return sendLog->currentFilter().isFiltered(); }));
            rows = sendLog->model()->rowCount();
        }
        f.note = QStringLiteral("last: %1 rows on the first page").arg(rows);
        add(f);
    }
    {
        Figure f{QStringLiteral("send log: filters cleared"), {}, 200};
        for (int r = 0; r < repeat; ++r) {
            stateFilter->setCurrentIndex(stateFilter->findData(QStringLiteral("failed")));
            settle(logTable);
            f.ms.append(timed([&]() { sendLog->clearFilters(); }, logTable, [&]() { return true; }));
        }
        add(f);
    }
    sendLog->clearFilters();

    // 5. A broadcast through the real engine, started from the composer, with its progress panel shown;
    //    a 5 ms heartbeat on the GUI thread measures how long the event loop is ever away.
    int code = 0;
    for (const Figure &f : std::as_const(g_figures))
        code |= f.worst() > f.target ? 4 : 0;
    if (parser.isSet(skipBroadcast))
        return code;
    if (!seedSandbox(sandboxUrl, audience))
        return 1;
    window.showPage(MainWindow::Page::Composer);
    ComposerPage *composer = window.composerPage();
    auto *appCombo = child<QComboBox>(composer, "appCombo");
    auto *templateCombo = child<QComboBox>(composer, "templateCombo");
    auto *sendButton = child<QPushButton>(composer, "sendButton");
    const qint64 sendAppId = scalar(ws.db(), QStringLiteral("SELECT id FROM apps WHERE appid = '%1'").arg(kSendAppid));
    appCombo->setCurrentIndex(appCombo->findData(sendAppId));
    settle(logTable);
    if (templateCombo->count() == 0 || !sendButton->isEnabled()) {
        fprintf(stderr, "the composer cannot send (no template or no engine)\n");
        return 1;
    }
    // The variable the template needs.
    if (auto *vars = child<QTableWidget>(composer, "variablesTable")) {
        for (int row = 0; row < vars->rowCount(); ++row) {
            if (vars->item(row, 1))
                vars->item(row, 1)->setText(QStringLiteral("WO-2026-1129"));
        }
    }
    QList<double> gaps;
    gaps.reserve(200000);
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    QList<QPair<double, double>> longGaps; // (gap, seconds since the click at its end): where the time went
    QElapsedTimer wall;
    // SCALE_TRACE_GAPS=1: each long gap names the event that took most of it (diagnosis only).
    struct Traced {
        qint64 ns;
        QString what;
    };
    QList<Traced> traced;
    std::unique_ptr<QObject> tracer;
    if (qEnvironmentVariableIntValue("SCALE_TRACE_GAPS") != 0) {
        struct Tracer : QObject {
            QList<Traced> *out;
            QElapsedTimer *clock;
            bool eventFilter(QObject *o, QEvent *e) override
            {
                if (clock->isValid())
                    out->append({clock->nsecsElapsed(), QStringLiteral("%1/%2 type %3")
                                                             .arg(QString::fromLatin1(o->metaObject()->className()),
                                                                  o->objectName())
                                                             .arg(int(e->type()))});
                return false;
            }
        };
        auto *t = new Tracer;
        t->out = &traced;
        t->clock = &beat;
        tracer.reset(t);
        qApp->installEventFilter(t);
    }
    QObject::connect(&heartbeat, &QTimer::timeout, [&]() {
        gaps.append(beat.nsecsElapsed() / 1e6);
        if (gaps.last() > 30 && gaps.size() > 1) {
            longGaps.append({gaps.last(), wall.elapsed() / 1000.0});
            qint64 worstNs = 0;
            QString worstWhat;
            for (int i = 0; i + 1 < traced.size(); ++i) {
                if (traced[i + 1].ns - traced[i].ns > worstNs) {
                    worstNs = traced[i + 1].ns - traced[i].ns;
                    worstWhat = traced[i].what;
                }
            }
            if (!traced.isEmpty())
                printf("  traced: %.1f ms in %s (%lld events)\n", worstNs / 1e6, qPrintable(worstWhat), qint64(traced.size()));
        }
        traced.clear();
        beat.restart();
    });
    QEventLoop loop;
    Counters result;
    QString status;
    int progressSignals = 0;
    QObject::connect(ws.engine(), &BroadcastEngine::progress, [&]() { ++progressSignals; });
    QObject::connect(composer->progressPanel(), &BroadcastProgressPanel::broadcastFinished,
                     [&](qint64, const Counters &c, const QString &s) {
                         result = c;
                         status = s;
                         loop.quit();
                     });
    QTimer::singleShot(30 * 60 * 1000, &loop, &QEventLoop::quit);
    Confirmation::setNextAnswer(QMessageBox::Yes); // the operator confirms the large broadcast
    QTimer::singleShot(0, [&]() {
        beat.start();
        heartbeat.start();
        wall.start();
        sendButton->click();
    });
    loop.exec();
    heartbeat.stop();
    const double seconds = wall.elapsed() / 1000.0;
    if (!composer->progressPanel()->isVisible())
        fprintf(stderr, "note: the progress panel was not visible\n");
    if (!gaps.isEmpty())
        gaps.removeFirst(); // the first tick measures from start() to the first timeout
    std::sort(gaps.begin(), gaps.end());
    const double worst = gaps.isEmpty() ? 0 : gaps.last();
    const double p99 = gaps.isEmpty() ? 0 : gaps[qMin(gaps.size() - 1, qsizetype(gaps.size() * 0.99))];
    printf("Broadcast of %lld recipients from the composer: %s, %lld sent, %lld failed in %.1f s (%.0f /s), "
           "%d progress signals, %lld heartbeats\n",
           audience, qPrintable(status), result.sent, result.failed, seconds, result.done() / qMax(seconds, 0.001),
           progressSignals, qint64(gaps.size()));
    for (const auto &[gap, at] : std::as_const(longGaps))
        printf("  gap of %.1f ms ending %.2f s after the click\n", gap, at);
    Figure g{QStringLiteral("heartbeat: largest gap (5 ms timer)"), {worst}, 50,
             QStringLiteral("99th percentile %1 ms").arg(p99, 0, 'f', 1)};
    add(g);
    Figure g99{QStringLiteral("heartbeat: 99th percentile gap"), {p99}, 50};
    add(g99);
    if (status != QLatin1String("finished") || result.done() != audience)
        code |= 1;
    code |= worst > 50 ? 4 : 0;
    return code;
}
