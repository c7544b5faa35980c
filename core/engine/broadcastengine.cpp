#include "engine/broadcastengine.h"

#include "engine/broadcastworker.h"
#include "secrets/secretstore.h"

namespace pushdesk {

BroadcastEngine::BroadcastEngine(const DatabaseConfig &db, const EngineOptions &options,
                                 std::shared_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<pushdesk::BroadcastProgress>();
    qRegisterMetaType<pushdesk::DeliveryFailure>();
    qRegisterMetaType<pushdesk::Counters>();
    m_thread.setObjectName(QStringLiteral("pushdesk-engine"));
    m_worker = new BroadcastWorker(db, options, std::move(secrets));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &BroadcastWorker::progress, this, &BroadcastEngine::progress, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::deliveryFailed, this, &BroadcastEngine::deliveryFailed, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::finished, this, &BroadcastEngine::finished, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::broadcastError, this, &BroadcastEngine::broadcastError, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::idle, this, &BroadcastEngine::idle, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::onlyGone, this, &BroadcastEngine::onlyGone, Qt::QueuedConnection);
    connect(m_worker, &BroadcastWorker::released, this, &BroadcastEngine::released, Qt::QueuedConnection);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &BroadcastWorker::init, Qt::QueuedConnection);
}

BroadcastEngine::~BroadcastEngine()
{
    QMetaObject::invokeMethod(m_worker, &BroadcastWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void BroadcastEngine::start(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->start(broadcastId); }, Qt::QueuedConnection);
}

void BroadcastEngine::cancel(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->cancel(broadcastId); }, Qt::QueuedConnection);
}

void BroadcastEngine::setOperatorName(const QString &name)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, name]() { w->setOperatorName(name); }, Qt::QueuedConnection);
}

void BroadcastEngine::release()
{
    QMetaObject::invokeMethod(m_worker, &BroadcastWorker::release, Qt::QueuedConnection);
}

void BroadcastEngine::runOnly(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->runOnly(broadcastId); }, Qt::QueuedConnection);
}

void BroadcastEngine::pause(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->pause(broadcastId); }, Qt::QueuedConnection);
}

void BroadcastEngine::resume(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->resume(broadcastId); }, Qt::QueuedConnection);
}

void BroadcastEngine::retryFailed(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->retry(broadcastId, int(DeliveryState::Failed)); },
                              Qt::QueuedConnection);
}

void BroadcastEngine::resendUncertain(qint64 broadcastId)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, broadcastId]() { w->retry(broadcastId, int(DeliveryState::Uncertain)); },
                              Qt::QueuedConnection);
}

} // namespace pushdesk
