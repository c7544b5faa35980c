#pragma once
// Paged, sorted and filtered reads for the console's lazy table models. The SQL lives here, in core;
// the models only name a listing, a column to sort by and the filters to apply.
#include "domain/result.h"

#include <QCoreApplication>
#include <QList>
#include <QVariant>

class QSqlQuery;

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
    // true: a search under no sort chosen by the operator lists its matches part by part, each part straight
    // off its index: the rows whose first matching expression is searchExprs[0], in that expression's order
    // and then the id's, then those of searchExprs[1], …, and last the ones only searchIdsIn lists, in id
    // order (its subquery then names its column match_id, and is read in that order: an index of its own).
    // Every row once, under the first part it matches. (Sorting the matches by id instead costs a read of
    // every match: 10,000s of rows for a common name or tag.)
    bool orderSearchByMatch = false;

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
    // In the order of a search's matches (ListingSpec::orderSearchByMatch), the last row loaded is also named
    // by its part and key (ListingRow::part / key): the next page starts after (part, key, afterId).
    int afterPart = -1;
    QVariant afterKey = {};
};

struct ListingRow {
    qint64 id = 0;
    QList<QVariant> values;
    int part = -1;      // in the order of a search's matches: the part the row is listed under, and
    QVariant key = {};  // its value of that part's expression (the next page's cursor; see ListingFilter)
};

class Listing {
public:
    static ListingSpec apps();
    static ListingSpec subscribers();
    static ListingSpec templates();
    static ListingSpec broadcasts();
    static ListingSpec deliveries();

    // True when fetch() lists filter's rows in the order of the search's matches (see orderSearchByMatch).
    static bool ordersByMatch(const ListingSpec &spec, const ListingFilter &filter);
    static Result<QList<ListingRow>> fetch(Database &db, const ListingSpec &spec, const ListingFilter &filter,
                                           int offset, int limit);
    // upTo > 0: counts at most upTo rows (a bounded cost on a million rows; upTo means "at least upTo").
    static Result<qint64> count(Database &db, const ListingSpec &spec, const ListingFilter &filter, qint64 upTo = 0);
    // What the search text is compared with, for an expression of searchExprs: [from, to) and the text itself.
    static QString searchTerm(const QString &expr, const QString &text);
    static QString prefixEnd(const QString &prefix); // the least string greater than every one that begins with prefix
    // The listing's id and then its columns' expressions, the select list that fetch() reads rows by.
    static QString selectList(const ListingSpec &spec);
    // The rows of an executed query whose select list is selectList(spec).
    static QList<ListingRow> rowsOf(QSqlQuery &query, const ListingSpec &spec, int reserve);
    // The " WHERE …" clause of a filter (empty when it filters nothing), its values appended to binds.
    static QString where(const Database &db, const ListingSpec &spec, const ListingFilter &filter, QList<QVariant> *binds);
};

} // namespace pushdesk
