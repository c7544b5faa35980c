#include "pages/tablecopy.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMap>
#include <QTableView>

namespace pushdesk {

void TableCopy::install(QAbstractItemView *view)
{
    auto *action = new QAction(view);
    action->setObjectName(QStringLiteral("copyCellsAction"));
    action->setShortcut(QKeySequence::Copy);
    action->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(action, &QAction::triggered, view, [view]() { copy(view); });
    view->addAction(action);
}

void TableCopy::copy(const QAbstractItemView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    if (!selection || !selection->hasSelection())
        return;
    const auto *table = qobject_cast<const QTableView *>(view);
    // Row -> (visual column -> text), so that the text follows what the operator sees.
    QMap<int, QMap<int, QString>> cells;
    const QModelIndexList indexes = selection->selectedIndexes();
    for (const QModelIndex &index : indexes) {
        if (table && table->isColumnHidden(index.column()))
            continue;
        const int column = table ? table->horizontalHeader()->visualIndex(index.column()) : index.column();
        QString text = index.data(Qt::DisplayRole).toString();
        text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        cells[index.row()][column] = text;
    }
    QStringList lines;
    for (const auto &row : std::as_const(cells))
        lines.append(QStringList(row.values()).join(QLatin1Char('\t')));
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

} // namespace pushdesk
