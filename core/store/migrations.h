#pragma once
#include "domain/result.h"

#include <QStringList>

class QSqlDatabase;

namespace pushdesk {

// An ordered list of schema steps. Each step runs in one transaction, so a failed step leaves the
// database exactly as it was. Statements are written for SQLite and PostgreSQL alike; the only
// dialect difference (the auto-increment key) is spelled %PK% and substituted per driver.
class Migrations {
public:
    static int latestVersion();
    static Result<int> currentVersion(QSqlDatabase &db);
    // Applies every step above the current version. Returns the version reached.
    static Result<int> apply(QSqlDatabase &db, bool postgres);
    static QStringList statements(int version, bool postgres); // for tests
};

} // namespace pushdesk
