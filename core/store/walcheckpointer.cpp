#include "store/walcheckpointer.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace pushdesk {

namespace {
// The committing connection checkpoints by itself only past this many pages (80 MB): a bound for when this thread
// cannot keep up or could not open its connection, never reached while it runs.
constexpr int kFallbackPages = 20000;
} // namespace

WalCheckpointer::WalCheckpointer(DatabaseConfig config, QString connectionName, int intervalMs)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
    , m_intervalMs(intervalMs)
{
    setObjectName(QStringLiteral("pushdesk-checkpoint"));
}

WalCheckpointer::~WalCheckpointer()
{
    quit();
    wait();
}

Result<void> WalCheckpointer::handOver(Database &db)
{
    if (db.isPostgres())
        return {};
    QSqlQuery q(db.db());
    if (!q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kFallbackPages)))
        return fail(sqlError(q));
    return {};
}

void WalCheckpointer::run()
{
    if (m_config.isPostgres())
        return;
    auto db = Database::open(m_config, m_connectionName);
    if (!db) {
        qCWarning(lcStore) << "checkpoint thread:" << db.error().message;
        return;
    }
    QTimer timer;
    timer.setInterval(m_intervalMs);
    QObject::connect(&timer, &QTimer::timeout, &timer, [&db]() {
        QSqlQuery q((*db)->db());
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
            qCWarning(lcStore) << "checkpoint:" << sqlError(q);
    });
    timer.start();
    exec();
}

} // namespace pushdesk
