#pragma once
// Dashboard: today's and this week's sends by state, the failure rate, open complaints, apps close to
// a penalty threshold, broadcasts running or scheduled; charts of the last 14 days' deliveries by
// state and of failures by errcode. A click on a bar asks for the Send log with the matching filter.
#include "console/dashboardstats.h"
#include "console/deliverylog.h"

#include <QTimer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class DashboardPage; }
QT_END_NAMESPACE

namespace pushdesk {
class Workspace;

class DashboardPage : public QWidget {
    Q_OBJECT
public:
    explicit DashboardPage(Workspace &ws, QWidget *parent = nullptr);
    ~DashboardPage() override;

    const DashboardSnapshot &snapshot() const { return m_snapshot; }

public slots:
    void refresh();
    void openDayState(int day, const QString &state); // day: 0 = the oldest of the chart
    void openErrcode(int index);                      // a bar of the failures chart

signals:
    void sendLogFilterRequested(const pushdesk::DeliveryLogFilter &filter);
    void broadcastRequested(qint64 broadcastId);
    void appRequested(qint64 appId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showSummary();
    void showTables();
    void buildCharts();
    QString stateCounts(const QMap<QString, qint64> &counts) const;

    Workspace &m_ws;
    std::unique_ptr<Ui::DashboardPage> m_ui;
    DashboardSnapshot m_snapshot;
    QTimer m_refreshDelay;
};

} // namespace pushdesk
