#include "processes.h"

#include "testsupport.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

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

namespace {

// The newest /usr/lib/postgresql/<version>/bin that has a server, or $PUSHDESK_PG_BINDIR.
QString postgresBinDir()
{
    const auto usable = [](const QString &dir) {
        return QFileInfo(dir + QStringLiteral("/postgres")).isExecutable() && QFileInfo(dir + QStringLiteral("/initdb")).isExecutable()
               && QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable();
    };
    const QString given = qEnvironmentVariable("PUSHDESK_PG_BINDIR");
    if (!given.isEmpty())
        return usable(given) ? given : QString();
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), [&](const QString &a, const QString &b) { return numeric.compare(a, b) > 0; });
    for (const auto &v : std::as_const(versions)) {
        const QString dir = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(v);
        if (usable(dir))
            return dir;
    }
    return {};
}

struct RunOutput {
    bool ok = false;
    QString text;
};

// Runs program to completion, as the postgres system user when we are root (PostgreSQL refuses root).
RunOutput runAsPostgres(const QString &program, const QStringList &args, const QString &workDir)
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (::geteuid() == 0)
        p.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=postgres"), QStringLiteral("--regid=postgres"),
                                                       QStringLiteral("--init-groups"), program} + args);
    else
        p.start(program, args);
    RunOutput out;
    if (!p.waitForStarted(30000)) {
        out.text = p.errorString();
        return out;
    }
    p.waitForFinished(180000);
    out.text = QString::fromLocal8Bit(p.readAll());
    out.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return out;
}

QString readTail(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return QString::fromLocal8Bit(all.right(2000));
}

} // namespace

PostgresProcess::PostgresProcess()
{
    const QString bin = postgresBinDir();
    if (bin.isEmpty()) {
        m_error = QStringLiteral("the PostgreSQL server is not installed: no /usr/lib/postgresql/<version>/bin/postgres "
                                 "(nor $PUSHDESK_PG_BINDIR). Install it with `apt-get install postgresql` "
                                 "(scripts/deps.sh test does).");
        return;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder: ") + m_dir.errorString();
        return;
    }
    const QString dir = m_dir.path();
    const QString pwfile = dir + QStringLiteral("/pwfile");
    m_password = QUuid::createUuid().toString(QUuid::Id128);
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_password.toUtf8()) < 0) {
            m_error = QStringLiteral("cannot write ") + pwfile;
            return;
        }
    }
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw) {
            m_error = QStringLiteral("running as root, and there is no `postgres` system user to run the server as "
                                     "(the postgresql package creates it)");
            return;
        }
        for (const QString &path : {dir, pwfile}) {
            if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                m_error = QStringLiteral("cannot hand %1 to the postgres user").arg(path);
                return;
            }
        }
    }
    const RunOutput version = runAsPostgres(bin + QStringLiteral("/postgres"), {QStringLiteral("--version")}, dir);
    m_version = version.text.section(QLatin1Char(')'), 1).trimmed().section(QLatin1Char(' '), 0, 0);
    const QString data = dir + QStringLiteral("/data");
    const RunOutput init = runAsPostgres(bin + QStringLiteral("/initdb"),
                                         {QStringLiteral("-D"), data, QStringLiteral("-U"), user(),
                                          QStringLiteral("--pwfile=") + pwfile, QStringLiteral("--auth=scram-sha-256"),
                                          QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                                          QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")},
                                         dir);
    QFile::remove(pwfile);
    if (!init.ok) {
        m_error = QStringLiteral("initdb failed: ") + init.text.right(2000);
        return;
    }
    m_port = freePort();
    const QString log = dir + QStringLiteral("/server.log");
    // Durability settings off: these tests are about behaviour, not about surviving a power cut.
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
                                .arg(m_port)
                                .arg(dir);
    const RunOutput start = runAsPostgres(bin + QStringLiteral("/pg_ctl"),
                                          {QStringLiteral("-D"), data, QStringLiteral("-l"), log, QStringLiteral("-w"),
                                           QStringLiteral("-t"), QStringLiteral("120"), QStringLiteral("-o"), options,
                                           QStringLiteral("start")},
                                          dir);
    if (!start.ok) {
        m_error = QStringLiteral("the PostgreSQL server did not start: %1\n%2").arg(start.text, readTail(log));
        return;
    }
    m_pgCtl = bin + QStringLiteral("/pg_ctl");
    m_data = data;
}

PostgresProcess::~PostgresProcess()
{
    stop();
}

bool PostgresProcess::isRunning() const
{
    return !m_pgCtl.isEmpty();
}

QString PostgresProcess::url(const QString &database) const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user(), host()).arg(m_port).arg(database);
}

bool PostgresProcess::createDatabase(const QString &name, QString *error)
{
    const QString connection = QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(host());
        db.setPort(m_port);
        db.setDatabaseName(QStringLiteral("postgres"));
        db.setUserName(user());
        db.setPassword(m_password);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
            if (!ok && error)
                *error = q.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

qint64 PostgresProcess::scalar(const QString &database, const QString &sql) const
{
    const QString connection = QUuid::createUuid().toString();
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(host());
        db.setPort(m_port);
        db.setDatabaseName(database);
        db.setUserName(user());
        db.setPassword(m_password);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return value;
}

void PostgresProcess::stop()
{
    if (m_pgCtl.isEmpty())
        return;
    runAsPostgres(m_pgCtl, {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                            QStringLiteral("stop")},
                  m_dir.path());
    m_pgCtl.clear();
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
