#include "cli/importcommand.h"

#include "audit/auditlog.h"
#include "cli/cliio.h"
#include "cli/commands.h"
#include "importer/importer.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

namespace pushdesk::cli {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("pushdesk::cli", text, nullptr, n);
}

constexpr int kProblemsShown = 100;
} // namespace

int runImport(const QStringList &args)
{
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption subscribers(QStringLiteral("subscribers"), tr("Import subscribers (upsert by mp_openid)."),
                                         tr("FILE.csv"));
    const QCommandLineOption bindings(QStringLiteral("bindings"), tr("Import bindings of subscribers to apps."),
                                      tr("FILE.csv"));
    const QCommandLineOption events(QStringLiteral("events"),
                                    tr("Import subscriber events (opt-out and opt-in replies, unbind, mute, reminder …)."),
                                    tr("FILE.csv"));
    const QCommandLineOption credits(QStringLiteral("credits"), tr("Import mini-program send credits."), tr("FILE.csv"));
    const QCommandLineOption list(QStringLiteral("list"),
                                  tr("Make a new audience list of this name from FILE.csv (columns mp_openid, "
                                     "mini_openid or email), for pushdesk send --list NAME."),
                                  tr("NAME"));
    const QCommandLineOption app(QStringLiteral("app"),
                                 tr("The app for rows without one; with --subscribers, bind every subscriber to it."),
                                 tr("NAME"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), tr("Check the file and print the counts; change nothing."));
    const QCommandLineOption operatorName(QStringLiteral("operator"),
                                          tr("Who imports, for the audit log (default: the login name)."), tr("NAME"));
    parser.addOptions({db, subscribers, bindings, events, credits, list, app, dryRun, operatorName});
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), tr("With --list: the file of the list's members."));
    int exit = Ok;
    const QString description = tr("Import subscribers, bindings, subscriber events, send credits or an audience list "
                                   "from a CSV file. "
                                   "Every row is checked first; a file with any problem changes nothing and gets a "
                                   "report of each problem. Ends with one JSON line of counts.")
                                + QStringLiteral("\n\n") + Importer::columnsHelp();
    // --list NAME FILE.csv: the file is the one positional argument, which parseMode() refuses for the
    // other forms; take it out first.
    QStringList modeArgs = args;
    QStringList positional;
    {
        QCommandLineParser peek;
        peek.addOptions({db, subscribers, bindings, events, credits, list, app, dryRun, operatorName});
        peek.addOption(QCommandLineOption(QStringLiteral("lang"), QString(), QStringLiteral("CODE")));
        peek.addHelpOption();
        if (peek.parse(args) && peek.isSet(list)) {
            positional = peek.positionalArguments();
            for (const QString &p : std::as_const(positional)) {
                const qsizetype at = modeArgs.lastIndexOf(p);
                if (at > 0)
                    modeArgs.removeAt(at);
            }
        }
    }
    if (!parseMode(parser, modeArgs, description, &exit))
        return exit;

    const QList<QPair<const QCommandLineOption *, ImportKind>> kinds{{&subscribers, ImportKind::Subscribers},
                                                                     {&bindings, ImportKind::Bindings},
                                                                     {&events, ImportKind::Events},
                                                                     {&credits, ImportKind::Credits}};
    const QCommandLineOption *chosen = nullptr;
    ImportKind kind = ImportKind::Subscribers;
    int given = 0;
    for (const auto &[option, k] : kinds) {
        if (parser.isSet(*option)) {
            ++given;
            chosen = option;
            kind = k;
        }
    }
    if (parser.isSet(list)) {
        ++given;
        kind = ImportKind::List;
    }
    if (given != 1) {
        printError(tr("import needs exactly one of --subscribers, --bindings, --events or --credits FILE.csv, "
                      "or --list NAME FILE.csv (see pushdesk import --help)"));
        return UsageError;
    }
    if (kind == ImportKind::List && positional.size() != 1) {
        printError(tr("import --list NAME needs exactly one FILE.csv after it (see pushdesk import --help)"));
        return UsageError;
    }
    const QString file = kind == ImportKind::List ? positional.first() : parser.value(*chosen);
    const QFileInfo info(file);
    if (!info.isFile() || !info.isReadable()) {
        printError(tr("cannot read the file %1; check the path and its permissions").arg(file));
        return UsageError;
    }
    exit = Ok;
    const auto config = databaseConfig(parser, db, true, &exit);
    if (!config)
        return exit;
    auto database = Database::open(*config, QStringLiteral("pushdesk-import"));
    if (!database) {
        printError(database.error().message);
        return RuntimeError;
    }

    ImportOptions options;
    options.appName = parser.value(app);
    options.dryRun = parser.isSet(dryRun);
    options.operatorName = parser.isSet(operatorName) ? parser.value(operatorName) : AuditLog::defaultOperator();
    options.fileName = info.fileName();
    options.listName = parser.value(list);
    auto report = Importer(**database).runFile(kind, file, options);
    if (!report) {
        printError(report.error().message);
        return RuntimeError;
    }
    if (!report->ok()) {
        printError(tr("%1: %n problem(s); nothing was imported.", report->problemCount).arg(options.fileName));
        for (int i = 0; i < report->problems.size() && i < kProblemsShown; ++i)
            err() << "  " << report->problems.at(i).describe(options.fileName) << Qt::endl;
        if (report->problemCount > kProblemsShown)
            err() << "  " << tr("… and %n more.", report->problemCount - kProblemsShown) << Qt::endl;
    }
    out() << QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
    return report->ok() ? Ok : UsageError;
}

} // namespace pushdesk::cli
