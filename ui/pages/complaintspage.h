#pragma once
// Complaints: the review queue (open, upheld or dismissed), the message complained about, and the
// reviewer's decision. Upholding costs the app points (PenaltyService), so the outcome — score
// before and after, a suspension or a ban — is shown right away.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace pushdesk {
class ListingModel;
class Workspace;
struct PenaltyOutcome;

class ComplaintsPage : public QWidget {
    Q_OBJECT
public:
    explicit ComplaintsPage(Workspace &ws, QWidget *parent = nullptr);
    ~ComplaintsPage() override;

    ListingModel *model() const { return m_model; }
    qint64 currentComplaintId() const { return m_currentId; }

public slots:
    void refresh();
    void showComplaint(qint64 id);
    bool uphold();
    bool dismiss();

signals:
    void complaintDecided(qint64 complaintId, qint64 appId); // an app's score or status may have changed

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyStatusFilter();
    void clearDetails();
    void updateEmptyState();
    void updateButtons();
    QString reviewer() const;
    QString outcomeText(const PenaltyOutcome &outcome) const;

    Workspace &m_ws;
    ListingModel *m_model = nullptr;
    qint64 m_currentId = 0;
    qint64 m_currentAppId = 0;
    bool m_currentOpen = false;

    QLabel *m_statusLabel = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyState = nullptr;
    QGroupBox *m_detailsGroup = nullptr;
    QLabel *m_detailsLabel = nullptr;
    QLabel *m_noteLabel = nullptr;
    QLineEdit *m_noteEdit = nullptr;
    QCheckBox *m_pointsCheck = nullptr;
    QSpinBox *m_pointsSpin = nullptr;
    QPushButton *m_upholdButton = nullptr;
    QPushButton *m_dismissButton = nullptr;
    QLabel *m_resultLabel = nullptr;
};

} // namespace pushdesk
