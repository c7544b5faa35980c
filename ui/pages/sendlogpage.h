#pragma once
// Send log: every delivery row, filtered in SQL by broadcast, app, channel, state, errcode, recipient
// and a time range, newest first, with the selected row's upstream answer (errcode, errmsg) and the
// reason people read; the current filter exports to CSV.
#include "console/deliverylog.h"

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
    DeliveryLogFilter currentFilter() const;

public slots:
    void showBroadcast(qint64 broadcastId); // filters to one broadcast (every state)
    void setFilter(const pushdesk::DeliveryLogFilter &filter); // the widgets show it, and it applies
    void clearFilters();
    void refresh();                         // new broadcasts and apps in the filters, rows again, selection kept
    void applyFilters();
    void chooseExportFile();                // asks where, then exportToFile()
    bool exportToFile(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillStaticFilters();
    void reloadBroadcasts();
    void reloadApps();
    void showDelivery(qint64 deliveryId);
    void clearDetails();
    void updateCounts();

    Workspace &m_ws;
    std::unique_ptr<Ui::SendLogPage> m_ui;
    ListingModel *m_model = nullptr;
    ListingSpec m_spec;
    DeliveryLogFilter m_filter;   // what the model shows
    QTimer m_searchDelay;
    qint64 m_selectedId = 0;
};

} // namespace pushdesk
