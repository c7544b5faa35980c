#pragma once
// Import CSV: pick a file and what it holds, read the validation report (every problem with its line,
// column and fix), then commit. The check is a dry run; the commit writes the whole file in one
// transaction, and a file with any problem changes nothing (Importer does both).
#include "importer/importer.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace pushdesk {
class Workspace;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(Workspace &ws, QWidget *parent = nullptr);
    ~ImportDialog() override;

    void setFileName(const QString &path);
    void setKind(ImportKind kind);
    void setListName(const QString &name);
    const std::optional<ImportReport> &lastReport() const { return m_report; }

public slots:
    bool check();   // dry run: fills the report; commit is enabled only for a file without problems
    bool commit();

signals:
    void imported(const pushdesk::ImportReport &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void browse();
    void invalidate();
    ImportKind currentKind() const;
    ImportOptions options(bool dryRun) const;
    QString describe(const ImportReport &report) const;

    Workspace &m_ws;
    std::optional<ImportReport> m_report;
    bool m_committed = false;

    QLabel *m_kindLabel = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QLabel *m_appLabel = nullptr;
    QComboBox *m_appCombo = nullptr;
    QLabel *m_listNameLabel = nullptr;
    QLineEdit *m_listNameEdit = nullptr;    // ImportKind::List: the new list's name
    QLabel *m_fileLabel = nullptr;
    QLineEdit *m_fileEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QLabel *m_columnsLabel = nullptr;
    QPushButton *m_checkButton = nullptr;
    QPlainTextEdit *m_reportText = nullptr;
    QPushButton *m_commitButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace pushdesk
