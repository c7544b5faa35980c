#pragma once
// Broadcasts: every broadcast with its status, counts and who sent it, filtered by status in SQL; the
// selected one in full (status reason, content-check verdict, times) with the operator's actions —
// pause, resume, cancel, retry failed, re-send uncertain — through the engine, and its uncertain
// deliveries listed for review.
#include "domain/types.h"

#include <QTimer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class BroadcastsPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ListingModel;
class Workspace;

class BroadcastsPage : public QWidget {
    Q_OBJECT
public:
    explicit BroadcastsPage(Workspace &ws, QWidget *parent = nullptr);
    ~BroadcastsPage() override;

    // A broadcast's audience as stored (broadcasts.audience), for people.
    static QString describeAudience(const QString &stored);

    ListingModel *model() const { return m_model; }
    ListingModel *uncertainModel() const { return m_uncertain; }
    qint64 currentBroadcastId() const { return m_currentId; }
    BroadcastStatus currentStatus() const { return m_status; }

public slots:
    void refresh();                  // rows again, selection and details kept
    void applyFilters();
    bool showBroadcast(qint64 id);   // selects it (clearing filters that hide it) and shows its details
    void showAppBroadcasts(qint64 appId); // lists only the app's broadcasts (the other filters cleared)
    void reloadApps();               // the app filter's choices
    void pauseBroadcast();
    void resumeBroadcast();
    void cancelBroadcast();
    void retryFailed();
    void resendUncertain();

signals:
    void showProgressRequested(qint64 broadcastId, const QString &title, bool paused);
    void openLogRequested(qint64 broadcastId);
    void composeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillStatusFilter();
    void loadDetails(qint64 id);
    void clearDetails();
    void updateButtons();
    void updateCounts();
    void scheduleRefresh();
    QString title() const;

    Workspace &m_ws;
    std::unique_ptr<Ui::BroadcastsPage> m_ui;
    ListingModel *m_model = nullptr;
    ListingModel *m_uncertain = nullptr;
    QTimer m_searchDelay;
    QTimer m_refreshDelay;   // engine signals come often: the list is read again at most a few times a second
    qint64 m_currentId = 0;
    BroadcastStatus m_status = BroadcastStatus::Draft;
    QString m_appName;
    QString m_templateName;
    qint64 m_failed = 0;
    qint64 m_uncertainCount = 0;
};

} // namespace pushdesk
