#include "pages/templatespage.h"
#include "ui_templatespage.h"

#include <QSignalBlocker>

#include <QEvent>

#include "models/listingmodel.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "pages/templatefields.h"
#include "render/renderer.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QItemSelectionModel>

namespace pushdesk {

TemplatesPage::TemplatesPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::TemplatesPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("templatesPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    fillBarkLevels();
    InlineMessage::clear(m_ui->messageLabel);

    m_model = new ListingModel(ws.db(), Listing::templates(), this);
    ListingTable::configure(m_ui->templatesTable, m_model);
    m_ui->templatesTable->hideColumn(m_model->columnOf(QStringLiteral("app_id")));
    connect(m_model, &ListingModel::reloaded, this, &TemplatesPage::updateEmptyState);
    connect(m_model, &ListingModel::loadFailed, this, &TemplatesPage::updateEmptyState);
    connect(m_ui->templatesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showTemplate(current.data(ListingModel::IdRole).toLongLong());
            });
    connect(m_ui->newButton, &QPushButton::clicked, this, &TemplatesPage::startNewTemplate);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &TemplatesPage::save);
    for (QLineEdit *edit : {m_ui->wechatUrlEdit, m_ui->barkTitleEdit, m_ui->barkUrlEdit, m_ui->emailSubjectEdit})
        connect(edit, &QLineEdit::textChanged, this, &TemplatesPage::updatePlaceholders);
    for (QPlainTextEdit *edit : {m_ui->csTextEdit, m_ui->wechatFieldsEdit, m_ui->barkBodyEdit, m_ui->emailBodyEdit})
        connect(edit, &QPlainTextEdit::textChanged, this, &TemplatesPage::updatePlaceholders);

    reloadApps();
    updateEmptyState();
    if (m_model->rowCount() > 0)
        m_ui->templatesTable->selectRow(0);
    else
        startNewTemplate();
}

TemplatesPage::~TemplatesPage() = default;

void TemplatesPage::reloadApps()
{
    const QVariant current = m_ui->appCombo->currentData();
    m_ui->appCombo->clear();
    auto apps = AppRepository(m_ws.db()).all();
    if (!apps) {
        InlineMessage::showError(m_ui->messageLabel, tr("Cannot read the apps: %1").arg(apps.error().message));
        return;
    }
    for (const App &a : std::as_const(*apps))
        m_ui->appCombo->addItem(a.name, a.id);
    const int index = m_ui->appCombo->findData(current);
    if (index >= 0)
        m_ui->appCombo->setCurrentIndex(index);
    m_ui->newButton->setEnabled(!apps->isEmpty());
    m_model->reload(); // app names appear in the list
    updateEmptyState();
}

void TemplatesPage::startNewTemplate()
{
    m_ui->templatesTable->selectionModel()->clear();
    Template t;
    t.name = QString();
    fillForm(t);
    m_currentId = 0;
    m_ui->appCombo->setEnabled(true);
    m_ui->editorGroup->setTitle(tr("New template"));
    if (m_ui->appCombo->count() == 0)
        InlineMessage::showInfo(m_ui->messageLabel, tr("Add an app on the Apps page first: every template belongs to an app."));
    m_ui->nameEdit->setFocus();
}

void TemplatesPage::showTemplate(qint64 id)
{
    auto t = TemplateRepository(m_ws.db()).findById(id);
    if (!t || !*t) {
        InlineMessage::showError(m_ui->messageLabel, t ? tr("That template no longer exists.")
                                                       : tr("Cannot read the template: %1").arg(t.error().message));
        return;
    }
    fillForm(**t);
    m_currentId = id;
    // A template keeps its app: past broadcasts refer to it.
    m_ui->appCombo->setEnabled(false);
    m_ui->editorGroup->setTitle((*t)->name);
}

void TemplatesPage::fillForm(const Template &t)
{
    InlineMessage::clear(m_ui->messageLabel);
    m_ui->nameEdit->setText(t.name);
    if (t.appId != 0)
        m_ui->appCombo->setCurrentIndex(m_ui->appCombo->findData(t.appId));
    m_ui->csTextEdit->setPlainText(t.csText);
    m_ui->wechatTemplateIdEdit->setText(t.wechatTemplateId);
    m_ui->wechatFieldsEdit->setPlainText(TemplateFieldLines::format(t.wechatFields));
    m_ui->wechatUrlEdit->setText(t.wechatUrl);
    m_ui->barkTitleEdit->setText(t.barkTitle);
    m_ui->barkBodyEdit->setPlainText(t.barkBody);
    m_ui->barkGroupEdit->setText(t.barkGroup);
    m_ui->barkLevelCombo->setCurrentIndex(qMax(0, m_ui->barkLevelCombo->findData(t.barkLevel)));
    m_ui->barkUrlEdit->setText(t.barkUrl);
    m_ui->emailSubjectEdit->setText(t.emailSubject);
    m_ui->emailBodyEdit->setPlainText(t.emailBody);
    updatePlaceholders();
}

Result<Template> TemplatesPage::templateFromForm() const
{
    auto fields = TemplateFieldLines::parse(m_ui->wechatFieldsEdit->toPlainText());
    if (!fields)
        return std::unexpected(fields.error());
    Template t;
    t.id = m_currentId;
    t.appId = m_ui->appCombo->currentData().toLongLong();
    t.name = m_ui->nameEdit->text().trimmed();
    t.csText = m_ui->csTextEdit->toPlainText();
    t.wechatTemplateId = m_ui->wechatTemplateIdEdit->text().trimmed();
    t.wechatFields = *fields;
    t.wechatUrl = m_ui->wechatUrlEdit->text().trimmed();
    t.barkTitle = m_ui->barkTitleEdit->text();
    t.barkBody = m_ui->barkBodyEdit->toPlainText();
    t.barkGroup = m_ui->barkGroupEdit->text().trimmed();
    t.barkLevel = m_ui->barkLevelCombo->currentData().toString();
    t.barkUrl = m_ui->barkUrlEdit->text().trimmed();
    t.emailSubject = m_ui->emailSubjectEdit->text();
    t.emailBody = m_ui->emailBodyEdit->toPlainText();
    return t;
}

void TemplatesPage::updatePlaceholders()
{
    auto t = templateFromForm();
    if (!t) {
        m_ui->placeholdersLabel->setText(t.error().message);
        return;
    }
    const QStringList names = t->placeholders();
    if (names.isEmpty()) {
        m_ui->placeholdersLabel->setText(tr("No placeholders: every recipient gets the same text."));
        return;
    }
    const QStringList perBroadcast = Renderer::missingVariables(*t, {});
    QStringList shown;
    for (const QString &name : names)
        shown.append(QStringLiteral("{{%1}}").arg(name));
    if (perBroadcast.isEmpty())
        m_ui->placeholdersLabel->setText(tr("Placeholders: %1 — all filled from each recipient.").arg(shown.join(QStringLiteral(", "))));
    else
        m_ui->placeholdersLabel->setText(tr("Placeholders: %1 — the composer asks for %2; nickname, openid and email come from each recipient.")
                                             .arg(shown.join(QStringLiteral(", ")), perBroadcast.join(QStringLiteral(", "))));
}

bool TemplatesPage::save()
{
    auto t = templateFromForm();
    if (!t) {
        InlineMessage::showError(m_ui->messageLabel, t.error().message);
        return false;
    }
    if (t->name.isEmpty()) {
        InlineMessage::showError(m_ui->messageLabel, tr("Give the template a name."));
        return false;
    }
    if (t->appId == 0) {
        InlineMessage::showError(m_ui->messageLabel, tr("Choose the app this template belongs to."));
        return false;
    }
    TemplateRepository templates(m_ws.db());
    if (t->id != 0) {
        if (auto r = templates.update(*t); !r) {
            InlineMessage::showError(m_ui->messageLabel, tr("Cannot save the template: %1").arg(r.error().message));
            return false;
        }
    } else {
        auto id = templates.create(*t);
        if (!id) {
            InlineMessage::showError(m_ui->messageLabel, tr("Cannot add the template: %1").arg(id.error().message));
            return false;
        }
        t->id = *id;
    }
    m_model->reload();
    if (!ListingTable::selectId(m_ui->templatesTable, t->id))
        showTemplate(t->id);
    InlineMessage::showInfo(m_ui->messageLabel, tr("Saved."));
    emit templatesChanged();
    return true;
}

void TemplatesPage::updateEmptyState()
{
    ListingTable::updateEmptyState(m_ui->emptyStateLabel, m_model,
                                   m_ui->appCombo->count() == 0
                                       ? tr("No templates yet — add an app on the Apps page, then a template here.")
                                       : tr("No templates yet — add one with “New template”."),
                                   tr("No template matches."));
}

void TemplatesPage::fillBarkLevels()
{
    const QVariant current = m_ui->barkLevelCombo->currentData();
    const QSignalBlocker blocker(m_ui->barkLevelCombo);
    m_ui->barkLevelCombo->clear();
    m_ui->barkLevelCombo->addItem(tr("Default"), QString());
    m_ui->barkLevelCombo->addItem(tr("Active (normal alert)"), QStringLiteral("active"));
    m_ui->barkLevelCombo->addItem(tr("Time-sensitive (breaks through Focus)"), QStringLiteral("timeSensitive"));
    m_ui->barkLevelCombo->addItem(tr("Passive (no sound, no screen)"), QStringLiteral("passive"));
    m_ui->barkLevelCombo->addItem(tr("Critical (ignores silent mode)"), QStringLiteral("critical"));
    m_ui->barkLevelCombo->setCurrentIndex(qMax(0, m_ui->barkLevelCombo->findData(current)));
}

void TemplatesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The editor's fields keep what was typed: retranslateUi() only sets titles, labels and hints.
        m_ui->retranslateUi(this);
        fillBarkLevels();
        m_model->refreshHeaders();
        updateEmptyState();
        updatePlaceholders();
        if (m_currentId == 0)
            m_ui->editorGroup->setTitle(tr("New template"));
        else
            m_ui->editorGroup->setTitle(m_ui->nameEdit->text());
    }
    QWidget::changeEvent(event);
}

} // namespace pushdesk
