#include "secrets/secretstore.h"

#include <QFileInfo>

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutexLocker>
#include <QThread>
#include <qt6keychain/keychain.h>

namespace pushdesk {

namespace {
QString keychainProblem(const QKeychain::Job &job)
{
    return QCoreApplication::translate("SecretStore",
                                       "The system keychain is not available (%1). Unlock or start the keyring "
                                       "(for example gnome-keyring) and try again.")
        .arg(job.errorString());
}

// Runs a job to its end on a local event loop. The job lives on the heap and is deleted later, not at
// the end of the caller's scope: QtKeychain may still have calls queued for it after it reported
// (seen without a reachable Secret Service), and they must find it alive.
template<typename JobT>
void runJob(JobT &job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

// QtKeychain passes every job through one executor object, which lives in the thread that first used it
// and is called back with queued calls. Jobs started from several threads (the console's, the engine's
// pool) race with it: its queued callback can find a job another thread has already deleted, and crash.
// So every job runs on one thread of its own, whichever thread asks.
QThread *keychainThread()
{
    static QThread *thread = [] {
        auto *t = new QThread;
        t->setObjectName(QStringLiteral("pushdesk-keychain"));
        t->start();
        qAddPostRoutine([] {
            keychainThread()->quit();
            keychainThread()->wait();
        });
        return t;
    }();
    return thread;
}

template<typename Fn>
auto onKeychainThread(Fn fn) -> decltype(fn())
{
    static QObject *context = [] {
        auto *o = new QObject;
        o->moveToThread(keychainThread());
        return o;
    }();
    if (QThread::currentThread() == context->thread() || !context->thread()->isRunning())
        return fn(); // already there, or the application is ending
    decltype(fn()) result;
    QMetaObject::invokeMethod(context, [&]() { result = fn(); }, Qt::BlockingQueuedConnection);
    return result;
}

template<typename JobT>
struct JobHandle {
    explicit JobHandle(const QString &service)
        : job(new JobT(service))
    {
        job->setAutoDelete(false);
    }
    ~JobHandle() { job->deleteLater(); }
    JobT *operator->() const { return job; }
    JobT &operator*() const { return *job; }
    JobT *job;
};
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QString scope)
    : m_service(std::move(service))
    , m_scope(std::move(scope))
{
}

QString KeychainSecretStore::scopeFor(const DatabaseConfig &config)
{
    if (config.isPostgres())
        return config.describe(); // postgresql://user@host:port/db, never the password
    const QFileInfo file(config.path);
    const QString canonical = file.canonicalFilePath();
    return canonical.isEmpty() ? file.absoluteFilePath() : canonical;
}

QString KeychainSecretStore::entry(const QString &key) const
{
    if (m_scope.isEmpty() || !key.startsWith(QLatin1String("app/")))
        return key;
    return m_scope + QLatin1Char('#') + key;
}

Result<std::optional<QString>> KeychainSecretStore::read(const QString &key)
{
    return onKeychainThread([&]() -> Result<std::optional<QString>> {
        JobHandle<QKeychain::ReadPasswordJob> job(m_service);
        job->setInsecureFallback(false);
        job->setKey(entry(key));
        runJob(*job);
        if (job->error() == QKeychain::EntryNotFound)
            return std::optional<QString>();
        if (job->error() != QKeychain::NoError)
            return fail(keychainProblem(*job));
        return std::optional<QString>(job->textData());
    });
}

Result<void> KeychainSecretStore::write(const QString &key, const QString &value)
{
    return onKeychainThread([&]() -> Result<void> {
        JobHandle<QKeychain::WritePasswordJob> job(m_service);
        job->setInsecureFallback(false);
        job->setKey(entry(key));
        job->setTextData(value);
        runJob(*job);
        if (job->error() != QKeychain::NoError)
            return fail(keychainProblem(*job));
        return {};
    });
}

Result<void> KeychainSecretStore::remove(const QString &key)
{
    return onKeychainThread([&]() -> Result<void> {
        JobHandle<QKeychain::DeletePasswordJob> job(m_service);
        job->setInsecureFallback(false);
        job->setKey(entry(key));
        runJob(*job);
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            return fail(keychainProblem(*job));
        return {};
    });
}

Result<std::optional<QString>> MemorySecretStore::read(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_values.constFind(key);
    if (it == m_values.cend())
        return std::optional<QString>();
    return std::optional<QString>(*it);
}

Result<void> MemorySecretStore::write(const QString &key, const QString &value)
{
    QMutexLocker lock(&m_mutex);
    m_values.insert(key, value);
    return {};
}

Result<void> MemorySecretStore::remove(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_values.remove(key);
    return {};
}

SessionSecretStore::SessionSecretStore(std::shared_ptr<SecretStore> durable)
    : m_durable(std::move(durable))
{
}

Result<std::optional<QString>> SessionSecretStore::read(const QString &key)
{
    if (auto kept = m_session.read(key); kept && *kept)
        return kept;
    return m_durable->read(key);
}

Result<void> SessionSecretStore::write(const QString &key, const QString &value)
{
    if (auto r = m_durable->write(key, value); !r)
        return r;
    m_session.remove(key); // the keychain has the newer one now
    return {};
}

Result<void> SessionSecretStore::remove(const QString &key)
{
    m_session.remove(key);
    return m_durable->remove(key);
}

void SessionSecretStore::keepForSession(const QString &key, const QString &value)
{
    m_session.write(key, value);
}

bool SessionSecretStore::isSessionOnly(const QString &key)
{
    auto kept = m_session.read(key);
    return kept && kept->has_value();
}

} // namespace pushdesk
