#include "cli/commands.h"
#include "cli/cliio.h"

#include "demo/demodata.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pushdesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pushdesk::cli", text);
}

} // namespace

void printError(const QString &message)
{
    err() << "pushdesk: " << message << Qt::endl;
}

QString databaseOption(const QStringList &args)
{
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(QLatin1String("--db=")))
            return args[i].mid(5);
    }
    return DatabaseConfig::defaultSqlitePath();
}

QString overview()
{
    return tr("Usage: pushdesk [MODE] [options]\n"
              "\n"
              "Pushdesk runs a push relay: authorized apps push messages to the people who bound them.\n"
              "\n"
              "Modes:\n"
              "  (none)     Open the console.              pushdesk [--db PATH] [--lang zh_CN] [--callback-port N]\n"
              "  demo       Create a demo database wired to the sandbox.\n"
              "             pushdesk demo --db PATH [--subscribers N] [--upstream URL]\n"
              "  send       Run one broadcast without a window; ends with one JSON line of counts.\n"
              "             pushdesk send --db PATH --app NAME --template NAME [--var key=value]...\n"
              "             [--tag T | --list NAME | --to OPENID] [--dry-run] [--concurrency N] [--at TIME]\n"
              "  worker     Run scheduled and queued broadcasts without a window until stopped.\n"
              "             pushdesk worker --db PATH [--until-idle] [--concurrency N] [--callback-port N]\n"
              "             (--callback-port: receive users' replies and events, as WeChat posts them)\n"
              "  pause, resume, cancel\n"
              "             Act on a broadcast, whichever console or worker runs it.\n"
              "             pushdesk pause --db PATH --broadcast ID\n"
              "  retry      Re-drive the failed (or, with --uncertain, the uncertain) deliveries of a broadcast.\n"
              "             pushdesk retry --db PATH --broadcast ID [--uncertain]\n"
              "  uncertain  List a broadcast's uncertain deliveries (in flight when a process died), one JSON line each.\n"
              "             pushdesk uncertain --db PATH --broadcast ID\n"
              "  import     Import subscribers, bindings, events (opt-out/in, unbind, mute, reminder) or send\n"
              "             credits from CSV, in one transaction; a bad file changes nothing.\n"
              "             pushdesk import --db PATH (--subscribers|--bindings|--events|--credits) FILE.csv\n"
              "             pushdesk import --db PATH --list NAME FILE.csv   (an audience list for send --list)\n"
              "             [--app NAME] [--dry-run]   (columns: pushdesk import --help)\n"
              "  sandbox    Run the upstream emulator (WeChat, mini-program, Bark, ntfy, webhook) alone.\n"
              "             pushdesk sandbox --port N [fault options]\n"
              "\n"
              "The database (--db) is an SQLite file (default: %1) or a PostgreSQL URL\n"
              "postgresql://user@host:port/dbname, shared by several consoles and workers. Its password is\n"
              "never in the URL: it comes from the keychain (console Settings, entry database/user@host:port/dbname),\n"
              "or, for servers and cron, from PGPASSWORD or ~/.pgpass.\n"
              "\n"
              "Run pushdesk MODE --help for the options of a mode.\n"
              "Exit codes: 0 done, 1 failed while running, 2 bad argument.\n")
        .arg(DatabaseConfig::defaultSqlitePath());
}

int runDemo(const QStringList &args)
{
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption subscribers(QStringLiteral("subscribers"), tr("Number of subscribers (default 1000)."), tr("N"),
                                         QStringLiteral("1000"));
    const QCommandLineOption upstream(QStringLiteral("upstream"),
                                      tr("Base URL of an external sandbox to seed and use (default: the built-in one)."),
                                      tr("URL"));
    parser.addOptions({db, subscribers, upstream});
    int exit = Ok;
    if (!parseMode(parser, args, tr("Create a demo database wired to the sandbox."), &exit))
        return exit;
    bool ok = false;
    const int n = parser.value(subscribers).toInt(&ok);
    if (!ok || n < 0) {
        printError(tr("--subscribers needs a whole number, not %1").arg(parser.value(subscribers)));
        return UsageError;
    }
    DemoOptions options;
    options.subscribers = n;
    if (parser.isSet(upstream)) {
        const QUrl url(parser.value(upstream));
        if (!url.isValid() || !url.scheme().startsWith(QLatin1String("http"))) {
            printError(tr("--upstream needs an http(s) URL, such as http://127.0.0.1:8080"));
            return UsageError;
        }
        options.upstream = url.toString(QUrl::StripTrailingSlash);
        // Before the database is made: a demo database for a sandbox that is not there would be useless,
        // and it would stand in the way of the next try.
        if (auto r = SandboxSeed::reach(url); !r) {
            printError(r.error().message);
            return RuntimeError;
        }
    }
    const auto config = databaseConfig(parser, db, false, &exit);
    if (!config)
        return exit;
    auto database = Database::open(*config, QStringLiteral("pushdesk-demo"));
    if (!database) {
        printError(database.error().message);
        return RuntimeError;
    }
    auto summary = DemoData::create(**database, options);
    if (!summary) {
        printError(summary.error().message);
        return RuntimeError;
    }
    if (parser.isSet(upstream)) {
        if (auto r = summary->sandbox.apply(QUrl(options.upstream)); !r) {
            printError(r.error().message);
            return RuntimeError;
        }
    } else if (auto r = summary->sandbox.save(Workspace::sandboxSeedPath(*config)); !r) {
        printError(r.error().message);
        return RuntimeError;
    }
    out() << tr("Demo database %1: %2 apps, %3 templates, %4 subscribers, %5 bindings; upstream %6.")
                 .arg(config->describe())
                 .arg(summary->apps)
                 .arg(summary->templates)
                 .arg(summary->subscribers)
                 .arg(summary->bindings)
                 .arg(options.upstream)
          << Qt::endl;
    return Ok;
}

} // namespace pushdesk::cli
