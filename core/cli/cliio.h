#pragma once
// What the headless modes share: their output streams and the parsing of a mode's options.
#include <QCommandLineOption>
#include <QTextStream>
#include <functional>

class QCommandLineParser;

namespace pushdesk::cli {

QTextStream &out();
QTextStream &err();
QCommandLineOption dbOption();
// Parses args (args[0] is the mode). Returns false when the caller should return *exit at once
// (after --help, or after printing a one-line error for a bad option).
bool parseMode(QCommandLineParser &parser, const QStringList &args, const QString &description, int *exit);
// Calls fn in the event loop (once) when SIGINT or SIGTERM arrives.
void onTerminationSignal(std::function<void()> fn);

} // namespace pushdesk::cli
