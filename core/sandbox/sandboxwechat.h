#pragma once
// What every WeChat message endpoint of the sandbox shares (official account and mini-program):
// the request checks in upstream order, the accept and reject paths through SandboxState::settle,
// and the validation of template "data". Internal to core/sandbox.
#include "sandboxroutes.h"
#include "sandboxstate.h"

#include <QJsonObject>

#include <expected>

namespace pushdesk::sandboxwechat {

// Counts the rejection and answers the WeChat error.
SandboxReply reject(SandboxState &state, SandboxMessageKind kind, int errcode, QStringView errmsg = {});

// A message request that passed the checks every WeChat message endpoint shares.
struct Message {
    SandboxApp *app = nullptr;
    QJsonObject body;
};

// In order: 43002 (not POST), 41001 / 40001 / 42001 (access_token in the query), then the call
// counts for token_expiry_every, 45009 (daily quota, when countsQuota), 47001 (body not a JSON
// object).
std::expected<Message, SandboxReply> openMessage(const SandboxCall &call, SandboxState &state,
                                                 SandboxMessageKind kind, bool countsQuota = true);

// Counts an accepted message: the app's daily quota and the per-recipient stats.
void accept(SandboxState &state, SandboxMessageKind kind, SandboxApp &app, const QString &recipient,
            qint64 nowMsecs);

// The registered template for templateId: nullptr when the app registered none (any id goes),
// 40037 when templateId is empty or not registered.
std::expected<const SandboxTemplate *, int> findTemplate(const SandboxApp &app,
                                                         const QString &templateId);

// 47003 with its errmsg when data is not an object, a registered key has no value, or (with
// typeLimits, for subscribe messages) a typed key's value breaks its limit: thing <= 20
// characters, number / letter / character_string <= 32, symbol <= 5, phone_number <= 17,
// car_number <= 8, name <= 20, phrase <= 5, no newlines. 0 when the data is fine.
int checkData(const QJsonValue &data, const SandboxTemplate *registered, bool typeLimits,
              QString *errmsg);

} // namespace pushdesk::sandboxwechat
