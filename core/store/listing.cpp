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
        // Read in (tag, subscriber_id) order off subscriber_tags' primary key.
        QStringLiteral("SELECT subscriber_id AS match_id FROM subscriber_tags WHERE tag = ?"),
        true,
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
            {QStringLiteral("app_id"), QStringLiteral("b.app_id"), QT_TRANSLATE_NOOP("Listing", "App ID")}, // a filter; the page hides it
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

// The equality and range filters, each one condition, their values appended to binds (if given).
QStringList filtersOf(const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds)
{
    QStringList parts;
    for (const auto &[key, value] : filter.equals) {
        const int i = spec.columnIndex(key);
        if (i < 0 || !value.isValid() || value.toString().isEmpty())
            continue;
        parts.append(QStringLiteral("%1 = ?").arg(spec.columns[i].expr));
        if (binds)
            binds->append(value);
    }
    for (const auto &range : filter.ranges) {
        const int i = spec.columnIndex(range.key);
        if (i < 0)
            continue;
        if (range.from.isValid()) {
            parts.append(QStringLiteral("%1 >= ?").arg(spec.columns[i].expr));
            if (binds)
                binds->append(range.from);
        }
        if (range.to.isValid()) {
            parts.append(QStringLiteral("%1 < ?").arg(spec.columns[i].expr));
            if (binds)
                binds->append(range.to);
        }
    }
    return parts;
}

// "expr begins with text": a range (an index answers it), and on PostgreSQL the prefix itself again: under
// a collation other than "C" the range alone could admit a neighbour. SQLite compares text in code point
// order, where the range is exactly the texts that begin with it: no second test, which would read every
// match's row (the index holds the expression, not the column): 18,000 rows for a common nickname, 150 ms
// of a million-row Send log filter. indexed false: written so that no index answers it ("expr || ''").
QString beginsWith(const Database &db, const QString &expr, const QString &text, bool indexed, QList<QVariant> *binds)
{
    const QString term = Listing::searchTerm(expr, text);
    const QString compared = indexed ? expr : QStringLiteral("(%1 || '')").arg(expr);
    binds->append(term);
    binds->append(Listing::prefixEnd(term));
    if (!db.isPostgres())
        return QStringLiteral("(%1 >= ? AND %1 < ?)").arg(compared);
    binds->append(term);
    return QStringLiteral("(%1 >= ? AND %1 < ? AND substr(%2, 1, %3) = ?)").arg(compared, expr).arg(term.toUcs4().size());
}

// indexedSearch false: the search's comparisons are written so that no index answers them ("expr || ''"),
// and the database walks the listing's order instead, stopping at the page's last row (see fetch()).
// idsUpTo > 0: the search's searchIdsIn subquery lists at most that many ids, for a count bounded by it (the
// count reaches idsUpTo either way; unbounded, SQLite first lists every id, 130,000 for a common tag).
Where whereOf(const Database &db, const ListingSpec &spec, const ListingFilter &filter,
              bool indexedSearch = true, qint64 idsUpTo = 0)
{
    // db: its dialect, for the search's comparisons (beginsWith()).
    Where w;
    QStringList parts = filtersOf(spec, filter, &w.binds);
    const QString text = filter.search.trimmed();
    if (!text.isEmpty() && (!spec.searchExprs.isEmpty() || !spec.searchIdsIn.isEmpty())) {
        QStringList ors;
        for (const auto &expr : spec.searchExprs)
            ors.append(beginsWith(db, expr, text, indexedSearch, &w.binds));
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

// One part of a search in the order of its matches (ListingSpec::orderSearchByMatch): the rows whose
// searchExprs[part] begins with the text, or (part == searchExprs.size()) those searchIdsIn lists, under
// the listing's filters, without the rows that the earlier parts named in excluded list.
struct Part {
    QString from;
    QStringList where;
    QList<QVariant> binds; // in the order of from's and where's "?"
    QString key;           // the part's order: key, then the id
    QString orderBy;
    bool byIds = false;
};

int partsOf(const ListingSpec &spec)
{
    return int(spec.searchExprs.size()) + (spec.searchIdsIn.isEmpty() ? 0 : 1);
}

QList<int> earlierParts(int part)
{
    QList<int> parts;
    for (int earlier = 0; earlier < part; ++earlier)
        parts.append(earlier);
    return parts;
}

Part partOf(const Database &db, const ListingSpec &spec, const ListingFilter &filter, int part, const QList<int> &excluded)
{
    const QString text = filter.search.trimmed();
    const int exprParts = int(spec.searchExprs.size());
    Part p;
    p.byIds = part == exprParts;
    if (p.byIds) {
        // The subquery first, driving the join in its own (index) order; comma-joined so that any FROM
        // clause of the spec, joins and all, follows it unchanged.
        p.from = QStringLiteral("(%1) m, %2").arg(spec.searchIdsIn, spec.from);
        p.binds.append(text);
        p.key = QStringLiteral("m.match_id");
        p.where.append(QStringLiteral("%1 = m.match_id").arg(spec.idExpr));
        p.orderBy = p.key;
    } else {
        p.from = spec.from;
        p.key = spec.searchExprs[part];
        p.where.append(beginsWith(db, p.key, text, true, &p.binds));
        p.orderBy = QStringLiteral("%1, %2").arg(p.key, spec.idExpr);
    }
    // NULL (no openid, say) matches nothing: an earlier part listed the row only if it matched there.
    for (int earlier : excluded) {
        if (earlier < qMin(part, exprParts))
            p.where.append(QStringLiteral("NOT COALESCE(%1, FALSE)").arg(beginsWith(db, spec.searchExprs[earlier], text, true, &p.binds)));
    }
    p.where.append(filtersOf(spec, filter, &p.binds));
    return p;
}

Result<qint64> countOf(Database &db, const QString &from, const QStringList &where, const QList<QVariant> &binds,
                       qint64 upTo)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1%2 LIMIT %3) counted")
                  .arg(from, where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
                  .arg(upTo));
    for (const auto &b : binds)
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

// The rows of a search, at most upTo, part by part. Each part is first counted alone, off its index
// (1 ms for 10,000 entries): one part that reaches upTo settles it, and so does one part alone. Otherwise
// the rows that several parts match are counted once, under the first (the other parts' conditions need
// the rows themselves: 40 ms for 2,000 people scattered over a million, when the disk cache is cold).
Result<qint64> countByMatch(Database &db, const ListingSpec &spec, const ListingFilter &filter, qint64 upTo)
{
    const int parts = partsOf(spec);
    const bool filtered = !filtersOf(spec, filter, nullptr).isEmpty();
    QList<qint64> alone;
    for (int part = 0; part < parts; ++part) {
        Part p = partOf(db, spec, filter, part, {});
        Result<qint64> n = p.byIds && !filtered
            // the ids alone: each names a subscriber (a foreign key), once (the primary key)
            ? countOf(db, QStringLiteral("(%1) m").arg(spec.searchIdsIn), {}, {p.binds.first()}, upTo)
            : countOf(db, p.from, p.where, p.binds, upTo);
        if (!n)
            return n;
        if (*n >= upTo)
            return upTo;
        alone.append(*n);
    }
    qint64 total = 0;
    QList<int> found; // the earlier parts that have rows: only they can have listed a row already
    for (int part = 0; part < parts && total < upTo; ++part) {
        if (found.isEmpty() || alone[part] == 0) {
            total += alone[part];
            if (alone[part] > 0)
                found.append(part);
            continue;
        }
        Part p = partOf(db, spec, filter, part, found);
        found.append(part);
        auto n = countOf(db, p.from, p.where, p.binds, upTo - total);
        if (!n)
            return n;
        total += *n;
    }
    return qMin(total, upTo);
}

// The order of a search's matches: one query per part, from the cursor's part on, each an index range read
// in its own order and stopping at the rows still needed. Without a cursor, offset rows are skipped (read
// and dropped).
Result<QList<ListingRow>> fetchByMatch(Database &db, const ListingSpec &spec, const ListingFilter &filter, int offset,
                                       int limit)
{
    const int parts = partsOf(spec);
    const bool cursor = filter.afterId != 0 && filter.afterPart >= 0 && filter.afterPart < parts;
    int skip = cursor ? 0 : qMax(0, offset);
    int need = qMax(0, limit);
    QList<ListingRow> rows;
    rows.reserve(need);
    for (int part = cursor ? filter.afterPart : 0; part < parts && need > 0; ++part) {
        Part p = partOf(db, spec, filter, part, earlierParts(part));
        if (cursor && part == filter.afterPart) {
            if (p.byIds) {
                p.where.append(QStringLiteral("m.match_id > ?"));
                p.binds.append(filter.afterId);
            } else {
                // (key, id) > (afterKey, afterId), the key's own bound first so that the index range
                // starts there on both databases.
                p.where.append(QStringLiteral("%1 >= ? AND (%1 > ? OR %2 > ?)").arg(p.key, spec.idExpr));
                p.binds.append(filter.afterKey);
                p.binds.append(filter.afterKey);
                p.binds.append(filter.afterId);
            }
        }
        QSqlQuery q(db.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4 ORDER BY %5 LIMIT %6")
                      .arg(Listing::selectList(spec), p.key, p.from, p.where.join(QStringLiteral(" AND ")), p.orderBy)
                      .arg(skip + need));
        for (const auto &b : std::as_const(p.binds))
            q.addBindValue(b);
        if (auto r = exec(q); !r)
            return std::unexpected(r.error());
        const int keyColumn = int(spec.columns.size()) + 1;
        while (q.next()) {
            if (skip > 0) {
                --skip;
                continue;
            }
            ListingRow row;
            row.id = q.value(0).toLongLong();
            row.values.reserve(spec.columns.size());
            for (int i = 0; i < spec.columns.size(); ++i)
                row.values.append(q.value(i + 1));
            row.part = part;
            row.key = q.value(keyColumn);
            rows.append(std::move(row));
            --need;
        }
    }
    return rows;
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

bool Listing::ordersByMatch(const ListingSpec &spec, const ListingFilter &filter)
{
    return spec.orderSearchByMatch && filter.sortKey.isEmpty() && !filter.search.trimmed().isEmpty()
        && (!spec.searchExprs.isEmpty() || !spec.searchIdsIn.isEmpty());
}

Result<QList<ListingRow>> Listing::fetch(Database &db, const ListingSpec &spec, const ListingFilter &filter,
                                         int offset, int limit)
{
    if (ordersByMatch(spec, filter))
        return fetchByMatch(db, spec, filter, offset, limit);
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
                  .arg(Listing::selectList(spec), spec.from, w.sql, orderBy)
                  .arg(qMax(0, limit))
                  .arg(qMax(0, offset)));
    for (const auto &b : std::as_const(w.binds))
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    return rowsOf(q, spec, limit);
}

QList<ListingRow> Listing::rowsOf(QSqlQuery &q, const ListingSpec &spec, int reserve)
{
    QList<ListingRow> rows;
    rows.reserve(reserve);
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

QString Listing::selectList(const ListingSpec &spec)
{
    QStringList exprs{spec.idExpr};
    for (const auto &c : spec.columns)
        exprs.append(c.expr);
    return exprs.join(QStringLiteral(", "));
}

QString Listing::where(const Database &db, const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds)
{
    Where w = whereOf(db, spec, filter);
    binds->append(w.binds);
    return w.sql;
}

Result<qint64> Listing::count(Database &db, const ListingSpec &spec, const ListingFilter &filter, qint64 upTo)
{
    if (upTo > 0 && spec.orderSearchByMatch && !filter.search.trimmed().isEmpty() && partsOf(spec) > 0)
        return countByMatch(db, spec, filter, upTo);
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
