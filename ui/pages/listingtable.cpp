#include "pages/listingtable.h"

#include "models/listingmodel.h"
#include "pages/tablecopy.h"
#include "store/apprepository.h"

#include <QComboBox>
#include <QSignalBlocker>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace pushdesk {

void ListingTable::configure(QTableView *view, ListingModel *model)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // Compact rows: these tables are for scanning many rows.
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSortIndicator(model->sortColumn(), model->sortOrder());
    view->setSortingEnabled(true);
    // A click on a column the listing cannot sort by puts the indicator back where the data is.
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, view, [header, model](int column, Qt::SortOrder) {
        if (column != model->sortColumn() || header->sortIndicatorOrder() != model->sortOrder())
            header->setSortIndicator(model->sortColumn(), model->sortOrder());
    });
    view->resizeColumnsToContents();
    TableCopy::install(view);
}

qint64 ListingTable::selectedId(const QTableView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    if (!selection)
        return 0;
    const QModelIndexList rows = selection->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ListingModel::IdRole).toLongLong();
}

bool ListingTable::selectId(QTableView *view, qint64 id)
{
    const auto *model = qobject_cast<const ListingModel *>(view->model());
    const int row = model ? model->rowOfId(id) : -1;
    if (row < 0)
        return false;
    const QModelIndex index = model->index(row, 0);
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    return true;
}

void ListingTable::updateEmptyState(QLabel *label, const ListingModel *model, const QString &emptyText,
                                    const QString &noMatchText)
{
    if (!model->lastError().isEmpty()) {
        label->setText(tr("Cannot read the list: %1").arg(model->lastError()));
        label->show();
        return;
    }
    if (model->rowCount() > 0) {
        label->hide();
        return;
    }
    label->setText(model->isFiltered() ? noMatchText : emptyText);
    label->show();
}

QWidget *ListingTable::createListPane(QWidget *parent, const QString &tableName, QTableView **table, QLabel **emptyState)
{
    auto *pane = new QWidget(parent);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    *table = new QTableView(pane);
    (*table)->setObjectName(tableName);
    *emptyState = new QLabel(pane);
    (*emptyState)->setObjectName(QStringLiteral("emptyStateLabel"));
    (*emptyState)->setWordWrap(true);
    (*emptyState)->setAlignment(Qt::AlignCenter);
    layout->addWidget(*table);
    layout->addWidget(*emptyState);
    return pane;
}

QString ListingTable::fillAppFilter(QComboBox *combo, Database &db)
{
    const QSignalBlocker blocker(combo);
    const QVariant current = combo->currentData();
    combo->clear();
    combo->addItem(tr("All apps"), qint64(0));
    auto apps = AppRepository(db).all();
    if (!apps)
        return tr("Cannot read the apps: %1").arg(apps.error().message);
    for (const App &a : std::as_const(*apps))
        combo->addItem(a.name, a.id);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
    return {};
}

} // namespace pushdesk
