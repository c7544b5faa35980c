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
    // The search text matches a row when one of these begins with it (an index range, so that a million
    // rows answer at once: case-sensitive, except that an expression written "lower(...)" is compared with
    // the text's ASCII letters folded, and should have an index on that expression), or when searchIdsIn,
    // a subquery with one "?" for the whole text, lists the row's id (e.g. a tag, matched exactly).
    QStringList searchExprs;
    QString defaultSort;          // column key
    Qt::SortOrder defaultOrder = Qt::AscendingOrder;
    QString searchIdsIn = {};     // last, so that listings written before it keep their initialisers

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
    // Keyset paging: when the listing is ordered by its id, the next page starts after this id (the last
    // row loaded) instead of skipping offset rows; 0 = from the start, or ordered by another column.
    qint64 afterId = 0;
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
    // upTo > 0: counts at most upTo rows (a bounded cost on a million rows; upTo means "at least upTo").
    static Result<qint64> count(Database &db, const ListingSpec &spec, const ListingFilter &filter, qint64 upTo = 0);
    // What the search text is compared with, for an expression of searchExprs: [from, to) and the text itself.
    static QString searchTerm(const QString &expr, const QString &text);
    static QString prefixEnd(const QString &prefix); // the least string greater than every one that begins with prefix
    // The " WHERE …" clause of a filter (empty when it filters nothing), its values appended to binds.
    static QString where(const Database &db, const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds);
};

} // namespace pushdesk
