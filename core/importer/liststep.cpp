// An audience list: a named set of subscribers, each row naming one by mp_openid, mini_openid or e-mail.
#include "importer/importcontext.h"

#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QSet>
#include <QSqlQuery>

namespace pushdesk::importing {

namespace {

class ListStep : public Step {
public:
    explicit ListStep(Context &ctx) : m_ctx(ctx) {}

    Result<void> check(const Row &row) override
    {
        const QString mp = row.value(QStringLiteral("mp_openid")).trimmed();
        const QString mini = row.value(QStringLiteral("mini_openid")).trimmed();
        const QString email = row.value(QStringLiteral("email")).trimmed();
        qint64 id = 0;
        if (!mp.isEmpty()) {
            auto found = m_ctx.subscriberId(mp);
            if (!found)
                return std::unexpected(found.error());
            id = *found;
            if (!id)
                m_ctx.problem(row.line, QStringLiteral("mp_openid"), Importer::tr("There is no subscriber with openid \"%1\".").arg(mp),
                              Importer::tr("Correct the openid, or import the subscriber first with --subscribers."));
        } else if (!mini.isEmpty()) {
            auto found = lookUp(QStringLiteral("mini_openid"), mini);
            if (!found)
                return std::unexpected(found.error());
            if (found->size() == 1)
                id = found->first();
            else
                m_ctx.problem(row.line, QStringLiteral("mini_openid"),
                              Importer::tr("There is no subscriber with mini-program openid \"%1\".").arg(mini),
                              Importer::tr("Correct the openid, or import the subscriber first with --subscribers."));
        } else if (!email.isEmpty()) {
            auto found = lookUp(QStringLiteral("email"), email);
            if (!found)
                return std::unexpected(found.error());
            if (found->size() == 1)
                id = found->first();
            else if (found->isEmpty())
                m_ctx.problem(row.line, QStringLiteral("email"), Importer::tr("No subscriber has the e-mail address \"%1\".").arg(email),
                              Importer::tr("Correct the address, or name the subscriber by mp_openid instead."));
            else
                m_ctx.problem(row.line, QStringLiteral("email"),
                              Importer::tr("%n subscribers share the e-mail address \"%1\".", nullptr, int(found->size())).arg(email),
                              Importer::tr("Name the subscriber by mp_openid instead."));
        } else {
            m_ctx.problem(row.line, {}, Importer::tr("The row names nobody."),
                          Importer::tr("Write the subscriber's mp_openid, mini_openid or e-mail address."));
        }
        if (id && !m_seen.contains(id)) {
            m_seen.insert(id);
            m_members.append(id);
        }
        return {};
    }

    Result<void> write() override
    {
        if (m_members.isEmpty())
            return fail(Importer::tr("The file names nobody; no list was made."));
        QSqlQuery list(m_ctx.db.db());
        list.prepare(QStringLiteral("INSERT INTO audience_lists (name, created_by, created_at) VALUES (?, ?, ?) RETURNING id"));
        list.addBindValue(m_ctx.options.listName.trimmed());
        list.addBindValue(m_ctx.operatorName);
        list.addBindValue(m_ctx.now.toMSecsSinceEpoch());
        if (auto r = exec(list); !r)
            return r;
        list.next();
        m_ctx.report.listId = list.value(0).toLongLong();
        list.finish();
        QSqlQuery member(m_ctx.db.db());
        member.prepare(QStringLiteral("INSERT INTO audience_list_members (list_id, subscriber_id) VALUES (?, ?)"));
        for (qint64 id : std::as_const(m_members)) {
            member.bindValue(0, m_ctx.report.listId);
            member.bindValue(1, id);
            if (auto r = exec(member); !r)
                return r;
            ++m_ctx.report.inserted;
        }
        return {};
    }

private:
    Result<QList<qint64>> lookUp(const QString &column, const QString &value)
    {
        QSqlQuery q(m_ctx.db.db());
        // column is one of ours (mini_openid / email), never user text.
        q.prepare(QStringLiteral("SELECT id FROM subscribers WHERE %1 = ? LIMIT 2").arg(column));
        q.addBindValue(value);
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        QList<qint64> out;
        while (q.next())
            out.append(q.value(0).toLongLong());
        return out;
    }

    Context &m_ctx;
    QSet<qint64> m_seen;
    QList<qint64> m_members;   // in file order, each once
};

} // namespace

std::unique_ptr<Step> listStep(Context &ctx)
{
    return std::make_unique<ListStep>(ctx);
}

} // namespace pushdesk::importing
