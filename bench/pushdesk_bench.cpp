// End-to-end broadcast benchmark: N recipients through the real engine against a sandbox over HTTP,
// with the delivery log written. Prints one JSON line of figures.
//   pushdesk_bench --upstream http://127.0.0.1:PORT --recipients N [--concurrency 64] [--db PATH]
#include "demo/sandboxseed.h"
#include "engine/broadcastengine.h"
#include "engine/channelrequest.h"
#include "engine/networkpool.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/database.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QUrlQuery>
#include <functional>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace pushdesk;

namespace {
qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool seed(Database &db, const QUrl &upstream, int n)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    SandboxSeed sandbox;
    sandbox.addApp(QStringLiteral("wxbench000000001"), QStringLiteral("official_account"));
    if (auto a = sandbox.apply(upstream); !a) {
        fprintf(stderr, "seed: %s\n", qPrintable(a.error().message));
        return false;
    }
    auto r = db.transaction([&]() -> Result<void> {
        App app;
        app.name = QStringLiteral("bench");
        app.appid = QStringLiteral("wxbench000000001");
        app.upstream = upstream.toString();
        app.dailyQuota = 0;
        auto appId = AppRepository(db).create(app);
        if (!appId)
            return std::unexpected(appId.error());
        Template t;
        t.appId = *appId;
        t.name = QStringLiteral("bench");
        t.csText = QStringLiteral("Hello {{nickname}}, this is a benchmark message.");
        t.wechatTemplateId = QStringLiteral("TPL_BENCH");
        t.wechatFields = {{QStringLiteral("thing1"), QStringLiteral("benchmark")}};
        if (auto id = TemplateRepository(db).create(t); !id)
            return std::unexpected(id.error());
        QSqlQuery s(db.db());
        s.prepare(QStringLiteral("INSERT INTO subscribers (id, mp_openid, nickname, last_interaction_at) VALUES (?, ?, ?, ?)"));
        QSqlQuery b(db.db());
        b.prepare(QStringLiteral("INSERT INTO bindings (subscriber_id, app_id, state, reminder, channels) "
                                 "VALUES (?, ?, 'active', 'strong', 'wechat')"));
        for (int i = 1; i <= n; ++i) {
            const QString openid = QStringLiteral("oBENCH%1").arg(i, 9, 10, QLatin1Char('0'));
            s.bindValue(0, i);
            s.bindValue(1, openid);
            s.bindValue(2, QStringLiteral("user %1").arg(i));
            s.bindValue(3, (now - 3600) * 1000);
            if (auto e = exec(s); !e)
                return e;
            b.bindValue(0, i);
            b.bindValue(1, *appId);
            if (auto e = exec(b); !e)
                return e;
            sandbox.addFollower(QStringLiteral("wxbench000000001"), openid, true, now - 3600);
            if (i % 50000 == 0 || i == n) { // followers go to the sandbox in chunks: flat memory
                if (auto a = sandbox.apply(upstream); !a)
                    return a;
                sandbox = SandboxSeed();
            }
        }
        return {};
    });
    if (!r) {
        fprintf(stderr, "seed: %s\n", qPrintable(r.error().message));
        return false;
    }
    return true;
}
// Qt's HTTP client alone: the same requests as the broadcast (customer-service messages to the seeded followers),
// through the engine's NetworkPool with the same window, and nothing else (no database, no policy, no jobs).
// This is the ceiling any QNetworkAccessManager-based sender reaches on this machine.
QJsonObject rawQnamRate(const QUrl &upstream, int n, int window, int managers)
{
    NetworkPool pool(managers, window);
    QString token;
    {
        QEventLoop loop;
        QNetworkReply *reply = pool.post(NetworkPool::jsonRequest(endpointUrl(upstream, QStringLiteral("/cgi-bin/stable_token"))),
                                         QJsonDocument(QJsonObject{{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                                                                   {QStringLiteral("appid"), QStringLiteral("wxbench000000001")},
                                                                   {QStringLiteral("secret"), QStringLiteral("sandbox-secret-wxbench000000001")}})
                                             .toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&]() {
            token = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("access_token")).toString();
            loop.quit();
        });
        loop.exec();
    }
    QUrl url = endpointUrl(upstream, QStringLiteral("/cgi-bin/message/custom/send"));
    url.setQuery(QUrlQuery{{QStringLiteral("access_token"), token}});
    int started = 0, done = 0, ok = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    std::function<void()> launch = [&]() {
        const int i = ++started;
        const QByteArray body = QJsonDocument(QJsonObject{
            {QStringLiteral("touser"), QStringLiteral("oBENCH%1").arg(i, 9, 10, QLatin1Char('0'))},
            {QStringLiteral("msgtype"), QStringLiteral("text")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Hello, this is a benchmark message.")}}}})
                                    .toJson(QJsonDocument::Compact);
        QNetworkReply *reply = pool.post(NetworkPool::jsonRequest(url), body);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply]() {
            ++done;
            if (QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("errcode")).toInt(-1) == 0)
                ++ok;
            if (started < n)
                launch();
            else if (done == n)
                loop.quit();
        });
    };
    clock.start();
    for (int i = 0; i < std::min(window, n); ++i)
        launch();
    loop.exec();
    const double secs = clock.elapsed() / 1000.0;
    return {{QStringLiteral("mode"), QStringLiteral("raw_qnam")}, {QStringLiteral("requests"), n}, {QStringLiteral("ok"), ok},
            {QStringLiteral("seconds"), secs}, {QStringLiteral("rate_per_s"), n / secs}, {QStringLiteral("managers"), pool.size()}};
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption upstream(QStringLiteral("upstream"), QStringLiteral("Sandbox base URL."), QStringLiteral("URL"));
    const QCommandLineOption recipients(QStringLiteral("recipients"), QStringLiteral("Audience size."), QStringLiteral("N"),
                                        QStringLiteral("100000"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("Window."), QStringLiteral("N"),
                                         QStringLiteral("64"));
    const QCommandLineOption managers(QStringLiteral("managers"), QStringLiteral("Network managers."), QStringLiteral("N"),
                                      QStringLiteral("8"));
    const QCommandLineOption dbPath(QStringLiteral("db"), QStringLiteral("Database to seed or reuse."), QStringLiteral("PATH"));
    const QCommandLineOption seedOnly(QStringLiteral("seed-only"),
                                      QStringLiteral("Only create the database and seed the sandbox (so that the "
                                                     "broadcast's peak memory is measured in a process of its own)."));
    const QCommandLineOption flushMs(QStringLiteral("flush-ms"), QStringLiteral("Engine: longest wait to group results."),
                                     QStringLiteral("MS"), QString::number(EngineOptions{}.flushIntervalMs));
    const QCommandLineOption flushBatch(QStringLiteral("flush-batch"), QStringLiteral("Engine: results per group at most."),
                                        QStringLiteral("N"), QString::number(EngineOptions{}.flushBatch));
    const QCommandLineOption raw(QStringLiteral("raw-qnam"),
                                 QStringLiteral("Measure Qt's HTTP client alone (the engine's network pool, same window and "
                                                "requests, no database) against an upstream seeded by --seed-only."));
    parser.addOptions({upstream, recipients, concurrency, managers, dbPath, seedOnly, flushMs, flushBatch, raw});
    parser.process(app);
    if (parser.isSet(raw)) {
        const QJsonObject line = rawQnamRate(QUrl(parser.value(upstream)), parser.value(recipients).toInt(),
                                             parser.value(concurrency).toInt(), parser.value(managers).toInt());
        printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
        return line.value(QStringLiteral("ok")).toInt() > 0 ? 0 : 1;
    }
    QTemporaryDir dir;
    const QString path = parser.isSet(dbPath) ? parser.value(dbPath) : dir.filePath(QStringLiteral("bench.db"));
    const int n = parser.value(recipients).toInt();
    if (parser.isSet(seedOnly) || !QFile::exists(path)) {
        auto db = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("bench-seed"));
        if (!db || !seed(**db, QUrl(parser.value(upstream)), n))
            return 1;
        if (parser.isSet(seedOnly))
            return 0;
    }
    const qint64 rssAfterSeed = statusKb("VmRSS:");
    WorkspaceOptions options;
    options.secrets = std::make_shared<MemorySecretStore>();
    options.engine.concurrency = parser.value(concurrency).toInt();
    options.engine.managers = parser.value(managers).toInt();
    options.engine.flushIntervalMs = parser.value(flushMs).toInt();
    options.engine.flushBatch = parser.value(flushBatch).toInt();
    auto ws = Workspace::open(DatabaseConfig::sqlite(path), options);
    if (!ws) {
        fprintf(stderr, "%s\n", qPrintable(ws.error().message));
        return 1;
    }
    auto id = (*ws)->createBroadcast(1, 1, {});
    if (!id)
        return 1;
    QElapsedTimer clock;
    int code = 0;
    QObject::connect((*ws)->engine(), &BroadcastEngine::finished, [&](qint64, const Counters &c, const QString &status) {
        const double secs = clock.elapsed() / 1000.0;
        QJsonObject line{{QStringLiteral("recipients"), n},
                         {QStringLiteral("status"), status},
                         {QStringLiteral("sent"), c.sent},
                         {QStringLiteral("failed"), c.failed},
                         {QStringLiteral("seconds"), secs},
                         {QStringLiteral("rate_per_s"), c.done() / secs},
                         {QStringLiteral("concurrency"), parser.value(concurrency).toInt()},
                         {QStringLiteral("peak_rss_mb"), statusKb("VmHWM:") / 1024.0},
                         {QStringLiteral("rss_after_seed_mb"), rssAfterSeed / 1024.0}};
        printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
        code = c.done() == n && status == QLatin1String("finished") ? 0 : 1;
        QCoreApplication::exit(code);
    });
    clock.start();
    (*ws)->engine()->start(*id);
    return QCoreApplication::exec();
}
