#pragma once
// The console's window: a page list on the left (Ctrl+1 … Ctrl+5) and the pages on the right. It wires
// the pages together (an app saved on one page appears in the others) and reports finished broadcasts
// in the status bar.
#include "domain/types.h"

#include <QMainWindow>
#include <memory>

QT_BEGIN_NAMESPACE
namespace Ui { class MainWindow; }
QT_END_NAMESPACE

namespace pushdesk {
class AppsPage;
class ComposerPage;
class SendLogPage;
class SubscribersPage;
class TemplatesPage;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Page { Apps, Subscribers, Templates, Composer, SendLog };

    explicit MainWindow(Workspace &ws, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    AppsPage *appsPage() const { return m_apps; }
    SubscribersPage *subscribersPage() const { return m_subscribers; }
    TemplatesPage *templatesPage() const { return m_templates; }
    ComposerPage *composerPage() const { return m_composer; }
    SendLogPage *sendLogPage() const { return m_sendLog; }

public slots:
    void showPage(pushdesk::MainWindow::Page page);
    void showSendLogFor(qint64 broadcastId);

private:
    void onBroadcastFinished(qint64 broadcastId, const Counters &counters, const QString &status);

    Workspace &m_ws;
    std::unique_ptr<Ui::MainWindow> m_ui;
    AppsPage *m_apps = nullptr;
    SubscribersPage *m_subscribers = nullptr;
    TemplatesPage *m_templates = nullptr;
    ComposerPage *m_composer = nullptr;
    SendLogPage *m_sendLog = nullptr;
};

} // namespace pushdesk
