#include "console/deliverylog.h"

#include "store/database.h"

#include <QSaveFile>
#include <QSqlQuery>

namespace pushdesk {

namespace {
constexpr int kExportPage = 5000;

struct Where {
    QString sql;
    QList<QVariant> binds;
};

Where whereOf(const ListingSpec &spec, const DeliveryLogFilter &filter)
{
    Where w;
    QStringList parts;
    const ListingFilter eq = filter.listingFilter();
    for (const auto &[key, value] : eq.equals) {
        const int i = spec.columnIndex(key);
        if (i < 0 || !value.isValid() || value.toString().isEmpty())
            continue;
        parts.append(QStringLiteral("%1 = ?").arg(spec.columns[i].expr));
        w.binds.append(value);
    }
    if (filter.from.isValid()) {
        parts.append(QStringLiteral("d.updated_at >= ?"));
        w.binds.append(toMsecs(filter.from));
    }
    if (filter.to.isValid()) {
        parts.append(QStringLiteral("d.updated_at < ?"));
        w.binds.append(toMsecs(filter.to));
    }
    const QString text = filter.search.trimmed();
    if (!text.isEmpty()) {
        QStringList ors;
        QString escaped = text;
        escaped.replace(QLatin1Char('!'), QStringLiteral("!!"))
            .replace(QLatin1Char('%'), QStringLiteral("!%"))
            .replace(QLatin1Char('_'), QStringLiteral("!_"));
        for (const auto &expr : spec.searchExprs) {
            ors.append(QStringLiteral("%1 LIKE ? ESCAPE '!'").arg(expr));
            w.binds.append(escaped + QLatin1Char('%'));
        }
        parts.append(QLatin1Char('(') + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    if (!parts.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
    return w;
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
    s.columns.append(ListingColumn{QStringLiteral("app_id"), QStringLiteral("b.app_id"), QT_TRANSLATE_NOOP("Listing", "App ID")});
    return s;
}

Result<QList<ListingRow>> DeliveryLog::fetch(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter,
                                             const ListingFilter &sort, int offset, int limit)
{
    QStringList exprs{spec.idExpr};
    for (const auto &c : spec.columns)
        exprs.append(c.expr);
    int sortIndex = spec.columnIndex(sort.sortKey.isEmpty() ? spec.defaultSort : sort.sortKey);
    if (sortIndex >= 0 && !spec.columns[sortIndex].sortable)
        sortIndex = spec.columnIndex(spec.defaultSort);
    const Qt::SortOrder order = sort.sortKey.isEmpty() ? spec.defaultOrder : sort.order;
    const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    QString orderBy = QStringLiteral("%1 %2").arg(spec.idExpr, dir);
    if (sortIndex >= 0 && spec.columns[sortIndex].expr != spec.idExpr)
        orderBy = QStringLiteral("%1 %2, %3").arg(spec.columns[sortIndex].expr, dir, orderBy);
    const Where w = whereOf(spec, filter);
    QSqlQuery q(db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 LIMIT ? OFFSET ?")
                  .arg(exprs.join(QStringLiteral(", ")), spec.from, w.sql, orderBy));
    for (const auto &b : w.binds)
        q.addBindValue(b);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (auto r = exec(q); !r)
        return std::unexpected(r.error());
    QList<ListingRow> rows;
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

Result<qint64> DeliveryLog::count(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter)
{
    const Where w = whereOf(spec, filter);
    // Counting needs the joins only for what the filter names: on a million rows that is most of the cost.
    QString from = QStringLiteral("deliveries d");
    if (!filter.search.trimmed().isEmpty())
        from += QStringLiteral(" JOIN subscribers s ON s.id = d.subscriber_id");
    if (filter.appId != 0)
        from += QStringLiteral(" JOIN broadcasts b ON b.id = d.broadcast_id");
    if (spec.from != DeliveryLog::spec().from)
        from = spec.from; // someone else's spec: count it as it is
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(from, w.sql));
    for (const auto &b : w.binds)
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
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return written;
}

} // namespace pushdesk
