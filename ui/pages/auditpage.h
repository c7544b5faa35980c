#pragma once
// Audit: every operator action on record, filtered by operator, action, record and time, with the
// record before and after the action in a details pane. Read-only: the log is append-only.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace pushdesk {
class ListingModel;
class Workspace;
struct AuditQuery;

class AuditPage : public QWidget {
    Q_OBJECT
public:
    explicit AuditPage(Workspace &ws, QWidget *parent = nullptr);
    ~AuditPage() override;

    ListingModel *model() const { return m_model; }

public slots:
    void refresh();      // new events and new operators / actions in the filter boxes
    void applyFilter();
    void showRecord(const QString &recordType, qint64 recordId); // e.g. an app's history

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void reloadFilterChoices();
    AuditQuery query() const;
    void showEvent(int row);
    void updateEmptyState();

    Workspace &m_ws;
    ListingModel *m_model = nullptr;

    QLabel *m_operatorLabel = nullptr;
    QComboBox *m_operatorCombo = nullptr;
    QLabel *m_actionLabel = nullptr;
    QComboBox *m_actionCombo = nullptr;
    QLabel *m_recordLabel = nullptr;
    QLineEdit *m_recordTypeEdit = nullptr;
    QSpinBox *m_recordIdSpin = nullptr;
    QCheckBox *m_fromCheck = nullptr;
    QDateTimeEdit *m_fromEdit = nullptr;
    QCheckBox *m_toCheck = nullptr;
    QDateTimeEdit *m_toEdit = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyState = nullptr;
    QLabel *m_beforeLabel = nullptr;
    QPlainTextEdit *m_beforeText = nullptr;
    QLabel *m_afterLabel = nullptr;
    QPlainTextEdit *m_afterText = nullptr;
};

} // namespace pushdesk
