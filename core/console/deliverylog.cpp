#include "console/deliverylog.h"

#include "store/database.h"

#include <QSaveFile>
#include <QSqlQuery>

namespace pushdesk {

namespace {
constexpr int kExportPage = 5000;
// A search naming at least this many subscribers walks the deliveries in the listing's order, keeping those
// of the people it names; naming fewer, it reads their deliveries off (subscriber_id, id) and sorts those.
// bench/scale.sh, 1M subscribers and 1M deliveries: ~2,000 people (a Chinese full name) took 25-40 ms read
// off their index and 55 ms walked; 18,000 (an English name) 240 ms off the index, 80 ms walked; 20 people
// walked: 0.7-1.2 s (the whole table, for 18 rows), off the index 1 ms.
constexpr qint64 kManyPeople = 2000;

// "…WHERE" grown by one condition.
void addCondition(QString *where, const QString &condition)
{
    *where += (where->isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + condition;
}

// The ids of the subscribers that the search names (nickname or openid, beginning), read off their indexes
// alone: "SELECT s.id FROM subscribers s WHERE …", its values appended to binds.
QString peopleOf(const Database &db, const ListingSpec &spec, const QString &search, QList<QVariant> *binds)
{
    ListingSpec people;
    people.from = QStringLiteral("subscribers s");
    people.idExpr = QStringLiteral("s.id");
    people.searchExprs = spec.searchExprs; // written over s: lower(s.nickname), s.mp_openid
    ListingFilter f;
    f.search = search;
    return QStringLiteral("SELECT s.id FROM subscribers s") + Listing::where(db, people, f, binds);
}

// The Send log's own spec (its joins, and its search naming subscribers only): the search can be answered
// through the people it names.
bool searchesPeople(const ListingSpec &spec, const QString &search)
{
    return !search.trimmed().isEmpty() && spec.from == DeliveryLog::spec().from;
}

// A search, in the order of the id: see kManyPeople. Keyset paging by the id as Listing::fetch does.
Result<QList<ListingRow>> fetchByPeople(Database &db, const ListingSpec &spec, const ListingFilter &filter, int offset,
                                        int limit)
{
    QList<QVariant> peopleBinds;
    const QString people = peopleOf(db, spec, filter.search, &peopleBinds);
    QSqlQuery probe(db.db());
    probe.prepare(QStringLiteral("SELECT COUNT(*) FROM (%1 LIMIT %2) probed").arg(people).arg(kManyPeople));
    for (const auto &b : std::as_const(peopleBinds))
        probe.addBindValue(b);
    if (auto r = exec(probe); !r)
        return std::unexpected(r.error());
    probe.next();
    const bool many = probe.value(0).toLongLong() >= kManyPeople;

    const bool ascending = !filter.sortKey.isEmpty() && filter.order == Qt::AscendingOrder;
    const QString dir = ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    ListingFilter rest = filter; // the other filters: all of them on the delivery itself
    rest.search.clear();
    QList<QVariant> binds;
    QString where = Listing::where(db, spec, rest, &binds);
    binds.append(peopleBinds);
    if (many) {
        // "+ 0": no index answers it, so that the id's order is walked and the page's last row ends it
        // (the people's ids are listed once, for a lookup per delivery).
        addCondition(&where, QStringLiteral("(d.subscriber_id + 0) IN (%1)").arg(people));
    } else {
        addCondition(&where, QStringLiteral("d.subscriber_id IN (%1)").arg(people));
    }
    if (filter.afterId != 0) {
        addCondition(&where, QStringLiteral("d.id %1 ?").arg(ascending ? QLatin1Char('>') : QLatin1Char('<')));
        binds.append(filter.afterId);
        offset = 0;
    }
    offset = qMax(0, offset);
    limit = qMax(0, limit);
    QString sql;
    if (many) {
        sql = QStringLiteral("SELECT %1 FROM %2%3 ORDER BY d.id %4 LIMIT %5 OFFSET %6")
                  .arg(Listing::selectList(spec), spec.from, where, dir)
                  .arg(limit)
                  .arg(offset);
    } else {
        // The page's ids first, off the covering index (subscriber_id, id): only ids are sorted; the joins
        // then read the page's rows alone.
        sql = QStringLiteral("SELECT %1 FROM %2 WHERE d.id IN (SELECT d.id FROM deliveries d%3 ORDER BY d.id %4 LIMIT %5) "
                             "ORDER BY d.id %4 LIMIT %6 OFFSET %7")
                  .arg(Listing::selectList(spec), spec.from, where, dir)
                  .arg(offset + limit)
                  .arg(limit)
                  .arg(offset);
    }
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const auto &b : std::as_const(binds))
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    return Listing::rowsOf(q, spec, limit);
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
} // namespace

ListingFilter DeliveryLogFilter::listingFilter() const
{
    ListingFilter f;
    f.search = search;
    f.equals = {
        {QStringLiteral("broadcast_id"), broadcastId != 0 ? QVariant(broadcastId) : QVariant()},
        {QStringLiteral("app_id"), appId != 0 ? QVariant(appId) : QVariant()},
        {QStringLiteral("channel"), channel.isEmpty() ? QVariant() : QVariant(channel)},
        {QStringLiteral("state"), state.isEmpty() ? QVariant() : QVariant(state)},
        {QStringLiteral("errcode"), hasErrcode ? QVariant(errcode) : QVariant()},
    };
    if (from.isValid() || to.isValid())
        f.ranges.append({QStringLiteral("updated_at"), from.isValid() ? QVariant(toMsecs(from)) : QVariant(),
                         to.isValid() ? QVariant(toMsecs(to)) : QVariant()});
    return f;
}

bool DeliveryLogFilter::isFiltered() const
{
    return broadcastId != 0 || appId != 0 || !channel.isEmpty() || !state.isEmpty() || hasErrcode
        || !search.trimmed().isEmpty() || from.isValid() || to.isValid();
}

ListingSpec DeliveryLog::spec()
{
    ListingSpec s = Listing::deliveries();
    s.from += QStringLiteral(" JOIN broadcasts b ON b.id = d.broadcast_id JOIN apps a ON a.id = b.app_id");
    // After the broadcast column: the app it was sent for.
    const int at = s.columnIndex(QStringLiteral("broadcast_id")) + 1;
    s.columns.insert(at, ListingColumn{QStringLiteral("app"), QStringLiteral("a.name"), QT_TRANSLATE_NOOP("Listing", "App")});
    s.columns.append(ListingColumn{QStringLiteral("app_id"), QStringLiteral("d.app_id"), QT_TRANSLATE_NOOP("Listing", "App ID")});
    return s;
}

Result<QList<ListingRow>> DeliveryLog::fetch(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter,
                                             const ListingFilter &sort, int offset, int limit)
{
    ListingFilter f = filter.listingFilter();
    f.sortKey = sort.sortKey;
    f.order = sort.order;
    f.afterId = sort.afterId;
    // Under a time range and no order chosen: the newest first by the time itself, read off
    // deliveries_updated and stopping after the page (by id, every delivery of the range had to be sorted).
    if (f.sortKey.isEmpty() && (filter.from.isValid() || filter.to.isValid())) {
        f.sortKey = QStringLiteral("updated_at");
        f.order = Qt::DescendingOrder;
    }
    // A search in the order of the id (the default, or the ID column chosen): through the people it names.
    if (searchesPeople(spec, f.search) && (f.sortKey.isEmpty() || f.sortKey == QLatin1String("id")))
        return fetchByPeople(db, spec, f, offset, limit);
    return Listing::fetch(db, spec, f, offset, limit);
}

Result<qint64> DeliveryLog::count(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter, qint64 upTo)
{
    QList<QVariant> binds;
    // Counting needs the joins only for what the filter names: on a million rows that is most of the cost.
    // A search names people: their deliveries are counted off (subscriber_id, id), without a join.
    QString from = QStringLiteral("deliveries d");
    QString where;
    if (searchesPeople(spec, filter.search)) {
        ListingFilter rest = filter.listingFilter();
        rest.search.clear();
        where = Listing::where(db, spec, rest, &binds);
        QList<QVariant> peopleBinds;
        addCondition(&where, QStringLiteral("d.subscriber_id IN (%1)").arg(peopleOf(db, spec, filter.search, &peopleBinds)));
        binds.append(peopleBinds);
    } else {
        where = Listing::where(db, spec, filter.listingFilter(), &binds);
        if (spec.from != DeliveryLog::spec().from)
            from = spec.from; // someone else's spec: count it as it is
    }
    QSqlQuery q(db.db());
    if (upTo > 0) {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1%2 LIMIT ?) counted").arg(from, where));
        binds.append(upTo);
    } else {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(from, where));
    }
    for (const auto &b : std::as_const(binds))
        q.addBindValue(b);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<qint64> DeliveryLog::exportCsv(Database &db, const DeliveryLogFilter &filter, const QString &path,
                                      const std::function<QString(const QString &, const QVariant &)> &format)
{
    const ListingSpec s = spec();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    QStringList header;
    for (const auto &c : s.columns)
        header.append(csvField(c.key));
    file.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n");
    qint64 written = 0;
    ListingFilter order;
    for (int offset = 0;; offset += kExportPage) {
        auto page = fetch(db, s, filter, order, offset, kExportPage);
        if (!page) {
            file.cancelWriting();
            return std::unexpected(page.error());
        }
        for (const ListingRow &row : std::as_const(*page)) {
            QStringList fields;
            for (int i = 0; i < s.columns.size(); ++i) {
                const QVariant &v = row.values.value(i);
                fields.append(csvField(format ? format(s.columns[i].key, v) : v.toString()));
            }
            file.write(fields.join(QLatin1Char(',')).toUtf8() + "\r\n");
            ++written;
        }
        if (page->size() < kExportPage)
            break;
        order.afterId = page->last().id; // the next page after this one, off the index (no skipping)
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace pushdesk
