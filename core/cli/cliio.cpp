#include "cli/cliio.h"

#include "cli/commands.h"
#include "secrets/secretstore.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>

namespace pushdesk::cli {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QCoreApplication::translate("cli", "SQLite database file (default: %1), or a PostgreSQL URL "
                                                                 "postgresql://user@host:port/dbname whose password comes "
                                                                 "from the keychain, PGPASSWORD or ~/.pgpass (never the URL).")
                                  .arg(DatabaseConfig::defaultSqlitePath()),
                              QCoreApplication::translate("cli", "PATH|URL"));
}

std::optional<DatabaseConfig> databaseConfig(const QCommandLineParser &parser, const QCommandLineOption &db, bool mustExist,
                                             int *exit)
{
    const QString value = parser.isSet(db) ? parser.value(db) : DatabaseConfig::defaultSqlitePath();
    auto config = DatabaseConfig::fromLocation(value);
    if (!config) {
        printError(config.error().message);
        *exit = UsageError;
        return std::nullopt;
    }
    if (!config->isPostgres()) {
        if (mustExist && !QFileInfo::exists(config->path)) {
            printError(QCoreApplication::translate("pushdesk::cli", "no database at %1; create one with: pushdesk demo --db %1")
                           .arg(config->path));
            *exit = RuntimeError;
            return std::nullopt;
        }
        return *config;
    }
    KeychainSecretStore keychain;
    config->resolvePassword(keychain);
    return *config;
}

// Parses args for a mode; on --help prints and returns UsageError-free Ok via *exit.
bool parseMode(QCommandLineParser &parser, const QStringList &args, const QString &description, int *exit)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    // Read by main() before the mode runs; accepted here so that every mode takes it.
    parser.addOption(QCommandLineOption(QStringLiteral("lang"),
                                        QCoreApplication::translate("cli", "Language of the messages: en or zh_CN."),
                                        QCoreApplication::translate("cli", "CODE")));
    if (!parser.parse(args)) {
        printError(QCoreApplication::translate("cli", "%1 (see pushdesk %2 --help)").arg(parser.errorText(), args.value(0)));
        *exit = UsageError;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        *exit = Ok;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QCoreApplication::translate("cli", "unexpected argument %1 (see pushdesk %2 --help)").arg(parser.positionalArguments().at(0), args.value(0)));
        *exit = UsageError;
        return false;
    }
    return true;
}


namespace {
int g_signalPipe[2] = {-1, -1};
}

void onTerminationSignal(std::function<void()> fn)
{
    if (g_signalPipe[0] < 0 && ::pipe(g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [fn = std::move(fn), seen = 0]() mutable {
        char c;
        [[maybe_unused]] auto n = ::read(g_signalPipe[0], &c, 1);
        if (++seen == 1) {
            fn();
            return;
        }
        // A second signal while the window drains: stop at once, as a kill would (invariant 3 keeps it safe).
        printError(QCoreApplication::translate("cli", "stopping at once; requests still in flight are listed as uncertain at the next start"));
        ::_exit(130);
    });
    auto handler = [](int) {
        const char c = 1;
        [[maybe_unused]] auto n = ::write(g_signalPipe[1], &c, 1);
    };
    std::signal(SIGINT, handler);
    std::signal(SIGTERM, handler);
}

} // namespace pushdesk::cli
