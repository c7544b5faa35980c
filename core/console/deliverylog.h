#pragma once
// The Send log's query: every delivery with its recipient and app, filtered in SQL by broadcast, app,
// channel, state, errcode, recipient (search) and a time range on updated_at, newest first. It is a
// listing (store/listing.h) plus ranges, which Listing has no words for yet; and the CSV export of the
// same filter, written page by page through QSaveFile (all or nothing).
#include "domain/result.h"
#include "store/listing.h"

#include <QDateTime>
#include <functional>

namespace pushdesk {
class Database;

struct DeliveryLogFilter {
    qint64 broadcastId = 0;   // 0: any
    qint64 appId = 0;         // 0: any
    QString channel;          // stored word; empty: any
    QString state;            // stored word; empty: any
    bool hasErrcode = false;
    int errcode = 0;
    QString search;           // recipient nickname (ASCII letters in any case) or openid, beginning
    QDateTime from;           // updated_at >= from (invalid: open)
    QDateTime to;             // updated_at < to (invalid: open)

    ListingFilter listingFilter() const; // the equality and search part
    bool isFiltered() const;
};

class DeliveryLog {
    Q_DECLARE_TR_FUNCTIONS(DeliveryLog)
public:
    static ListingSpec spec();
    static Result<QList<ListingRow>> fetch(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter,
                                           const ListingFilter &sort, int offset, int limit);
    // upTo > 0: at most upTo rows are counted (see Listing::count).
    static Result<qint64> count(Database &db, const ListingSpec &spec, const DeliveryLogFilter &filter, qint64 upTo = 0);

    // Writes every row of the filter as CSV (UTF-8, a header line, RFC 4180 quoting) to path, replacing it
    // only when everything was written. format turns a raw value into the text written (column key, value).
    // Returns the number of rows written.
    static Result<qint64> exportCsv(Database &db, const DeliveryLogFilter &filter, const QString &path,
                                    const std::function<QString(const QString &, const QVariant &)> &format = {});
};

} // namespace pushdesk
