#pragma once
// Ctrl+C on a table view: the selected cells as tab-separated text (rows by line) on the clipboard,
// as the view displays them.
class QAbstractItemView;

namespace pushdesk {

class TableCopy {
public:
    static void install(QAbstractItemView *view);
    static void copy(const QAbstractItemView *view);
};

} // namespace pushdesk
