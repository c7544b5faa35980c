#pragma once
// What the headless modes share: their output streams and the parsing of a mode's options.
#include "store/database.h"

#include <QCommandLineOption>
#include <QTextStream>
#include <functional>
#include <optional>

class QCommandLineParser;

namespace pushdesk::cli {

QTextStream &out();
QTextStream &err();
QCommandLineOption dbOption();
// The database --db names: a PostgreSQL URL (its password from the keychain, or PGPASSWORD / ~/.pgpass)
// or an SQLite file (default: the user's). mustExist: an SQLite file that is not there is an error
// that says how to create one. On an error prints it, sets *exit and returns nothing.
std::optional<DatabaseConfig> databaseConfig(const QCommandLineParser &parser, const QCommandLineOption &db,
                                                       bool mustExist, int *exit);
// Parses args (args[0] is the mode). Returns false when the caller should return *exit at once
// (after --help, or after printing a one-line error for a bad option).
bool parseMode(QCommandLineParser &parser, const QStringList &args, const QString &description, int *exit);
// Calls fn in the event loop (once) when SIGINT or SIGTERM arrives.
void onTerminationSignal(std::function<void()> fn);

} // namespace pushdesk::cli
