#include "console/settings.h"

#include <QSettings>

namespace pushdesk {

namespace {
// Key names, in one place; version 1 of the layout.
const QString kConcurrency = QStringLiteral("engine/concurrency");
const QString kLanguage = QStringLiteral("console/language");
const QString kOperator = QStringLiteral("console/operator");
const QString kConfirmAbove = QStringLiteral("composer/confirmAbove");
const QString kGeometry = QStringLiteral("layout/windowGeometry");
const QString kWindowState = QStringLiteral("layout/windowState");
const QString kViewPrefix = QStringLiteral("layout/view/");
const QString kDbDriver = QStringLiteral("database/driver"); // "sqlite" or "postgresql"
const QString kDbPath = QStringLiteral("database/path");
const QString kDbHost = QStringLiteral("database/host");
const QString kDbPort = QStringLiteral("database/port");
const QString kDbName = QStringLiteral("database/name");
const QString kDbUser = QStringLiteral("database/user");
const QString kDbOptions = QStringLiteral("database/options");
} // namespace

ConsoleSettings::ConsoleSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

ConsoleSettings::ConsoleSettings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

ConsoleSettings::~ConsoleSettings() = default;

int ConsoleSettings::engineConcurrency() const
{
    bool ok = false;
    const int n = m_settings->value(kConcurrency, kDefaultConcurrency).toInt(&ok);
    return ok ? qBound(1, n, kMaxConcurrency) : kDefaultConcurrency;
}

void ConsoleSettings::setEngineConcurrency(int requests)
{
    m_settings->setValue(kConcurrency, qBound(1, requests, kMaxConcurrency));
}

QString ConsoleSettings::language() const
{
    const QString code = m_settings->value(kLanguage).toString();
    return code == QLatin1String("en") || code == QLatin1String("zh_CN") ? code : QString();
}

void ConsoleSettings::setLanguage(const QString &code)
{
    m_settings->setValue(kLanguage, code);
}

DatabaseConfig ConsoleSettings::database() const
{
    if (m_settings->value(kDbDriver).toString() == QLatin1String("postgresql")) {
        bool ok = false;
        const int port = m_settings->value(kDbPort, 5432).toInt(&ok);
        DatabaseConfig c = DatabaseConfig::postgres(m_settings->value(kDbHost).toString(), ok ? port : 5432,
                                                    m_settings->value(kDbName).toString(),
                                                    m_settings->value(kDbUser).toString());
        c.options = m_settings->value(kDbOptions).toString();
        return c;
    }
    const QString path = m_settings->value(kDbPath).toString();
    return DatabaseConfig::sqlite(path.isEmpty() ? DatabaseConfig::defaultSqlitePath() : path);
}

void ConsoleSettings::setDatabase(const DatabaseConfig &config)
{
    for (const auto &key : {kDbPath, kDbHost, kDbPort, kDbName, kDbUser, kDbOptions})
        m_settings->remove(key);
    if (config.isPostgres()) {
        m_settings->setValue(kDbDriver, QStringLiteral("postgresql"));
        m_settings->setValue(kDbHost, config.host);
        m_settings->setValue(kDbPort, config.port);
        m_settings->setValue(kDbName, config.name);
        m_settings->setValue(kDbUser, config.user);
        if (!config.options.isEmpty())
            m_settings->setValue(kDbOptions, config.options);
    } else {
        m_settings->setValue(kDbDriver, QStringLiteral("sqlite"));
        m_settings->setValue(kDbPath, config.path);
    }
}

bool ConsoleSettings::hasDatabase() const
{
    return m_settings->contains(kDbDriver);
}

QString ConsoleSettings::operatorName() const
{
    return m_settings->value(kOperator).toString().trimmed();
}

void ConsoleSettings::setOperatorName(const QString &name)
{
    m_settings->setValue(kOperator, name.trimmed());
}

qint64 ConsoleSettings::confirmAbove() const
{
    bool ok = false;
    const qint64 n = m_settings->value(kConfirmAbove, kDefaultConfirmAbove).toLongLong(&ok);
    return ok && n >= 0 ? n : kDefaultConfirmAbove;
}

void ConsoleSettings::setConfirmAbove(qint64 members)
{
    m_settings->setValue(kConfirmAbove, qMax<qint64>(0, members));
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray &state)
{
    m_settings->setValue(kGeometry, state);
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings->value(kWindowState).toByteArray();
}

void ConsoleSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kWindowState, state);
}

QByteArray ConsoleSettings::viewState(const QString &key) const
{
    return m_settings->value(kViewPrefix + key).toByteArray();
}

void ConsoleSettings::setViewState(const QString &key, const QByteArray &state)
{
    m_settings->setValue(kViewPrefix + key, state);
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

QString ConsoleSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace pushdesk
