#pragma once
// Apps: the list of authorized apps and a form to add one or edit it (upstream, quota, contact), with
// its AppSecret written to the keychain and never shown back, a connection test of its upstream and a
// way to its broadcasts; under it, the app's credit history and the operator's manual penalties
// (PenaltyHistory).
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class AppsPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ListingModel;
class PenaltyHistory;
class UpstreamCheck;
class Workspace;
struct App;

class AppsPage : public QWidget {
    Q_OBJECT
public:
    explicit AppsPage(Workspace &ws, QWidget *parent = nullptr);
    ~AppsPage() override;

    qint64 currentAppId() const { return m_currentId; }
    ListingModel *model() const { return m_model; }
    PenaltyHistory *penaltyHistory() const { return m_penalties; }

public slots:
    void startNewApp();
    void showApp(qint64 id);
    bool save();
    void testConnection(); // of the saved app; the answer shows in the form's message line

signals:
    void appsChanged();
    void showBroadcastsRequested(qint64 appId);
    void connectionTested(bool ok); // after testConnection(), when the upstream answered or failed

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class SecretOutcome { Keychain, Session, NotStored };
    // Stores a secret the operator typed through the workspace (audited). When the keychain cannot take
    // it, tells the operator plainly and, if they agree, keeps it in memory for this session only.
    SecretOutcome storeSecret(qint64 appId, const QString &key, const QString &what, const QString &value);
    void fillForm(const App &app);
    QString statusText(const App &app) const;
    void updateEmptyState();
    QString validate() const;

    Workspace &m_ws;
    std::unique_ptr<Ui::AppsPage> m_ui;
    ListingModel *m_model = nullptr;
    PenaltyHistory *m_penalties = nullptr;
    UpstreamCheck *m_check = nullptr;
    qint64 m_currentId = 0;
    QString m_secretProblem; // why the last storeSecret() did not keep the secret
};

} // namespace pushdesk
