#include "store/listing.h"

#include "store/database.h"

#include <QSqlQuery>

namespace pushdesk {

int ListingSpec::columnIndex(const QString &key) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].key == key)
            return i;
    }
    return -1;
}

QString ListingSpec::title(int column) const
{
    if (column < 0 || column >= columns.size())
        return {};
    return QCoreApplication::translate("Listing", columns[column].title);
}

ListingSpec Listing::apps()
{
    return ListingSpec{
        QStringLiteral("apps a"),
        {
            {QStringLiteral("name"), QStringLiteral("a.name"), QT_TRANSLATE_NOOP("Listing", "Name")},
            {QStringLiteral("kind"), QStringLiteral("a.kind"), QT_TRANSLATE_NOOP("Listing", "Kind")},
            {QStringLiteral("appid"), QStringLiteral("a.appid"), QT_TRANSLATE_NOOP("Listing", "AppID")},
            {QStringLiteral("upstream"), QStringLiteral("a.upstream"), QT_TRANSLATE_NOOP("Listing", "Upstream")},
            {QStringLiteral("status"), QStringLiteral("a.status"), QT_TRANSLATE_NOOP("Listing", "Status")},
            {QStringLiteral("credit_score"), QStringLiteral("a.credit_score"), QT_TRANSLATE_NOOP("Listing", "Credit")},
            {QStringLiteral("daily_quota"), QStringLiteral("a.daily_quota"), QT_TRANSLATE_NOOP("Listing", "Daily quota")},
        },
        QStringLiteral("a.id"),
        {QStringLiteral("a.name"), QStringLiteral("a.appid")},
        QStringLiteral("name"),
    };
}

ListingSpec Listing::subscribers()
{
    return ListingSpec{
        QStringLiteral("subscribers s"),
        {
            {QStringLiteral("id"), QStringLiteral("s.id"), QT_TRANSLATE_NOOP("Listing", "ID")},
            {QStringLiteral("nickname"), QStringLiteral("s.nickname"), QT_TRANSLATE_NOOP("Listing", "Nickname")},
            {QStringLiteral("mp_openid"), QStringLiteral("s.mp_openid"), QT_TRANSLATE_NOOP("Listing", "OpenID")},
            {QStringLiteral("email"), QStringLiteral("s.email"), QT_TRANSLATE_NOOP("Listing", "E-mail")},
            {QStringLiteral("bark_key"), QStringLiteral("s.bark_key"), QT_TRANSLATE_NOOP("Listing", "Bark key"), false},
            {QStringLiteral("opted_out"), QStringLiteral("s.opted_out"), QT_TRANSLATE_NOOP("Listing", "Opted out")},
            {QStringLiteral("last_interaction_at"), QStringLiteral("s.last_interaction_at"),
             QT_TRANSLATE_NOOP("Listing", "Last interaction")},
            {QStringLiteral("tags"), QStringLiteral("s.tags"), QT_TRANSLATE_NOOP("Listing", "Tags"), false},
        },
        QStringLiteral("s.id"),
        // Indexed: subscribers_mp_openid, subscribers_nickname_folded, subscribers_email_folded, subscriber_tags.
        {QStringLiteral("s.mp_openid"), QStringLiteral("lower(s.nickname)"), QStringLiteral("lower(s.email)")},
        QStringLiteral("id"),
        Qt::AscendingOrder,
        QStringLiteral("SELECT subscriber_id FROM subscriber_tags WHERE tag = ?"),
    };
}

ListingSpec Listing::templates()
{
    return ListingSpec{
        QStringLiteral("templates t JOIN apps a ON a.id = t.app_id"),
        {
            {QStringLiteral("app"), QStringLiteral("a.name"), QT_TRANSLATE_NOOP("Listing", "App")},
            {QStringLiteral("name"), QStringLiteral("t.name"), QT_TRANSLATE_NOOP("Listing", "Name")},
            {QStringLiteral("app_id"), QStringLiteral("t.app_id"), QT_TRANSLATE_NOOP("Listing", "App ID")},
        },
        QStringLiteral("t.id"),
        {QStringLiteral("t.name")},
        QStringLiteral("name"),
    };
}

ListingSpec Listing::broadcasts()
{
    return ListingSpec{
        QStringLiteral("broadcasts b JOIN apps a ON a.id = b.app_id JOIN templates t ON t.id = b.template_id"),
        {
            {QStringLiteral("id"), QStringLiteral("b.id"), QT_TRANSLATE_NOOP("Listing", "ID")},
            {QStringLiteral("app"), QStringLiteral("a.name"), QT_TRANSLATE_NOOP("Listing", "App")},
            {QStringLiteral("template"), QStringLiteral("t.name"), QT_TRANSLATE_NOOP("Listing", "Template")},
            {QStringLiteral("status"), QStringLiteral("b.status"), QT_TRANSLATE_NOOP("Listing", "Status")},
            {QStringLiteral("audience"), QStringLiteral("b.audience"), QT_TRANSLATE_NOOP("Listing", "Audience"), false},
            {QStringLiteral("total"), QStringLiteral("b.total"), QT_TRANSLATE_NOOP("Listing", "Recipients")},
            {QStringLiteral("sent"), QStringLiteral("b.sent"), QT_TRANSLATE_NOOP("Listing", "Sent")},
            {QStringLiteral("failed"), QStringLiteral("b.failed"), QT_TRANSLATE_NOOP("Listing", "Failed")},
            {QStringLiteral("created_by"), QStringLiteral("b.created_by"), QT_TRANSLATE_NOOP("Listing", "Created by")},
            {QStringLiteral("created_at"), QStringLiteral("b.created_at"), QT_TRANSLATE_NOOP("Listing", "Created")},
        },
        QStringLiteral("b.id"),
        {QStringLiteral("a.name")},
        QStringLiteral("id"),
        Qt::DescendingOrder,
    };
}

ListingSpec Listing::deliveries()
{
    return ListingSpec{
        QStringLiteral("deliveries d JOIN subscribers s ON s.id = d.subscriber_id"),
        {
            {QStringLiteral("id"), QStringLiteral("d.id"), QT_TRANSLATE_NOOP("Listing", "ID")},
            {QStringLiteral("broadcast_id"), QStringLiteral("d.broadcast_id"), QT_TRANSLATE_NOOP("Listing", "Broadcast")},
            {QStringLiteral("subscriber"), QStringLiteral("s.nickname"), QT_TRANSLATE_NOOP("Listing", "Subscriber"), false},
            {QStringLiteral("channel"), QStringLiteral("d.channel"), QT_TRANSLATE_NOOP("Listing", "Channel")},
            {QStringLiteral("state"), QStringLiteral("d.state"), QT_TRANSLATE_NOOP("Listing", "State")},
            {QStringLiteral("route"), QStringLiteral("d.route"), QT_TRANSLATE_NOOP("Listing", "Route")},
            {QStringLiteral("attempts"), QStringLiteral("d.attempts"), QT_TRANSLATE_NOOP("Listing", "Attempts")},
            {QStringLiteral("errcode"), QStringLiteral("d.errcode"), QT_TRANSLATE_NOOP("Listing", "Errcode")},
            {QStringLiteral("reason"), QStringLiteral("d.reason"), QT_TRANSLATE_NOOP("Listing", "Reason"), false},
            {QStringLiteral("updated_at"), QStringLiteral("d.updated_at"), QT_TRANSLATE_NOOP("Listing", "Updated")},
        },
        QStringLiteral("d.id"),
        {QStringLiteral("lower(s.nickname)"), QStringLiteral("s.mp_openid")},
        QStringLiteral("id"),
        Qt::DescendingOrder,
    };
}

namespace {
constexpr qint64 kManyMatches = 2000; // a search matching more is answered by walking the order (fetch());
// 5,000 was tried (bench/scale.sh): nickname searches of 3,000–5,000 matches then took 300–1,000 ms, not 100–200

struct Where {
    QString sql;
    QList<QVariant> binds;
};

// indexedSearch false: the search's comparisons are written so that no index answers them ("expr || ''"),
// and the database walks the listing's order instead, stopping at the page's last row (see fetch()).
// idsUpTo > 0: the search's searchIdsIn subquery lists at most that many ids, for a count bounded by it (the
// count reaches idsUpTo either way; unbounded, SQLite first lists every id, 130,000 for a common tag).
Where whereOf([[maybe_unused]] const Database &db, const ListingSpec &spec, const ListingFilter &filter,
              bool indexedSearch = true, qint64 idsUpTo = 0)
{
    // db: its dialect. The search needs none: ranges and substr() are the same SQL on SQLite and PostgreSQL.
    Where w;
    QStringList parts;
    for (const auto &[key, value] : filter.equals) {
        const int i = spec.columnIndex(key);
        if (i < 0 || !value.isValid() || value.toString().isEmpty())
            continue;
        parts.append(QStringLiteral("%1 = ?").arg(spec.columns[i].expr));
        w.binds.append(value);
    }
    for (const auto &range : filter.ranges) {
        const int i = spec.columnIndex(range.key);
        if (i < 0)
            continue;
        if (range.from.isValid()) {
            parts.append(QStringLiteral("%1 >= ?").arg(spec.columns[i].expr));
            w.binds.append(range.from);
        }
        if (range.to.isValid()) {
            parts.append(QStringLiteral("%1 < ?").arg(spec.columns[i].expr));
            w.binds.append(range.to);
        }
    }
    const QString text = filter.search.trimmed();
    if (!text.isEmpty() && (!spec.searchExprs.isEmpty() || !spec.searchIdsIn.isEmpty())) {
        // A range on each expression (an index answers it), and the prefix itself again: under a
        // PostgreSQL collation other than "C" the range alone could admit a neighbour.
        QStringList ors;
        for (const auto &expr : spec.searchExprs) {
            const QString term = Listing::searchTerm(expr, text);
            const QString compared = indexedSearch ? expr : QStringLiteral("(%1 || '')").arg(expr);
            ors.append(QStringLiteral("(%1 >= ? AND %1 < ? AND substr(%2, 1, %3) = ?)")
                           .arg(compared, expr)
                           .arg(term.toUcs4().size()));
            w.binds.append(term);
            w.binds.append(Listing::prefixEnd(term));
            w.binds.append(term);
        }
        if (!spec.searchIdsIn.isEmpty()) {
            ors.append(idsUpTo > 0 ? QStringLiteral("%1 IN (%2 LIMIT %3)").arg(spec.idExpr, spec.searchIdsIn).arg(idsUpTo)
                                   : QStringLiteral("%1 IN (%2)").arg(spec.idExpr, spec.searchIdsIn));
            w.binds.append(text);
        }
        parts.append(QLatin1Char('(') + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    if (!parts.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
}
} // namespace

QString Listing::searchTerm(const QString &expr, const QString &text)
{
    if (!expr.startsWith(QLatin1String("lower(")))
        return text;
    // SQLite's lower() folds ASCII letters only; fold the same ones here.
    QString folded = text;
    for (QChar &c : folded) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return folded;
}

QString Listing::prefixEnd(const QString &prefix)
{
    QList<uint> points = prefix.toUcs4();
    while (!points.isEmpty()) {
        uint next = points.last() + 1;
        if (next >= 0xD800 && next <= 0xDFFF)
            next = 0xE000; // no code point is a surrogate
        if (next <= 0x10FFFF) {
            points.last() = next;
            return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), points.size());
        }
        points.removeLast();
    }
    return QString(QChar(0xFFFF)); // beyond every text that begins with U+10FFFF…: none in practice
}

Result<QList<ListingRow>> Listing::fetch(Database &db, const ListingSpec &spec, const ListingFilter &filter,
                                         int offset, int limit)
{
    QStringList exprs{spec.idExpr};
    for (const auto &c : spec.columns)
        exprs.append(c.expr);
    int sortIndex = spec.columnIndex(filter.sortKey.isEmpty() ? spec.defaultSort : filter.sortKey);
    if (sortIndex >= 0 && !spec.columns[sortIndex].sortable)
        sortIndex = spec.columnIndex(spec.defaultSort);
    const Qt::SortOrder order = filter.sortKey.isEmpty() ? spec.defaultOrder : filter.order;
    const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QString orderBy = QStringLiteral("%1 %2").arg(spec.idExpr, dir);
    if (sortIndex >= 0 && spec.columns[sortIndex].expr != spec.idExpr)
        orderBy = QStringLiteral("%1 %2, %3").arg(spec.columns[sortIndex].expr, dir, orderBy);
    // A search that matches few rows is answered off its indexes, and those rows sorted; one that matches
    // many is answered by walking the order and stopping at the page's last row, which then comes soon.
    // (Left to itself, SQLite picks one plan for both and either is slow for the other kind.) The count
    // that tells them apart is itself read off the indexes and bounded.
    bool indexedSearch = true;
    if (!filter.search.trimmed().isEmpty()) {
        ListingFilter searchOnly;
        searchOnly.search = filter.search;
        const auto many = Listing::count(db, spec, searchOnly, kManyMatches);
        indexedSearch = !many || *many < kManyMatches;
    }
    Where w = whereOf(db, spec, filter, indexedSearch);
    // Ordered by the id alone: the next page starts after the last id instead of skipping rows.
    const bool byId = sortIndex < 0 || spec.columns[sortIndex].expr == spec.idExpr;
    if (byId && filter.afterId != 0) {
        w.sql += (w.sql.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND "))
            + QStringLiteral("%1 %2 ?").arg(spec.idExpr, order == Qt::AscendingOrder ? QStringLiteral(">") : QStringLiteral("<"));
        w.binds.append(filter.afterId);
        offset = 0;
    }
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    // LIMIT and OFFSET written out (numbers of ours, not input): the planner weighs its plans by them.
    q.prepare(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 LIMIT %5 OFFSET %6")
                  .arg(exprs.join(QStringLiteral(", ")), spec.from, w.sql, orderBy)
                  .arg(qMax(0, limit))
                  .arg(qMax(0, offset)));
    for (const auto &b : std::as_const(w.binds))
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<ListingRow> rows;
    rows.reserve(limit);
    while (q.next()) {
        ListingRow row;
        row.id = q.value(0).toLongLong();
        row.values.reserve(spec.columns.size());
        for (int i = 0; i < spec.columns.size(); ++i)
            row.values.append(q.value(i + 1));
        rows.append(std::move(row));
    }
    return rows;
}

QString Listing::where(const Database &db, const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds)
{
    Where w = whereOf(db, spec, filter);
    binds->append(w.binds);
    return w.sql;
}

Result<qint64> Listing::count(Database &db, const ListingSpec &spec, const ListingFilter &filter, qint64 upTo)
{
    const Where w = whereOf(db, spec, filter, true, upTo);
    QSqlQuery q(db.db());
    if (upTo > 0)
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1%2 LIMIT ?) counted").arg(spec.from, w.sql));
    else
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(spec.from, w.sql));
    for (const auto &b : w.binds)
        q.addBindValue(b);
    if (upTo > 0)
        q.addBindValue(upTo);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

} // namespace pushdesk
