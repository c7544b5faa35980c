#pragma once
// The Dashboard's figures, read in SQL with the indexes the deliveries table has for them
// (deliveries(state, updated_at), deliveries(errcode, updated_at)): sends by state today and this
// week, the failure rate, open complaints, apps close to a penalty threshold, broadcasts running or
// scheduled, deliveries per day by state and failures by errcode.
#include "domain/result.h"
#include "domain/types.h"

#include <QDate>
#include <QList>
#include <QMap>

namespace pushdesk {
class Database;

struct AppAtRisk {
    qint64 id = 0;
    QString name;
    int creditScore = 0;
    QString status;
};

struct LiveBroadcast {
    qint64 id = 0;
    QString appName;
    QString status;
    QDateTime scheduledAt;
    qint64 total = 0;
    qint64 done = 0;
};

struct DayCounts {
    QDate day;
    QDateTime from;                  // local midnight
    QDateTime to;                    // the next local midnight
    QMap<QString, qint64> byState;   // stored state word -> rows
};

struct ErrcodeCount {
    int errcode = 0;
    qint64 rows = 0;
};

struct DashboardSnapshot {
    QMap<QString, qint64> today;      // stored state word -> rows updated since local midnight
    QMap<QString, qint64> week;       // ... since the start of this week
    QDateTime todayFrom;
    QDateTime weekFrom;
    double weekFailureRate = 0;       // failed / (sent + inbox + failed + uncertain) this week; 0 when none
    qint64 openComplaints = 0;
    QList<AppAtRisk> appsAtRisk;      // credit score below the threshold, lowest first
    QList<LiveBroadcast> live;        // running, paused or scheduled
    QList<DayCounts> days;            // oldest first
    QList<ErrcodeCount> failures;     // failed rows by errcode over the same days, most first
};

class DashboardStats {
public:
    static constexpr int kCreditThreshold = 70;
    static constexpr int kDays = 14;
    static constexpr int kTopErrcodes = 10;
    // The states the charts show, in stacking order.
    static QStringList chartStates();

    static Result<DashboardSnapshot> load(Database &db, const QDateTime &now = QDateTime::currentDateTime(),
                                          Qt::DayOfWeek firstDayOfWeek = Qt::Monday);
};

} // namespace pushdesk
