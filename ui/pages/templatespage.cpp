#include "pages/templatespage.h"
#include "ui_templatespage.h"

#include <QSignalBlocker>

#include <QEvent>

#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/channelpreview.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "pages/templatefields.h"
#include "render/renderer.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>

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
    buildChannelEditors();
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
    const QList<QLineEdit *> lineEdits{m_ui->wechatTemplateIdEdit, m_ui->wechatUrlEdit, m_ui->barkTitleEdit, m_ui->barkGroupEdit,
                                       m_ui->barkUrlEdit, m_barkSoundEdit, m_barkSubtitleEdit, m_barkIconEdit, m_ui->emailSubjectEdit, m_subscribeIdEdit,
                                       m_formIdEdit, m_miniPageEdit, m_ntfyTitleEdit, m_ntfyTagsEdit};
    const QList<QPlainTextEdit *> textEdits{m_ui->csTextEdit, m_ui->wechatFieldsEdit, m_ui->barkBodyEdit, m_ui->emailBodyEdit,
                                            m_subscribeFieldsEdit, m_ntfyBodyEdit};
    for (QLineEdit *edit : lineEdits)
        connect(edit, &QLineEdit::textChanged, this, &TemplatesPage::updatePlaceholders);
    for (QPlainTextEdit *edit : textEdits)
        connect(edit, &QPlainTextEdit::textChanged, this, &TemplatesPage::updatePlaceholders);
    connect(m_ntfyPriorityCombo, &QComboBox::currentIndexChanged, this, &TemplatesPage::updatePlaceholders);
    connect(m_ui->barkLevelCombo, &QComboBox::currentIndexChanged, this, &TemplatesPage::updatePlaceholders);
    // Placeholders go where the operator was typing.
    connect(qApp, &QApplication::focusChanged, this, [this, lineEdits, textEdits](QWidget *, QWidget *now) {
        if ((qobject_cast<QLineEdit *>(now) && lineEdits.contains(static_cast<QLineEdit *>(now)))
            || (qobject_cast<QPlainTextEdit *>(now) && textEdits.contains(static_cast<QPlainTextEdit *>(now))))
            m_lastEditor = now;
    });

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
    m_barkSoundEdit->setText(t.barkSound);
    m_barkSubtitleEdit->setText(t.barkSubtitle);
    m_barkIconEdit->setText(t.barkIcon);
    m_ui->emailSubjectEdit->setText(t.emailSubject);
    m_ui->emailBodyEdit->setPlainText(t.emailBody);
    m_subscribeIdEdit->setText(t.subscribeTemplateId);
    m_subscribeFieldsEdit->setPlainText(TemplateFieldLines::format(t.subscribeFields));
    m_formIdEdit->setText(t.formTemplateId);
    m_miniPageEdit->setText(t.miniPage);
    m_ntfyTitleEdit->setText(t.ntfyTitle);
    m_ntfyBodyEdit->setPlainText(t.ntfyBody);
    m_ntfyPriorityCombo->setCurrentIndex(qMax(0, m_ntfyPriorityCombo->findData(t.ntfyPriority)));
    m_ntfyTagsEdit->setText(t.ntfyTags);
    m_lastEditor = nullptr;
    updatePlaceholders();
}

Result<Template> TemplatesPage::templateFromForm() const
{
    auto fields = TemplateFieldLines::parse(m_ui->wechatFieldsEdit->toPlainText());
    if (!fields)
        return fail(tr("WeChat template fields: %1").arg(fields.error().message));
    auto subscribeFields = TemplateFieldLines::parse(m_subscribeFieldsEdit->toPlainText());
    if (!subscribeFields)
        return fail(tr("Mini-program fields: %1").arg(subscribeFields.error().message));
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
    t.barkSound = m_barkSoundEdit->text().trimmed();
    t.barkSubtitle = m_barkSubtitleEdit->text();
    t.barkIcon = m_barkIconEdit->text().trimmed();
    t.subscribeTemplateId = m_subscribeIdEdit->text().trimmed();
    t.subscribeFields = *subscribeFields;
    t.formTemplateId = m_formIdEdit->text().trimmed();
    t.miniPage = m_miniPageEdit->text().trimmed();
    t.ntfyTitle = m_ntfyTitleEdit->text();
    t.ntfyBody = m_ntfyBodyEdit->toPlainText();
    t.ntfyPriority = m_ntfyPriorityCombo->currentData().toInt();
    t.ntfyTags = m_ntfyTagsEdit->text().trimmed();
    return t;
}

void TemplatesPage::updatePlaceholders()
{
    updatePreview();
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
    if (const QStringList problems = fixedTextProblems(*t); !problems.isEmpty()) {
        InlineMessage::showError(m_ui->messageLabel, tr("Not saved — fix these first:\n%1").arg(problems.join(QLatin1Char('\n'))));
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
        retranslateChannelEditors();
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

void TemplatesPage::buildChannelEditors()
{
    const auto lineEdit = [this](const char *name) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        return edit;
    };
    const auto textEdit = [this](const char *name) {
        auto *edit = new QPlainTextEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setTabChangesFocus(true);
        return edit;
    };
    m_barkSoundLabel = new QLabel(this);
    m_barkSoundEdit = lineEdit("barkSoundEdit");
    m_barkSoundLabel->setBuddy(m_barkSoundEdit);
    m_ui->barkForm->addRow(m_barkSoundLabel, m_barkSoundEdit);
    m_barkIconLabel = new QLabel(this);
    m_barkIconEdit = lineEdit("barkIconEdit");
    m_barkIconLabel->setBuddy(m_barkIconEdit);
    m_ui->barkForm->addRow(m_barkIconLabel, m_barkIconEdit);
    // The subtitle goes under the title, as the notification shows it.
    int titleRow = -1;
    QFormLayout::ItemRole role;
    m_ui->barkForm->getWidgetPosition(m_ui->barkTitleEdit, &titleRow, &role);
    m_barkSubtitleLabel = new QLabel(this);
    m_barkSubtitleEdit = lineEdit("barkSubtitleEdit");
    m_barkSubtitleLabel->setBuddy(m_barkSubtitleEdit);
    m_ui->barkForm->insertRow(titleRow + 1, m_barkSubtitleLabel, m_barkSubtitleEdit);
    setTabOrder(m_ui->barkTitleEdit, m_barkSubtitleEdit);

    m_miniTab = new QWidget(this);
    m_miniTab->setObjectName(QStringLiteral("miniTab"));
    auto *mini = new QFormLayout(m_miniTab);
    m_subscribeIdLabel = new QLabel(m_miniTab);
    m_subscribeIdEdit = lineEdit("subscribeTemplateIdEdit");
    m_subscribeFieldsLabel = new QLabel(m_miniTab);
    m_subscribeFieldsEdit = textEdit("subscribeFieldsEdit");
    m_formIdLabel = new QLabel(m_miniTab);
    m_formIdEdit = lineEdit("formTemplateIdEdit");
    m_miniPageLabel = new QLabel(m_miniTab);
    m_miniPageEdit = lineEdit("miniPageEdit");
    mini->addRow(m_subscribeIdLabel, m_subscribeIdEdit);
    mini->addRow(m_subscribeFieldsLabel, m_subscribeFieldsEdit);
    mini->addRow(m_formIdLabel, m_formIdEdit);
    mini->addRow(m_miniPageLabel, m_miniPageEdit);
    for (QLabel *label : {m_subscribeIdLabel, m_subscribeFieldsLabel, m_formIdLabel, m_miniPageLabel})
        label->setBuddy(mini->itemAt(mini->indexOf(label) + 1)->widget());
    m_ui->channelTabs->insertTab(m_ui->channelTabs->indexOf(m_ui->barkTab), m_miniTab, QString());

    m_ntfyTab = new QWidget(this);
    m_ntfyTab->setObjectName(QStringLiteral("ntfyTab"));
    auto *ntfy = new QFormLayout(m_ntfyTab);
    m_ntfyTitleLabel = new QLabel(m_ntfyTab);
    m_ntfyTitleEdit = lineEdit("ntfyTitleEdit");
    m_ntfyBodyLabel = new QLabel(m_ntfyTab);
    m_ntfyBodyEdit = textEdit("ntfyBodyEdit");
    m_ntfyPriorityLabel = new QLabel(m_ntfyTab);
    m_ntfyPriorityCombo = new QComboBox(m_ntfyTab);
    m_ntfyPriorityCombo->setObjectName(QStringLiteral("ntfyPriorityCombo"));
    for (int priority = 0; priority <= 5; ++priority)
        m_ntfyPriorityCombo->addItem(QString(), priority);
    m_ntfyTagsLabel = new QLabel(m_ntfyTab);
    m_ntfyTagsEdit = lineEdit("ntfyTagsEdit");
    ntfy->addRow(m_ntfyTitleLabel, m_ntfyTitleEdit);
    ntfy->addRow(m_ntfyBodyLabel, m_ntfyBodyEdit);
    ntfy->addRow(m_ntfyPriorityLabel, m_ntfyPriorityCombo);
    ntfy->addRow(m_ntfyTagsLabel, m_ntfyTagsEdit);
    m_ntfyTitleLabel->setBuddy(m_ntfyTitleEdit);
    m_ntfyBodyLabel->setBuddy(m_ntfyBodyEdit);
    m_ntfyPriorityLabel->setBuddy(m_ntfyPriorityCombo);
    m_ntfyTagsLabel->setBuddy(m_ntfyTagsEdit);
    m_ui->channelTabs->insertTab(m_ui->channelTabs->indexOf(m_ui->emailTab), m_ntfyTab, QString());

    m_insertButton = new QToolButton(this);
    m_insertButton->setObjectName(QStringLiteral("insertPlaceholderButton"));
    m_insertButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_insertButton);
    menu->setObjectName(QStringLiteral("placeholderMenu"));
    m_insertButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &TemplatesPage::fillPlaceholderMenu);
    m_previewLabel = new QLabel(this);
    m_previewText = new QPlainTextEdit(this);
    m_previewText->setObjectName(QStringLiteral("templatePreviewText"));
    m_previewText->setReadOnly(true);
    m_previewText->setTabChangesFocus(true);
    m_previewText->setMaximumHeight(fontMetrics().lineSpacing() * 9);
    m_limitsLabel = new QLabel(this);
    m_limitsLabel->setObjectName(QStringLiteral("templateLimitsLabel"));
    m_limitsLabel->setWordWrap(true);
    InlineMessage::clear(m_limitsLabel);
    auto *row = new QHBoxLayout;
    row->addWidget(m_insertButton);
    row->addWidget(m_previewLabel, 1);
    const int at = m_ui->editorLayout->indexOf(m_ui->placeholdersLabel) + 1;
    m_ui->editorLayout->insertLayout(at, row);
    m_ui->editorLayout->insertWidget(at + 1, m_previewText);
    m_ui->editorLayout->insertWidget(at + 2, m_limitsLabel);
    retranslateChannelEditors();
}

void TemplatesPage::retranslateChannelEditors()
{
    m_barkSoundLabel->setText(tr("So&und:"));
    m_barkSoundEdit->setPlaceholderText(tr("a Bark sound, e.g. minuet (empty: the default)"));
    m_barkSubtitleLabel->setText(tr("Subtitl&e:"));
    m_barkSubtitleEdit->setPlaceholderText(tr("a line under the title (optional)"));
    m_barkIconLabel->setText(tr("Ic&on URL:"));
    m_barkIconEdit->setPlaceholderText(tr("https://… an image for the notification (iOS 15 or later; optional)"));
    m_ui->channelTabs->setTabText(m_ui->channelTabs->indexOf(m_miniTab), tr("Mini-program"));
    m_subscribeIdLabel->setText(tr("S&ubscribe template ID:"));
    m_subscribeIdEdit->setToolTip(tr("A subscribe-message template: each message spends one of the person's grants"));
    m_subscribeFieldsLabel->setText(tr("Fields (key=value):"));
    m_subscribeFieldsEdit->setPlaceholderText(tr("thing1={{title}}\nphrase2=Done\ntime3={{when}}"));
    m_subscribeFieldsEdit->setToolTip(tr("One field per line; the key's type sets its limit: thing ≤ 20 characters, "
                                         "phrase ≤ 5, character_string ≤ 32, number ≤ 32, name ≤ 10 Chinese characters"));
    m_formIdLabel->setText(tr("&Form template ID:"));
    m_formIdEdit->setToolTip(tr("A legacy template message that spends a form_id or prepay_id; the fields above are its data"));
    m_miniPageLabel->setText(tr("Pa&ge:"));
    m_miniPageEdit->setPlaceholderText(tr("pages/order/detail?id={{order}}"));
    m_ui->channelTabs->setTabText(m_ui->channelTabs->indexOf(m_ntfyTab), tr("ntfy"));
    m_ntfyTitleLabel->setText(tr("T&itle:"));
    m_ntfyBodyLabel->setText(tr("&Message:"));
    m_ntfyBodyEdit->setToolTip(tr("At most %n bytes", nullptr, FieldLimits::kNtfyMessageBytes));
    m_ntfyPriorityLabel->setText(tr("&Priority:"));
    const QStringList priorities{tr("Server default"), tr("1 — min"), tr("2 — low"), tr("3 — default"), tr("4 — high"), tr("5 — urgent")};
    for (int i = 0; i < priorities.size() && i < m_ntfyPriorityCombo->count(); ++i)
        m_ntfyPriorityCombo->setItemText(i, priorities[i]);
    m_ntfyTagsLabel->setText(tr("Ta&gs:"));
    m_ntfyTagsEdit->setPlaceholderText(tr("warning,package (comma-separated)"));
    m_insertButton->setText(tr("Insert placeholder"));
    m_insertButton->setToolTip(tr("Insert a {{placeholder}} where you were typing"));
    m_previewLabel->setText(tr("Preview for a sample recipient (values the composer asks for show as placeholders):"));
}

void TemplatesPage::fillPlaceholderMenu()
{
    QMenu *menu = m_insertButton->menu();
    menu->clear();
    QStringList names{QStringLiteral("nickname"), QStringLiteral("openid"), QStringLiteral("email")};
    if (auto t = templateFromForm()) {
        for (const QString &name : t->placeholders()) {
            if (!names.contains(name))
                names.append(name);
        }
    }
    for (const QString &name : std::as_const(names)) {
        QAction *action = menu->addAction(QStringLiteral("{{%1}}").arg(name));
        action->setObjectName(QStringLiteral("insert_%1").arg(name));
        connect(action, &QAction::triggered, this, [this, name]() { insertPlaceholder(name); });
    }
}

void TemplatesPage::insertPlaceholder(const QString &name)
{
    const QString text = QStringLiteral("{{%1}}").arg(name.trimmed());
    // The field last typed in, if it is on the tab shown; else that tab's main text.
    QWidget *target = m_lastEditor;
    QWidget *tab = m_ui->channelTabs->currentWidget();
    if (!target || !tab || !tab->isAncestorOf(target)) {
        if (tab == m_ui->csTab)
            target = m_ui->csTextEdit;
        else if (tab == m_ui->wechatTab)
            target = m_ui->wechatFieldsEdit;
        else if (tab == m_miniTab)
            target = m_subscribeFieldsEdit;
        else if (tab == m_ui->barkTab)
            target = m_ui->barkBodyEdit;
        else if (tab == m_ntfyTab)
            target = m_ntfyBodyEdit;
        else
            target = m_ui->emailBodyEdit;
    }
    if (auto *line = qobject_cast<QLineEdit *>(target))
        line->insert(text);
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(target))
        plain->insertPlainText(text);
    target->setFocus();
    m_lastEditor = target;
}

QStringList TemplatesPage::fixedTextProblems(const Template &t) const
{
    QHash<QString, QString> empty;
    for (const QString &name : t.placeholders())
        empty.insert(name, QString());
    QStringList out;
    for (const LimitProblem &p : FieldLimits::check(Renderer::render(t, empty)))
        out.append(tr("%1: %2", "channel: problem").arg(DisplayText::label(p.channel), p.message));
    const QList<QPair<QString, QString>> urls{{tr("WeChat template URL"), t.wechatUrl}, {tr("Bark URL"), t.barkUrl},
                                              {tr("Bark icon URL"), t.barkIcon}};
    for (const auto &[what, url] : urls) {
        if (!url.isEmpty() && !url.startsWith(QLatin1String("{{")) && !url.startsWith(QLatin1String("http://"))
            && !url.startsWith(QLatin1String("https://")))
            out.append(tr("%1: “%2” must start with http:// or https://").arg(what, url));
    }
    if (!t.subscribeFields.isEmpty() && t.subscribeTemplateId.isEmpty() && t.formTemplateId.isEmpty())
        out.append(tr("Mini-program: the fields need a subscribe or form template ID"));
    if (!t.wechatFields.isEmpty() && t.wechatTemplateId.isEmpty())
        out.append(tr("WeChat template: the fields need a template ID"));
    return out;
}

void TemplatesPage::updatePreview()
{
    auto t = templateFromForm();
    if (!t) {
        m_previewText->setPlainText(t.error().message);
        InlineMessage::showError(m_limitsLabel, t.error().message);
        return;
    }
    Subscriber sample;
    sample.nickname = tr("Alex Sample");
    sample.mpOpenid = QStringLiteral("o-sample-openid");
    sample.email = QStringLiteral("alex@example.com");
    QHash<QString, QString> vars;
    for (const QString &name : t->placeholders())
        vars.insert(name, QStringLiteral("{{%1}}").arg(name));
    const auto recipient = Renderer::recipientVariables(sample);
    for (auto it = recipient.cbegin(); it != recipient.cend(); ++it)
        vars.insert(it.key(), it.value());
    const ChannelPreviewText p = ChannelPreview::render(Renderer::render(*t, vars));
    m_previewText->setPlainText(p.all);
    QStringList lines = fixedTextProblems(*t);
    for (const LimitProblem &problem : p.problems) {
        const QString line = tr("%1: %2", "channel: problem").arg(DisplayText::label(problem.channel), problem.message);
        if (!lines.contains(line))
            lines.append(line);
    }
    if (lines.isEmpty())
        InlineMessage::clear(m_limitsLabel);
    else
        InlineMessage::showError(m_limitsLabel, lines.join(QLatin1Char('\n')));
}

} // namespace pushdesk
