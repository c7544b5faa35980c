#pragma once
// The headless modes of the pushdesk binary. Each returns the process exit code:
// 0 done, 1 something went wrong while running, 2 a bad argument.
#include <QStringList>

namespace pushdesk::cli {

enum ExitCode { Ok = 0, RuntimeError = 1, UsageError = 2 };

QString overview();                       // `pushdesk --help`
int runDemo(const QStringList &args);     // args[0] is the mode name
int runSend(const QStringList &args);
int runSandbox(const QStringList &args);
int runWorker(const QStringList &args);
int runControl(const QStringList &args); // pause, resume, cancel, retry, uncertain

// Shared by the modes and by the console's start-up.
QString databaseOption(const QStringList &args); // the value of --db, or the default path
void printError(const QString &message);

} // namespace pushdesk::cli
