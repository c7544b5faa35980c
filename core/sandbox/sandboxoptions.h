#pragma once
// Configuration of the upstream emulator, shared by SandboxServer and SandboxState.
#include <QDateTime>
#include <QtGlobal>

#include <functional>

namespace pushdesk {

struct SandboxOptions {
    // Customer-service messages allowed per 48 h window after a user interaction
    // (upstream-apis.md §2: "make it configurable, default 5").
    int csAllowance = 5;
    int tokenTtlSeconds = 7200;
    // Injectable clock: called on the sandbox thread for every request, so it must be thread-safe.
    std::function<qint64()> nowMsecs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace pushdesk
