#include "cli/commands.h"
#include "cli/cliio.h"

#include "demo/demodata.h"
#include "engine/broadcastengine.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

namespace pushdesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString formatEta(qint64 secs)
{
    if (secs < 0)
        return QStringLiteral("--:--");
    return QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
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
              "  (none)     Open the console.              pushdesk [--db PATH] [--lang zh_CN]\n"
              "  demo       Create a demo database wired to the sandbox.\n"
              "             pushdesk demo --db PATH [--subscribers N] [--upstream URL]\n"
              "  send       Run one broadcast without a window; ends with one JSON line of counts.\n"
              "             pushdesk send --db PATH --app NAME --template NAME [--var key=value]...\n"
              "  sandbox    Run the upstream emulator (WeChat, Bark) alone.\n"
              "             pushdesk sandbox --port N\n"
              "\n"
              "Run pushdesk MODE --help for the options of a mode.\n"
              "Exit codes: 0 done, 1 failed while running, 2 bad argument.\n");
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
    }
    const QString path = parser.isSet(db) ? parser.value(db) : DatabaseConfig::defaultSqlitePath();
    auto database = Database::open(DatabaseConfig::sqlite(path), QStringLiteral("pushdesk-demo"));
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
    } else if (auto r = summary->sandbox.save(Workspace::sandboxSeedPath(DatabaseConfig::sqlite(path))); !r) {
        printError(r.error().message);
        return RuntimeError;
    }
    out() << tr("Demo database %1: %2 apps, %3 templates, %4 subscribers, %5 bindings; upstream %6.")
                 .arg(path)
                 .arg(summary->apps)
                 .arg(summary->templates)
                 .arg(summary->subscribers)
                 .arg(summary->bindings)
                 .arg(options.upstream)
          << Qt::endl;
    return Ok;
}

int runSend(const QStringList &args)
{
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption app(QStringLiteral("app"), tr("Name of the app that sends."), tr("NAME"));
    const QCommandLineOption tmpl(QStringLiteral("template"), tr("Name of the app's template."), tr("NAME"));
    const QCommandLineOption var(QStringLiteral("var"), tr("A template variable (repeatable)."), tr("key=value"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), tr("Requests in flight at most (default 64)."),
                                         tr("N"), QStringLiteral("64"));
    parser.addOptions({db, app, tmpl, var, concurrency});
    int exit = Ok;
    if (!parseMode(parser, args, tr("Run one broadcast to all active strong-reminder bindings of an app."), &exit))
        return exit;
    if (!parser.isSet(app) || !parser.isSet(tmpl)) {
        printError(tr("send needs --app NAME and --template NAME (see pushdesk send --help)"));
        return UsageError;
    }
    QVariantMap variables;
    for (const QString &kv : parser.values(var)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(tr("--var needs key=value, not %1").arg(kv));
            return UsageError;
        }
        variables.insert(kv.left(eq).trimmed(), kv.mid(eq + 1));
    }
    bool ok = false;
    WorkspaceOptions options;
    options.engine.concurrency = parser.value(concurrency).toInt(&ok);
    if (!ok || options.engine.concurrency < 1 || options.engine.concurrency > 1024) {
        printError(tr("--concurrency needs a number from 1 to 1024"));
        return UsageError;
    }
    const QString path = parser.isSet(db) ? parser.value(db) : DatabaseConfig::defaultSqlitePath();
    if (!QFileInfo::exists(path)) {
        printError(tr("no database at %1; create one with: pushdesk demo --db %1").arg(path));
        return RuntimeError;
    }
    auto ws = Workspace::open(DatabaseConfig::sqlite(path), options);
    if (!ws) {
        printError(ws.error().message);
        return RuntimeError;
    }
    auto &w = **ws;
    AppRepository apps(w.db());
    auto a = apps.findByName(parser.value(app));
    if (!a) {
        printError(a.error().message);
        return RuntimeError;
    }
    if (!*a) {
        QStringList names;
        if (auto all = apps.all())
            for (const auto &x : *all)
                names.append(x.name);
        printError(tr("unknown app %1; known apps: %2").arg(parser.value(app), names.join(QStringLiteral(", "))));
        return UsageError;
    }
    TemplateRepository templates(w.db());
    auto t = templates.findByName((*a)->id, parser.value(tmpl));
    if (!t || !*t) {
        QStringList names;
        if (auto all = templates.forApp((*a)->id))
            for (const auto &x : *all)
                names.append(x.name);
        printError(tr("unknown template %1 for app %2; its templates: %3")
                       .arg(parser.value(tmpl), (*a)->name, names.join(QStringLiteral(", "))));
        return UsageError;
    }
    auto id = w.createBroadcast((*a)->id, (*t)->id, variables);
    if (!id) {
        printError(id.error().message);
        return UsageError;
    }

    const bool tty = isatty(fileno(stderr));
    QElapsedTimer lastLine;
    lastLine.start();
    QObject::connect(w.engine(), &BroadcastEngine::progress, [&](const BroadcastProgress &p) {
        if (lastLine.elapsed() < (tty ? 200 : 1000))
            return;
        lastLine.restart();
        const QString line = tr("broadcast %1: %2/%3 done, %4 sent, %5 failed, %6/s, ETA %7")
                                 .arg(p.broadcastId)
                                 .arg(p.counters.done())
                                 .arg(p.expected)
                                 .arg(p.counters.sent)
                                 .arg(p.counters.failed)
                                 .arg(qRound(p.ratePerSecond))
                                 .arg(formatEta(p.etaSeconds));
        err() << (tty ? QStringLiteral("\r\033[K") : QString()) << line << (tty ? QString() : QStringLiteral("\n"));
        err().flush();
    });
    QString errorMessage;
    QObject::connect(w.engine(), &BroadcastEngine::broadcastError, [&](qint64, const QString &message) { errorMessage = message; });
    int code = Ok;
    QObject::connect(w.engine(), &BroadcastEngine::finished, [&](qint64 bid, const Counters &c, const QString &status) {
        if (bid != *id)
            return;
        if (tty)
            err() << "\r\033[K";
        err().flush();
        if (!errorMessage.isEmpty()) {
            printError(errorMessage);
            code = RuntimeError;
        }
        QJsonObject line = c.toJson();
        line.insert(QStringLiteral("broadcast"), bid);
        line.insert(QStringLiteral("status"), status);
        out() << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
        QCoreApplication::exit(code);
    });
    w.engine()->start(*id);
    return QCoreApplication::exec();
}

} // namespace pushdesk::cli
