// The composition root: picks the mode, makes the application object and the one Workspace.
#include "cli/commands.h"
#include "cli/importcommand.h"
#include "console/settings.h"
#include "mainwindow.h"
#include "secrets/secretstore.h"
#include "uilanguage.h"
#include "workspace.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTranslator>
#include <cstring>
#include <memory>

namespace {

// Headless modes: the translator follows --lang or the system locale. The console switches its own at
// run time through UiLanguage (see runConsole).
void installTranslators(QCoreApplication &app, const QString &lang, bool ours_too)
{
    const QLocale locale = lang.isEmpty() ? QLocale::system() : QLocale(lang);
    if (ours_too) {
        auto *ours = new QTranslator(&app);
        if (ours->load(locale, QStringLiteral("pushdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
            app.installTranslator(ours);
    }
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

QString optionValue(const QStringList &args, const QString &name)
{
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == name && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(name + QLatin1Char('=')))
            return args[i].mid(name.size() + 1);
    }
    return {};
}

int runConsole(QApplication &app, const QStringList &args)
{
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--db") || a == QLatin1String("--lang") || a == QLatin1String("--callback-port")) {
            ++i;
            continue;
        }
        if (!a.startsWith(QLatin1String("--db=")) && !a.startsWith(QLatin1String("--lang="))
            && !a.startsWith(QLatin1String("--callback-port="))) {
            pushdesk::cli::printError(QCoreApplication::translate("cli", "unknown mode or option %1 (see pushdesk --help)").arg(a));
            return pushdesk::cli::UsageError;
        }
    }
    pushdesk::ConsoleSettings settings;
    const QString lang = optionValue(args, QStringLiteral("--lang"));
    const QString code = !lang.isEmpty() ? lang : settings.language();
    if (auto r = pushdesk::UiLanguage::apply(code); !r)
        pushdesk::cli::printError(r.error().message);
    pushdesk::WorkspaceOptions options;
    options.alwaysSandbox = true; // apps added in the console may use it
    options.engine.concurrency = settings.engineConcurrency();
    // Where WeChat (or the built-in sandbox) posts what subscribers say and do; default: a free port,
    // only alongside the built-in sandbox.
    if (const QString port = optionValue(args, QStringLiteral("--callback-port")); !port.isEmpty()) {
        bool ok = false;
        options.callbackPort = port.toInt(&ok);
        if (!ok || options.callbackPort < 1 || options.callbackPort > 65535) {
            pushdesk::cli::printError(QCoreApplication::translate("cli", "--callback-port needs a port from 1 to 65535"));
            return pushdesk::cli::UsageError;
        }
    }
    // --db wins; otherwise the database chosen in Settings (default: the user's SQLite file).
    const bool given = !optionValue(args, QStringLiteral("--db")).isEmpty();
    auto config = given ? pushdesk::DatabaseConfig::fromLocation(pushdesk::cli::databaseOption(args))
                        : pushdesk::Result<pushdesk::DatabaseConfig>(settings.database());
    if (!config) {
        pushdesk::cli::printError(config.error().message);
        QMessageBox::critical(nullptr, QCoreApplication::translate("cli", "Pushdesk"), config.error().message);
        return pushdesk::cli::UsageError;
    }
    pushdesk::KeychainSecretStore keychain;
    config->resolvePassword(keychain);
    auto ws = pushdesk::Workspace::open(*config, options);
    const QString fallback = pushdesk::DatabaseConfig::defaultSqlitePath();
    if (!ws && !given && (config->isPostgres() || config->path != fallback)) {
        // The database chosen in Settings cannot be opened: offer the local file, so that the settings can be
        // corrected from the console itself.
        pushdesk::cli::printError(ws.error().message);
        const auto answer = QMessageBox::warning(
            nullptr, QCoreApplication::translate("cli", "Pushdesk"),
            QCoreApplication::translate("cli", "%1\n\nOpen the local database %2 instead? You can then correct the "
                                               "database in Settings; it applies at the next start.")
                .arg(ws.error().message, fallback),
            QMessageBox::Open | QMessageBox::Close, QMessageBox::Open);
        if (answer != QMessageBox::Open)
            return pushdesk::cli::RuntimeError;
        ws = pushdesk::Workspace::open(pushdesk::DatabaseConfig::sqlite(fallback), options);
    }
    if (!ws) {
        pushdesk::cli::printError(ws.error().message);
        QMessageBox::critical(nullptr, QCoreApplication::translate("cli", "Pushdesk"), ws.error().message);
        return pushdesk::cli::RuntimeError;
    }
    pushdesk::MainWindow window(**ws);
    window.show();
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    const char *mode = argc > 1 ? argv[1] : "";
    bool headless = false;
    for (const char *m : {"send", "demo", "sandbox", "worker", "pause", "resume", "cancel", "retry", "uncertain", "import", "--help", "-h", "help"})
        headless = headless || std::strcmp(mode, m) == 0;
    std::unique_ptr<QCoreApplication> app(headless ? new QCoreApplication(argc, argv) : new QApplication(argc, argv));
    // Headless modes speak in their own one-line messages; the log is for debugging (QT_LOGGING_RULES).
    if (headless && qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("pushdesk.*=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("Pushdesk"));
    QCoreApplication::setApplicationName(QStringLiteral("pushdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PUSHDESK_VERSION));
    const QStringList args = QCoreApplication::arguments();
    installTranslators(*app, optionValue(args, QStringLiteral("--lang")), headless);

    const QStringList rest = args.mid(1);
    const QString m = QString::fromLocal8Bit(mode);
    if (m == QLatin1String("--help") || m == QLatin1String("-h") || m == QLatin1String("help")) {
        fputs(qPrintable(pushdesk::cli::overview()), stdout);
        return pushdesk::cli::Ok;
    }
    if (m == QLatin1String("demo"))
        return pushdesk::cli::runDemo(rest);
    if (m == QLatin1String("send"))
        return pushdesk::cli::runSend(rest);
    if (m == QLatin1String("sandbox"))
        return pushdesk::cli::runSandbox(rest);
    if (m == QLatin1String("worker"))
        return pushdesk::cli::runWorker(rest);
    if (m == QLatin1String("import"))
        return pushdesk::cli::runImport(rest);
    if (m == QLatin1String("pause") || m == QLatin1String("resume") || m == QLatin1String("cancel") || m == QLatin1String("retry")
        || m == QLatin1String("uncertain"))
        return pushdesk::cli::runControl(rest);
    return runConsole(static_cast<QApplication &>(*app), args);
}
