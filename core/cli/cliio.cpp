#include "cli/cliio.h"

#include "cli/commands.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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
    return QCommandLineOption(QStringLiteral("db"), QCoreApplication::translate("cli", "SQLite database file (default: %1).").arg(DatabaseConfig::defaultSqlitePath()),
                              QCoreApplication::translate("cli", "PATH"));
}

// Parses args for a mode; on --help prints and returns UsageError-free Ok via *exit.
bool parseMode(QCommandLineParser &parser, const QStringList &args, const QString &description, int *exit)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
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


} // namespace pushdesk::cli
