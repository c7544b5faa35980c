#include "audit/auditlog.h"

#include "store/database.h"
#include "store/listing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace pushdesk {

namespace {

const QString kColumns =
    QStringLiteral("id, at, operator, action, record_type, record_id, before_json, after_json");

QJsonArray maskArray(const QJsonArray &array);

QJsonValue maskValue(const QJsonValue &value)
{
    if (value.isObject())
        return AuditLog::maskSecrets(value.toObject());
    if (value.isArray())
        return maskArray(value.toArray());
    return value;
}

QJsonArray maskArray(const QJsonArray &array)
{
    QJsonArray out;
    for (const QJsonValue &v : array)
        out.append(maskValue(v));
    return out;
}

QString compact(const QJsonObject &object)
{
    if (object.isEmpty())
        return QString();
    return QString::fromUtf8(QJsonDocument(AuditLog::maskSecrets(object)).toJson(QJsonDocument::Compact));
}

QJsonObject parse(const QString &text)
{
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toUtf8()).object();
}

struct Where {
    QString sql;
    QVariantList binds;
};

Where whereOf(const AuditQuery &f)
{
    Where w;
    QStringList parts;
    if (!f.operatorName.isEmpty()) {
        parts.append(QStringLiteral("operator = ?"));
        w.binds.append(f.operatorName);
    }
    if (!f.actionPrefix.isEmpty()) {
        // A prefix without LIKE, so that "_" and "%" in a filter mean themselves on both databases.
        parts.append(QStringLiteral("substr(action, 1, %1) = ?").arg(f.actionPrefix.size()));
        w.binds.append(f.actionPrefix);
    }
    if (!f.recordType.isEmpty()) {
        parts.append(QStringLiteral("record_type = ?"));
        w.binds.append(f.recordType);
        if (f.recordId != 0) {
            parts.append(QStringLiteral("record_id = ?"));
            w.binds.append(f.recordId);
        }
    }
    if (f.from.isValid()) {
        parts.append(QStringLiteral("at >= ?"));
        w.binds.append(toMsecs(f.from));
    }
    if (f.to.isValid()) {
        parts.append(QStringLiteral("at < ?"));
        w.binds.append(toMsecs(f.to));
    }
    if (!parts.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
}

Result<QStringList> distinct(Database &db, const QString &column)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT DISTINCT %1 FROM audit_events ORDER BY %1").arg(column));
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

} // namespace

bool AuditLog::isSecretKey(const QString &key)
{
    const QString k = key.toLower();
    for (const char *word : {"secret", "password", "passwd", "token", "api_key", "apikey", "private_key", "credential"}) {
        if (k.contains(QLatin1String(word)))
            return true;
    }
    return false;
}

QJsonObject AuditLog::maskSecrets(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isSecretKey(it.key()))
            out.insert(it.key(), QStringLiteral("***"));
        else
            out.insert(it.key(), maskValue(it.value()));
    }
    return out;
}

QString AuditLog::defaultOperator()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name.isEmpty() ? QStringLiteral("operator") : name;
}

Result<qint64> AuditLog::record(Database &db, const AuditEvent &event)
{
    if (event.operatorName.trimmed().isEmpty())
        return fail(tr("An audit event needs the name of the operator who acted."));
    if (event.action.isEmpty())
        return fail(tr("An audit event needs an action."));
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("INSERT INTO audit_events (at, operator, action, record_type, record_id, before_json, "
                             "after_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(event.at.isValid() ? toMsecs(event.at) : nowMsecs());
    q.addBindValue(event.operatorName.trimmed());
    q.addBindValue(event.action);
    q.addBindValue(event.recordType);
    q.addBindValue(event.recordId);
    q.addBindValue(compact(event.before));
    q.addBindValue(compact(event.after));
    if (auto r = exec(q); !r)
        return fail(tr("Cannot write the audit log: %1").arg(r.error().message));
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<AuditEvent>> AuditLog::query(Database &db, const AuditQuery &filter)
{
    const Where w = whereOf(filter);
    const QString dir = filter.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM audit_events%2 ORDER BY at %3, id %3 LIMIT ? OFFSET ?")
                  .arg(kColumns, w.sql, dir));
    for (const auto &b : w.binds)
        q.addBindValue(b);
    q.addBindValue(filter.limit);
    q.addBindValue(filter.offset);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<AuditEvent> out;
    while (q.next()) {
        AuditEvent e;
        e.id = q.value(0).toLongLong();
        e.at = fromMsecs(q.value(1).toLongLong());
        e.operatorName = q.value(2).toString();
        e.action = q.value(3).toString();
        e.recordType = q.value(4).toString();
        e.recordId = q.value(5).toLongLong();
        e.before = parse(q.value(6).toString());
        e.after = parse(q.value(7).toString());
        out.append(e);
    }
    return out;
}

Result<qint64> AuditLog::count(Database &db, const AuditQuery &filter)
{
    const Where w = whereOf(filter);
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_events%1").arg(w.sql));
    for (const auto &b : w.binds)
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QStringList> AuditLog::operators(Database &db)
{
    return distinct(db, QStringLiteral("operator"));
}

Result<QStringList> AuditLog::actions(Database &db)
{
    return distinct(db, QStringLiteral("action"));
}

ListingSpec AuditLog::listing()
{
    return ListingSpec{
        QStringLiteral("audit_events e"),
        {
            {QStringLiteral("at"), QStringLiteral("e.at"), QT_TRANSLATE_NOOP("Listing", "When")},
            {QStringLiteral("operator"), QStringLiteral("e.operator"), QT_TRANSLATE_NOOP("Listing", "Operator")},
            {QStringLiteral("action"), QStringLiteral("e.action"), QT_TRANSLATE_NOOP("Listing", "Action")},
            {QStringLiteral("record_type"), QStringLiteral("e.record_type"), QT_TRANSLATE_NOOP("Listing", "Record")},
            {QStringLiteral("record_id"), QStringLiteral("e.record_id"), QT_TRANSLATE_NOOP("Listing", "Record ID")},
            {QStringLiteral("before"), QStringLiteral("e.before_json"), QT_TRANSLATE_NOOP("Listing", "Before"), false},
            {QStringLiteral("after"), QStringLiteral("e.after_json"), QT_TRANSLATE_NOOP("Listing", "After"), false},
        },
        QStringLiteral("e.id"),
        {QStringLiteral("e.action"), QStringLiteral("e.operator")},
        QStringLiteral("at"),
        Qt::DescendingOrder,
    };
}

} // namespace pushdesk
