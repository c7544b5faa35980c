#include "models/listingmodel.h"

#include "domain/reasontext.h"
#include "models/displaytext.h"
#include "store/database.h"

#include <QScopedValueRollback>

namespace pushdesk {

namespace {
ListingModel::ColumnFormat formatFor(const QString &key)
{
    using F = ListingModel::ColumnFormat;
    if (key.endsWith(QLatin1String("_at")))
        return F::Time;
    if (key == QLatin1String("opted_out") || key == QLatin1String("disabled"))
        return F::YesNo;
    if (key == QLatin1String("kind") || key == QLatin1String("status") || key == QLatin1String("state")
        || key == QLatin1String("channel") || key == QLatin1String("route") || key == QLatin1String("reminder"))
        return F::Label;
    if (key == QLatin1String("reason") || key == QLatin1String("status_reason"))
        return F::Reason;
    // Identifiers and codes read as they are: no digit grouping ("45015", not "45,015").
    if (key == QLatin1String("id") || key.endsWith(QLatin1String("_id")) || key == QLatin1String("errcode")
        || key == QLatin1String("http_status"))
        return F::Code;
    return F::Text;
}

bool isNumeric(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}
} // namespace

ListingModel::ListingModel(Database &db, ListingSpec spec, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_spec(std::move(spec))
{
    m_formats.reserve(m_spec.columns.size());
    for (const auto &c : std::as_const(m_spec.columns))
        m_formats.append(formatFor(c.key));
    reload();
}

void ListingModel::setSource(Fetcher fetch, Counter count, CappedCounter countUpTo)
{
    m_fetch = std::move(fetch);
    m_count = std::move(count);
    m_countUpTo = std::move(countUpTo);
}

Result<QList<ListingRow>> ListingModel::fetchPage(int offset, int limit) const
{
    // Keyset paging: the next page continues after the last row loaded (used when ordered by the id, and
    // in the order of a search's matches, where the row's part and key say where it stands).
    ListingFilter filter = m_filter;
    const bool continues = offset > 0 && offset == m_rows.size();
    filter.afterId = continues ? m_rows.last().id : 0;
    filter.afterPart = continues ? m_rows.last().part : -1;
    filter.afterKey = continues ? m_rows.last().key : QVariant();
    return m_fetch ? m_fetch(filter, offset, limit) : Listing::fetch(m_db, m_spec, filter, offset, limit);
}

void ListingModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void ListingModel::setFilter(const QString &search, const QList<QPair<QString, QVariant>> &equals)
{
    m_filter.search = search;
    m_filter.equals = equals;
    reload();
}

void ListingModel::setSearch(const QString &search)
{
    m_filter.search = search;
    reload();
}

void ListingModel::setEquals(const QList<QPair<QString, QVariant>> &equals)
{
    m_filter.equals = equals;
    reload();
}

bool ListingModel::isFiltered() const
{
    if (!m_filter.search.trimmed().isEmpty())
        return true;
    for (const auto &[key, value] : m_filter.equals) {
        Q_UNUSED(key);
        if (value.isValid() && !value.toString().isEmpty())
            return true;
    }
    return false;
}

void ListingModel::setColumnFormat(const QString &key, ColumnFormat format)
{
    const int column = m_spec.columnIndex(key);
    if (column < 0)
        return;
    m_formats[column] = format;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, column), index(int(m_rows.size()) - 1, column), {Qt::DisplayRole});
}

ListingModel::ColumnFormat ListingModel::columnFormat(int column) const
{
    return column >= 0 && column < m_formats.size() ? m_formats[column] : ColumnFormat::Text;
}

qint64 ListingModel::rowId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0;
}

int ListingModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return i;
    }
    return -1;
}

QVariant ListingModel::value(int row, const QString &key) const
{
    const int column = m_spec.columnIndex(key);
    if (row < 0 || row >= m_rows.size() || column < 0)
        return {};
    return m_rows[row].values.value(column);
}

int ListingModel::defaultSortColumn() const
{
    return m_spec.columnIndex(m_spec.defaultSort);
}

int ListingModel::sortColumn() const
{
    if (!m_fetch && Listing::ordersByMatch(m_spec, m_filter))
        return -1;
    return m_filter.sortKey.isEmpty() ? defaultSortColumn() : m_spec.columnIndex(m_filter.sortKey);
}

Qt::SortOrder ListingModel::sortOrder() const
{
    return m_filter.sortKey.isEmpty() ? m_spec.defaultOrder : m_filter.order;
}

qint64 ListingModel::totalCount() const
{
    auto n = m_count ? m_count(m_filter) : Listing::count(m_db, m_spec, m_filter);
    return n ? *n : -1;
}

qint64 ListingModel::countUpTo(qint64 upTo) const
{
    Result<qint64> n = m_countUpTo ? m_countUpTo(m_filter, upTo)
        : m_count                  ? m_count(m_filter)
                                   : Listing::count(m_db, m_spec, m_filter, upTo);
    return n ? *n : -1;
}

int ListingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ListingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_spec.columns.size());
}

QVariant ListingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ListingRow &row = m_rows[index.row()];
    const QVariant value = row.values.value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(index.column(), value);
    case Qt::ToolTipRole: {
        // Long free text (reasons, tags) is often cut off by the column.
        const QString text = display(index.column(), value);
        return text.size() > 24 ? QVariant(text) : QVariant();
    }
    case Qt::TextAlignmentRole: {
        const ColumnFormat f = m_formats[index.column()];
        if (f == ColumnFormat::Number || f == ColumnFormat::Code || (f == ColumnFormat::Text && isNumeric(value)))
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    }
    case IdRole:
        return row.id;
    case RawValueRole:
        return value;
    default:
        return {};
    }
}

QString ListingModel::display(int column, const QVariant &value) const
{
    if (value.isNull())
        return {};
    switch (m_formats[column]) {
    case ColumnFormat::Time:
        return DisplayText::dateTime(value.toLongLong());
    case ColumnFormat::YesNo:
        return DisplayText::yesNo(value.toLongLong() != 0);
    case ColumnFormat::Label:
        return DisplayText::label(value.toString());
    case ColumnFormat::Number:
        return DisplayText::number(value.toLongLong());
    case ColumnFormat::Code:
        return value.toString();
    case ColumnFormat::Reason:
        return ReasonText::display(value.toString());
    case ColumnFormat::Text:
        break;
    }
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return DisplayText::number(value.toLongLong());
    return value.toString();
}

QVariant ListingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_spec.columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_spec.title(section);
    if (role == Qt::ToolTipRole && !m_spec.columns[section].sortable)
        return tr("%1 (not sortable)").arg(m_spec.title(section));
    return {};
}

bool ListingModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_loading;
}

void ListingModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask for more from inside the signals a load emits: one page at a time.
    if (parent.isValid() || m_exhausted || m_loading)
        return;
    const QScopedValueRollback loading(m_loading, true);
    auto page = fetchPage(int(m_rows.size()), m_pageSize);
    if (!page) {
        m_exhausted = true; // a broken query would fail again on every scroll
        setError(page.error().message);
        return;
    }
    m_exhausted = page->size() < m_pageSize;
    if (page->isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_rows.append(std::move(*page));
    endInsertRows();
}

void ListingModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_spec.columns.size() || !m_spec.columns[column].sortable)
        return;
    if (column == sortColumn() && order == sortOrder())
        return;
    m_filter.sortKey = m_spec.columns[column].key;
    m_filter.order = order;
    reload();
}

void ListingModel::reload()
{
    const QScopedValueRollback loading(m_loading, true);
    auto page = fetchPage(0, m_pageSize);
    beginResetModel();
    m_rows.clear();
    if (page) {
        m_exhausted = page->size() < m_pageSize;
        m_rows = std::move(*page);
        m_lastError.clear();
    } else {
        m_exhausted = true;
    }
    endResetModel();
    if (!page)
        setError(page.error().message);
    emit reloaded();
}

void ListingModel::refreshHeaders()
{
    if (!m_spec.columns.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, int(m_spec.columns.size()) - 1);
}

void ListingModel::setError(const QString &message)
{
    m_lastError = message;
    emit loadFailed(message);
}

} // namespace pushdesk
