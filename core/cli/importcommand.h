#pragma once
// `pushdesk import`: subscribers, bindings, subscriber events or send credits from a CSV file,
// checked first and written in one transaction. Exit codes as in commands.h: 0 imported (or checked,
// with --dry-run), 1 the database failed, 2 a bad argument or a bad file (nothing was changed).
#include <QStringList>

namespace pushdesk::cli {

int runImport(const QStringList &args); // args[0] is the mode name

} // namespace pushdesk::cli
