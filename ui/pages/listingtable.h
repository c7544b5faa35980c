#pragma once
// What every page does with a table over a ListingModel: set the view up (sorting in SQL, row
// selection, the sort indicator on the listing's default), find and select rows by id, and show a
// friendly empty state instead of a blank grid.
#include <QCoreApplication>
#include <QString>

class QComboBox;
class QLabel;
class QTableView;
class QWidget;

namespace pushdesk {
class Database;
class ListingModel;

class ListingTable {
    Q_DECLARE_TR_FUNCTIONS(ListingTable)
public:
    static void configure(QTableView *view, ListingModel *model);
    static qint64 selectedId(const QTableView *view);     // 0 when nothing is selected
    static bool selectId(QTableView *view, qint64 id);    // false when the row is not loaded
    // Shows emptyText when there are no rows at all, noMatchText when a filter hides them all.
    static void updateEmptyState(QLabel *label, const ListingModel *model, const QString &emptyText,
                                 const QString &noMatchText);
    // For pages built in code: a pane in parent holding a table named tableName above its empty-state label
    // ("emptyStateLabel").
    static QWidget *createListPane(QWidget *parent, const QString &tableName, QTableView **table, QLabel **emptyState);
    // An app filter: "All apps" (id 0), then every app by name (its id as data), keeping the app chosen.
    // Returns what went wrong reading the apps, or an empty string.
    static QString fillAppFilter(QComboBox *combo, Database &db);
};

} // namespace pushdesk
