#pragma once
// The console's window: a page list on the left (Ctrl+1 … Ctrl+9, Ctrl+0 for Audit) and the pages on the right. It wires
// the pages together (an app saved on one page appears in the others, a chart bar opens the Send log),
// remembers its layout through ConsoleSettings, and reports finished broadcasts in the status bar (and
// the tray, when there is one).
#include "domain/types.h"

#include <QMainWindow>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class MainWindow; }
QT_END_NAMESPACE

class QSystemTrayIcon;

namespace pushdesk {
class AppsPage;
class AuditPage;
class BroadcastsPage;
class ComplaintsPage;
class ComposerPage;
class ConsoleSettings;
class DashboardPage;
class SendLogPage;
class SettingsPage;
class SubscribersPage;
class TemplatesPage;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Same order as the navigation list and the Ctrl+N shortcuts.
    enum class Page { Dashboard, Broadcasts, Composer, Apps, Subscribers, Templates, SendLog, Settings, Complaints, Audit };

    explicit MainWindow(Workspace &ws, QWidget *parent = nullptr); // the user's settings
    MainWindow(Workspace &ws, std::shared_ptr<ConsoleSettings> settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    DashboardPage *dashboardPage() const { return m_dashboard; }
    BroadcastsPage *broadcastsPage() const { return m_broadcasts; }
    AppsPage *appsPage() const { return m_apps; }
    SubscribersPage *subscribersPage() const { return m_subscribers; }
    TemplatesPage *templatesPage() const { return m_templates; }
    ComposerPage *composerPage() const { return m_composer; }
    SendLogPage *sendLogPage() const { return m_sendLog; }
    SettingsPage *settingsPage() const { return m_settingsPage; }
    ComplaintsPage *complaintsPage() const { return m_complaints; }
    AuditPage *auditPage() const { return m_audit; }
    ConsoleSettings &settings() const { return *m_settings; }

public slots:
    void showPage(pushdesk::MainWindow::Page page);
    void showSendLogFor(qint64 broadcastId);
    void focusSearch();   // Ctrl+F: the current page's search field
    void saveLayout();    // window geometry, splitters and table headers

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void restoreLayout();
    void onBroadcastFinished(qint64 broadcastId, const Counters &counters, const QString &status);

    Workspace &m_ws;
    std::shared_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<Ui::MainWindow> m_ui;
    DashboardPage *m_dashboard = nullptr;
    BroadcastsPage *m_broadcasts = nullptr;
    ComposerPage *m_composer = nullptr;
    AppsPage *m_apps = nullptr;
    SubscribersPage *m_subscribers = nullptr;
    TemplatesPage *m_templates = nullptr;
    SendLogPage *m_sendLog = nullptr;
    SettingsPage *m_settingsPage = nullptr;
    ComplaintsPage *m_complaints = nullptr;
    AuditPage *m_audit = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace pushdesk
