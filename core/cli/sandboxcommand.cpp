// `pushdesk sandbox`: the upstream emulator on its own.
#include "cli/cliio.h"
#include "cli/commands.h"
#include "sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>

namespace pushdesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pushdesk::cli", text);
}

// Reads the fault and content-check flags into options; false after printing a one-line error.
bool readFaultOptions(const QCommandLineParser &parser, SandboxOptions &options)
{
    const auto number = [&parser](const QString &name, double min, double max, double *value) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const double parsed = parser.value(name).toDouble(&ok);
        if (!ok || !(parsed >= min && parsed <= max) || (max > 1.0 && parsed != double(qint64(parsed)))) {
            printError(max > 1.0 ? tr("--%1 needs a whole number from %2 to %3").arg(name).arg(qint64(min)).arg(qint64(max))
                                 : tr("--%1 needs a number from 0 to 1").arg(name));
            return false;
        }
        *value = parsed;
        return true;
    };
    SandboxFaultSettings &faults = options.faults;
    double latency = 0, expiry = 0, quota = 0, seed = -1;
    if (!number(QStringLiteral("latency-ms"), 0, 600000, &latency)
        || !number(QStringLiteral("http5xx-rate"), 0, 1, &faults.http5xxRate)
        || !number(QStringLiteral("malformed-rate"), 0, 1, &faults.malformedRate)
        || !number(QStringLiteral("drop-rate"), 0, 1, &faults.dropRate)
        || !number(QStringLiteral("token-expiry-every"), 0, 1e9, &expiry)
        || !number(QStringLiteral("daily-quota"), 0, 1e15, &quota)
        || !number(QStringLiteral("fault-seed"), 0, 9007199254740992.0, &seed))
        return false;
    faults.latencyMsecs = int(latency);
    faults.tokenExpiryEvery = int(expiry);
    faults.malformedAfterAccept = parser.isSet(QStringLiteral("malformed-after-accept"));
    if (seed >= 0)
        faults.seed = quint64(seed);
    options.dailyQuota = qint64(quota);
    for (const QString &spec : parser.values(QStringLiteral("error-rate"))) {
        if (const auto added = faults.addErrorRate(spec); !added) {
            printError(tr("--error-rate: %1").arg(added.error()));
            return false;
        }
    }
    for (const QString &spec : parser.values(QStringLiteral("token-error"))) {
        if (const auto added = faults.addTokenError(spec); !added) {
            printError(tr("--token-error: %1").arg(added.error()));
            return false;
        }
    }
    for (const QString &word : parser.values(QStringLiteral("risky-word")))
        options.riskyWords.append({word, 20006});
    for (const QString &word : parser.values(QStringLiteral("review-word")))
        options.reviewWords.append({word, 21000});
    return true;
}

QList<QCommandLineOption> faultOptions()
{
    const auto option = [](const char *name, const char *help, const char *value = nullptr) {
        return value ? QCommandLineOption(QLatin1String(name), tr(help), tr(value))
                     : QCommandLineOption(QLatin1String(name), tr(help));
    };
    return {
        option("latency-ms", QT_TRANSLATE_NOOP("pushdesk::cli", "Answer every message request N ms late (requests overlap)."), QT_TRANSLATE_NOOP("pushdesk::cli", "N")),
        option("error-rate", QT_TRANSLATE_NOOP("pushdesk::cli", "Answer an upstream error with probability RATE: a WeChat errcode (-1=0.05), ntfy:CODE or bark:token_invalid, bark:apns:REASON, bark:teapot (repeatable)."), QT_TRANSLATE_NOOP("pushdesk::cli", "KEY=RATE")),
        option("http5xx-rate", QT_TRANSLATE_NOOP("pushdesk::cli", "Answer HTTP 502/503 with probability R."), QT_TRANSLATE_NOOP("pushdesk::cli", "R")),
        option("malformed-rate", QT_TRANSLATE_NOOP("pushdesk::cli", "Answer a truncated JSON body with probability R."), QT_TRANSLATE_NOOP("pushdesk::cli", "R")),
        option("malformed-after-accept", QT_TRANSLATE_NOOP("pushdesk::cli", "Process the message before mangling its answer (accepted and counted).")),
        option("drop-rate", QT_TRANSLATE_NOOP("pushdesk::cli", "Close the connection without answering with probability R."), QT_TRANSLATE_NOOP("pushdesk::cli", "R")),
        option("token-expiry-every", QT_TRANSLATE_NOOP("pushdesk::cli", "Expire an app's access tokens after every N message calls."), QT_TRANSLATE_NOOP("pushdesk::cli", "N")),
        option("token-error", QT_TRANSLATE_NOOP("pushdesk::cli", "Answer the next N access-token calls with ERRCODE, e.g. -1=2 or 40164=1 (repeatable)."), QT_TRANSLATE_NOOP("pushdesk::cli", "ERRCODE=N")),
        option("daily-quota", QT_TRANSLATE_NOOP("pushdesk::cli", "Accepted WeChat messages per app per day, then 45009 (0 = unlimited)."), QT_TRANSLATE_NOOP("pushdesk::cli", "N")),
        option("fault-seed", QT_TRANSLATE_NOOP("pushdesk::cli", "Seed of the fault draws, for repeatable runs."), QT_TRANSLATE_NOOP("pushdesk::cli", "N")),
        option("risky-word", QT_TRANSLATE_NOOP("pushdesk::cli", "msg_sec_check: content with WORD is risky (repeatable)."), QT_TRANSLATE_NOOP("pushdesk::cli", "WORD")),
        option("review-word", QT_TRANSLATE_NOOP("pushdesk::cli", "msg_sec_check: content with WORD needs review (repeatable)."), QT_TRANSLATE_NOOP("pushdesk::cli", "WORD")),
    };
}
} // namespace

int runSandbox(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption port(QStringLiteral("port"), tr("TCP port on 127.0.0.1 (default 8080; 0 = any free port)."),
                                  tr("N"), QStringLiteral("8080"));
    const QCommandLineOption allowance(QStringLiteral("cs-allowance"),
                                       tr("Customer-service messages per 48-hour window (default 5)."), tr("N"),
                                       QStringLiteral("5"));
    parser.addOptions({port, allowance});
    parser.addOptions(faultOptions());
    int exit = Ok;
    if (!parseMode(parser, args, tr("Run the upstream emulator (WeChat, Bark, ntfy, webhooks) until stopped."), &exit))
        return exit;
    bool ok = false;
    const int p = parser.value(port).toInt(&ok);
    if (!ok || p < 0 || p > 65535) {
        printError(tr("--port needs a number from 0 to 65535"));
        return UsageError;
    }
    SandboxOptions options;
    options.csAllowance = parser.value(allowance).toInt(&ok);
    if (!ok || options.csAllowance < 0) {
        printError(tr("--cs-allowance needs a whole number"));
        return UsageError;
    }
    if (!readFaultOptions(parser, options))
        return UsageError;
    SandboxServer server(options);
    QString error;
    if (server.listen(quint16(p), &error) < 0) {
        printError(error);
        return RuntimeError;
    }
    out() << tr("Sandbox listening on http://127.0.0.1:%1 (stats: /sandbox/stats). Stop with Ctrl+C.").arg(server.port())
          << Qt::endl;
    if (options.faults.injectsAnything() || options.faults.tokenExpiryEvery > 0 || !options.faults.tokenErrors.isEmpty()) {
        out() << tr("Faults: %1 (change with POST /sandbox/admin/faults)")
                     .arg(QString::fromUtf8(QJsonDocument(options.faults.toJson()).toJson(QJsonDocument::Compact)))
              << Qt::endl;
    }
    if (options.dailyQuota > 0)
        out() << tr("Daily quota: %1 accepted WeChat messages per app.").arg(options.dailyQuota) << Qt::endl;
    // SIGINT / SIGTERM end the event loop cleanly.
    static int pipeFds[2];
    if (::pipe(pipeFds) == 0) {
        auto *notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, QCoreApplication::instance());
        QObject::connect(notifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
        auto handler = [](int) {
            const char c = 1;
            [[maybe_unused]] auto n = ::write(pipeFds[1], &c, 1);
        };
        std::signal(SIGINT, handler);
        std::signal(SIGTERM, handler);
    }
    return QCoreApplication::exec();
}

} // namespace pushdesk::cli
