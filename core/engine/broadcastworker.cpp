#include "engine/broadcastworker.h"

#include "engine/deliveryjob.h"
#include "engine/networkpool.h"
#include "engine/tokencache.h"
#include "policy/eligibility.h"
#include "render/renderer.h"
#include "sandbox/sandboxserver.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEngine, "pushdesk.engine")

namespace pushdesk {

struct BroadcastWorker::Run {
    Broadcast broadcast;
    App app;
    Template tmpl;
    QHash<QString, QString> variables;
    SendContext ctx;
    std::unique_ptr<TokenCache> tokens;
    std::deque<DeliveryWork> queue;
    qint64 lastDeliveryId = 0;
    qint64 audienceMembers = 0;         // bindings in the audience when the run began
    qint64 membersPlanned = 0;          // ... of which this run has planned
    int inFlight = 0;                   // claimed rows whose results are not yet durable
    QList<DeliveryOutcome> results;
    QList<DeliveryFailure> failures;
    Counters counters;
    bool cancelRequested = false;
    QElapsedTimer clock;
    qint64 doneAtStart = 0;
    bool changed = true;
    bool ready = false;                 // the access token answered: the upstream is reachable
};

namespace {
bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}
} // namespace

BroadcastWorker::BroadcastWorker(const DatabaseConfig &db, EngineOptions options, std::shared_ptr<SecretStore> secrets)
    : m_dbConfig(std::make_unique<DatabaseConfig>(db))
    , m_options(std::move(options))
    , m_secrets(std::move(secrets))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &BroadcastWorker::flush);
    m_progressTimer.setInterval(m_options.progressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, [this]() { emitProgress(); });
}

BroadcastWorker::~BroadcastWorker() = default;

void BroadcastWorker::init()
{
    // Sockets and the connection are created here, in the worker thread.
    m_pool = std::make_unique<NetworkPool>(m_options.managers);
    auto db = Database::open(*m_dbConfig, QStringLiteral("pushdesk-engine-%1").arg(quintptr(this)));
    if (!db) {
        qCCritical(lcEngine) << db.error().message;
        emit broadcastError(0, db.error().message);
        return;
    }
    m_db = std::move(*db);
}

void BroadcastWorker::shutdown()
{
    m_flushTimer.stop();
    m_progressTimer.stop();
    if (m_run)
        flush();
    m_run.reset();
    m_pool.reset();
    m_db.reset();
}

void BroadcastWorker::start(qint64 broadcastId)
{
    if ((m_run && m_run->broadcast.id == broadcastId) || m_waiting.contains(broadcastId))
        return;
    m_waiting.enqueue(broadcastId);
    if (!m_run)
        next();
}

void BroadcastWorker::cancel(qint64 broadcastId)
{
    if (m_waiting.removeAll(broadcastId) > 0) {
        if (m_db)
            BroadcastRepository(*m_db).setStatus(broadcastId, BroadcastStatus::Cancelled, tr("cancelled before it started"));
        Counters none;
        emit finished(broadcastId, none, toString(BroadcastStatus::Cancelled));
        return;
    }
    if (m_run && m_run->broadcast.id == broadcastId) {
        m_run->cancelRequested = true;
        pump();
    }
}

void BroadcastWorker::next()
{
    while (!m_run && !m_waiting.isEmpty()) {
        const qint64 id = m_waiting.dequeue();
        if (auto r = begin(id); !r) {
            qCWarning(lcEngine) << "broadcast" << id << "cannot start:" << r.error().message;
            if (m_db)
                BroadcastRepository(*m_db).setStatus(id, BroadcastStatus::Failed, r.error().message);
            m_run.reset();
            emit broadcastError(id, r.error().message);
            Counters none;
            emit finished(id, none, toString(BroadcastStatus::Failed));
        }
    }
    if (m_run)
        pump();
}

Result<void> BroadcastWorker::begin(qint64 broadcastId)
{
    if (!m_db)
        return fail(tr("the engine has no database connection"));
    BroadcastRepository broadcasts(*m_db);
    auto b = broadcasts.findById(broadcastId);
    if (!b)
        return std::unexpected(b.error());
    if (!*b)
        return fail(tr("broadcast %1 does not exist").arg(broadcastId));
    auto app = AppRepository(*m_db).findById((*b)->appId);
    if (!app || !*app)
        return fail(tr("the broadcast's app no longer exists"));
    auto tmpl = TemplateRepository(*m_db).findById((*b)->templateId);
    if (!tmpl || !*tmpl)
        return fail(tr("the broadcast's template no longer exists"));
    const App &a = **app;
    if (a.disabled || a.status == AppStatus::Banned
        || (a.status == AppStatus::Suspended && (!a.suspendedUntil.isValid() || a.suspendedUntil > QDateTime::currentDateTime())))
        return fail(tr("the app %1 is %2 and cannot send").arg(a.name, a.disabled ? tr("disabled") : toString(a.status)));
    const QStringList missing = Renderer::missingVariables(**tmpl, (*b)->variables);
    if (!missing.isEmpty())
        return fail(tr("the template needs values for: %1").arg(missing.join(QStringLiteral(", "))));

    auto run = std::make_unique<Run>();
    run->broadcast = **b;
    run->app = a;
    run->tmpl = **tmpl;
    for (auto it = run->broadcast.variables.cbegin(); it != run->broadcast.variables.cend(); ++it)
        run->variables.insert(it.key(), it.value().toString());

    const bool builtIn = a.upstream == QLatin1String(kBuiltInSandbox);
    const QUrl wechatBase = builtIn ? m_options.sandboxUrl : QUrl(a.upstream);
    if (!wechatBase.isValid() || wechatBase.isEmpty())
        return fail(builtIn ? tr("the built-in sandbox is not running") : tr("the app's upstream URL is invalid: %1").arg(a.upstream));
    auto secret = m_secrets ? m_secrets->read(SecretStore::appSecretKey(a.id)) : Result<std::optional<QString>>();
    if (!secret && !builtIn)
        return std::unexpected(secret.error());
    QString appSecret = secret && *secret ? **secret : QString();
    if (appSecret.isEmpty() && (builtIn || isLoopback(wechatBase)))
        appSecret = SandboxServer::defaultSecretFor(a.appid); // the sandbox's documented credential, not a secret
    if (appSecret.isEmpty())
        return fail(tr("no AppSecret is stored for the app %1; set it on the Apps page").arg(a.name));

    run->ctx.pool = m_pool.get();
    run->ctx.wechatBase = wechatBase;
    run->ctx.barkBase = a.barkServer.isEmpty() ? wechatBase : QUrl(a.barkServer);
    run->ctx.maxRetries = m_options.maxRetries;
    run->ctx.backoffBaseMs = m_options.backoffBaseMs;
    run->ctx.timeoutMs = m_options.timeoutMs;
    run->tokens = std::make_unique<TokenCache>(*m_pool, wechatBase, a.appid, appSecret);
    run->ctx.tokens = run->tokens.get();

    // Recovery (invariant 3): rows a dead process left in flight are never re-sent silently.
    auto uncertain = broadcasts.markInFlightUncertain(broadcastId);
    if (!uncertain)
        return std::unexpected(uncertain.error());
    if (*uncertain > 0)
        qCWarning(lcEngine) << "broadcast" << broadcastId << ":" << *uncertain << "deliveries marked uncertain";
    auto counters = broadcasts.recount(broadcastId);
    if (!counters)
        return std::unexpected(counters.error());
    run->counters = *counters;
    auto members = SubscriberRepository(*m_db).audienceCount(a.id);
    run->audienceMembers = members ? *members : 0;
    if (auto r = broadcasts.setStatus(broadcastId, BroadcastStatus::Running); !r)
        return r;
    run->broadcast.status = BroadcastStatus::Running;
    run->doneAtStart = run->counters.done();
    run->clock.start();
    m_run = std::move(run);
    m_progressTimer.start();
    qCInfo(lcEngine) << "broadcast" << broadcastId << "running for app" << a.name;
    emitProgress(true);
    // One token request first: a wrong secret or an upstream that is down stops the broadcast with one
    // clear reason instead of failing every recipient.
    m_run->tokens->withToken([this, broadcastId, builtIn, wechatBase](const Result<QString> &token) {
        if (!m_run || m_run->broadcast.id != broadcastId)
            return;
        if (!token) {
            QString message = token.error().message;
            if (!builtIn && isLoopback(wechatBase))
                message += QLatin1Char(' ') + tr("If that is a sandbox, start it with: pushdesk sandbox --port %1")
                                                  .arg(wechatBase.port(80));
            abortRun(message);
            return;
        }
        m_run->ready = true;
        pump();
    });
    return {};
}

Result<void> BroadcastWorker::planNextPage()
{
    Run &run = *m_run;
    auto page = SubscriberRepository(*m_db).audiencePage(run.app.id, run.broadcast.audienceCursor, m_options.pageSize);
    if (!page)
        return std::unexpected(page.error());
    const QDateTime now = QDateTime::currentDateTime();
    QList<PlannedDelivery> rows;
    for (const auto &m : std::as_const(*page)) {
        for (Channel c : EligibilityPolicy::channelsFor(m.binding)) {
            const Eligibility e = EligibilityPolicy::decide(run.app, m.subscriber, m.binding, c, now);
            PlannedDelivery row{m.subscriber.id, c, e.deliveryState(), e.reason, {}, {}};
            if (row.state == DeliveryState::Inbox) {
                const auto msg = Renderer::render(run.tmpl, run.variables);
                row.inboxTitle = msg.barkTitle;
                row.inboxBody = msg.csText.isEmpty() ? msg.barkBody : msg.csText;
            }
            rows.append(row);
        }
    }
    const bool done = page->size() < m_options.pageSize;
    const qint64 cursor = page->isEmpty() ? run.broadcast.audienceCursor : page->last().subscriber.id;
    auto added = BroadcastRepository(*m_db).plan(run.broadcast.id, run.app.id, rows, cursor, done);
    if (!added)
        return std::unexpected(added.error());
    run.broadcast.audienceCursor = cursor;
    run.broadcast.audienceDone = done;
    run.membersPlanned += page->size();
    run.counters.total += added->total;
    run.counters.pending += added->pending;
    run.counters.skipped += added->skipped;
    run.counters.inbox += added->inbox;
    run.changed = true;
    return {};
}

Result<bool> BroadcastWorker::refill()
{
    Run &run = *m_run;
    for (;;) {
        auto page = BroadcastRepository(*m_db).pendingPage(run.broadcast.id, run.lastDeliveryId, m_options.pageSize);
        if (!page)
            return std::unexpected(page.error());
        if (!page->isEmpty()) {
            run.lastDeliveryId = page->last().deliveryId;
            for (auto &w : *page)
                run.queue.push_back(std::move(w));
            return true;
        }
        if (run.broadcast.audienceDone)
            return false;
        if (auto r = planNextPage(); !r)
            return std::unexpected(r.error());
    }
}

void BroadcastWorker::pump()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    if (run.cancelRequested) {
        if (run.inFlight == 0)
            end(BroadcastStatus::Cancelled, tr("cancelled by the operator"));
        return;
    }
    if (!run.ready)
        return;
    const int free = m_options.concurrency - run.inFlight;
    if (free > 0) {
        if (run.queue.empty()) {
            auto more = refill();
            if (!more) {
                abortRun(more.error().message);
                return;
            }
        }
        QList<DeliveryWork> batch;
        while (int(batch.size()) < free && !run.queue.empty()) {
            batch.append(std::move(run.queue.front()));
            run.queue.pop_front();
        }
        if (!batch.isEmpty()) {
            QList<qint64> ids;
            ids.reserve(batch.size());
            for (const auto &w : batch)
                ids.append(w.deliveryId);
            // Durably in flight before the requests leave (invariant 3).
            if (auto r = BroadcastRepository(*m_db).markInFlight(ids); !r) {
                abortRun(r.error().message);
                return;
            }
            run.inFlight += int(batch.size());
            for (auto &w : batch) {
                QHash<QString, QString> vars = run.variables;
                const auto recipientVars = Renderer::recipientVariables(w.subscriber);
                for (auto it = recipientVars.cbegin(); it != recipientVars.cend(); ++it)
                    vars.insert(it.key(), it.value());
                const qint64 subscriberId = w.subscriber.id;
                const Channel channel = w.channel;
                const QString recipient = channel == Channel::Bark ? w.subscriber.barkKey : w.subscriber.mpOpenid;
                auto *job = new DeliveryJob(run.ctx, std::move(w), Renderer::render(run.tmpl, vars),
                                            [this, subscriberId, recipient, channel](const DeliveryOutcome &o) {
                                                onOutcome(o, subscriberId, recipient, channel);
                                            },
                                            this);
                job->start();
            }
        }
    }
    if (run.inFlight == 0 && run.queue.empty() && run.broadcast.audienceDone) {
        // Nothing claimed, nothing queued: check the database has no pending row left either.
        auto more = refill();
        if (!more) {
            abortRun(more.error().message);
            return;
        }
        if (*more) {
            pump();
            return;
        }
        end(BroadcastStatus::Finished);
    }
}

void BroadcastWorker::onOutcome(const DeliveryOutcome &o, qint64 subscriberId, const QString &recipient, Channel channel)
{
    if (!m_run)
        return;
    m_run->results.append(o);
    if (o.state == DeliveryState::Failed)
        m_run->failures.append(DeliveryFailure{m_run->broadcast.id, o.deliveryId, subscriberId, recipient, channel,
                                               o.errcode, o.reason});
    if (m_run->results.size() >= m_options.flushBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void BroadcastWorker::flush()
{
    m_flushTimer.stop();
    if (!m_run || m_run->results.isEmpty())
        return;
    Run &run = *m_run;
    const auto results = std::exchange(run.results, {});
    const auto failures = std::exchange(run.failures, {});
    if (auto r = BroadcastRepository(*m_db).record(run.broadcast.id, results); !r) {
        // The rows stay in flight and become uncertain on the next start: nothing is lost or re-sent.
        abortRun(tr("cannot record results: %1").arg(r.error().message));
        return;
    }
    run.inFlight -= int(results.size());
    for (const auto &o : results) {
        switch (o.state) {
        case DeliveryState::Sent: ++run.counters.sent; break;
        case DeliveryState::Failed: ++run.counters.failed; break;
        case DeliveryState::Skipped: ++run.counters.skipped; break;
        case DeliveryState::Inbox: ++run.counters.inbox; break;
        default: break;
        }
        --run.counters.pending;
    }
    run.changed = true;
    for (const auto &f : failures)
        emit deliveryFailed(f);
    pump();
}

void BroadcastWorker::emitProgress(bool force)
{
    if (!m_run || (!force && !m_run->changed))
        return;
    Run &run = *m_run;
    run.changed = false;
    BroadcastProgress p;
    p.broadcastId = run.broadcast.id;
    p.counters = run.counters;
    p.status = run.broadcast.status;
    if (run.broadcast.audienceDone || run.membersPlanned == 0) {
        p.expected = std::max(run.counters.total, run.broadcast.audienceDone ? 0 : run.audienceMembers);
    } else {
        // Rows per member so far, times the members still to plan.
        const double perMember = double(run.counters.total) / double(run.membersPlanned);
        p.expected = run.counters.total + qint64(perMember * double(std::max<qint64>(0, run.audienceMembers - run.membersPlanned)));
    }
    const double secs = run.clock.elapsed() / 1000.0;
    const qint64 doneNow = run.counters.done() - run.doneAtStart;
    p.ratePerSecond = secs > 0.2 ? doneNow / secs : 0;
    const qint64 remaining = p.expected - run.counters.done();
    p.etaSeconds = p.ratePerSecond > 0 ? qint64(remaining / p.ratePerSecond) : -1;
    emit progress(p);
}

void BroadcastWorker::end(BroadcastStatus status, const QString &reason)
{
    if (!m_run)
        return;
    const qint64 id = m_run->broadcast.id;
    BroadcastRepository broadcasts(*m_db);
    broadcasts.setStatus(id, status, reason);
    auto counters = broadcasts.recount(id);
    if (counters)
        m_run->counters = *counters;
    m_run->broadcast.status = status;
    m_progressTimer.stop();
    emitProgress(true);
    const Counters final = m_run->counters;
    qCInfo(lcEngine) << "broadcast" << id << toString(status) << "sent" << final.sent << "failed" << final.failed;
    m_run.reset();
    emit finished(id, final, toString(status));
    QMetaObject::invokeMethod(this, &BroadcastWorker::next, Qt::QueuedConnection);
}

void BroadcastWorker::abortRun(const QString &message)
{
    if (!m_run)
        return;
    const qint64 id = m_run->broadcast.id;
    qCCritical(lcEngine) << "broadcast" << id << "stopped:" << message;
    emit broadcastError(id, message);
    end(BroadcastStatus::Failed, message);
}

} // namespace pushdesk
