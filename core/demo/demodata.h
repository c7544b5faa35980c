#pragma once
// `pushdesk demo`: a realistic demo database, and the sandbox state that matches it.
#include "demo/sandboxseed.h"
#include "domain/result.h"

namespace pushdesk {
class Database;

struct DemoOptions {
    int subscribers = 1000;
    QString upstream = QStringLiteral("sandbox"); // "sandbox" (built-in) or an external sandbox's base URL
    quint32 seed = 20261122;
};

struct DemoSummary {
    int apps = 0;
    int subscribers = 0;
    int bindings = 0;
    int templates = 0;
    SandboxSeed sandbox;
};

class DemoData {
public:
    // Fails (and writes nothing) if the database already holds apps.
    static Result<DemoSummary> create(Database &db, const DemoOptions &options);
};

} // namespace pushdesk
