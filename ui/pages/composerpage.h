#pragma once
// Broadcast composer: app, template, audience, the values the template needs from this broadcast, a
// preview per channel for a sample recipient with each channel's limits checked as you type, the
// counts of who gets what (and a dry run that sends nothing), and Send or Send later — which create
// the broadcast through the workspace. Above a threshold of recipients it asks first. The progress
// panel beside it follows the broadcast.
#include "domain/types.h"
#include "policy/forecast.h"

#include <QHash>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
namespace Ui { class ComposerPage; }
class QCompleter;
class QStringListModel;
QT_END_NAMESPACE

namespace pushdesk {
class BroadcastProgressPanel;
class ImportDialog;
class Workspace;
struct LimitProblem;

class ComposerPage : public QWidget {
    Q_OBJECT
public:
    explicit ComposerPage(Workspace &ws, QWidget *parent = nullptr);
    ~ComposerPage() override;

    BroadcastProgressPanel *progressPanel() const;
    // Above this many audience members, Send asks for confirmation first.
    void setConfirmationThreshold(qint64 members) { m_confirmAbove = members; }
    qint64 confirmationThreshold() const { return m_confirmAbove; }
    // Up to this many audience members, the counts are worked out as soon as the app is chosen.
    static constexpr qint64 kAutoForecastMembers = 20000;
    QVariantMap variables() const; // the values typed so far (empty ones left out)
    const std::optional<Forecast> &lastForecast() const { return m_forecast; }
    int limitProblems() const { return m_limitProblems; }
    // The audience as chosen: all bound subscribers, tags, a list or one subscriber; nullopt (with why)
    // while the choice is incomplete (no tag typed, no list, no subscriber picked).
    std::optional<Audience> currentAudience(QString *why = nullptr) const;
    qint64 audienceMembers() const { return m_audience; }
    ImportDialog *listImportDialog() const { return m_listImport; }

public slots:
    void reloadApps();
    void reloadTemplates();
    void computeForecast(); // who gets a push, an inbox message, or nothing, and why
    bool dryRun();          // the counts and the limits, nothing sent or stored
    bool send();
    bool sendLater();       // at the time in the schedule field
    void followBroadcast(qint64 broadcastId, const QString &title, bool paused); // from the Broadcasts page
    void reloadAudienceChoices(); // known tags and imported lists
    void importList();            // the CSV import dialog, set to make an audience list

signals:
    void broadcastStarted(qint64 broadcastId);
    void broadcastScheduled(qint64 broadcastId, const QDateTime &at);
    void openLogRequested(qint64 broadcastId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onTemplateChanged();
    void rebuildVariables();
    void updateAudience();
    void updatePreview();
    void loadSample();
    void setUpAudienceChoice();
    void reloadLists(qint64 select);
    void updateAudienceControls();
    void completeTags(const QString &text);
    void completeSubscribers(const QString &text);
    void pickSubscriber(const QString &shown);
    void updateVariablesLabel();
    std::optional<qint64> create(const QDateTime &at); // checks, asks above the threshold, creates

    Workspace &m_ws;
    std::unique_ptr<Ui::ComposerPage> m_ui;
    std::optional<Template> m_template;
    std::optional<Forecast> m_forecast;
    Subscriber m_sample;
    bool m_sampleIsReal = false;
    qint64 m_audience = 0;
    qint64 m_confirmAbove = 1000;
    int m_limitProblems = 0;
    QHash<QString, QString> m_typed; // values kept across template switches, by placeholder
    QCompleter *m_tagCompleter = nullptr;
    QStringListModel *m_tagModel = nullptr;
    QCompleter *m_subscriberCompleter = nullptr;
    QStringListModel *m_subscriberModel = nullptr;
    QHash<QString, Subscriber> m_subscriberChoices; // completion text -> subscriber
    std::optional<Subscriber> m_subscriber;         // the one subscriber picked
    QTimer m_audienceTimer;                          // counts again shortly after typing stops
    ImportDialog *m_listImport = nullptr;
};

} // namespace pushdesk
