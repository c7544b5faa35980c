#pragma once
// Broadcast composer: app, template, the values the template needs from this broadcast, a preview for
// a sample recipient, and Send — which creates the broadcast through the workspace and starts the
// engine on it. The progress panel beside it follows the broadcast.
#include "domain/types.h"

#include <QHash>
#include <QWidget>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
namespace Ui { class ComposerPage; }
QT_END_NAMESPACE

namespace pushdesk {
class BroadcastProgressPanel;
class Workspace;

class ComposerPage : public QWidget {
    Q_OBJECT
public:
    explicit ComposerPage(Workspace &ws, QWidget *parent = nullptr);
    ~ComposerPage() override;

    BroadcastProgressPanel *progressPanel() const;
    // Above this many audience members, Send asks for confirmation first.
    void setConfirmationThreshold(qint64 members) { m_confirmAbove = members; }
    // Up to this many audience members, the counts are worked out as soon as the app is chosen.
    static constexpr qint64 kAutoForecastMembers = 20000;
    QVariantMap variables() const; // the values typed so far (empty ones left out)

public slots:
    void reloadApps();
    void reloadTemplates();
    void computeForecast(); // who gets a push, an inbox message, or nothing, and why
    bool send();

signals:
    void broadcastStarted(qint64 broadcastId);
    void openLogRequested(qint64 broadcastId);

private:
    void onTemplateChanged();
    void rebuildVariables();
    void updateAudience();
    void updatePreview();
    void loadSample();

    Workspace &m_ws;
    std::unique_ptr<Ui::ComposerPage> m_ui;
    std::optional<Template> m_template;
    Subscriber m_sample;
    bool m_sampleIsReal = false;
    qint64 m_audience = 0;
    qint64 m_confirmAbove = 1000;
    QHash<QString, QString> m_typed; // values kept across template switches, by placeholder
};

} // namespace pushdesk
