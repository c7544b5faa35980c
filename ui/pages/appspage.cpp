#include "pages/appspage.h"
#include "ui_appspage.h"

#include <QSignalBlocker>

#include <QEvent>

#include "console/upstreamcheck.h"
#include "engine/upstreamaccess.h"
#include "models/displaytext.h"
#include "models/listingmodel.h"
#include "pages/confirmation.h"
#include "pages/inlinemessage.h"
#include "pages/listingtable.h"
#include "pages/penaltyhistory.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QItemSelectionModel>
#include <QUrl>

namespace pushdesk {

namespace {
bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}
} // namespace

AppsPage::AppsPage(Workspace &ws, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_ui(std::make_unique<Ui::AppsPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("appsPage"));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    for (AppKind kind : {AppKind::OfficialAccount, AppKind::MiniProgram, AppKind::Internal})
        m_ui->kindCombo->addItem(DisplayText::label(kind), toString(kind));
    InlineMessage::clear(m_ui->messageLabel);

    m_model = new ListingModel(ws.db(), Listing::apps(), this);
    ListingTable::configure(m_ui->appsTable, m_model);
    connect(m_model, &ListingModel::reloaded, this, &AppsPage::updateEmptyState);
    connect(m_model, &ListingModel::loadFailed, this, &AppsPage::updateEmptyState);
    connect(m_ui->appsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showApp(current.data(ListingModel::IdRole).toLongLong());
            });
    m_penalties = new PenaltyHistory(ws, m_ui->detailsGroup);
    m_ui->detailsLayout->addWidget(m_penalties, 1);
    connect(m_penalties, &PenaltyHistory::penaltiesChanged, this, [this](qint64 appId) {
        // The score and status in the list and the form follow the penalty.
        m_model->reload();
        ListingTable::selectId(m_ui->appsTable, appId);
        if (auto app = AppRepository(m_ws.db()).findById(appId); app && *app)
            m_ui->statusValueLabel->setText(statusText(**app));
        emit appsChanged();
    });
    connect(m_ui->newButton, &QPushButton::clicked, this, &AppsPage::startNewApp);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &AppsPage::save);
    connect(m_ui->appSecretEdit, &QLineEdit::returnPressed, this, &AppsPage::save);
    connect(m_ui->callbackTokenEdit, &QLineEdit::returnPressed, this, &AppsPage::save);
    m_check = new UpstreamCheck(this);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, &AppsPage::testConnection);
    connect(m_check, &UpstreamCheck::finished, this, [this](bool ok, const QString &message) {
        m_ui->testConnectionButton->setEnabled(m_currentId != 0);
        if (ok)
            InlineMessage::showInfo(m_ui->messageLabel, message);
        else
            InlineMessage::showError(m_ui->messageLabel, message);
        emit connectionTested(ok);
    });
    connect(m_ui->appBroadcastsButton, &QPushButton::clicked, this, [this]() {
        if (m_currentId != 0)
            emit showBroadcastsRequested(m_currentId);
    });

    updateEmptyState();
    if (m_model->rowCount() > 0)
        m_ui->appsTable->selectRow(0);
    else
        startNewApp();
}

AppsPage::~AppsPage() = default;

void AppsPage::startNewApp()
{
    m_ui->appsTable->selectionModel()->clear();
    fillForm(App{});
    m_currentId = 0;
    m_penalties->setAppId(0);
    m_ui->detailsGroup->setTitle(tr("New app"));
    m_ui->statusValueLabel->setText(tr("New apps start active with a credit score of 100."));
    m_ui->nameEdit->setFocus();
}

void AppsPage::showApp(qint64 id)
{
    auto app = AppRepository(m_ws.db()).findById(id);
    if (!app) {
        InlineMessage::showError(m_ui->messageLabel, tr("Cannot read the app: %1").arg(app.error().message));
        return;
    }
    if (!*app) {
        InlineMessage::showError(m_ui->messageLabel, tr("That app no longer exists."));
        return;
    }
    fillForm(**app);
    m_currentId = id;
    m_penalties->setAppId(id); // reloads: complaints upheld elsewhere change the history
    m_ui->detailsGroup->setTitle((*app)->name);
}

void AppsPage::fillForm(const App &app)
{
    InlineMessage::clear(m_ui->messageLabel);
    m_ui->nameEdit->setText(app.name);
    m_ui->kindCombo->setCurrentIndex(qMax(0, m_ui->kindCombo->findData(toString(app.kind))));
    m_ui->appidEdit->setText(app.appid);
    m_ui->upstreamEdit->setText(app.upstream);
    m_ui->barkServerEdit->setText(app.barkServer);
    m_ui->dailyQuotaSpin->setValue(app.dailyQuota);
    m_ui->contactEdit->setText(app.contact);
    m_ui->smtpUrlEdit->setText(app.smtpUrl);
    m_ui->smtpUserEdit->setText(app.smtpUser);
    m_ui->smtpFromEdit->setText(app.smtpFrom);
    m_ui->smtpPasswordEdit->clear();
    m_ui->ntfyServerEdit->setText(app.ntfyServer);
    m_ui->barkUserEdit->setText(app.barkUser);
    m_ui->barkPasswordEdit->clear();
    m_ui->ntfyTokenEdit->clear();
    m_ui->webhookSecretEdit->clear();
    m_ui->appSecretEdit->clear();
    m_ui->callbackTokenEdit->clear();
    m_ui->disabledCheck->setChecked(app.disabled);
    m_ui->statusValueLabel->setText(statusText(app));
    // What needs a saved app: its broadcasts and a test of its saved upstream.
    m_ui->appBroadcastsButton->setEnabled(app.id != 0);
    m_ui->testConnectionButton->setEnabled(app.id != 0 && !(m_check && m_check->isRunning()));
}

void AppsPage::testConnection()
{
    if (m_currentId == 0)
        return;
    auto app = AppRepository(m_ws.db()).findById(m_currentId);
    if (!app || !*app) {
        InlineMessage::showError(m_ui->messageLabel, app ? tr("That app no longer exists.")
                                                         : tr("Cannot read the app: %1").arg(app.error().message));
        emit connectionTested(false);
        return;
    }
    if ((*app)->upstream == QLatin1String(kBuiltInSandbox)) {
        if (auto r = m_ws.ensureSandbox(); !r) {
            InlineMessage::showError(m_ui->messageLabel, tr("The built-in sandbox did not start: %1").arg(r.error().message));
            emit connectionTested(false);
            return;
        }
    }
    m_ui->testConnectionButton->setEnabled(false);
    InlineMessage::showInfo(m_ui->messageLabel, tr("Testing the connection of %1…").arg((*app)->name));
    m_check->start(**app, m_ws.sandboxUrl(), &m_ws.secrets());
}

QString AppsPage::statusText(const App &app) const
{
    QString status = DisplayText::label(app.status);
    if (app.status == AppStatus::Suspended && app.suspendedUntil.isValid())
        status = tr("Suspended until %1").arg(DisplayText::dateTime(app.suspendedUntil));
    if (app.disabled)
        status = tr("Disabled");
    return tr("%1 · credit score %2").arg(status).arg(app.creditScore);
}

QString AppsPage::validate() const
{
    if (m_ui->nameEdit->text().trimmed().isEmpty())
        return tr("Give the app a name.");
    const QString upstream = m_ui->upstreamEdit->text().trimmed();
    if (upstream != QLatin1String(kBuiltInSandbox) && !isHttpUrl(upstream))
        return tr("The upstream must be “sandbox” or an http(s) URL such as https://api.weixin.qq.com.");
    const QString bark = m_ui->barkServerEdit->text().trimmed();
    if (!bark.isEmpty() && !isHttpUrl(bark))
        return tr("The Bark server must be empty or an http(s) URL such as https://api.day.app.");
    if (m_ui->barkUserEdit->text().contains(QLatin1Char(':')))
        return tr("The Bark user may not contain “:”.");
    // Credentials never cross a network in clear text: the engine would not send them, so say it now.
    const auto clearText = [&upstream](const QString &server) {
        const QUrl url(server.isEmpty() ? upstream : server);
        return url.scheme() == QLatin1String("http") && !UpstreamAccess::isLoopback(url);
    };
    if ((!m_ui->barkUserEdit->text().trimmed().isEmpty() || !m_ui->barkPasswordEdit->text().isEmpty()) && clearText(bark))
        return tr("A Bark login is only sent over https (or to this machine): give the Bark server as https://….");
    const QString ntfy = m_ui->ntfyServerEdit->text().trimmed(); // empty: https://ntfy.sh, or the sandbox's
    if (!m_ui->ntfyTokenEdit->text().isEmpty() && !ntfy.isEmpty() && clearText(ntfy))
        return tr("An ntfy access token is only sent over https (or to this machine): give the ntfy server as https://….");
    return {};
}

bool AppsPage::save()
{
    if (const QString problem = validate(); !problem.isEmpty()) {
        InlineMessage::showError(m_ui->messageLabel, problem);
        return false;
    }
    App app;
    if (m_currentId != 0) {
        // Start from the stored row so that fields this form does not show (status, credit) are kept.
        auto stored = AppRepository(m_ws.db()).findById(m_currentId);
        if (!stored || !*stored) {
            InlineMessage::showError(m_ui->messageLabel,
                                     stored ? tr("That app no longer exists.") : tr("Cannot read the app: %1").arg(stored.error().message));
            return false;
        }
        app = **stored;
    }
    app.name = m_ui->nameEdit->text().trimmed();
    fromString(m_ui->kindCombo->currentData().toString(), &app.kind);
    app.appid = m_ui->appidEdit->text().trimmed();
    app.upstream = m_ui->upstreamEdit->text().trimmed();
    app.barkServer = m_ui->barkServerEdit->text().trimmed();
    app.dailyQuota = m_ui->dailyQuotaSpin->value();
    app.contact = m_ui->contactEdit->text().trimmed();
    app.smtpUrl = m_ui->smtpUrlEdit->text().trimmed();
    app.smtpUser = m_ui->smtpUserEdit->text().trimmed();
    app.smtpFrom = m_ui->smtpFromEdit->text().trimmed();
    app.ntfyServer = m_ui->ntfyServerEdit->text().trimmed();
    app.barkUser = m_ui->barkUserEdit->text().trimmed();
    app.disabled = m_ui->disabledCheck->isChecked();

    // Saved with its audit event (app.create / app.edit / app.disable / app.enable).
    const bool isNew = app.id == 0;
    auto id = m_ws.saveApp(app);
    if (!id) {
        InlineMessage::showError(m_ui->messageLabel, isNew ? tr("Cannot add the app: %1").arg(id.error().message)
                                                           : tr("Cannot save the app: %1").arg(id.error().message));
        return false;
    }
    app.id = *id;
    m_currentId = app.id;
    m_penalties->setAppId(app.id);

    QString problem;
    QString note;
    // The secrets typed into the form, each to the keychain under its key; an edit is cleared once kept.
    const struct {
        QLineEdit *edit;
        QString key;
        QString what;
    } secrets[] = {
        {m_ui->appSecretEdit, SecretStore::appSecretKey(app.id), tr("AppSecret")},
        {m_ui->callbackTokenEdit, SecretStore::callbackTokenKey(app.id), tr("callback Token")},
        {m_ui->smtpPasswordEdit, SecretStore::smtpPasswordKey(app.id), tr("SMTP password")},
        {m_ui->barkPasswordEdit, SecretStore::barkPasswordKey(app.id), tr("Bark password")},
        {m_ui->ntfyTokenEdit, SecretStore::ntfyTokenKey(app.id), tr("ntfy access token")},
        {m_ui->webhookSecretEdit, SecretStore::webhookSecretKey(app.id), tr("webhook secret")},
    };
    for (const auto &secret : secrets) {
        const QString value = secret.edit->text();
        if (!problem.isEmpty() || value.isEmpty())
            continue;
        const auto stored = storeSecret(app.id, secret.key, secret.what, value);
        if (stored == SecretOutcome::Keychain || stored == SecretOutcome::Session)
            secret.edit->clear();
        if (stored == SecretOutcome::Session)
            note = tr("Saved. The %1 is kept in memory for this session only: type it again after Pushdesk restarts, "
                      "or once the keychain works.").arg(secret.what);
        else if (stored == SecretOutcome::NotStored)
            problem = tr("The app was saved, but its %1 was not: %2").arg(secret.what, m_secretProblem);
    }
    if (problem.isEmpty() && app.upstream == QLatin1String(kBuiltInSandbox)) {
        if (auto r = m_ws.ensureSandbox(); !r)
            problem = tr("The app was saved, but the built-in sandbox did not start: %1").arg(r.error().message);
    }

    m_model->reload();
    ListingTable::selectId(m_ui->appsTable, app.id);
    QStringList untyped; // kept for another try when they could not be stored
    for (const auto &secret : secrets)
        untyped.append(secret.edit->text());
    fillForm(app);
    for (const auto &secret : secrets)
        secret.edit->setText(untyped.takeFirst());
    m_ui->detailsGroup->setTitle(app.name);
    if (!problem.isEmpty())
        InlineMessage::showError(m_ui->messageLabel, problem);
    else
        InlineMessage::showInfo(m_ui->messageLabel, note.isEmpty() ? tr("Saved.") : note);
    emit appsChanged();
    return problem.isEmpty();
}

AppsPage::SecretOutcome AppsPage::storeSecret(qint64 appId, const QString &key, const QString &what, const QString &value)
{
    m_secretProblem.clear();
    auto written = m_ws.replaceSecret(appId, key, value);
    if (written)
        return SecretOutcome::Keychain;
    // The keychain cannot take it: say so plainly, and offer this session's memory, never the disk.
    m_secretProblem = written.error().message;
    const QString question =
        tr("The %1 could not be stored in the system keychain:\n\n%2\n\n"
           "Pushdesk never writes secrets anywhere else. It can keep this %1 in memory until you quit, so that "
           "broadcasts work in this session; you will have to type it again next time. To keep it for good, unlock or "
           "start the keychain (for example GNOME Keyring or KWallet) and save again.\n\n"
           "Keep the %1 in memory for this session only?")
            .arg(what, written.error().message);
    if (!Confirmation::ask(this, tr("Keychain not available"), question))
        return SecretOutcome::NotStored;
    if (auto kept = m_ws.keepSecretForSession(appId, key, value); !kept) {
        m_secretProblem = kept.error().message;
        return SecretOutcome::NotStored;
    }
    return SecretOutcome::Session;
}

void AppsPage::updateEmptyState()
{
    ListingTable::updateEmptyState(m_ui->emptyStateLabel, m_model,
                                   tr("No apps yet — add one with “New app”, or run “pushdesk demo” for a demo database."),
                                   tr("No app matches."));
}

void AppsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The form keeps what was typed; only the words around it change.
        m_ui->retranslateUi(this);
        {
            const QSignalBlocker blocker(m_ui->kindCombo);
            for (int i = 0; i < m_ui->kindCombo->count(); ++i)
                m_ui->kindCombo->setItemText(i, DisplayText::label(m_ui->kindCombo->itemData(i).toString()));
        }
        m_model->refreshHeaders();
        updateEmptyState();
        if (m_currentId == 0) {
            m_ui->detailsGroup->setTitle(tr("New app"));
            m_ui->statusValueLabel->setText(tr("New apps start active with a credit score of 100."));
        } else if (auto app = AppRepository(m_ws.db()).findById(m_currentId); app && *app) {
            m_ui->detailsGroup->setTitle((*app)->name);
            m_ui->statusValueLabel->setText(statusText(**app));
        }
    }
    QWidget::changeEvent(event);
}

} // namespace pushdesk
