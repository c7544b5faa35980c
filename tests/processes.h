#pragma once
// Real processes for integration tests: the pushdesk binary's sandbox, and reading a database file
// that another process writes.
#include <QProcess>
#include <QString>
#include <QUrl>
#include <memory>

namespace testsupport {

// `pushdesk sandbox --port <free port> extra…`, started and ready (it printed "listening").
class SandboxProcess {
public:
    explicit SandboxProcess(const QStringList &extra = {});
    ~SandboxProcess();
    bool isRunning() const;
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    void stop();

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// Scalar query on an SQLite file another process writes (WAL: readers never block the writer).
qint64 sqlCount(const QString &dbPath, const QString &sql);

quint16 freePort();

} // namespace testsupport
