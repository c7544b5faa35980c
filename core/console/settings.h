#pragma once
// The console's settings, typed, with their defaults: the one place that touches QSettings (STYLE.md,
// "settings"). The user's settings live where QSettings puts them for "Pushdesk/pushdesk"; tests use
// an INI file of their own.
#include "store/database.h"

#include <QByteArray>
#include <QString>
#include <memory>

class QSettings;

namespace pushdesk {

class ConsoleSettings {
public:
    static constexpr int kDefaultConcurrency = 64;
    static constexpr int kMaxConcurrency = 1024;
    static constexpr qint64 kDefaultConfirmAbove = 1000;

    ConsoleSettings();                                   // the user's settings
    explicit ConsoleSettings(const QString &iniPath);    // a file of its own (tests, a portable set-up)
    ~ConsoleSettings();
    ConsoleSettings(const ConsoleSettings &) = delete;
    ConsoleSettings &operator=(const ConsoleSettings &) = delete;

    // Requests in flight at most; read by the engine when it starts (a change applies at the next start).
    int engineConcurrency() const;
    void setEngineConcurrency(int requests);

    // "en" or "zh_CN"; empty: follow the system.
    QString language() const;
    void setLanguage(const QString &code);

    // The database the console opens at start (a change applies at the next start): an SQLite file
    // (default: the user's) or a PostgreSQL server. Never the password: that is in the keychain under
    // DatabaseConfig::secretKey().
    DatabaseConfig database() const;
    void setDatabase(const DatabaseConfig &config);
    bool hasDatabase() const; // false: nobody chose one, the default file is used

    QString operatorName() const; // empty: the workspace's default
    void setOperatorName(const QString &name);

    // Above this many audience members the composer asks before sending.
    qint64 confirmAbove() const;
    void setConfirmAbove(qint64 members);

    // Window and view layout, as QWidget / QSplitter / QHeaderView save it; key names the view.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &state);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray viewState(const QString &key) const;
    void setViewState(const QString &key, const QByteArray &state);

    void sync();
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace pushdesk
