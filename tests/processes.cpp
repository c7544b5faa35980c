#include "processes.h"

#include "testsupport.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>

namespace testsupport {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

SandboxProcess::SandboxProcess(const QStringList &extra)
    : m_process(std::make_unique<QProcess>())
{
    const quint16 port = freePort();
    m_process->start(pushdeskBinary(), QStringList{QStringLiteral("sandbox"), QStringLiteral("--port"), QString::number(port)} + extra);
    if (!m_process->waitForStarted(30000))
        return;
    QSignalSpy ready(m_process.get(), &QProcess::readyReadStandardOutput);
    if (m_process->bytesAvailable() == 0)
        ready.wait(30000);
    if (QString::fromUtf8(m_process->readAllStandardOutput()).contains(QStringLiteral("listening")))
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

SandboxProcess::~SandboxProcess()
{
    stop();
}

bool SandboxProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running && m_url.isValid();
}

void SandboxProcess::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
}

qint64 sqlCount(const QString &dbPath, const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace testsupport
