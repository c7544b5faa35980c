#pragma once
// One app's credit history (every penalty with its complaint, the score before and after, who
// decided, and whether it was lifted) and the operator's manual actions: deduct points, suspend,
// ban and lift a ban, each with a reason and a yes/no question first. Lives on the Apps page.
#include <QWidget>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace pushdesk {
class Workspace;
struct PenaltyOutcome;

class PenaltyHistory : public QWidget {
    Q_OBJECT
public:
    explicit PenaltyHistory(Workspace &ws, QWidget *parent = nullptr);
    ~PenaltyHistory() override;

    qint64 appId() const { return m_appId; }

public slots:
    void setAppId(qint64 appId); // 0: no app (a new one being added)
    void reload();
    bool deduct();
    bool suspend();
    bool ban();
    bool liftBan();

signals:
    void penaltiesChanged(qint64 appId); // the app's score or status changed

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    QString operatorName() const;
    bool confirm(const QString &text);
    void finish(const QString &done);
    QString outcomeText(const PenaltyOutcome &outcome) const;

    Workspace &m_ws;
    qint64 m_appId = 0;

    QGroupBox *m_group = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QLineEdit *m_reasonEdit = nullptr;
    QLabel *m_pointsLabel = nullptr;
    QSpinBox *m_pointsSpin = nullptr;
    QLabel *m_daysLabel = nullptr;
    QSpinBox *m_daysSpin = nullptr;
    QPushButton *m_deductButton = nullptr;
    QPushButton *m_suspendButton = nullptr;
    QPushButton *m_banButton = nullptr;
    QPushButton *m_liftBanButton = nullptr;
    QLabel *m_messageLabel = nullptr;
};

} // namespace pushdesk
