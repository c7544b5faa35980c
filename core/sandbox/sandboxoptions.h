#pragma once
// Configuration of the upstream emulator, shared by SandboxServer and SandboxState. Everything but
// the clock can also be changed at run time through /sandbox/admin/*; POST /sandbox/admin/reset?all=1
// returns to these values.
#include "sandboxfaults.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <functional>

namespace pushdesk {

// One word of the msg_sec_check lists: content containing it (case-insensitively) gets the label.
struct SandboxSecWord {
    QString word;
    int label = 20006; // illegal
};

struct SandboxOptions {
    // Customer-service messages allowed per 48 h window after a user interaction
    // (upstream-apis.md §2: "make it configurable, default 5").
    int csAllowance = 5;
    int tokenTtlSeconds = 7200;
    // Accepted WeChat messages (custom, template, subscribe, wxopen template) per app per day,
    // beyond which the upstream answers 45009; 0 = unlimited. Days start at 00:00 Beijing time.
    qint64 dailyQuota = 0;
    SandboxFaultSettings faults;
    // msg_sec_check: content with a risky word is "risky" (v1: errcode 87014), with a review word
    // "review"; everything else passes.
    QList<SandboxSecWord> riskyWords;
    QList<SandboxSecWord> reviewWords;
    // Injectable clock: called on the sandbox thread for every request, so it must be thread-safe.
    std::function<qint64()> nowMsecs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace pushdesk
