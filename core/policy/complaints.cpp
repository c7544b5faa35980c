#include "policy/complaints.h"

#include "store/database.h"
#include "store/listing.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace pushdesk {

namespace {

const char *const kCategories[] = {"advertising", "harassment", "fraud", "illegal", "other"};
const char *const kStatuses[] = {"open", "upheld", "dismissed"};

const QString kColumns = QStringLiteral("id, subscriber_id, app_id, delivery_id, broadcast_id, category, text, status, "
                                        "reviewer, note, decided_at, created_at");

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

Complaint complaintFrom(const QSqlQuery &q)
{
    Complaint c;
    c.id = q.value(0).toLongLong();
    c.subscriberId = q.value(1).toLongLong();
    c.appId = q.value(2).toLongLong();
    c.deliveryId = q.value(3).toLongLong();
    c.broadcastId = q.value(4).toLongLong();
    fromString(q.value(5).toString(), &c.category);
    c.text = q.value(6).toString();
    fromString(q.value(7).toString(), &c.status);
    c.reviewer = q.value(8).toString();
    c.note = q.value(9).toString();
    c.decidedAt = fromMsecs(q.value(10).toLongLong());
    c.createdAt = fromMsecs(q.value(11).toLongLong());
    return c;
}

Result<QList<Complaint>> many(QSqlQuery &q)
{
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<Complaint> out;
    while (q.next())
        out.append(complaintFrom(q));
    return out;
}

// The (app, broadcast, subscriber) a delivery belongs to, or nothing if there is no such delivery.
struct DeliveryOwner {
    qint64 appId = 0;
    qint64 broadcastId = 0;
    qint64 subscriberId = 0;
};

Result<std::optional<DeliveryOwner>> deliveryOwner(Database &db, qint64 deliveryId)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT b.app_id, d.broadcast_id, d.subscriber_id FROM deliveries d "
                             "JOIN broadcasts b ON b.id = d.broadcast_id WHERE d.id = ?"));
    q.addBindValue(deliveryId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<DeliveryOwner>();
    return std::optional<DeliveryOwner>(
        DeliveryOwner{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
}

Result<std::optional<qint64>> scalarId(Database &db, const QString &sql, qint64 id)
{
    QSqlQuery q(db.db());
    q.prepare(sql);
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

} // namespace

QString toString(ComplaintCategory v)
{
    return QString::fromLatin1(kCategories[static_cast<int>(v)]);
}

QString toString(ComplaintStatus v)
{
    return QString::fromLatin1(kStatuses[static_cast<int>(v)]);
}

bool fromString(const QString &s, ComplaintCategory *v)
{
    for (std::size_t i = 0; i < std::size(kCategories); ++i) {
        if (s == QLatin1String(kCategories[i])) {
            *v = static_cast<ComplaintCategory>(i);
            return true;
        }
    }
    return false;
}

bool fromString(const QString &s, ComplaintStatus *v)
{
    for (std::size_t i = 0; i < std::size(kStatuses); ++i) {
        if (s == QLatin1String(kStatuses[i])) {
            *v = static_cast<ComplaintStatus>(i);
            return true;
        }
    }
    return false;
}

QString displayName(ComplaintCategory v)
{
    switch (v) {
    case ComplaintCategory::Advertising: return QCoreApplication::translate("Complaints", "Advertising");
    case ComplaintCategory::Harassment: return QCoreApplication::translate("Complaints", "Harassment");
    case ComplaintCategory::Fraud: return QCoreApplication::translate("Complaints", "Fraud");
    case ComplaintCategory::Illegal: return QCoreApplication::translate("Complaints", "Illegal content");
    case ComplaintCategory::Other: break;
    }
    return QCoreApplication::translate("Complaints", "Other");
}

QList<ComplaintCategory> allComplaintCategories()
{
    return {ComplaintCategory::Advertising, ComplaintCategory::Harassment, ComplaintCategory::Fraud,
            ComplaintCategory::Illegal, ComplaintCategory::Other};
}

Result<qint64> ComplaintRepository::create(const Complaint &complaint)
{
    Complaint c = complaint;
    if (c.deliveryId <= 0 && c.broadcastId <= 0)
        return fail(QCoreApplication::translate(
            "Complaints", "A complaint must name the message it is about: give its delivery or its broadcast."));
    if (c.deliveryId > 0) {
        auto owner = deliveryOwner(m_db, c.deliveryId);
        if (!owner)
            return std::unexpected(owner.error());
        if (!*owner)
            return fail(QCoreApplication::translate("Complaints", "There is no delivery %1; check the send log for "
                                                                  "the message the complaint is about.")
                            .arg(c.deliveryId));
        if (c.broadcastId > 0 && c.broadcastId != (*owner)->broadcastId)
            return fail(QCoreApplication::translate("Complaints", "Delivery %1 belongs to broadcast %2, not %3.")
                            .arg(c.deliveryId)
                            .arg((*owner)->broadcastId)
                            .arg(c.broadcastId));
        if (c.appId > 0 && c.appId != (*owner)->appId)
            return fail(QCoreApplication::translate("Complaints", "Delivery %1 was sent by another app (id %2).")
                            .arg(c.deliveryId)
                            .arg((*owner)->appId));
        c.appId = (*owner)->appId;
        c.broadcastId = (*owner)->broadcastId;
        if (c.subscriberId <= 0)
            c.subscriberId = (*owner)->subscriberId;
    } else {
        auto app = scalarId(m_db, QStringLiteral("SELECT app_id FROM broadcasts WHERE id = ?"), c.broadcastId);
        if (!app)
            return std::unexpected(app.error());
        if (!*app)
            return fail(QCoreApplication::translate("Complaints", "There is no broadcast %1.").arg(c.broadcastId));
        if (c.appId > 0 && c.appId != **app)
            return fail(QCoreApplication::translate("Complaints", "Broadcast %1 was sent by another app (id %2).")
                            .arg(c.broadcastId)
                            .arg(**app));
        c.appId = **app;
    }
    if (c.subscriberId > 0) {
        auto s = scalarId(m_db, QStringLiteral("SELECT id FROM subscribers WHERE id = ?"), c.subscriberId);
        if (!s)
            return std::unexpected(s.error());
        if (!*s)
            return fail(QCoreApplication::translate("Complaints", "There is no subscriber %1.").arg(c.subscriberId));
    }
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO complaints (subscriber_id, app_id, delivery_id, broadcast_id, category, text, "
                             "status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id"));
    q.addBindValue(nullableId(c.subscriberId));
    q.addBindValue(c.appId);
    q.addBindValue(nullableId(c.deliveryId));
    q.addBindValue(nullableId(c.broadcastId));
    q.addBindValue(toString(c.category));
    q.addBindValue(c.text);
    q.addBindValue(c.createdAt.isValid() ? toMsecs(c.createdAt) : nowMsecs());
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<std::optional<Complaint>> ComplaintRepository::find(qint64 id)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM complaints WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return std::optional<Complaint>();
    return std::optional<Complaint>(complaintFrom(q));
}

Result<QList<Complaint>> ComplaintRepository::openQueue(qint64 appId, int offset, int limit)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM complaints WHERE status = 'open'%2 ORDER BY id LIMIT ? OFFSET ?")
                  .arg(kColumns, appId > 0 ? QStringLiteral(" AND app_id = ?") : QString()));
    if (appId > 0)
        q.addBindValue(appId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    return many(q);
}

Result<qint64> ComplaintRepository::openCount(qint64 appId)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM complaints WHERE status = 'open'%1")
                  .arg(appId > 0 ? QStringLiteral(" AND app_id = ?") : QString()));
    if (appId > 0)
        q.addBindValue(appId);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<Complaint>> ComplaintRepository::forApp(qint64 appId, int offset, int limit)
{
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT %1 FROM complaints WHERE app_id = ? ORDER BY id DESC LIMIT ? OFFSET ?").arg(kColumns));
    q.addBindValue(appId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    return many(q);
}

ListingSpec ComplaintRepository::listing()
{
    return ListingSpec{
        QStringLiteral("complaints c JOIN apps a ON a.id = c.app_id LEFT JOIN subscribers s ON s.id = c.subscriber_id"),
        {
            {QStringLiteral("id"), QStringLiteral("c.id"), QT_TRANSLATE_NOOP("Listing", "ID")},
            {QStringLiteral("app"), QStringLiteral("a.name"), QT_TRANSLATE_NOOP("Listing", "App")},
            {QStringLiteral("subscriber"), QStringLiteral("s.nickname"), QT_TRANSLATE_NOOP("Listing", "Subscriber"), false},
            {QStringLiteral("category"), QStringLiteral("c.category"), QT_TRANSLATE_NOOP("Listing", "Category")},
            {QStringLiteral("text"), QStringLiteral("c.text"), QT_TRANSLATE_NOOP("Listing", "Complaint"), false},
            {QStringLiteral("broadcast_id"), QStringLiteral("c.broadcast_id"), QT_TRANSLATE_NOOP("Listing", "Broadcast")},
            {QStringLiteral("delivery_id"), QStringLiteral("c.delivery_id"), QT_TRANSLATE_NOOP("Listing", "Delivery")},
            {QStringLiteral("status"), QStringLiteral("c.status"), QT_TRANSLATE_NOOP("Listing", "Status")},
            {QStringLiteral("reviewer"), QStringLiteral("c.reviewer"), QT_TRANSLATE_NOOP("Listing", "Reviewer")},
            {QStringLiteral("created_at"), QStringLiteral("c.created_at"), QT_TRANSLATE_NOOP("Listing", "Filed")},
        },
        QStringLiteral("c.id"),
        {QStringLiteral("a.name"), QStringLiteral("s.nickname")},
        QStringLiteral("id"),
    };
}

} // namespace pushdesk
