#pragma once
// One lazy table model over any core listing (Listing::apps(), subscribers(), ...): it holds the pages
// fetched so far, loads the next page when a view scrolls near the end (canFetchMore / fetchMore), and
// sorts and filters by re-querying in SQL. It reads through the UI thread's connection (Workspace::db()).
#include "store/listing.h"

#include <QAbstractTableModel>
#include <QHash>
#include <functional>

namespace pushdesk {
class Database;

class ListingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole,   // the row's id (ListingSpec::idExpr)
        RawValueRole,            // the value as the database returned it
    };
    // Reason: a stored reason (ReasonText), read in the current language.
    enum class ColumnFormat { Text, Code, Number, Time, YesNo, Label, Reason };

    static constexpr int kDefaultPageSize = 200;

    ListingModel(Database &db, ListingSpec spec, QObject *parent = nullptr);

    // A query of its own instead of Listing::fetch / count (e.g. with ranges Listing has no words for).
    // The ListingFilter passed carries the sort (and whatever the model was given); reload() after setting.
    using Fetcher = std::function<Result<QList<ListingRow>>(const ListingFilter &filter, int offset, int limit)>;
    using Counter = std::function<Result<qint64>(const ListingFilter &filter)>;
    // A count that stops at upTo rows (see countUpTo()); without one, countUpTo() counts them all.
    using CappedCounter = std::function<Result<qint64>(const ListingFilter &filter, qint64 upTo)>;
    void setSource(Fetcher fetch, Counter count, CappedCounter countUpTo = {});

    const ListingSpec &spec() const { return m_spec; }
    const ListingFilter &filter() const { return m_filter; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);

    // Re-queries from the first page. equals: column key -> value (an empty value means "any").
    void setFilter(const QString &search, const QList<QPair<QString, QVariant>> &equals = {});
    void setSearch(const QString &search);
    void setEquals(const QList<QPair<QString, QVariant>> &equals);
    bool isFiltered() const;

    // Overrides the format guessed from the column key (see formatFor()).
    void setColumnFormat(const QString &key, ColumnFormat format);
    ColumnFormat columnFormat(int column) const;

    qint64 rowId(int row) const;                     // 0 when out of range
    int rowOfId(qint64 id) const;                    // among the rows loaded so far; -1 when not loaded
    QVariant value(int row, const QString &key) const; // raw value of a column by key
    int columnOf(const QString &key) const { return m_spec.columnIndex(key); }
    int defaultSortColumn() const;
    Qt::SortOrder defaultSortOrder() const { return m_spec.defaultOrder; }
    // -1 while a search lists its matches in their own order (ListingSpec::orderSearchByMatch): no column
    // was chosen, and the rows are in the order of the column each matched (see Listing::fetch).
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    // Rows matching the filter in the database (one COUNT query; not needed for scrolling).
    qint64 totalCount() const;
    // The same, but counting at most upTo rows: upTo means "upTo or more". A bounded cost for a label
    // under a filter that matches most of a million rows. -1 on error.
    qint64 countUpTo(qint64 upTo) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

public slots:
    void reload(); // the first page again, with the current filter and sort
    void refreshHeaders(); // after a language change: views ask for the titles again

signals:
    void loadFailed(const QString &message);
    void reloaded();

private:
    QString display(int column, const QVariant &value) const;
    Result<QList<ListingRow>> fetchPage(int offset, int limit) const;
    void setError(const QString &message);

    Database &m_db;
    ListingSpec m_spec;
    ListingFilter m_filter;
    QList<ListingRow> m_rows;
    QList<ColumnFormat> m_formats;
    int m_pageSize = kDefaultPageSize;
    bool m_exhausted = false;    // the last page came back short: nothing more to fetch
    bool m_loading = false;      // inside fetchMore() or reload(), while the model's signals go out
    QString m_lastError;
    Fetcher m_fetch;
    Counter m_count;
    CappedCounter m_countUpTo;
};

} // namespace pushdesk
