#include "console/deliverylog.h"

#include "store/database.h"

#include <QSaveFile>
#include <QSqlQuery>

namespace pushdesk {

namespace {
constexpr int kExportPage = 5000;

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
    return Listing::fetch(db, spec, f, offset, limit);
}

Result<qint64> DeliveryLog::count(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter, qint64 upTo)
{
    QList<QVariant> binds;
    const QString where = Listing::where(db, spec, filter.listingFilter(), &binds);
    // Counting needs the joins only for what the filter names: on a million rows that is most of the cost.
    QString from = QStringLiteral("deliveries d");
    if (!filter.search.trimmed().isEmpty())
        from += QStringLiteral(" JOIN subscribers s ON s.id = d.subscriber_id");
    if (spec.from != DeliveryLog::spec().from)
        from = spec.from; // someone else's spec: count it as it is
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
