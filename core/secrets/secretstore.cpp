#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutexLocker>
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

template<typename JobT>
void runJob(JobT &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

Result<std::optional<QString>> KeychainSecretStore::read(const QString &key)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setInsecureFallback(false);
    job.setKey(key);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (job.error() != QKeychain::NoError)
        return fail(keychainProblem(job));
    return std::optional<QString>(job.textData());
}

Result<void> KeychainSecretStore::write(const QString &key, const QString &value)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setInsecureFallback(false);
    job.setKey(key);
    job.setTextData(value);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return fail(keychainProblem(job));
    return {};
}

Result<void> KeychainSecretStore::remove(const QString &key)
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setInsecureFallback(false);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return fail(keychainProblem(job));
    return {};
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

} // namespace pushdesk
