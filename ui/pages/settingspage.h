#pragma once
// Settings: the database in use (read-only for now), whether the keychain answers, the engine window
// (applies at the next start), the confirmation threshold, the language (switched at once, nothing
// typed elsewhere is lost) and the operator name — all kept through ConsoleSettings.
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class SettingsPage; }
QT_END_NAMESPACE

namespace pushdesk {
class ConsoleSettings;
class Workspace;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    SettingsPage(Workspace &ws, ConsoleSettings &settings, QWidget *parent = nullptr);
    ~SettingsPage() override;

    QString keychainStatus() const;

public slots:
    void checkKeychain();
    bool save();
    void switchLanguage(const QString &code);
    // The Database section: connect to what the form names without changing anything, or keep it for the
    // next start (the password, if typed, goes to the keychain; it is never shown back).
    bool testDatabase();
    bool saveDatabase();

signals:
    void confirmationThresholdChanged(qint64 members);
    void operatorNameChanged(const QString &name);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void fillLanguages();
    void fillDatabaseKinds();
    void loadDatabase();
    void showDatabaseKind();
    void updatePasswordPlaceholder();

    Workspace &m_ws;
    ConsoleSettings &m_settings;
    std::unique_ptr<Ui::SettingsPage> m_ui;
    bool m_keychainChecked = false;
    QString m_keychainError;   // empty: available
};

} // namespace pushdesk
