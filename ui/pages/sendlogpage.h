#pragma once
// Send log: every delivery row, filtered by broadcast, state and recipient in SQL, newest first, with
// the selected row's upstream answer (errcode, errmsg) and the reason people read.
#include <QTimer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class SendLogPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ListingModel;
class Workspace;

class SendLogPage : public QWidget {
    Q_OBJECT
public:
    explicit SendLogPage(Workspace &ws, QWidget *parent = nullptr);
    ~SendLogPage() override;

    ListingModel *model() const { return m_model; }
    qint64 broadcastFilterId() const; // 0: every broadcast

public slots:
    void showBroadcast(qint64 broadcastId); // filters to one broadcast (every state)
    void refresh();                         // new broadcasts in the filter, rows again, selection kept
    void applyFilters();

private:
    void reloadBroadcasts();
    void showDelivery(qint64 deliveryId);
    void clearDetails();
    void updateCounts();

    Workspace &m_ws;
    std::unique_ptr<Ui::SendLogPage> m_ui;
    ListingModel *m_model = nullptr;
    QTimer m_searchDelay;
};

} // namespace pushdesk
