// `pushdesk sandbox`: the upstream emulator on its own.
#include "cli/cliio.h"
#include "cli/commands.h"
#include "sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>

namespace pushdesk::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
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
    int exit = Ok;
    if (!parseMode(parser, args, tr("Run the upstream emulator (WeChat and Bark) until stopped."), &exit))
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
    SandboxServer server(options);
    QString error;
    if (server.listen(quint16(p), &error) < 0) {
        printError(error);
        return RuntimeError;
    }
    out() << tr("Sandbox listening on http://127.0.0.1:%1 (stats: /sandbox/stats). Stop with Ctrl+C.").arg(server.port())
          << Qt::endl;
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
