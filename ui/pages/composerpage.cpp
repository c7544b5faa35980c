#include "pages/composerpage.h"
#include "ui_composerpage.h"

#include "domain/reasontext.h"
#include "engine/broadcastengine.h"
#include "models/displaytext.h"
#include "pages/broadcastprogresspanel.h"
#include "pages/channelpreview.h"
#include "pages/confirmation.h"
#include "pages/importdialog.h"
#include "pages/inlinemessage.h"
#include "render/renderer.h"
#include "store/apprepository.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QLocale>
#include <QSignalBlocker>
#include <QStringListModel>

#include <limits>

namespace pushdesk {

namespace {
enum VariableColumn { NameColumn, ValueColumn };

int clampInt(qint64 n)
{
    return int(qBound(qint64(0), n, qint64(std::numeric_limits<int>::max())));
}
} // namespace

ComposerPage::ComposerPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::ComposerPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("composerPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->variablesTable->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    InlineMessage::clear(m_ui->errorLabel);
    InlineMessage::clear(m_ui->limitsLabel);
    m_ui->progressPanel->setEngine(ws.engine());
    const QDateTime inAnHour = QDateTime::currentDateTime().addSecs(3600);
    m_ui->scheduleEdit->setDateTime(QDateTime(inAnHour.date(), QTime(inAnHour.time().hour(), 0)));
    m_tagModel = new QStringListModel(this);
    m_tagCompleter = new QCompleter(m_tagModel, this);
    m_tagCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_tagCompleter->setWidget(m_ui->audienceTagsEdit);
    m_subscriberModel = new QStringListModel(this);
    m_subscriberCompleter = new QCompleter(m_subscriberModel, this);
    m_subscriberCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    m_subscriberCompleter->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_subscriberCompleter->setWidget(m_ui->audienceSubscriberEdit);
    m_audienceTimer.setSingleShot(true);
    m_audienceTimer.setInterval(300);
    setUpAudienceChoice();
    const int tagsWidth = fontMetrics().horizontalAdvance(QStringLiteral("tag1, tag2")) + 24;
    m_ui->audienceTagsEdit->setMinimumWidth(tagsWidth);
    m_ui->audienceSubscriberEdit->setMinimumWidth(tagsWidth);

    connect(m_ui->appCombo, &QComboBox::currentIndexChanged, this, &ComposerPage::reloadTemplates);
    connect(m_ui->templateCombo, &QComboBox::currentIndexChanged, this, &ComposerPage::onTemplateChanged);
    connect(m_ui->variablesTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != ValueColumn)
            return;
        if (const QTableWidgetItem *name = m_ui->variablesTable->item(item->row(), NameColumn))
            m_typed.insert(name->data(Qt::UserRole).toString(), item->text());
        InlineMessage::clear(m_ui->errorLabel);
        updatePreview();
    });
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ComposerPage::send);
    connect(m_ui->sendLaterButton, &QPushButton::clicked, this, &ComposerPage::sendLater);
    connect(m_ui->dryRunButton, &QPushButton::clicked, this, &ComposerPage::dryRun);
    connect(m_ui->forecastButton, &QPushButton::clicked, this, &ComposerPage::computeForecast);
    connect(m_ui->progressPanel, &BroadcastProgressPanel::openLogRequested, this, &ComposerPage::openLogRequested);
    for (QRadioButton *radio : {m_ui->audienceAllRadio, m_ui->audienceTagsRadio, m_ui->audienceListRadio, m_ui->audienceOneRadio}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            if (!on)
                return;
            updateAudienceControls();
            updateAudience();
            updatePreview();
        });
    }
    connect(&m_audienceTimer, &QTimer::timeout, this, [this]() {
        updateAudience();
        updatePreview();
    });
    connect(m_ui->audienceTagsEdit, &QLineEdit::textChanged, this, [this]() { m_audienceTimer.start(); });
    connect(m_ui->audienceTagsEdit, &QLineEdit::textEdited, this, &ComposerPage::completeTags);
    connect(m_tagCompleter, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &tag) {
        // Completion replaces the tag being typed, after the last comma.
        QStringList parts = m_ui->audienceTagsEdit->text().split(QLatin1Char(','));
        parts.last() = tag;
        for (QString &part : parts)
            part = part.trimmed();
        m_ui->audienceTagsEdit->setText(parts.join(QStringLiteral(", ")));
    });
    connect(m_ui->audienceListCombo, &QComboBox::currentIndexChanged, this, [this]() {
        updateAudience();
        updatePreview();
    });
    connect(m_ui->importListButton, &QPushButton::clicked, this, &ComposerPage::importList);
    connect(m_ui->audienceSubscriberEdit, &QLineEdit::textEdited, this, &ComposerPage::completeSubscribers);
    connect(m_subscriberCompleter, qOverload<const QString &>(&QCompleter::activated), this, &ComposerPage::pickSubscriber);
    connect(m_ui->audienceSubscriberEdit, &QLineEdit::editingFinished, this, [this]() {
        pickSubscriber(m_ui->audienceSubscriberEdit->text());
    });

    reloadApps();
}

ComposerPage::~ComposerPage() = default;

BroadcastProgressPanel *ComposerPage::progressPanel() const
{
    return m_ui->progressPanel;
}

void ComposerPage::setUpAudienceChoice()
{
    m_ui->audienceTagsRadio->setToolTip(tr("Bound subscribers with any of the tags you type"));
    m_ui->audienceListRadio->setToolTip(tr("Bound subscribers on a list imported from a CSV file"));
    m_ui->audienceOneRadio->setToolTip(tr("One bound subscriber, found by openid or nickname"));
    reloadAudienceChoices();
    updateAudienceControls();
}

void ComposerPage::updateAudienceControls()
{
    m_ui->audienceTagsEdit->setEnabled(m_ui->audienceTagsRadio->isChecked());
    m_ui->audienceListCombo->setEnabled(m_ui->audienceListRadio->isChecked() && m_ui->audienceListCombo->count() > 0);
    m_ui->audienceSubscriberEdit->setEnabled(m_ui->audienceOneRadio->isChecked());
}

void ComposerPage::reloadAudienceChoices()
{
    if (auto tags = SubscriberRepository(m_ws.db()).knownTags())
        m_tagModel->setStringList(*tags);
    reloadLists(m_ui->audienceListCombo->currentData().toLongLong());
}

void ComposerPage::reloadLists(qint64 select)
{
    {
        const QSignalBlocker blocker(m_ui->audienceListCombo);
        m_ui->audienceListCombo->clear();
        if (auto lists = SubscriberRepository(m_ws.db()).audienceLists()) {
            for (const AudienceList &l : std::as_const(*lists))
                m_ui->audienceListCombo->addItem(tr("%1 (%n people)", nullptr, clampInt(l.members)).arg(l.name), l.id);
        }
        const int index = m_ui->audienceListCombo->findData(select);
        m_ui->audienceListCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_ui->audienceListCombo->setPlaceholderText(tr("No lists yet: import one"));
    updateAudienceControls();
}

void ComposerPage::completeTags(const QString &text)
{
    const QString typing = text.section(QLatin1Char(','), -1).trimmed();
    if (typing.isEmpty())
        return;
    m_tagCompleter->setCompletionPrefix(typing);
    if (m_tagCompleter->completionCount() > 0)
        m_tagCompleter->complete();
}

void ComposerPage::completeSubscribers(const QString &text)
{
    m_subscriber.reset();
    m_audienceTimer.start(); // "pick a subscriber" until one is picked
    m_subscriberChoices.clear();
    QStringList shown;
    auto found = SubscriberRepository(m_ws.db()).search(text, 20);
    if (found) {
        for (const Subscriber &s : std::as_const(*found)) {
            const QString openid = s.mpOpenid.isEmpty() ? s.miniOpenid : s.mpOpenid;
            const QString line = s.nickname.isEmpty() ? openid : tr("%1 — %2", "openid — nickname").arg(openid, s.nickname);
            m_subscriberChoices.insert(line, s);
            shown.append(line);
        }
    }
    m_subscriberModel->setStringList(shown);
    if (!shown.isEmpty())
        m_subscriberCompleter->complete();
}

void ComposerPage::pickSubscriber(const QString &shown)
{
    std::optional<Subscriber> picked;
    const auto it = m_subscriberChoices.constFind(shown);
    if (it != m_subscriberChoices.cend()) {
        picked = *it;
    } else if (!shown.trimmed().isEmpty()) {
        // A whole openid typed without picking from the list names the person too.
        if (auto found = SubscriberRepository(m_ws.db()).search(shown.trimmed(), 5)) {
            for (const Subscriber &s : std::as_const(*found)) {
                if (s.mpOpenid == shown.trimmed() || s.miniOpenid == shown.trimmed())
                    picked = s;
            }
        }
    }
    const bool changed = picked.has_value() != m_subscriber.has_value() || (picked && picked->id != m_subscriber->id);
    m_subscriber = picked;
    if (picked) {
        const QString openid = picked->mpOpenid.isEmpty() ? picked->miniOpenid : picked->mpOpenid;
        const QString line = picked->nickname.isEmpty() ? openid : tr("%1 — %2", "openid — nickname").arg(openid, picked->nickname);
        if (m_ui->audienceSubscriberEdit->text() != line) {
            const QSignalBlocker blocker(m_ui->audienceSubscriberEdit);
            m_ui->audienceSubscriberEdit->setText(line);
        }
    }
    if (changed) {
        m_audienceTimer.stop();
        updateAudience();
        updatePreview();
    }
}

std::optional<Audience> ComposerPage::currentAudience(QString *why) const
{
    const auto say = [why](const QString &text) {
        if (why)
            *why = text;
        return std::optional<Audience>();
    };
    if (m_ui->audienceTagsRadio->isChecked()) {
        const Audience a = Audience::withTags(m_ui->audienceTagsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts));
        if (!a.valid())
            return say(tr("Type one or more tags, separated by commas."));
        return a;
    }
    if (m_ui->audienceListRadio->isChecked()) {
        const qint64 id = m_ui->audienceListCombo->currentData().toLongLong();
        if (id == 0)
            return say(tr("Choose a list, or import one with “Import list…”."));
        return Audience::list(id, m_ui->audienceListCombo->currentText().section(QStringLiteral(" ("), 0, 0));
    }
    if (m_ui->audienceOneRadio->isChecked()) {
        if (!m_subscriber)
            return say(tr("Type the start of an openid or nickname and pick the subscriber."));
        return Audience::one(m_subscriber->id, m_subscriber->mpOpenid.isEmpty() ? m_subscriber->miniOpenid : m_subscriber->mpOpenid);
    }
    return Audience::all();
}

void ComposerPage::importList()
{
    if (!m_listImport) {
        m_listImport = new ImportDialog(m_ws, this);
        m_listImport->setKind(ImportKind::List);
        connect(m_listImport, &ImportDialog::imported, this, [this](const ImportReport &report) {
            if (report.kind != ImportKind::List)
                return;
            reloadLists(report.listId);
            m_ui->audienceListRadio->setChecked(true);
            updateAudienceControls();
            updateAudience();
            updatePreview();
        });
    }
    m_listImport->setKind(ImportKind::List);
    m_listImport->open();
}

void ComposerPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Typed values live in the table items and m_typed: retranslateUi() only touches titles and labels.
        m_ui->retranslateUi(this);
        setUpAudienceChoice();
        m_ui->audienceListCombo->setPlaceholderText(tr("No lists yet: import one"));
        updateVariablesLabel();
        updateAudience();
        updatePreview();
        onTemplateChanged();
    }
    QWidget::changeEvent(event);
}

void ComposerPage::followBroadcast(qint64 broadcastId, const QString &title, bool paused)
{
    if (m_ui->progressPanel->broadcastId() == broadcastId && (m_ui->progressPanel->isRunning() || m_ui->progressPanel->isPaused()))
        return;
    m_ui->progressPanel->watch(broadcastId, title, paused);
}

void ComposerPage::reloadApps()
{
    const QVariant current = m_ui->appCombo->currentData();
    QString problem;
    {
        const QSignalBlocker blocker(m_ui->appCombo);
        m_ui->appCombo->clear();
        auto apps = AppRepository(m_ws.db()).all();
        if (!apps) {
            problem = tr("Cannot read the apps: %1").arg(apps.error().message);
        } else {
            for (const App &a : std::as_const(*apps)) {
                if (a.disabled || a.status == AppStatus::Banned)
                    continue; // they cannot send; the Apps page shows why
                m_ui->appCombo->addItem(a.name, a.id);
            }
        }
        const int index = m_ui->appCombo->findData(current);
        m_ui->appCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    reloadTemplates();
    if (!problem.isEmpty())
        InlineMessage::showError(m_ui->errorLabel, problem);
    else if (m_ui->appCombo->count() == 0)
        InlineMessage::showInfo(m_ui->errorLabel, tr("No app can send yet — add one on the Apps page, or run “pushdesk demo”."));
}

void ComposerPage::reloadTemplates()
{
    const QVariant current = m_ui->templateCombo->currentData();
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    InlineMessage::clear(m_ui->errorLabel); // what it said was about the previous choice
    {
        const QSignalBlocker blocker(m_ui->templateCombo);
        m_ui->templateCombo->clear();
        if (appId != 0) {
            auto templates = TemplateRepository(m_ws.db()).forApp(appId);
            if (!templates) {
                InlineMessage::showError(m_ui->errorLabel, tr("Cannot read the templates: %1").arg(templates.error().message));
            } else {
                for (const Template &t : std::as_const(*templates))
                    m_ui->templateCombo->addItem(t.name, t.id);
                if (templates->isEmpty())
                    InlineMessage::showInfo(m_ui->errorLabel, tr("This app has no templates yet — add one on the Templates page."));
            }
        }
        const int index = m_ui->templateCombo->findData(current);
        m_ui->templateCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    loadSample();
    updateAudience();
    onTemplateChanged();
}

void ComposerPage::onTemplateChanged()
{
    m_template.reset();
    const qint64 templateId = m_ui->templateCombo->currentData().toLongLong();
    if (templateId != 0) {
        auto t = TemplateRepository(m_ws.db()).findById(templateId);
        if (!t)
            InlineMessage::showError(m_ui->errorLabel, tr("Cannot read the template: %1").arg(t.error().message));
        else if (*t)
            m_template = **t;
    }
    if (m_template && !InlineMessage::isError(m_ui->errorLabel))
        InlineMessage::clear(m_ui->errorLabel);
    const bool canSend = m_template.has_value() && m_ws.engine() != nullptr;
    m_ui->sendButton->setEnabled(canSend);
    m_ui->sendLaterButton->setEnabled(m_template.has_value());
    m_ui->dryRunButton->setEnabled(m_template.has_value());
    m_ui->sendButton->setToolTip(m_ws.engine() ? tr("Create the broadcast and start sending now")
                                               : tr("This window has no engine: use “pushdesk send” or “pushdesk worker”."));
    rebuildVariables();
    updatePreview();
}

void ComposerPage::updateVariablesLabel()
{
    const bool none = m_template && m_ui->variablesTable->rowCount() == 0;
    m_ui->variablesLabel->setText(none ? tr("This template needs no values: everything comes from each recipient.")
                                       : tr("&Values for this broadcast:"));
}

void ComposerPage::rebuildVariables()
{
    const QSignalBlocker blocker(m_ui->variablesTable);
    m_ui->variablesTable->setRowCount(0);
    if (m_template) {
        // Only what no recipient provides: nickname, openid and email are filled per recipient.
        const QStringList names = Renderer::missingVariables(*m_template, {});
        m_ui->variablesTable->setRowCount(int(names.size()));
        for (int row = 0; row < names.size(); ++row) {
            auto *name = new QTableWidgetItem(QStringLiteral("{{%1}}").arg(names[row]));
            name->setData(Qt::UserRole, names[row]);
            name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_ui->variablesTable->setItem(row, NameColumn, name);
            auto *value = new QTableWidgetItem(m_typed.value(names[row]));
            value->setToolTip(tr("Type the value of {{%1}}").arg(names[row]));
            m_ui->variablesTable->setItem(row, ValueColumn, value);
        }
    }
    updateVariablesLabel();
}

QVariantMap ComposerPage::variables() const
{
    QVariantMap values;
    for (int row = 0; row < m_ui->variablesTable->rowCount(); ++row) {
        const QTableWidgetItem *name = m_ui->variablesTable->item(row, NameColumn);
        const QTableWidgetItem *value = m_ui->variablesTable->item(row, ValueColumn);
        if (name && value && !value->text().trimmed().isEmpty())
            values.insert(name->data(Qt::UserRole).toString(), value->text());
    }
    return values;
}

void ComposerPage::loadSample()
{
    m_sampleIsReal = false;
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    if (appId != 0) {
        const Audience audience = currentAudience().value_or(Audience::all());
        auto first = AudienceForecast::page(m_ws.db(), appId, audience, 0, 1);
        if (first && !first->isEmpty()) {
            m_sample = first->first().subscriber;
            m_sampleIsReal = true;
            return;
        }
    }
    m_sample = Subscriber{};
    m_sample.nickname = tr("Alex Sample");
    m_sample.mpOpenid = QStringLiteral("o-sample-openid");
    m_sample.email = QStringLiteral("alex@example.com");
}

void ComposerPage::updateAudience()
{
    m_audience = 0;
    m_forecast.reset();
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    m_ui->forecastButton->setVisible(false);
    if (appId == 0) {
        m_ui->audienceLabel->clear();
        return;
    }
    loadSample();
    QString why;
    const auto audience = currentAudience(&why);
    if (!audience) {
        m_ui->audienceLabel->setText(why);
        return;
    }
    auto count = AudienceForecast::count(m_ws.db(), appId, *audience);
    if (!count) {
        m_ui->audienceLabel->setText(tr("Cannot count the audience: %1").arg(count.error().message));
        return;
    }
    m_audience = *count;
    if (*count == 0) {
        m_ui->audienceLabel->setText(audience->kind == Audience::Kind::All
                                         ? tr("Nobody has bound this app with reminders on yet: nothing would be sent.")
                                         : tr("Nobody in this audience has bound this app with reminders on: nothing would be sent."));
        return;
    }
    if (*count <= kAutoForecastMembers) {
        computeForecast();
        return;
    }
    m_ui->forecastButton->setVisible(true);
    m_ui->audienceLabel->setText(tr("%n subscriber(s) bound this app with reminders on.", nullptr, clampInt(*count)));
}

void ComposerPage::computeForecast()
{
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    auto app = AppRepository(m_ws.db()).findById(appId);
    if (!app || !*app)
        return;
    QString why;
    const auto audience = currentAudience(&why);
    if (!audience) {
        m_forecast.reset();
        m_ui->audienceLabel->setText(why);
        return;
    }
    auto forecast = AudienceForecast::compute(m_ws.db(), **app, *audience);
    if (!forecast) {
        m_ui->audienceLabel->setText(tr("Cannot count the recipients: %1").arg(forecast.error().message));
        return;
    }
    m_forecast = *forecast;
    m_ui->forecastButton->setVisible(false);
    const Counters &c = forecast->counts;
    const QString counts = tr("%1 push · %2 inbox only · %3 skipped")
                               .arg(QLocale().toString(c.sent), QLocale().toString(c.inbox), QLocale().toString(c.skipped));
    QStringList reasons;
    for (auto it = forecast->skipped.cbegin(); it != forecast->skipped.cend(); ++it)
        reasons.append(tr("%1: %2", "skip reason: count").arg(ReasonText::display(it.key()), QLocale().toString(it.value())));
    QString text = reasons.isEmpty() ? counts : tr("%1 (%2)", "counts (skip reasons)").arg(counts, reasons.join(QStringLiteral("; ")));
    if (forecast->selected > forecast->members)
        text += QLatin1Char(' ')
                + tr("%n of the people this audience names have not bound this app with reminders on and get nothing.", nullptr,
                     clampInt(forecast->selected - forecast->members));
    m_ui->audienceLabel->setText(text);
}

bool ComposerPage::dryRun()
{
    InlineMessage::clear(m_ui->errorLabel);
    if (m_ui->appCombo->currentData().toLongLong() == 0 || !m_template) {
        InlineMessage::showError(m_ui->errorLabel, tr("Choose an app and one of its templates first."));
        return false;
    }
    computeForecast();
    updatePreview();
    if (!m_forecast) {
        InlineMessage::showError(m_ui->errorLabel, m_ui->audienceLabel->text());
        return false;
    }
    const QStringList missing = Renderer::missingVariables(*m_template, variables());
    QString text = tr("Dry run: %n recipient(s) in the audience; nothing was sent or stored.", nullptr,
                      clampInt(m_forecast->members));
    if (!missing.isEmpty())
        text += QLatin1Char(' ') + tr("Still missing: %1.").arg(missing.join(QStringLiteral(", ")));
    if (m_limitProblems > 0)
        text += QLatin1Char(' ') + tr("%n field(s) are over their channel’s limit for the sample recipient.", nullptr, m_limitProblems);
    InlineMessage::showInfo(m_ui->errorLabel, text);
    return true;
}

void ComposerPage::updatePreview()
{
    QList<QPlainTextEdit *> tabs{m_ui->previewCsText, m_ui->previewTemplateText, m_ui->previewMiniText,
                                 m_ui->previewBarkText, m_ui->previewEmailText, m_ui->previewNtfyText};
    if (!m_template) {
        m_ui->previewLabel->setText(tr("Preview:"));
        m_ui->previewText->setPlainText(m_ui->appCombo->count() == 0 ? QString() : tr("Choose a template to see its preview."));
        for (QPlainTextEdit *edit : tabs)
            edit->clear();
        m_limitProblems = 0;
        InlineMessage::clear(m_ui->limitsLabel);
        return;
    }
    QHash<QString, QString> vars;
    // Values not typed yet show as their placeholder, so the operator sees what is missing.
    for (const QString &name : m_template->placeholders())
        vars.insert(name, QStringLiteral("{{%1}}").arg(name));
    const QVariantMap typed = variables();
    for (auto it = typed.cbegin(); it != typed.cend(); ++it)
        vars.insert(it.key(), it.value().toString());
    const auto recipient = Renderer::recipientVariables(m_sample);
    for (auto it = recipient.cbegin(); it != recipient.cend(); ++it)
        vars.insert(it.key(), it.value());
    const ChannelPreviewText p = ChannelPreview::render(Renderer::render(*m_template, vars));

    m_ui->previewLabel->setText(m_sampleIsReal ? tr("Preview for %1, the first subscriber in the audience:").arg(m_sample.nickname)
                                               : tr("Preview for a sample subscriber:"));
    m_ui->previewText->setPlainText(p.all);
    m_ui->previewCsText->setPlainText(p.cs);
    m_ui->previewTemplateText->setPlainText(p.wechatTemplate);
    m_ui->previewMiniText->setPlainText(p.mini);
    m_ui->previewBarkText->setPlainText(p.bark);
    m_ui->previewEmailText->setPlainText(p.email);
    m_ui->previewNtfyText->setPlainText(p.ntfy);
    m_limitProblems = int(p.problems.size());
    if (p.problems.isEmpty()) {
        InlineMessage::clear(m_ui->limitsLabel);
        return;
    }
    QStringList lines;
    for (const LimitProblem &problem : p.problems)
        lines.append(tr("%1: %2", "channel: problem").arg(DisplayText::label(problem.channel), problem.message));
    InlineMessage::showError(m_ui->limitsLabel, lines.join(QLatin1Char('\n')));
}

std::optional<qint64> ComposerPage::create(const QDateTime &at)
{
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    const qint64 templateId = m_ui->templateCombo->currentData().toLongLong();
    if (appId == 0 || templateId == 0) {
        InlineMessage::showError(m_ui->errorLabel, tr("Choose an app and one of its templates first."));
        return std::nullopt;
    }
    QString why;
    const auto audience = currentAudience(&why);
    if (!audience) {
        InlineMessage::showError(m_ui->errorLabel, why);
        return std::nullopt;
    }
    updateAudience();
    if (m_audience > m_confirmAbove) {
        const QString question = at.isValid()
            ? tr("This broadcast goes to %1 subscribers of %2 at %3. Schedule it?", "%1 is always large")
                  .arg(QLocale().toString(m_audience), m_ui->appCombo->currentText(), DisplayText::dateTime(at))
            : tr("This broadcast goes to %1 subscribers of %2. Send it now?", "%1 is always large")
                  .arg(QLocale().toString(m_audience), m_ui->appCombo->currentText());
        if (!Confirmation::ask(this, tr("Send the broadcast?"), question)) {
            InlineMessage::showInfo(m_ui->errorLabel, tr("Nothing was sent."));
            return std::nullopt;
        }
    }
    auto id = m_ws.createBroadcast(appId, templateId, variables(), at, *audience);
    if (!id) {
        InlineMessage::showError(m_ui->errorLabel, id.error().message);
        return std::nullopt;
    }
    return *id;
}

bool ComposerPage::send()
{
    InlineMessage::clear(m_ui->errorLabel);
    BroadcastEngine *engine = m_ws.engine();
    if (!engine) {
        InlineMessage::showError(m_ui->errorLabel, tr("This window has no engine: use “pushdesk send” or “pushdesk worker”."));
        return false;
    }
    const auto id = create({});
    if (!id)
        return false;
    m_ui->progressPanel->watch(*id, tr("Broadcast #%1 — %2, template %3")
                                        .arg(QString::number(*id), m_ui->appCombo->currentText(), m_ui->templateCombo->currentText()));
    engine->start(*id);
    emit broadcastStarted(*id);
    return true;
}

bool ComposerPage::sendLater()
{
    InlineMessage::clear(m_ui->errorLabel);
    const QDateTime at = m_ui->scheduleEdit->dateTime();
    if (at <= QDateTime::currentDateTime()) {
        InlineMessage::showError(m_ui->errorLabel, tr("Choose a time in the future, or press Send to send now."));
        return false;
    }
    const auto id = create(at);
    if (!id)
        return false;
    InlineMessage::showInfo(m_ui->errorLabel, tr("Broadcast #%1 is scheduled for %2; an engine starts it then (this console, "
                                                 "or “pushdesk worker”).")
                                                  .arg(QString::number(*id), DisplayText::dateTime(at)));
    emit broadcastScheduled(*id, at);
    return true;
}

} // namespace pushdesk
