#include "policy/blocklist.h"

#include "audit/auditlog.h"
#include "store/database.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace pushdesk {

namespace {

QRegularExpression compile(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
}

QJsonObject ruleJson(const BlocklistRule &r)
{
    return QJsonObject{{QStringLiteral("pattern"), r.pattern},
                       {QStringLiteral("is_regex"), r.isRegex},
                       {QStringLiteral("category"), r.category}};
}

} // namespace

Blocklist::Blocklist(const QList<BlocklistRule> &rules)
{
    for (const auto &rule : rules) {
        if (rule.pattern.isEmpty())
            continue;
        Compiled c{rule, {}};
        if (rule.isRegex) {
            c.regex = compile(rule.pattern);
            if (!c.regex.isValid())
                continue;
            c.regex.optimize();
        }
        m_rules.append(c);
    }
}

std::optional<BlocklistHit> Blocklist::match(const QString &text) const
{
    for (const auto &c : m_rules) {
        if (c.rule.isRegex) {
            const auto m = c.regex.match(text);
            if (m.hasMatch())
                return BlocklistHit{c.rule, m.captured(0)};
        } else {
            const qsizetype at = text.indexOf(c.rule.pattern, 0, Qt::CaseInsensitive);
            if (at >= 0)
                return BlocklistHit{c.rule, text.mid(at, c.rule.pattern.size())};
        }
    }
    return std::nullopt;
}

QString Blocklist::patternProblem(const QString &pattern, bool isRegex)
{
    if (pattern.trimmed().isEmpty())
        return tr("The pattern is empty; write the word or regular expression to block.");
    if (pattern.size() > 1000)
        return tr("The pattern is %1 characters long; keep it under 1000.").arg(pattern.size());
    if (!isRegex)
        return {};
    const QRegularExpression re = compile(pattern);
    if (!re.isValid())
        return tr("\"%1\" is not a valid regular expression: %2 at character %3. Fix it, or add it as a plain word.")
            .arg(pattern, re.errorString())
            .arg(re.patternErrorOffset() + 1);
    if (re.match(QString()).hasMatch())
        return tr("The regular expression \"%1\" matches an empty text, so it would block every message.").arg(pattern);
    return {};
}

Result<qint64> BlocklistRepository::add(const BlocklistRule &rule, const QString &by)
{
    BlocklistRule r = rule;
    if (!r.isRegex)
        r.pattern = r.pattern.trimmed();
    r.category = r.category.trimmed().toLower();
    if (r.category.isEmpty())
        r.category = QStringLiteral("other");
    if (const QString problem = Blocklist::patternProblem(r.pattern, r.isRegex); !problem.isEmpty())
        return fail(problem);
    if (r.category.size() > 40)
        return fail(tr("Keep the category short (at most 40 characters)."));
    if (by.trimmed().isEmpty())
        return fail(tr("Say who adds the blocklist rule."));
    qint64 id = 0;
    auto done = m_db.transaction([&]() -> Result<void> {
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("INSERT INTO blocklist_rules (pattern, is_regex, category, created_by, created_at) "
                                 "VALUES (?, ?, ?, ?, ?) RETURNING id"));
        q.addBindValue(r.pattern);
        q.addBindValue(r.isRegex ? 1 : 0);
        q.addBindValue(r.category);
        q.addBindValue(by.trimmed());
        q.addBindValue(r.createdAt.isValid() ? toMsecs(r.createdAt) : nowMsecs());
        if (auto e = exec(q); !e)
            return e;
        q.next();
        id = q.value(0).toLongLong();
        AuditEvent e;
        e.operatorName = by.trimmed();
        e.action = audit::BlocklistAdd;
        e.recordType = audit::TypeBlocklistRule;
        e.recordId = id;
        e.after = ruleJson(r);
        if (auto a = AuditLog::record(m_db, e); !a)
            return std::unexpected(a.error());
        return {};
    });
    if (!done)
        return std::unexpected(done.error());
    return id;
}

Result<void> BlocklistRepository::remove(qint64 id, const QString &by)
{
    if (by.trimmed().isEmpty())
        return fail(tr("Say who removes the blocklist rule."));
    return m_db.transaction([&]() -> Result<void> {
        auto rules = list();
        if (!rules)
            return std::unexpected(rules.error());
        const auto it = std::find_if(rules->cbegin(), rules->cend(), [id](const BlocklistRule &r) { return r.id == id; });
        if (it == rules->cend())
            return fail(tr("There is no blocklist rule %1; reload the list.").arg(id));
        QSqlQuery q(m_db.db());
        q.prepare(QStringLiteral("DELETE FROM blocklist_rules WHERE id = ?"));
        q.addBindValue(id);
        if (auto e = exec(q); !e)
            return e;
        AuditEvent e;
        e.operatorName = by.trimmed();
        e.action = audit::BlocklistRemove;
        e.recordType = audit::TypeBlocklistRule;
        e.recordId = id;
        e.before = ruleJson(*it);
        if (auto a = AuditLog::record(m_db, e); !a)
            return std::unexpected(a.error());
        return {};
    });
}

Result<QList<BlocklistRule>> BlocklistRepository::list()
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id, pattern, is_regex, category, created_by, created_at FROM blocklist_rules ORDER BY id"));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<BlocklistRule> out;
    while (q.next()) {
        BlocklistRule r;
        r.id = q.value(0).toLongLong();
        r.pattern = q.value(1).toString();
        r.isRegex = q.value(2).toInt() != 0;
        r.category = q.value(3).toString();
        r.createdBy = q.value(4).toString();
        r.createdAt = fromMsecs(q.value(5).toLongLong());
        out.append(r);
    }
    return out;
}

Result<Blocklist> BlocklistRepository::load()
{
    auto rules = list();
    if (!rules)
        return std::unexpected(rules.error());
    return Blocklist(*rules);
}

} // namespace pushdesk
