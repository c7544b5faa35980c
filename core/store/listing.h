#pragma once
// Paged, sorted and filtered reads for the console's lazy table models. The SQL lives here, in core;
// the models only name a listing, a column to sort by and the filters to apply.
#include "domain/result.h"

#include <QCoreApplication>
#include <QList>
#include <QVariant>

namespace pushdesk {
class Database;

struct ListingColumn {
    QString key;          // stable name used by filters and tests
    QString expr;         // SQL expression
    const char *title;    // translated through QCoreApplication::translate("Listing", title)
    bool sortable = true;
};

struct ListingSpec {
    QString from;                 // FROM clause, with joins
    QList<ListingColumn> columns;
    QString idExpr;               // unique, stable tie-breaker for ordering
    QStringList searchExprs;      // matched with LIKE 'text%' (prefix, so indexes help) or equality
    QString defaultSort;          // column key
    Qt::SortOrder defaultOrder = Qt::AscendingOrder;

    int columnIndex(const QString &key) const;
    QString title(int column) const;
};

struct ListingRange {
    QString key;   // column key
    QVariant from; // inclusive; invalid: open
    QVariant to;   // exclusive; invalid: open
};

struct ListingFilter {
    QString search;
    QList<QPair<QString, QVariant>> equals; // column key -> value
    QList<ListingRange> ranges;
    QString sortKey;
    Qt::SortOrder order = Qt::AscendingOrder;
};

struct ListingRow {
    qint64 id = 0;
    QList<QVariant> values;
};

class Listing {
public:
    static ListingSpec apps();
    static ListingSpec subscribers();
    static ListingSpec templates();
    static ListingSpec broadcasts();
    static ListingSpec deliveries();

    static Result<QList<ListingRow>> fetch(Database &db, const ListingSpec &spec, const ListingFilter &filter,
                                           int offset, int limit);
    static Result<qint64> count(Database &db, const ListingSpec &spec, const ListingFilter &filter);
    // The " WHERE …" clause of a filter (empty when it filters nothing), its values appended to binds.
    static QString where(const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds);
};

} // namespace pushdesk
