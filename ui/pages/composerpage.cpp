#include "pages/composerpage.h"
#include "ui_composerpage.h"

#include "engine/broadcastengine.h"
#include "pages/inlinemessage.h"
#include "policy/forecast.h"
#include "render/renderer.h"
#include "store/apprepository.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QLocale>
#include <QMessageBox>
#include <QSignalBlocker>

#include <limits>

namespace pushdesk {

namespace {
enum VariableColumn { NameColumn, ValueColumn };
}

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
    m_ui->progressPanel->setEngine(ws.engine());

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
    connect(m_ui->forecastButton, &QPushButton::clicked, this, &ComposerPage::computeForecast);
    connect(m_ui->progressPanel, &BroadcastProgressPanel::openLogRequested, this, &ComposerPage::openLogRequested);

    reloadApps();
}

ComposerPage::~ComposerPage() = default;

BroadcastProgressPanel *ComposerPage::progressPanel() const
{
    return m_ui->progressPanel;
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
    if (m_template)
        InlineMessage::clear(m_ui->errorLabel);
    m_ui->sendButton->setEnabled(m_template.has_value() && m_ws.engine() != nullptr);
    m_ui->sendButton->setToolTip(m_ws.engine() ? tr("Create the broadcast and start sending now")
                                               : tr("This window has no engine: use “pushdesk send” or “pushdesk worker”."));
    rebuildVariables();
    updatePreview();
}

void ComposerPage::rebuildVariables()
{
    const QSignalBlocker blocker(m_ui->variablesTable);
    m_ui->variablesTable->setRowCount(0);
    if (!m_template) {
        m_ui->variablesLabel->setText(tr("&Values for this broadcast:"));
        return;
    }
    // Only what no recipient provides: nickname, openid and email are filled per recipient.
    const QStringList names = Renderer::missingVariables(*m_template, {});
    m_ui->variablesLabel->setText(names.isEmpty() ? tr("This template needs no values: everything comes from each recipient.")
                                                  : tr("&Values for this broadcast:"));
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
        auto first = SubscriberRepository(m_ws.db()).audiencePage(appId, 0, 1, AudienceForecast::states(), AudienceForecast::reminders());
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
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    m_ui->forecastButton->setVisible(false);
    if (appId == 0) {
        m_ui->audienceLabel->clear();
        return;
    }
    auto count = SubscriberRepository(m_ws.db()).audienceCount(appId, AudienceForecast::states(), AudienceForecast::reminders());
    if (!count) {
        m_ui->audienceLabel->setText(tr("Cannot count the audience: %1").arg(count.error().message));
        return;
    }
    m_audience = *count;
    if (*count == 0) {
        m_ui->audienceLabel->setText(tr("Nobody has bound this app with reminders on yet: nothing would be sent."));
        return;
    }
    if (*count <= kAutoForecastMembers) {
        computeForecast();
        return;
    }
    m_ui->forecastButton->setVisible(true);
    m_ui->audienceLabel->setText(tr("%n subscriber(s) bound this app with reminders on.", nullptr,
                                    int(qMin<qint64>(*count, std::numeric_limits<int>::max()))));
}

void ComposerPage::computeForecast()
{
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    auto app = AppRepository(m_ws.db()).findById(appId);
    if (!app || !*app)
        return;
    auto forecast = AudienceForecast::compute(m_ws.db(), **app);
    if (!forecast) {
        m_ui->audienceLabel->setText(tr("Cannot count the recipients: %1").arg(forecast.error().message));
        return;
    }
    m_ui->forecastButton->setVisible(false);
    const Counters &c = forecast->counts;
    const QString counts = tr("%1 push · %2 inbox only · %3 skipped")
                               .arg(QLocale().toString(c.sent), QLocale().toString(c.inbox), QLocale().toString(c.skipped));
    QStringList reasons;
    for (auto it = forecast->skipped.cbegin(); it != forecast->skipped.cend(); ++it)
        reasons.append(tr("%1: %2", "skip reason: count").arg(it.key(), QLocale().toString(it.value())));
    m_ui->audienceLabel->setText(reasons.isEmpty() ? counts
                                                   : tr("%1 (%2)", "counts (skip reasons)").arg(counts, reasons.join(QStringLiteral("; "))));
}

void ComposerPage::updatePreview()
{
    if (!m_template) {
        m_ui->previewLabel->setText(tr("Preview:"));
        m_ui->previewText->setPlainText(m_ui->appCombo->count() == 0 ? QString() : tr("Choose a template to see its preview."));
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
    const RenderedMessage m = Renderer::render(*m_template, vars);

    m_ui->previewLabel->setText(m_sampleIsReal ? tr("Preview for %1, the first subscriber in the audience:").arg(m_sample.nickname)
                                               : tr("Preview for a sample subscriber:"));
    QStringList lines;
    if (!m.csText.isEmpty())
        lines << tr("Customer-service message") << m.csText << QString();
    if (!m.wechatTemplateId.isEmpty()) {
        lines << tr("WeChat template message %1").arg(m.wechatTemplateId);
        for (const auto &f : m.wechatFields)
            lines << tr("%1: %2", "template field key: value").arg(f.first, f.second);
        lines << QString();
    }
    if (!m.barkTitle.isEmpty() || !m.barkBody.isEmpty())
        lines << tr("Bark") << m.barkTitle << m.barkBody << QString();
    if (!m.emailSubject.isEmpty() || !m.emailBody.isEmpty())
        lines << tr("E-mail") << tr("Subject: %1").arg(m.emailSubject) << m.emailBody << QString();
    if (lines.isEmpty())
        lines << tr("This template has no content for any channel yet — edit it on the Templates page.");
    m_ui->previewText->setPlainText(lines.join(QLatin1Char('\n')).trimmed());
}

bool ComposerPage::send()
{
    InlineMessage::clear(m_ui->errorLabel);
    BroadcastEngine *engine = m_ws.engine();
    if (!engine) {
        InlineMessage::showError(m_ui->errorLabel, tr("This window has no engine: use “pushdesk send” or “pushdesk worker”."));
        return false;
    }
    const qint64 appId = m_ui->appCombo->currentData().toLongLong();
    const qint64 templateId = m_ui->templateCombo->currentData().toLongLong();
    if (appId == 0 || templateId == 0) {
        InlineMessage::showError(m_ui->errorLabel, tr("Choose an app and one of its templates first."));
        return false;
    }
    updateAudience();
    if (m_audience > m_confirmAbove) {
        const auto answer = QMessageBox::question(
            this, tr("Send the broadcast?"),
            tr("This broadcast goes to %1 subscribers of %2. Send it now?", "%1 is always large")
                .arg(QLocale().toString(m_audience), m_ui->appCombo->currentText()));
        if (answer != QMessageBox::Yes)
            return false;
    }
    auto id = m_ws.createBroadcast(appId, templateId, variables());
    if (!id) {
        InlineMessage::showError(m_ui->errorLabel, id.error().message);
        return false;
    }
    m_ui->progressPanel->watch(*id, tr("Broadcast #%1 — %2, template %3")
                                        .arg(QString::number(*id), m_ui->appCombo->currentText(), m_ui->templateCombo->currentText()));
    engine->start(*id);
    emit broadcastStarted(*id);
    return true;
}

} // namespace pushdesk
