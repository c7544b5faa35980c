#include "engine/broadcastworker.h"

#include "engine/broadcastcontrol.h"
#include "engine/broadcastrun.h"
#include "engine/networkpool.h"
#include "engine/upstreamaccess.h"
#include "audit/auditlog.h"
#include "domain/reasontext.h"
#include "policy/blocklist.h"
#include "policy/eligibility.h"
#include "policy/penalties.h"
#include "policy/forecast.h"
#include "render/renderer.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/creditrepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"
#include "store/walcheckpointer.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QThreadPool>
#include <csignal>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcEngine, "pushdesk.engine")

namespace pushdesk {

namespace {
QString readSecret(SecretStore *store, const QString &key, QString *error)
{
    if (!store)
        return {};
    auto r = store->read(key);
    if (!r) {
        *error = r.error().message;
        return {};
    }
    return r->value_or(QString());
}
} // namespace

BroadcastWorker::BroadcastWorker(const DatabaseConfig &db, EngineOptions options, std::shared_ptr<SecretStore> secrets)
    : m_dbConfig(std::make_unique<DatabaseConfig>(db))
    , m_options(std::move(options))
    , m_secrets(std::move(secrets))
{
    m_owner = QStringLiteral("%1:%2:%3")
                  .arg(QSysInfo::machineHostName())
                  .arg(QCoreApplication::applicationPid())
                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &BroadcastWorker::flush);
    m_readAheadTimer.setSingleShot(true);
    m_readAheadTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_readAheadTimer, &QTimer::timeout, this, &BroadcastWorker::readAhead);
    m_progressTimer.setInterval(m_options.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, [this]() { emitProgress(); });
    m_pollTimer.setInterval(m_options.pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &BroadcastWorker::poll);
    m_heartbeatTimer.setInterval(m_options.heartbeatIntervalMs);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &BroadcastWorker::beat);
}

BroadcastWorker::~BroadcastWorker() = default;

void BroadcastWorker::init()
{
    // Sockets and the connection are created here, in the worker thread.
    m_pool = std::make_unique<NetworkPool>(m_options.managers, m_options.concurrency);
    m_blocking = std::make_unique<QThreadPool>();
    m_blocking->setMaxThreadCount(8);
    auto db = Database::open(*m_dbConfig, QStringLiteral("pushdesk-engine-%1").arg(quintptr(this)));
    if (!db) {
        qCCritical(lcEngine) << db.error().message;
        emit broadcastError(0, db.error().message);
        return;
    }
    m_db = std::move(*db);
    if (!m_db->isPostgres()) {
        m_checkpointer = std::make_unique<WalCheckpointer>(*m_dbConfig, QStringLiteral("pushdesk-checkpoint-%1").arg(quintptr(this)));
        m_checkpointer->start();
        if (auto r = WalCheckpointer::handOver(*m_db); !r)
            qCWarning(lcEngine) << "checkpoints stay on the engine thread:" << r.error().message;
    }
    if (m_options.autoPoll) {
        m_pollTimer.start();
        QMetaObject::invokeMethod(this, &BroadcastWorker::poll, Qt::QueuedConnection);
    }
}

void BroadcastWorker::shutdown()
{
    m_pollTimer.stop();
    m_heartbeatTimer.stop();
    m_flushTimer.stop();
    m_readAheadTimer.stop();
    m_progressTimer.stop();
    if (m_run) {
        // Leave the broadcast running under a dead owner: the next engine recovers it (in-flight rows
        // become uncertain, nothing is sent twice).
        flush();
        m_run.reset();
    }
    if (m_blocking)
        m_blocking->waitForDone();
    m_pool.reset();
    m_checkpointer.reset();
    m_db.reset();
}

bool BroadcastWorker::ownerIsGone(const ClaimCandidate &c, qint64 nowMs) const
{
    if (c.owner.isEmpty() || nowMs - c.heartbeatAt > m_options.staleOwnerMs)
        return true;
    const QStringList parts = c.owner.split(QLatin1Char(':'));
    if (parts.size() == 3 && parts[0] == QSysInfo::machineHostName()) {
        const qint64 pid = parts[1].toLongLong();
        if (pid == QCoreApplication::applicationPid())
            return c.owner != m_owner; // an engine of this process that has stopped
        return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
    }
    return false;
}

void BroadcastWorker::poll()
{
    if (!m_db || m_releasing)
        return;
    if (m_polls++ % 30 == 0) // suspensions end by themselves when due
        PenaltyService(*m_db).liftDueSuspensions();
    if (m_run)
        return;
    BroadcastRepository broadcasts(*m_db);
    const qint64 now = nowMsecs();
    auto candidates = broadcasts.claimCandidates(now);
    if (!candidates) {
        qCWarning(lcEngine) << "cannot look for work:" << candidates.error().message;
        return;
    }
    // Idle means nothing is running, queued or due anywhere: a broadcast another live engine is running, or one
    // whose claim failed for a moment (a busy database), is still work that may come back to this engine.
    bool workElsewhere = false;
    for (const auto &c : std::as_const(*candidates)) {
        if (m_only > 0 && c.id != m_only)
            continue; // pushdesk send: its own broadcast and nothing else
        if (c.status == BroadcastStatus::Running && !ownerIsGone(c, now)) {
            workElsewhere = true;
            continue;
        }
        auto claimed = broadcasts.claim(c, m_owner, now);
        if (!claimed)
            qCWarning(lcEngine) << "cannot claim broadcast" << c.id << ":" << claimed.error().message;
        if (!claimed || !*claimed) {
            workElsewhere = true;
            continue;
        }
        if (auto r = begin(c.id); !r) {
            // Stored language-neutral, reported in this process's language.
            const QString message = ReasonText::display(r.error().message);
            qCWarning(lcEngine) << "broadcast" << c.id << "cannot start:" << message;
            broadcasts.setStatus(c.id, BroadcastStatus::Failed, r.error().message);
            m_run.reset();
            emit broadcastError(c.id, message);
            Counters counters = broadcasts.recount(c.id).value_or(Counters{});
            emit finished(c.id, counters, toString(BroadcastStatus::Failed));
            continue;
        }
        return;
    }
    if (!workElsewhere) {
        if (m_only > 0)
            emit onlyGone(m_only);
        emit idle();
    }
}

void BroadcastWorker::start(qint64 broadcastId)
{
    Q_UNUSED(broadcastId) // created due: the next poll takes it, in order with other due work
    poll();
}

void BroadcastWorker::runOnly(qint64 broadcastId)
{
    m_only = broadcastId;
    if (!m_pollTimer.isActive() && !m_releasing)
        m_pollTimer.start(); // an engine started without autoPoll looks for its broadcast from now on
    poll();
}

void BroadcastWorker::control(qint64 id, const std::function<Result<BroadcastStatus>(BroadcastControl &)> &action)
{
    if (!m_db)
        return;
    BroadcastControl control(*m_db, m_operator);
    auto r = action(control);
    if (!r) {
        emit broadcastError(id, r.error().message);
        return;
    }
    if (*r == BroadcastStatus::Cancelled) {
        // Not ours and not running: it ends here.
        auto b = BroadcastRepository(*m_db).findById(id);
        if (b && *b && (*b)->status == BroadcastStatus::Cancelled)
            emit finished(id, BroadcastRepository(*m_db).recount(id).value_or(Counters{}), toString(*r));
    }
    poll();
}

void BroadcastWorker::pause(qint64 broadcastId)
{
    if (m_run && m_run->broadcast.id == broadcastId) {
        m_run->stopping = true;
        m_run->stopAs = BroadcastStatus::Paused;
        m_run->stopReason = ReasonText(staticMetaObject, QT_TR_NOOP("paused by the operator")).encode();
        audit(audit::BroadcastPause, broadcastId, {{QStringLiteral("status"), QStringLiteral("paused")}});
        pump();
        return;
    }
    control(broadcastId, [broadcastId](BroadcastControl &c) { return c.pause(broadcastId); });
}

void BroadcastWorker::cancel(qint64 broadcastId)
{
    if (m_run && m_run->broadcast.id == broadcastId) {
        m_run->stopping = true;
        m_run->stopAs = BroadcastStatus::Cancelled;
        m_run->stopReason = ReasonText(staticMetaObject, QT_TR_NOOP("cancelled by the operator")).encode();
        audit(audit::BroadcastCancel, broadcastId, {{QStringLiteral("status"), QStringLiteral("cancelled")}});
        pump();
        return;
    }
    control(broadcastId, [broadcastId](BroadcastControl &c) { return c.cancel(broadcastId); });
}

void BroadcastWorker::resume(qint64 broadcastId)
{
    control(broadcastId, [broadcastId](BroadcastControl &c) { return c.resume(broadcastId); });
}

void BroadcastWorker::retry(qint64 broadcastId, int fromState)
{
    control(broadcastId, [broadcastId, fromState](BroadcastControl &c) -> Result<BroadcastStatus> {
        auto n = c.retry(broadcastId, DeliveryState(fromState));
        if (!n)
            return std::unexpected(n.error());
        qCInfo(lcEngine) << "broadcast" << broadcastId << ":" << *n << "deliveries requeued";
        return BroadcastStatus::Scheduled;
    });
}

void BroadcastWorker::release()
{
    m_pollTimer.stop();
    m_releasing = true;
    if (!m_run) {
        emit released();
        return;
    }
    // Drain the window, then leave the broadcast due for the next engine: nothing becomes uncertain. A stop
    // already under way (a pause, a cancel, a quota) keeps its own ending: the engine going away changes none of it.
    if (!m_run->stopping) {
        m_run->stopping = true;
        m_run->stopAs = BroadcastStatus::Scheduled;
        m_run->resumeAt = {};
        m_run->stopReason = ReasonText(staticMetaObject, QT_TR_NOOP("the engine stopped; it goes on at the next start")).encode();
    }
    pump();
}

// Its error is stored as the broadcast's reason: language-neutral (ReasonText) where the words are ours.
Result<void> BroadcastWorker::begin(qint64 broadcastId)
{
    const auto reason = [](const char *source) { return ReasonText(staticMetaObject, source); };
    BroadcastRepository broadcasts(*m_db);
    auto b = broadcasts.findById(broadcastId);
    if (!b)
        return std::unexpected(b.error());
    if (!*b)
        return fail(reason(QT_TR_NOOP("broadcast %1 does not exist")).arg(broadcastId).encode());
    auto app = AppRepository(*m_db).findById((*b)->appId);
    if (!app || !*app)
        return fail(reason(QT_TR_NOOP("the broadcast's app no longer exists")).encode());
    auto tmpl = TemplateRepository(*m_db).findById((*b)->templateId);
    if (!tmpl || !*tmpl)
        return fail(reason(QT_TR_NOOP("the broadcast's template no longer exists")).encode());
    const App &a = **app;
    if (auto why = EligibilityPolicy::appCannotSend(a, QDateTime::currentDateTime()))
        return fail(reason(QT_TR_NOOP("%1: %2")).arg(a.name).arg(*why).encode());
    const QStringList missing = Renderer::missingVariables(**tmpl, (*b)->variables);
    if (!missing.isEmpty())
        return fail(reason(QT_TR_NOOP("the template needs values for: %1")).arg(missing.join(QStringLiteral(", "))).encode());
    if (!(*b)->audience.valid())
        return fail(reason(QT_TR_NOOP("the broadcast's audience cannot be read; create the broadcast again")).encode());

    auto run = std::make_unique<Run>();
    run->broadcast = **b;
    run->app = a;
    run->tmpl = **tmpl;
    for (auto it = run->broadcast.variables.cbegin(); it != run->broadcast.variables.cend(); ++it)
        run->variables.insert(it.key(), it.value().toString());

    auto access = UpstreamAccess::resolve(a, m_options.sandboxUrl, m_secrets.get());
    if (!access)
        return std::unexpected(access.error());
    const bool builtIn = access->builtIn;
    const bool sandboxed = access->sandboxed;
    const QUrl wechatBase = access->wechatBase;
    const QString appSecret = access->appSecret;

    SendContext &ctx = run->ctx;
    ctx.pool = m_pool.get();
    ctx.blocking = m_blocking.get();
    ctx.endpoints.wechatBase = wechatBase;
    ctx.endpoints.barkBase = a.barkServer.isEmpty() ? wechatBase : QUrl(a.barkServer);
    ctx.endpoints.ntfyBase = !a.ntfyServer.isEmpty() ? QUrl(a.ntfyServer)
                             : sandboxed ? endpointUrl(wechatBase, QStringLiteral("/ntfy"))
                                         : QUrl(QStringLiteral("https://ntfy.sh"));
    // A secret the keychain cannot give holds back the rows of its channel (Run::keychainErrors).
    const auto secretFor = [&](Channel channel, const QString &key) {
        QString error;
        const QString value = readSecret(m_secrets.get(), key, &error);
        if (!error.isEmpty())
            run->keychainErrors.insert(channel, error);
        return value;
    };
    ctx.endpoints.webhookSecret = secretFor(Channel::Webhook, SecretStore::webhookSecretKey(a.id)).toUtf8();
    if (!a.barkUser.isEmpty()) {
        const QString password = secretFor(Channel::Bark, SecretStore::barkPasswordKey(a.id));
        ctx.endpoints.barkAuthorization = "Basic " + (a.barkUser + QLatin1Char(':') + password).toUtf8().toBase64();
    }
    // An ntfy token is optional, and nothing says whether the app has one: a keychain that cannot be read leaves the
    // publishes without it (a server that wants one answers 40101, which pauses the broadcast), so that machines
    // without a keyring still publish to open servers.
    QString ignored;
    if (const QString token = readSecret(m_secrets.get(), SecretStore::ntfyTokenKey(a.id), &ignored); !token.isEmpty())
        ctx.endpoints.ntfyAuthorization = "Bearer " + token.toUtf8();
    ctx.smtp.url = a.smtpUrl;
    ctx.smtp.user = a.smtpUser;
    ctx.smtp.from = a.smtpFrom;
    if (!a.smtpUser.isEmpty())
        ctx.smtp.password = secretFor(Channel::Email, SecretStore::smtpPasswordKey(a.id));
    ctx.retry = RetryPolicy{m_options.maxRetries, m_options.backoffBaseMs, m_options.minuteQuotaWaitMs,
                            m_options.busyRetries, m_options.busyBackoffBaseMs};
    ctx.timeoutMs = m_options.timeoutMs;
    run->tokens = std::make_unique<TokenCache>(*m_pool, wechatBase, a.appid, appSecret, ctx.retry);
    ctx.tokens = run->tokens.get();
    run->limiter = std::make_unique<RateLimiter>(a.sendRate);
    ctx.limiter = run->limiter.get();

    // Recovery (invariant 3): rows a dead engine left in flight are never re-sent silently.
    auto uncertain = broadcasts.markInFlightUncertain(broadcastId);
    if (!uncertain)
        return std::unexpected(uncertain.error());
    if (*uncertain > 0)
        qCWarning(lcEngine) << "broadcast" << broadcastId << ":" << *uncertain << "deliveries marked uncertain";
    CreditRepository(*m_db).prune(nowMsecs());
    auto counters = broadcasts.recount(broadcastId);
    if (!counters)
        return std::unexpected(counters.error());
    run->counters = *counters;
    auto members = AudienceForecast::count(*m_db, a.id, run->broadcast.audience);
    run->audienceMembers = members ? *members : 0;
    if (!run->broadcast.audienceDone && run->broadcast.audienceCursor > 0) {
        // Going on where an earlier run stopped: the people it planned count too (the ETA's rows per person).
        auto planned = broadcasts.membersPlanned(broadcastId);
        run->membersPlanned = planned ? *planned : 0;
    }
    // A template fault already reported by an earlier run of this broadcast is not reported again.
    auto templateFault = broadcasts.hasFailed(broadcastId, errcode::TemplateArgument);
    run->templateFaultReported = templateFault && *templateFault;
    run->dailyQuota = a.dailyQuota;
    if (run->dailyQuota > 0) {
        auto sent = broadcasts.sentSince(a.id, QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch());
        run->sentToday = sent ? *sent : 0;
    }
    run->broadcast.status = BroadcastStatus::Running;
    run->doneAtStart = run->counters.done();
    run->clock.start();
    m_run = std::move(run);
    m_progressTimer.start();
    m_heartbeatTimer.start();
    qCInfo(lcEngine) << "broadcast" << broadcastId << "running for app" << a.name;
    emitProgress(true);
    // One token request first: a wrong secret or an upstream that is down pauses the broadcast with one
    // clear reason instead of failing every recipient; it resumes once that is fixed.
    m_run->tokens->withToken([this, broadcastId, builtIn, wechatBase](const Result<QString> &token) {
        if (!m_run || m_run->broadcast.id != broadcastId)
            return;
        if (!token) {
            QString message = token.error().message;
            if (!builtIn && UpstreamAccess::isLoopback(wechatBase)) {
                const ReasonText hint = ReasonText(staticMetaObject, QT_TR_NOOP("If that is a sandbox, start it with: pushdesk sandbox --port %1"))
                                            .arg(wechatBase.port(80));
                message = ReasonText(staticMetaObject, QT_TR_NOOP("%1 %2")).arg(message).arg(hint.encode()).encode();
            }
            pauseForToken(message);
            return;
        }
        checkContent(*token, false, 0);
    });
    return {};
}

int BroadcastWorker::contentCheckRetryDelay(const ContentVerdict &v, int attempt) const
{
    if (v.outcome != ContentVerdict::Outcome::Unreachable || isTokenError(v.errcode) || !m_run)
        return -1;
    UpstreamReply r; // as the deliveries' retry policy reads it: an errcode is WeChat's, anything else did not get through
    r.kind = v.errcode != 0 ? UpstreamReply::Kind::ApiError : UpstreamReply::Kind::NetworkError;
    r.errcode = v.errcode;
    r.httpStatus = v.httpStatus;
    return m_run->ctx.retry.delayMs(r, attempt);
}

void BroadcastWorker::checkContent(const QString &token, bool tokenRetried, int attempt)
{
    Run &run = *m_run;
    // Invariant 4: nothing is sent before the text passed the local blocklist and msg_sec_check, or an
    // operator approved it after a "review" or an unreachable check.
    if (run.broadcast.checkVerdict == QLatin1String("pass") || run.broadcast.checkVerdict == QLatin1String("approved")) {
        run.ready = true;
        pump();
        return;
    }
    auto blocklist = BlocklistRepository(*m_db).load();
    if (!blocklist) {
        abortRun(blocklist.error().message);
        return;
    }
    const RenderedMessage msg = Renderer::render(run.tmpl, run.variables);
    QStringList parts{msg.csText, msg.barkTitle, msg.barkSubtitle, msg.barkBody, msg.emailSubject, msg.emailBody, msg.ntfyTitle, msg.ntfyBody};
    for (const auto &f : msg.wechatFields)
        parts.append(f.second);
    for (const auto &f : msg.subscribeFields)
        parts.append(f.second);
    parts.removeAll(QString());
    parts.removeDuplicates();
    ContentCheckTarget target{run.ctx.endpoints.wechatBase, token,
                              SubscriberRepository(*m_db).mostRecentlyActiveOpenid(run.app.id).value_or(QString()),
                              m_options.timeoutMs};
    run.contentCheck = std::make_unique<ContentCheck>(m_pool->next(), target, *blocklist);
    const qint64 id = run.broadcast.id;
    run.contentCheck->check(parts.join(QLatin1Char('\n')), [this, id, token, tokenRetried, attempt](const ContentVerdict &v) {
        if (!m_run || m_run->broadcast.id != id)
            return;
        if (const int delay = contentCheckRetryDelay(v, attempt); delay >= 0) {
            // A busy or flaky upstream is asked again (the retry policy's bounds and backoff) before the broadcast is held.
            QTimer::singleShot(delay, this, [this, id, token, tokenRetried, attempt]() {
                if (m_run && m_run->broadcast.id == id)
                    checkContent(token, tokenRetried, attempt + 1);
            });
            return;
        }
        if (v.outcome == ContentVerdict::Outcome::Unreachable && isTokenError(v.errcode) && !tokenRetried) {
            m_run->tokens->invalidate(token);
            m_run->tokens->withToken([this, id, attempt](const Result<QString> &fresh) {
                if (!m_run || m_run->broadcast.id != id)
                    return;
                if (!fresh) {
                    pauseForToken(fresh.error().message);
                    return;
                }
                checkContent(*fresh, true, attempt);
            });
            return;
        }
        BroadcastRepository(*m_db).setCheck(id, v.verdictName(), v.label, v.rule);
        m_run->broadcast.checkVerdict = v.verdictName();
        if (const auto stop = v.stopStatus()) {
            const QString reason = *stop == BroadcastStatus::Blocked
                                       ? ReasonText(staticMetaObject, QT_TR_NOOP("blocked by the content check: %1")).arg(v.message).encode()
                                       : ReasonText(staticMetaObject, QT_TR_NOOP("held for an operator's approval: %1")).arg(v.message).encode();
            emit broadcastError(id, ReasonText::display(reason));
            end(*stop, reason);
            return;
        }
        m_run->ready = true;
        pump();
    });
}

void BroadcastWorker::audit(const QString &action, qint64 broadcastId, const QJsonObject &after)
{
    if (!m_db)
        return;
    AuditEvent e;
    e.operatorName = m_operator.isEmpty() ? AuditLog::defaultOperator() : m_operator;
    e.action = action;
    e.recordType = audit::TypeBroadcast;
    e.recordId = broadcastId;
    if (m_run && m_run->broadcast.id == broadcastId)
        e.before = QJsonObject{{QStringLiteral("status"), toString(BroadcastStatus::Running)}};
    e.after = after;
    AuditLog::record(*m_db, e);
}

void BroadcastWorker::setOperatorName(const QString &name)
{
    m_operator = name;
}

void BroadcastWorker::beat()
{
    if (!m_run || !m_db)
        return;
    auto status = BroadcastRepository(*m_db).heartbeat(m_run->broadcast.id, m_owner, nowMsecs());
    if (!status)
        return;
    if (!*status) {
        // Another engine took it over (we were silent too long): stop without writing anything more.
        qCWarning(lcEngine) << "broadcast" << m_run->broadcast.id << "is owned by another engine now";
        m_run->ownershipLost = true;
        m_run->stopping = true;
        pump();
        return;
    }
    // A penalty while it runs (invariant 2): stop within a heartbeat, and skip the rest with the reason.
    if (auto app = AppRepository(*m_db).findById(m_run->app.id); app && *app && !m_run->stopping) {
        m_run->app = **app;
        if (auto why = EligibilityPolicy::appCannotSend(m_run->app, QDateTime::currentDateTime())) {
            m_run->stopping = true;
            m_run->stopAs = BroadcastStatus::Cancelled;
            m_run->stopReason = *why;
            m_run->queue.clear();
            pump();
            return;
        }
    }
    const BroadcastStatus s = **status;
    if (s != BroadcastStatus::Running && !m_run->stopping) {
        // Paused or cancelled from elsewhere (another console, the command line).
        m_run->stopping = true;
        m_run->stopAs = s == BroadcastStatus::Cancelled ? BroadcastStatus::Cancelled : BroadcastStatus::Paused;
        m_run->stopReason = s == BroadcastStatus::Cancelled
                                ? ReasonText(staticMetaObject, QT_TR_NOOP("cancelled by the operator")).encode()
                                : ReasonText(staticMetaObject, QT_TR_NOOP("paused by the operator")).encode();
        pump();
    }
}

void BroadcastWorker::end(BroadcastStatus endAs, const QString &endReason)
{
    BroadcastStatus status = endAs;
    QString reason = endReason;
    if (!m_run)
        return;
    const qint64 id = m_run->broadcast.id;
    m_heartbeatTimer.stop();
    m_progressTimer.stop();
    if (m_run->ownershipLost) {
        m_run.reset();
        QMetaObject::invokeMethod(this, &BroadcastWorker::poll, Qt::QueuedConnection);
        return;
    }
    BroadcastRepository broadcasts(*m_db);
    if (status == BroadcastStatus::Scheduled) {
        // Left for later (the engine stopped, the daily quota): a pause or cancel made elsewhere meanwhile (the
        // command line, another console) is how it ends, not undone.
        if (auto b = broadcasts.findById(id); b && *b
            && ((*b)->status == BroadcastStatus::Paused || (*b)->status == BroadcastStatus::Cancelled)) {
            status = (*b)->status;
            reason = (*b)->statusReason;
        }
    }
    if (status == BroadcastStatus::Cancelled) {
        const auto appBlocked = EligibilityPolicy::appCannotSend(m_run->app, QDateTime::currentDateTime());
        if (appBlocked) {
            // Everyone not reached yet is accounted for, skipped with the reason.
            while (!m_run->broadcast.audienceDone) {
                if (auto r = planNextPage(false); !r)
                    break;
            }
        }
        broadcasts.skipPending(id, appBlocked ? *appBlocked
                                              : ReasonText(staticMetaObject, QT_TR_NOOP("the broadcast was cancelled")).encode());
    }
    if (status == BroadcastStatus::Failed) {
        // Requests still out will have no result on record: uncertain now, not in flight for ever (if the database
        // refuses this too, the next start does it).
        if (auto n = broadcasts.markInFlightUncertain(id); n && *n > 0)
            qCWarning(lcEngine) << "broadcast" << id << ":" << *n << "deliveries marked uncertain";
    }
    if (status == BroadcastStatus::Scheduled)
        broadcasts.schedule(id, m_run->resumeAt, reason);
    else
        broadcasts.setStatus(id, status, reason);
    if (auto counters = broadcasts.recount(id))
        m_run->counters = *counters;
    m_run->broadcast.status = status;
    emitProgress(true);
    const Counters final = m_run->counters;
    qCInfo(lcEngine) << "broadcast" << id << toString(status) << "sent" << final.sent << "failed" << final.failed;
    m_run.reset();
    emit finished(id, final, toString(status));
    if (m_releasing) {
        emit released();
        return;
    }
    QMetaObject::invokeMethod(this, &BroadcastWorker::poll, Qt::QueuedConnection);
}

void BroadcastWorker::pauseForToken(const QString &message)
{
    stopRun(BroadcastStatus::Paused, tokenPauseReason(message));
}

QString BroadcastWorker::tokenPauseReason(const QString &message)
{
    return ReasonText(staticMetaObject, QT_TR_NOOP("%1; resume once the upstream gives a token again")).arg(message).encode();
}

void BroadcastWorker::abortRun(const QString &message)
{
    stopRun(BroadcastStatus::Failed, message);
}

void BroadcastWorker::stopRun(BroadcastStatus as, const QString &message)
{
    if (!m_run)
        return;
    const qint64 id = m_run->broadcast.id;
    // message: stored form (ReasonText) or plain text; stored as it is, reported in this process's language.
    if (as == BroadcastStatus::Failed)
        qCCritical(lcEngine) << "broadcast" << id << "stopped:" << ReasonText::display(message);
    else
        qCWarning(lcEngine) << "broadcast" << id << "paused:" << ReasonText::display(message);
    emit broadcastError(id, ReasonText::display(message));
    end(as, message);
}

} // namespace pushdesk
