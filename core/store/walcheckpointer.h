#pragma once
// Copies an SQLite database's write-ahead log back into the file on a thread of its own.
//
// SQLite checkpoints on the committing connection once the log passes 1,000 pages; with synchronous=NORMAL that
// checkpoint syncs the file, and the commit that triggers it takes milliseconds instead of a fraction of one. On the
// engine's thread such a commit holds up every reply of the window (bench/RESULTS.md). A connection that hands its
// checkpoints to a WalCheckpointer raises its own threshold (so the log stays bounded even if this thread cannot
// run) and this thread checkpoints every interval, without waiting for readers or writers (PASSIVE).
#include "store/database.h"

#include <QThread>

namespace pushdesk {

class WalCheckpointer : public QThread {
public:
    WalCheckpointer(DatabaseConfig config, QString connectionName, int intervalMs = 250);
    ~WalCheckpointer() override; // stops the thread and closes its connection

    // For the connection whose checkpoints this thread now takes. Does nothing for PostgreSQL.
    static Result<void> handOver(Database &db);

protected:
    void run() override;

private:
    DatabaseConfig m_config;
    QString m_connectionName;
    int m_intervalMs;
};

} // namespace pushdesk
