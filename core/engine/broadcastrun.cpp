// The send loop of BroadcastWorker: planning the audience page by page, claiming rows into the window,
// recording results in grouped transactions, and stopping cleanly.
#include "engine/broadcastrun.h"

#include "domain/reasontext.h"
#include "engine/barkbatchjob.h"
#include "policy/eligibility.h"
#include "policy/forecast.h"
#include "render/renderer.h"
#include "store/creditrepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace pushdesk {

namespace {
QDateTime nextMidnight()
{
    return QDateTime(QDate::currentDate().addDays(1), QTime(0, 0));
}
} // namespace

Result<int> BroadcastWorker::planNextPage(bool enqueue)
{
    Run &run = *m_run;
    auto page = AudienceForecast::page(*m_db, run.app.id, run.broadcast.audience, run.broadcast.audienceCursor,
                                       m_options.pageSize);
    if (!page)
        return std::unexpected(page.error());
    const QDateTime now = QDateTime::currentDateTime();
    QList<PlannedDelivery> rows;
    rows.reserve(page->size() * 2);
    for (const auto &m : std::as_const(*page)) {
        for (const auto &[c, e] : EligibilityPolicy::plan(run.app, m.subscriber, m.binding, now)) {
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
    QList<qint64> ids;
    auto added = BroadcastRepository(*m_db).plan(run.broadcast.id, run.app.id, rows, cursor, done, &ids);
    if (!added)
        return std::unexpected(added.error());
    // The new pending rows go to the queue as they are, without being read back: the page holds the person and
    // the binding, and both are read again as each row leaves. Their ids are above every row read before.
    int queued = 0;
    if (enqueue) {
        qsizetype i = 0;
        for (const auto &m : std::as_const(*page)) {
            for (; i < rows.size() && rows.at(i).subscriberId == m.subscriber.id; ++i) {
                if (ids.at(i) == 0 || rows.at(i).state != DeliveryState::Pending)
                    continue;
                DeliveryWork w;
                w.deliveryId = ids.at(i);
                w.channel = rows.at(i).channel;
                w.subscriber = m.subscriber;
                w.binding = m.binding;
                run.queue.push_back(std::move(w));
                run.lastDeliveryId = std::max(run.lastDeliveryId, ids.at(i));
                ++queued;
            }
        }
    }
    run.broadcast.audienceCursor = cursor;
    run.broadcast.audienceDone = done;
    run.membersPlanned += page->size();
    run.counters.total += added->total;
    run.counters.pending += added->pending;
    run.counters.skipped += added->skipped;
    run.counters.inbox += added->inbox;
    run.changed = true;
    return queued;
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
        if (run.broadcast.audienceDone) {
            run.drained = true;
            return false;
        }
        auto queued = planNextPage(true);
        if (!queued)
            return std::unexpected(queued.error());
        if (*queued > 0)
            return true;
    }
}

int BroadcastWorker::room(int inFlight, qint64 sentToday) const
{
    const Run &run = *m_run;
    int free = m_options.concurrency - inFlight;
    if (run.dailyQuota > 0) // never more in flight than the quota has left: some of them may fail and leave room
        free = int(std::min<qint64>(free, run.dailyQuota - sentToday - inFlight));
    return free;
}

QList<DeliveryWork> BroadcastWorker::takeBatch(int inFlight, qint64 sentToday)
{
    Run &run = *m_run;
    QList<DeliveryWork> batch;
    if (run.stopping || !run.ready)
        return batch;
    const int free = room(inFlight, sentToday);
    while (int(batch.size()) < free && !run.queue.empty()) {
        batch.append(std::move(run.queue.front()));
        run.queue.pop_front();
    }
    return batch;
}

void BroadcastWorker::scheduleReadAhead()
{
    // The next page is read (and planned, when the audience needs it) while the window's requests are on the
    // wire, not when the queue runs dry with the results of a whole window waiting behind it. Replies come in
    // waves, so it waits for the quiet after one: a page read while replies arrive holds them all back.
    if (!m_run || m_run->stopping || m_run->drained || int(m_run->queue.size()) >= 2 * m_options.concurrency)
        return;
    if (int(m_run->queue.size()) < m_options.concurrency) {
        // Less than a window left: read now, or the next requests would wait for it.
        if (!m_readAheadTimer.isActive() || m_readAheadTimer.interval() != 0)
            m_readAheadTimer.start(0);
        return;
    }
    if (!m_readAheadTimer.isActive())
        m_readAheadTimer.start(m_options.readAheadQuietMs);
}

void BroadcastWorker::readAhead()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    if (run.stopping || run.drained || int(run.queue.size()) >= 2 * m_options.concurrency)
        return;
    if (auto more = refill(); !more) {
        abortRun(more.error().message);
        return;
    }
    pump(); // rows that came in while the queue was empty
}

void BroadcastWorker::pump()
{
    if (!m_run)
        return;
    Run &run = *m_run;
    if (run.stopping) {
        if (run.inFlight == 0) {
            flush();
            if (m_run && m_run->inFlight == 0)
                end(run.stopAs, run.stopReason);
        }
        return;
    }
    if (!run.ready)
        return;
    if (run.dailyQuota > 0) {
        if (run.sentToday >= run.dailyQuota) {
            run.stopping = true;
            run.stopAs = BroadcastStatus::Scheduled;
            run.resumeAt = nextMidnight();
            run.stopReason = ReasonText(staticMetaObject, QT_TR_NOOP("the app's daily quota of %1 messages is reached; it goes on at %2"))
                                 .arg(run.dailyQuota)
                                 .arg(run.resumeAt) // in the reader's locale
                                 .encode();
            pump();
            return;
        }
    }
    if (room(run.inFlight, run.sentToday) > 0) {
        if (run.queue.empty() && !run.drained) {
            auto more = refill();
            if (!more) {
                abortRun(more.error().message);
                return;
            }
        }
        QList<DeliveryWork> batch = takeBatch(run.inFlight, run.sentToday);
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
            startJobs(std::move(batch));
            scheduleReadAhead();
            return;
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

void BroadcastWorker::startJobs(QList<DeliveryWork> batch)
{
    Run &run = *m_run;
    const qint64 now = nowMsecs();
    const QDateTime nowTime = QDateTime::currentDateTime();
    {
        QList<Subscriber *> people;
        QList<Binding *> bindings;
        for (auto &w : batch) {
            people.append(&w.subscriber);
            bindings.append(&w.binding);
        }
        SubscriberRepository(*m_db).refresh(run.app.id, people, bindings);
    }
    // Bark rows whose text is the same for everybody go out together, per server.
    const bool barkShared = !Renderer::personal(run.tmpl.barkTitle) && !Renderer::personal(run.tmpl.barkSubtitle)
                            && !Renderer::personal(run.tmpl.barkBody) && !Renderer::personal(run.tmpl.barkUrl)
                            && !Renderer::personal(run.tmpl.barkIcon) && !Renderer::personal(run.tmpl.barkGroup);
    QHash<QString, QList<DeliveryWork>> barkGroups;
    for (auto &w : batch) {
        // Decided again as it leaves: an opt-out, unbind, mute or reminder change that arrived while the
        // broadcast ran takes effect for the rest of it.
        const Eligibility e = EligibilityPolicy::decide(run.app, w.subscriber, w.binding, w.channel, nowTime);
        if (e.verdict != Eligibility::Verdict::Push) {
            DeliveryOutcome o;
            o.deliveryId = w.deliveryId;
            o.state = e.deliveryState();
            o.reason = e.reason;
            o.attempts = w.attempts;
            if (o.state == DeliveryState::Inbox) {
                const auto msg = Renderer::render(run.tmpl, run.variables);
                o.subscriberId = w.subscriber.id;
                o.appId = run.app.id;
                o.inboxTitle = msg.barkTitle;
                o.inboxBody = msg.csText.isEmpty() ? msg.barkBody : msg.csText;
            }
            onOutcome(o, w.subscriber.id, QString(), w.channel);
            continue;
        }
        if (const auto held = run.keychainErrors.constFind(w.channel); held != run.keychainErrors.cend()) {
            // The keychain could not give this channel's secret: the row waits, and the broadcast pauses.
            DeliveryOutcome o;
            o.deliveryId = w.deliveryId;
            o.state = DeliveryState::Pending;
            o.reason = held.value();
            o.attempts = w.attempts;
            o.keychainFault = true;
            onOutcome(o, w.subscriber.id, QString(), w.channel);
            continue;
        }
        if (w.channel == Channel::Bark && barkShared) {
            const QUrl server = w.subscriber.barkServer.isEmpty() ? run.ctx.endpoints.barkBase : QUrl(w.subscriber.barkServer);
            if (BarkBatchJob::serverSupportsBatch(server)) {
                barkGroups[server.toString()].append(std::move(w));
                continue;
            }
        }
        if (w.channel == Channel::MiniProgram) {
            const bool subscribe = !run.tmpl.subscribeTemplateId.isEmpty();
            auto credits = CreditRepository(*m_db).usable(
                w.subscriber.id, run.app.id,
                subscribe ? QList<CreditKind>{CreditKind::Subscribe} : QList<CreditKind>{CreditKind::FormId, CreditKind::PrepayId},
                run.tmpl.subscribeTemplateId, now);
            if (credits)
                w.credits = *credits;
        }
        QHash<QString, QString> vars = run.variables;
        const auto recipientVars = Renderer::recipientVariables(w.subscriber);
        for (auto it = recipientVars.cbegin(); it != recipientVars.cend(); ++it)
            vars.insert(it.key(), it.value());
        const qint64 subscriberId = w.subscriber.id;
        const Channel channel = w.channel;
        QString recipient;
        switch (channel) {
        case Channel::WeChat: recipient = w.subscriber.mpOpenid; break;
        case Channel::MiniProgram: recipient = w.subscriber.miniOpenid; break;
        case Channel::Bark: recipient = w.subscriber.barkKey; break;
        case Channel::Email: recipient = w.subscriber.email; break;
        case Channel::Ntfy: recipient = w.subscriber.ntfyTopic; break;
        case Channel::Webhook: recipient = w.subscriber.webhookUrl; break;
        }
        auto *job = new DeliveryJob(run.ctx, std::move(w), Renderer::render(run.tmpl, vars),
                                    [this, subscriberId, recipient, channel](const DeliveryOutcome &o) {
                                        onOutcome(o, subscriberId, recipient, channel);
                                    },
                                    this);
        job->start();
    }
    const RenderedMessage shared = barkGroups.isEmpty() ? RenderedMessage{} : Renderer::render(run.tmpl, run.variables);
    for (auto it = barkGroups.begin(); it != barkGroups.end(); ++it) {
        QList<DeliveryWork> &group = it.value();
        for (qsizetype start = 0; start < group.size(); start += BarkBatchJob::kMaxKeys) {
            QList<DeliveryWork> chunk = group.mid(start, BarkBatchJob::kMaxKeys);
            QHash<qint64, QPair<qint64, QString>> who; // delivery -> subscriber, device key
            for (const auto &w : std::as_const(chunk))
                who.insert(w.deliveryId, {w.subscriber.id, w.subscriber.barkKey});
            auto *job = new BarkBatchJob(run.ctx, std::move(chunk), shared, [this, who](const DeliveryOutcome &o) {
                const auto person = who.value(o.deliveryId);
                onOutcome(o, person.first, person.second, Channel::Bark);
            }, this);
            job->start();
        }
    }
}

QString BroadcastWorker::pauseReason(const DeliveryOutcome &o)
{
    if (o.tokenFault) // no access token: the same for everyone of the app (a quota spent on the token endpoint included)
        return tokenPauseReason(o.reason);
    if (o.keychainFault)
        return ReasonText(staticMetaObject, QT_TR_NOOP("the keychain cannot give the app's secrets (%1); unlock it, then resume"))
            .arg(o.reason)
            .encode();
    if (o.errcode == errcode::DailyQuota || o.errcode == errcode::NtfyDailyQuota)
        return ReasonText(staticMetaObject, QT_TR_NOOP("the upstream says the daily quota is spent (%1); resume when it is reset"))
            .arg(o.errcode)
            .encode();
    if (isConfigFault(o.errcode, o.httpStatus))
        return ReasonText(staticMetaObject, QT_TR_NOOP("the upstream refuses the app's setup (%1 %2); fix it, then resume"))
            .arg(o.errcode ? o.errcode : o.httpStatus)
            .arg(o.errmsg)
            .encode();
    return {};
}

void BroadcastWorker::onOutcome(const DeliveryOutcome &o, qint64 subscriberId, const QString &recipient, Channel channel)
{
    if (!m_run)
        return;
    Run &run = *m_run;
    run.results.append(o);
    // Replies are still arriving: the read-ahead waits for the quiet that follows them.
    if (m_readAheadTimer.isActive() && m_readAheadTimer.interval() > 0)
        m_readAheadTimer.start();
    if (o.state == DeliveryState::Pending && !run.stopping) {
        if (QString why = pauseReason(o); !why.isEmpty()) {
            run.stopping = true;
            run.stopAs = BroadcastStatus::Paused;
            run.stopReason = std::move(why);
        }
    }
    if (o.state == DeliveryState::Failed) {
        DeliveryFailure f{run.broadcast.id, o.deliveryId, subscriberId, recipient, channel, o.errcode, o.reason};
        if (o.errcode == errcode::TemplateArgument) {
            // A template fault is one problem of the broadcast, not one per recipient.
            if (!run.templateFaultReported) {
                run.templateFaultReported = true;
                f.reason = tr("template fault (reported once for this broadcast): %1").arg(o.errmsg);
                run.failures.append(f);
            }
        } else {
            run.failures.append(f);
        }
    }
    if (run.results.size() >= m_options.flushBatch)
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
    // The next requests are claimed in the same transaction: as many as these results free in the window (and
    // the daily quota allows once they count), so the rows in flight never exceed the window.
    qint64 sentNow = 0;
    for (const auto &o : results)
        sentNow += o.state == DeliveryState::Sent ? 1 : 0;
    QList<DeliveryWork> next;
    QList<qint64> claim;
    if (!run.ownershipLost) {
        next = takeBatch(run.inFlight - int(results.size()), run.sentToday + sentNow);
        claim.reserve(next.size());
        for (const auto &w : std::as_const(next))
            claim.append(w.deliveryId);
    }
    if (!run.ownershipLost) {
        if (auto r = BroadcastRepository(*m_db).record(run.broadcast.id, results, claim); !r) {
            // The rows stay in flight and become uncertain on the next start: nothing is lost or re-sent.
            abortRun(ReasonText(staticMetaObject, QT_TR_NOOP("cannot record results: %1")).arg(r.error().message).encode());
            return;
        }
    }
    run.inFlight -= int(results.size());
    for (const auto &o : results) {
        switch (o.state) {
        case DeliveryState::Sent:
            ++run.counters.sent;
            ++run.sentToday;
            break;
        case DeliveryState::Failed: ++run.counters.failed; break;
        case DeliveryState::Skipped: ++run.counters.skipped; break;
        case DeliveryState::Inbox: ++run.counters.inbox; break;
        default: continue; // back to pending
        }
        --run.counters.pending;
    }
    run.changed = true;
    for (DeliveryFailure f : failures) {
        f.reason = ReasonText::display(f.reason); // stored language-neutral, reported in this process's language
        emit deliveryFailed(f);
    }
    if (!next.isEmpty()) {
        run.inFlight += int(next.size());
        startJobs(std::move(next)); // may finish rows at once and end the run
        if (!m_run)
            return;
        scheduleReadAhead();
    }
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
        p.expected = run.counters.total
                     + qint64(perMember * double(std::max<qint64>(0, run.audienceMembers - run.membersPlanned)));
    }
    const double secs = run.clock.elapsed() / 1000.0;
    const qint64 doneNow = run.counters.done() - run.doneAtStart;
    p.ratePerSecond = secs > 0.2 ? doneNow / secs : 0;
    const qint64 remaining = p.expected - run.counters.done();
    p.etaSeconds = p.ratePerSecond > 0 ? qint64(remaining / p.ratePerSecond) : -1;
    emit progress(p);
}

} // namespace pushdesk
