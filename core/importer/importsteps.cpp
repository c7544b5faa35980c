// The four kinds of import file: each checks every row first, then writes them all.
#include "importer/importcontext.h"

#include "store/creditrepository.h"
#include "store/database.h"
#include "store/eventrepository.h"
#include "store/subscriberrepository.h"

#include <QSqlQuery>

namespace pushdesk::importing {

namespace {

const QString kMpOpenid = QStringLiteral("mp_openid");

// Subscriber text columns: the CSV name and the database column.
struct TextColumn {
    const char *csv;
    const char *db;
};
const TextColumn kTextColumns[] = {
    {"mini_openid", "mini_openid"}, {"unionid", "unionid"},       {"nickname", "nickname"},
    {"email", "email"},             {"bark_key", "bark_key"},     {"bark_server", "bark_server"},
    {"ntfy_topic", "ntfy_topic"},   {"webhook_url", "webhook_url"},
};

// Semicolon-separated channel names (commas are accepted too). False if a name is unknown or none is given.
bool parseChannels(const QString &text, QList<Channel> *out)
{
    out->clear();
    const QString normalized = QString(text).replace(QLatin1Char(','), QLatin1Char(';'));
    for (const QString &part : normalized.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        Channel c;
        if (!fromString(part.trimmed().toLower(), &c))
            return false;
        if (!out->contains(c))
            out->append(c);
    }
    return !out->isEmpty();
}

QString channelNames()
{
    return QStringLiteral("wechat;miniprogram;bark;email;ntfy;webhook");
}

bool hasSpace(const QString &s)
{
    for (const QChar c : s) {
        if (c.isSpace())
            return true;
    }
    return false;
}

// ---- subscribers ---------------------------------------------------------------------------------

class SubscribersStep : public Step {
public:
    explicit SubscribersStep(Context &ctx) : m_ctx(ctx) {}

    Result<void> check(const Row &row) override
    {
        const int before = m_ctx.report.problemCount;
        const QString mp = row.value(kMpOpenid);
        if (mp.isEmpty() || hasSpace(mp)) {
            m_ctx.problem(row.line, kMpOpenid, mp.isEmpty() ? Importer::tr("The openid is missing.") : Importer::tr("The openid contains spaces."),
                          Importer::tr("Every row needs the subscriber's official-account openid, as WeChat gives it."));
        } else if (m_lines.contains(mp)) {
            m_ctx.problem(row.line, kMpOpenid, Importer::tr("The subscriber %1 is also on line %2.").arg(mp).arg(m_lines.value(mp)),
                          Importer::tr("Keep one row per subscriber."));
        } else {
            m_lines.insert(mp, row.line);
        }
        const QString mini = row.value(QStringLiteral("mini_openid"));
        if (!mini.isEmpty()) {
            if (m_miniLines.contains(mini)) {
                m_ctx.problem(row.line, QStringLiteral("mini_openid"),
                              Importer::tr("The mini-program openid is also on line %1.").arg(m_miniLines.value(mini)),
                              Importer::tr("A mini-program openid belongs to one subscriber."));
            } else {
                m_miniLines.insert(mini, row.line);
                QSqlQuery q(m_ctx.db.db());
                q.prepare(QStringLiteral("SELECT mp_openid FROM subscribers WHERE mini_openid = ?"));
                q.addBindValue(mini);
                if (auto r = exec(q); !r)
                    return r;
                if (q.next() && q.value(0).toString() != mp)
                    m_ctx.problem(row.line, QStringLiteral("mini_openid"),
                                  Importer::tr("The mini-program openid already belongs to the subscriber \"%1\".")
                                      .arg(q.value(0).toString()),
                                  Importer::tr("Correct the openid, or change that subscriber first."));
            }
        }
        m_ctx.email(row, QStringLiteral("email"));
        m_ctx.url(row, QStringLiteral("bark_server"));
        m_ctx.url(row, QStringLiteral("webhook_url"));
        const auto optedOut = m_ctx.flag(row, QStringLiteral("opted_out"));
        const auto last = m_ctx.time(row, QStringLiteral("last_interaction"));
        QStringList tags;
        for (const QString &tag : row.value(QStringLiteral("tags")).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QString t = tag.trimmed();
            if (t.contains(QLatin1Char(','))) {
                m_ctx.problem(row.line, QStringLiteral("tags"), Importer::tr("The tag \"%1\" contains a comma.").arg(t),
                              Importer::tr("Separate tags with semicolons, and use no commas inside a tag."));
            } else if (!t.isEmpty() && !tags.contains(t)) {
                tags.append(t);
            }
        }
        if (m_ctx.report.problemCount == before)
            m_rows.append(Planned{row, optedOut, last.value_or(QDateTime()), tags});
        return {};
    }

    // Written here with statements prepared once, not through SubscriberRepository: an upsert of
    // 100k rows must not re-read the subscriber and rewrite every column and tag of each one.
    Result<void> write() override
    {
        if (m_rows.isEmpty())
            return {};
        const Row &first = m_rows.first().row;
        QStringList present; // the file's plain text columns, in kTextColumns order
        for (const auto &c : kTextColumns) {
            if (first.has(QLatin1String(c.csv)))
                present.append(QLatin1String(c.csv));
        }
        const bool hasLast = first.has(QStringLiteral("last_interaction"));
        const bool hasTags = first.has(QStringLiteral("tags"));
        const bool hasOptOut = first.has(QStringLiteral("opted_out"));

        QStringList dbColumns;
        for (const auto &c : kTextColumns) {
            if (present.contains(QLatin1String(c.csv)))
                dbColumns.append(QLatin1String(c.db));
        }
        if (hasLast)
            dbColumns.append(QStringLiteral("last_interaction_at"));
        if (hasTags)
            dbColumns.append(QStringLiteral("tags"));
        dbColumns.append(QStringLiteral("opted_out"));

        QSqlDatabase db = m_ctx.db.db();
        QSqlQuery find(db);
        find.prepare(QStringLiteral("SELECT id, opted_out, tags FROM subscribers WHERE mp_openid = ?"));
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO subscribers (mp_openid, %1, created_at) VALUES (?, %2?) RETURNING id")
                           .arg(dbColumns.join(QStringLiteral(", ")), QStringLiteral("?, ").repeated(dbColumns.size())));
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE subscribers SET %1 = ? WHERE id = ?").arg(dbColumns.join(QStringLiteral(" = ?, "))));
        QSqlQuery dropTag(db);
        dropTag.prepare(QStringLiteral("DELETE FROM subscriber_tags WHERE tag = ? AND subscriber_id = ?"));
        QSqlQuery addTag(db);
        addTag.prepare(QStringLiteral("INSERT INTO subscriber_tags (subscriber_id, tag) VALUES (?, ?)"));
        QSqlQuery bind(db);
        bind.prepare(QStringLiteral("INSERT INTO bindings (subscriber_id, app_id, state, reminder, channels, changed_by, "
                                    "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscriber_id, app_id) DO NOTHING"));
        const qint64 nowMs = toMsecs(m_ctx.now);

        for (const Planned &p : std::as_const(m_rows)) {
            const Row &row = p.row;
            find.bindValue(0, row.value(kMpOpenid));
            if (auto r = exec(find); !r)
                return lineError(row, r.error());
            const bool exists = find.next();
            const qint64 existingId = exists ? find.value(0).toLongLong() : 0;
            const bool wasOptedOut = exists && find.value(1).toInt() != 0;
            const QString oldTags = exists ? find.value(2).toString() : QString();
            find.finish();

            QVariantList values;
            for (const QString &csv : std::as_const(present)) {
                const QString v = row.value(csv);
                const bool nullable = csv == QLatin1String("mini_openid") || csv == QLatin1String("unionid");
                values.append(nullable && v.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v));
            }
            if (hasLast)
                values.append(toMsecs(p.lastInteraction));
            if (hasTags)
                values.append(p.tags.join(QLatin1Char(','))); // as SubscriberRepository stores them
            // Only the person brings themselves back ("reply 1"): a file never undoes an opt-out.
            bool optedOut = wasOptedOut;
            if (hasOptOut && p.optedOut) {
                if (*p.optedOut)
                    optedOut = true;
                else if (wasOptedOut)
                    ++m_ctx.report.keptOptOuts;
            }
            values.append(optedOut ? 1 : 0);

            QSqlQuery &q = exists ? update : insert;
            int i = 0;
            if (!exists)
                q.bindValue(i++, row.value(kMpOpenid));
            for (const QVariant &v : std::as_const(values))
                q.bindValue(i++, v);
            q.bindValue(i, exists ? existingId : nowMs);
            if (auto r = exec(q); !r)
                return lineError(row, r.error());
            qint64 id = existingId;
            if (!exists) {
                q.next();
                id = q.value(0).toLongLong();
                q.finish();
                ++m_ctx.report.inserted;
            } else {
                ++m_ctx.report.updated;
            }

            if (hasTags) {
                for (const QString &tag : oldTags.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    dropTag.bindValue(0, tag);
                    dropTag.bindValue(1, id);
                    if (auto r = exec(dropTag); !r)
                        return lineError(row, r.error());
                }
                for (const QString &tag : p.tags) {
                    addTag.bindValue(0, id);
                    addTag.bindValue(1, tag);
                    if (auto r = exec(addTag); !r)
                        return lineError(row, r.error());
                }
            }
            if (m_ctx.defaultAppId) {
                const QVariantList b{id, m_ctx.defaultAppId, toString(BindingState::Active), toString(Reminder::Strong),
                                     toString(Channel::WeChat), m_ctx.operatorName, nowMs};
                for (int k = 0; k < b.size(); ++k)
                    bind.bindValue(k, b.at(k));
                if (auto r = exec(bind); !r)
                    return lineError(row, r.error());
                if (bind.numRowsAffected() > 0)
                    ++m_ctx.report.bindingsCreated;
            }
        }
        return {};
    }

    static Result<void> lineError(const Row &row, const Error &e)
    {
        return fail(Importer::tr("line %1: %2").arg(row.line).arg(e.message));
    }

private:
    struct Planned {
        Row row;
        std::optional<bool> optedOut;
        QDateTime lastInteraction;
        QStringList tags;
    };
    Context &m_ctx;
    QHash<QString, int> m_lines;
    QHash<QString, int> m_miniLines;
    QList<Planned> m_rows;
};

// ---- bindings ------------------------------------------------------------------------------------

class BindingsStep : public Step {
public:
    explicit BindingsStep(Context &ctx) : m_ctx(ctx) {}

    Result<void> check(const Row &row) override
    {
        const int before = m_ctx.report.problemCount;
        auto subscriber = m_ctx.requireSubscriber(row);
        if (!subscriber)
            return std::unexpected(subscriber.error());
        const qint64 app = m_ctx.appFor(row);
        Planned p{row.line, *subscriber, app, {}, {}, {}};
        const QString state = row.value(QStringLiteral("state")).toLower();
        BindingState s;
        if (!state.isEmpty()) {
            if (fromString(state, &s))
                p.state = s;
            else
                m_ctx.problem(row.line, QStringLiteral("state"), Importer::tr("\"%1\" is not a binding state.").arg(state),
                              Importer::tr("Write active, muted, blocked or unbound."));
        }
        const QString reminder = row.value(QStringLiteral("reminder")).toLower();
        Reminder r;
        if (!reminder.isEmpty()) {
            if (fromString(reminder, &r))
                p.reminder = r;
            else
                m_ctx.problem(row.line, QStringLiteral("reminder"), Importer::tr("\"%1\" is not a reminder level.").arg(reminder),
                              Importer::tr("Write strong, weak or none."));
        }
        const QString channels = row.value(QStringLiteral("channels"));
        if (!channels.isEmpty()) {
            QList<Channel> list;
            if (parseChannels(channels, &list))
                p.channels = list;
            else
                m_ctx.problem(row.line, QStringLiteral("channels"), Importer::tr("\"%1\" is not a list of channels.").arg(channels),
                              Importer::tr("Use names from %1, separated by semicolons.").arg(channelNames()));
        }
        if (*subscriber && app) {
            const auto key = qMakePair(*subscriber, app);
            if (m_lines.contains(key))
                m_ctx.problem(row.line, {}, Importer::tr("The same subscriber and app are also on line %1.").arg(m_lines.value(key)),
                              Importer::tr("Keep one row per subscriber and app."));
            else
                m_lines.insert(key, row.line);
        }
        if (m_ctx.report.problemCount == before)
            m_rows.append(p);
        return {};
    }

    Result<void> write() override
    {
        SubscriberRepository repo(m_ctx.db);
        for (const Planned &p : std::as_const(m_rows)) {
            auto existing = repo.binding(p.subscriberId, p.appId);
            if (!existing)
                return std::unexpected(existing.error());
            Binding b;
            if (*existing)
                b = **existing;
            b.subscriberId = p.subscriberId;
            b.appId = p.appId;
            if (p.state)
                b.state = *p.state;
            if (p.reminder)
                b.reminder = *p.reminder;
            if (p.channels)
                b.channels = *p.channels;
            b.changedBy = m_ctx.operatorName;
            b.changedAt = m_ctx.now;
            if (auto r = repo.upsertBinding(b); !r)
                return fail(Importer::tr("line %1: %2").arg(p.line).arg(r.error().message));
            ++(*existing ? m_ctx.report.updated : m_ctx.report.inserted);
        }
        return {};
    }

private:
    struct Planned {
        int line = 0;
        qint64 subscriberId = 0;
        qint64 appId = 0;
        std::optional<BindingState> state;
        std::optional<Reminder> reminder;
        std::optional<QList<Channel>> channels;
    };
    Context &m_ctx;
    QHash<QPair<qint64, qint64>, int> m_lines;
    QList<Planned> m_rows;
};

// ---- events --------------------------------------------------------------------------------------

class EventsStep : public Step {
public:
    explicit EventsStep(Context &ctx) : m_ctx(ctx) {}

    Result<void> check(const Row &row) override
    {
        const int before = m_ctx.report.problemCount;
        auto subscriber = m_ctx.requireSubscriber(row);
        if (!subscriber)
            return std::unexpected(subscriber.error());
        SubscriberEvent e;
        e.subscriberId = *subscriber;
        e.source = EventSource::Import;
        const QString kind = row.value(QStringLiteral("kind")).toLower();
        if (!fromString(kind, &e.kind)) {
            m_ctx.problem(row.line, QStringLiteral("kind"),
                          kind.isEmpty() ? Importer::tr("The kind of event is missing.") : Importer::tr("\"%1\" is not a kind of event.").arg(kind),
                          Importer::tr("Write optout, optin, bind, unbind, mute, unmute, block, unblock or reminder."));
            return {};
        }
        if (needsApp(e.kind))
            e.appId = m_ctx.appFor(row);
        e.value = row.value(QStringLiteral("value"));
        if (const QString problem = EventRepository::valueProblem(e.kind, e.value); !problem.isEmpty())
            m_ctx.problem(row.line, QStringLiteral("value"), problem, {});
        const auto at = m_ctx.time(row, QStringLiteral("at"));
        e.at = at && at->isValid() ? *at : m_ctx.now;
        if (m_ctx.report.problemCount != before)
            return {};
        if (needsApp(e.kind)) {
            // Play the file forward on the bindings, so that "mute" after "bind" in the same file is fine.
            const auto key = qMakePair(e.subscriberId, e.appId);
            if (!m_bindings.contains(key)) {
                auto current = SubscriberRepository(m_ctx.db).binding(e.subscriberId, e.appId);
                if (!current)
                    return std::unexpected(current.error());
                m_bindings.insert(key, *current);
            }
            auto next = EventRepository::transition(m_bindings.value(key), e);
            if (!next) {
                m_ctx.problem(row.line, QStringLiteral("kind"), next.error().message,
                              Importer::tr("Add the event that makes it possible before this line, or remove this line."));
                return {};
            }
            m_bindings.insert(key, *next);
        }
        m_rows.append({row.line, e});
        return {};
    }

    Result<void> write() override
    {
        EventRepository events(m_ctx.db);
        for (const auto &[line, e] : std::as_const(m_rows)) {
            if (auto r = events.apply(e); !r)
                return fail(Importer::tr("line %1: %2").arg(line).arg(r.error().message));
            ++m_ctx.report.inserted;
        }
        return {};
    }

private:
    Context &m_ctx;
    QHash<QPair<qint64, qint64>, std::optional<Binding>> m_bindings;
    QList<QPair<int, SubscriberEvent>> m_rows;
};

// ---- credits -------------------------------------------------------------------------------------

class CreditsStep : public Step {
public:
    explicit CreditsStep(Context &ctx) : m_ctx(ctx) {}

    Result<void> check(const Row &row) override
    {
        const int before = m_ctx.report.problemCount;
        auto subscriber = m_ctx.requireSubscriber(row);
        if (!subscriber)
            return std::unexpected(subscriber.error());
        SendCredit c;
        c.subscriberId = *subscriber;
        c.appId = m_ctx.appFor(row);
        const QString kind = row.value(QStringLiteral("kind")).toLower();
        if (!fromString(kind, &c.kind)) {
            m_ctx.problem(row.line, QStringLiteral("kind"),
                          kind.isEmpty() ? Importer::tr("The kind of credit is missing.") : Importer::tr("\"%1\" is not a kind of credit.").arg(kind),
                          Importer::tr("Write form_id, prepay_id or subscribe."));
            return {};
        }
        c.credit = row.value(QStringLiteral("credit"));
        c.templateId = row.value(QStringLiteral("template_id"));
        if (c.kind != CreditKind::Subscribe && c.credit.isEmpty())
            m_ctx.problem(row.line, QStringLiteral("credit"), Importer::tr("The %1 is missing.").arg(kind),
                          Importer::tr("Write the id the mini-program collected."));
        if (c.kind == CreditKind::Subscribe && c.templateId.isEmpty())
            m_ctx.problem(row.line, QStringLiteral("template_id"), Importer::tr("A subscribe grant needs its template id."),
                          Importer::tr("Write the subscribe-message template id the person accepted."));
        c.usesLeft = c.kind == CreditKind::PrepayId ? 3 : 1;
        if (!row.value(QStringLiteral("uses")).isEmpty()) {
            if (auto uses = m_ctx.number(row, QStringLiteral("uses"), 1, 1000))
                c.usesLeft = *uses;
        }
        if (const auto expires = m_ctx.time(row, QStringLiteral("expires_at"))) {
            if (expires->isValid() && *expires <= m_ctx.now)
                m_ctx.problem(row.line, QStringLiteral("expires_at"),
                              Importer::tr("The credit expired at %1.").arg(expires->toString(Qt::ISODate)),
                              Importer::tr("Leave expired credits out of the file."));
            c.expiresAt = expires->isValid() ? *expires
                          : c.kind == CreditKind::Subscribe ? QDateTime()
                                                            : m_ctx.now.addDays(7);
        }
        if (!c.credit.isEmpty() && c.appId) {
            const QString key = QStringLiteral("%1/%2/%3").arg(c.appId).arg(kind, c.credit);
            if (m_lines.contains(key))
                m_ctx.problem(row.line, QStringLiteral("credit"), Importer::tr("The same credit is also on line %1.").arg(m_lines.value(key)),
                              Importer::tr("Keep one row per credit."));
            else
                m_lines.insert(key, row.line);
        }
        if (m_ctx.report.problemCount == before)
            m_rows.append({row.line, c});
        return {};
    }

    Result<void> write() override
    {
        CreditRepository credits(m_ctx.db);
        for (const auto &[line, c] : std::as_const(m_rows)) {
            if (auto r = credits.add(c); !r)
                return fail(Importer::tr("line %1: %2").arg(line).arg(r.error().message));
            ++m_ctx.report.inserted;
        }
        return {};
    }

private:
    Context &m_ctx;
    QHash<QString, int> m_lines;
    QList<QPair<int, SendCredit>> m_rows;
};

} // namespace

std::unique_ptr<Step> subscribersStep(Context &ctx)
{
    return std::make_unique<SubscribersStep>(ctx);
}

std::unique_ptr<Step> bindingsStep(Context &ctx)
{
    return std::make_unique<BindingsStep>(ctx);
}

std::unique_ptr<Step> eventsStep(Context &ctx)
{
    return std::make_unique<EventsStep>(ctx);
}

std::unique_ptr<Step> creditsStep(Context &ctx)
{
    return std::make_unique<CreditsStep>(ctx);
}

} // namespace pushdesk::importing
