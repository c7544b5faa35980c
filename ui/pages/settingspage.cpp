#include "pages/settingspage.h"
#include "ui_settingspage.h"

#include "audit/auditlog.h"
#include "console/settings.h"
#include "pages/inlinemessage.h"
#include "secrets/secretstore.h"
#include "store/database.h"
#include "uilanguage.h"
#include "workspace.h"

#include <QApplication>
#include <QEvent>
#include <QJsonObject>
#include <QFileDialog>
#include <QSignalBlocker>

namespace pushdesk {

namespace {
// A key nobody writes: reading it tells whether the keychain answers at all.
const QString kProbeKey = QStringLiteral("console/keychain-probe");
const QString kSqlite = QStringLiteral("sqlite");
const QString kPostgres = QStringLiteral("postgresql");
// Rows of databaseForm: 1 the SQLite file, 2–5 the PostgreSQL server.
constexpr int kSqliteRow = 1;
constexpr int kFirstPgRow = 2;
constexpr int kLastPgRow = 5;

// Settings edits are operator actions: each save writes one audit event with the values that changed,
// before and after (nothing when nothing changed).
void recordSettingsChange(Workspace &ws, const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject was, now;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value()) {
            was.insert(it.key(), before.value(it.key()));
            now.insert(it.key(), it.value());
        }
    }
    if (now.isEmpty())
        return;
    AuditEvent e;
    e.operatorName = ws.operatorName();
    e.action = audit::SettingsEdit;
    e.recordType = audit::TypeSettings;
    e.before = was;
    e.after = now;
    AuditLog::record(ws.db(), e);
}
} // namespace

SettingsPage::SettingsPage(Workspace &ws, ConsoleSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_ws(ws)
    , m_settings(settings)
    , m_ui(std::make_unique<Ui::SettingsPage>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("settingsPage"));
    InlineMessage::clear(m_ui->messageLabel);
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("100000000")) + 48;
    m_ui->concurrencySpin->setMaximumWidth(numberWidth);
    m_ui->confirmAboveSpin->setMaximumWidth(numberWidth);
    fillLanguages();
    fillDatabaseKinds();
    load();
    loadDatabase();
    connect(m_ui->keychainCheckButton, &QPushButton::clicked, this, &SettingsPage::checkKeychain);
    connect(m_ui->databaseKindCombo, &QComboBox::currentIndexChanged, this, &SettingsPage::showDatabaseKind);
    connect(m_ui->databaseTestButton, &QPushButton::clicked, this, &SettingsPage::testDatabase);
    connect(m_ui->databaseSaveButton, &QPushButton::clicked, this, &SettingsPage::saveDatabase);
    connect(m_ui->sqliteBrowseButton, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Database file"), m_ui->sqlitePathEdit->text(),
                                                          tr("SQLite databases (*.db);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_ui->sqlitePathEdit->setText(path);
    });
    connect(m_ui->saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_ui->operatorEdit, &QLineEdit::returnPressed, this, &SettingsPage::save);
    connect(m_ui->languageCombo, &QComboBox::currentIndexChanged, this, [this]() {
        switchLanguage(m_ui->languageCombo->currentData().toString());
    });
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::fillLanguages()
{
    const QSignalBlocker blocker(m_ui->languageCombo);
    m_ui->languageCombo->clear();
    for (const auto &[code, name] : UiLanguage::available())
        m_ui->languageCombo->addItem(name, code); // each in its own language: found whatever the window speaks
    m_ui->languageCombo->setCurrentIndex(qMax(0, m_ui->languageCombo->findData(UiLanguage::current())));
}

void SettingsPage::load()
{
    m_ui->databaseEdit->setText(m_ws.db().config().describe());
    m_ui->databaseEdit->setToolTip(tr("Choose another database with “pushdesk --db FILE”."));
    m_ui->concurrencySpin->setValue(m_settings.engineConcurrency());
    m_ui->confirmAboveSpin->setValue(int(qMin<qint64>(m_settings.confirmAbove(), m_ui->confirmAboveSpin->maximum())));
    m_ui->operatorEdit->setText(m_ws.operatorName());
    m_ui->keychainValue->setText(tr("not checked yet"));
}

void SettingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_keychainChecked) {
        checkKeychain(); // the keychain may ask the desktop: only when the page is looked at
        updatePasswordPlaceholder();
    }
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const QString typedOperator = m_ui->operatorEdit->text();
        const int concurrency = m_ui->concurrencySpin->value();
        const int confirmAbove = m_ui->confirmAboveSpin->value();
        m_ui->retranslateUi(this);
        m_ui->operatorEdit->setText(typedOperator);
        m_ui->concurrencySpin->setValue(concurrency);
        m_ui->confirmAboveSpin->setValue(confirmAbove);
        m_ui->databaseEdit->setToolTip(tr("Choose another database with “pushdesk --db FILE”."));
        fillLanguages();
        fillDatabaseKinds();
        updatePasswordPlaceholder();
        if (m_keychainChecked)
            m_ui->keychainValue->setText(keychainStatus());
        else
            m_ui->keychainValue->setText(tr("not checked yet"));
    }
    QWidget::changeEvent(event);
}

QString SettingsPage::keychainStatus() const
{
    if (!m_keychainChecked)
        return {};
    return m_keychainError.isEmpty() ? tr("available") : tr("not available: %1").arg(m_keychainError);
}

void SettingsPage::checkKeychain()
{
    auto probe = m_ws.secrets().read(kProbeKey);
    m_keychainChecked = true;
    m_keychainError = probe ? QString() : probe.error().message;
    m_ui->keychainValue->setText(keychainStatus());
    m_ui->keychainValue->setToolTip(m_keychainError.isEmpty()
                                        ? QString()
                                        : tr("App secrets cannot be saved until the keychain answers: unlock it, or start "
                                             "a Secret Service (e.g. GNOME Keyring or KWallet)."));
}

bool SettingsPage::save()
{
    const QString name = m_ui->operatorEdit->text().trimmed();
    if (name.isEmpty()) {
        InlineMessage::showError(m_ui->messageLabel, tr("Type an operator name: it is recorded with every broadcast you create."));
        return false;
    }
    const bool concurrencyChanged = m_ui->concurrencySpin->value() != m_settings.engineConcurrency();
    const QJsonObject before{{QStringLiteral("engine_concurrency"), m_settings.engineConcurrency()},
                             {QStringLiteral("confirm_above"), m_settings.confirmAbove()},
                             {QStringLiteral("operator"), m_ws.operatorName()}};
    const QJsonObject after{{QStringLiteral("engine_concurrency"), m_ui->concurrencySpin->value()},
                            {QStringLiteral("confirm_above"), qint64(m_ui->confirmAboveSpin->value())},
                            {QStringLiteral("operator"), name}};
    m_settings.setEngineConcurrency(m_ui->concurrencySpin->value());
    m_settings.setConfirmAbove(m_ui->confirmAboveSpin->value());
    m_settings.setOperatorName(name);
    m_settings.sync();
    m_ws.setOperatorName(name);
    recordSettingsChange(m_ws, before, after); // by the operator named now
    emit confirmationThresholdChanged(m_ui->confirmAboveSpin->value());
    emit operatorNameChanged(name);
    InlineMessage::showInfo(m_ui->messageLabel, concurrencyChanged ? tr("Saved. The engine window changes at the next start.")
                                                                   : tr("Saved."));
    return true;
}

void SettingsPage::fillDatabaseKinds()
{
    const QSignalBlocker blocker(m_ui->databaseKindCombo);
    const QString current = m_ui->databaseKindCombo->currentData().toString();
    m_ui->databaseKindCombo->clear();
    m_ui->databaseKindCombo->addItem(tr("SQLite file (one person)"), kSqlite);
    m_ui->databaseKindCombo->addItem(tr("PostgreSQL server (a team)"), kPostgres);
    m_ui->databaseKindCombo->setCurrentIndex(qMax(0, m_ui->databaseKindCombo->findData(current)));
}

void SettingsPage::loadDatabase()
{
    const DatabaseConfig chosen = m_settings.database();
    {
        const QSignalBlocker blocker(m_ui->databaseKindCombo);
        m_ui->databaseKindCombo->setCurrentIndex(m_ui->databaseKindCombo->findData(chosen.isPostgres() ? kPostgres : kSqlite));
    }
    m_ui->sqlitePathEdit->setText(chosen.isPostgres() ? DatabaseConfig::defaultSqlitePath() : chosen.path);
    m_ui->pgHostEdit->setText(chosen.host);
    m_ui->pgPortSpin->setValue(chosen.port);
    m_ui->pgNameEdit->setText(chosen.name);
    m_ui->pgUserEdit->setText(chosen.user);
    m_ui->pgPasswordEdit->clear();
    InlineMessage::clear(m_ui->databaseMessageLabel);
    showDatabaseKind();
}

void SettingsPage::showDatabaseKind()
{
    const bool pg = m_ui->databaseKindCombo->currentData().toString() == kPostgres;
    m_ui->databaseForm->setRowVisible(kSqliteRow, !pg);
    for (int row = kFirstPgRow; row <= kLastPgRow; ++row)
        m_ui->databaseForm->setRowVisible(row, pg);
    InlineMessage::clear(m_ui->databaseMessageLabel);
    updatePasswordPlaceholder();
}

namespace {
// What the Database section names (without the password), or what is missing.
Result<DatabaseConfig> databaseFromForm(const Ui::SettingsPage &ui)
{
    if (ui.databaseKindCombo->currentData().toString() != kPostgres) {
        const QString path = ui.sqlitePathEdit->text().trimmed();
        if (path.isEmpty())
            return fail(SettingsPage::tr("Choose the database file."));
        return DatabaseConfig::sqlite(path);
    }
    const DatabaseConfig c = DatabaseConfig::postgres(ui.pgHostEdit->text().trimmed(), ui.pgPortSpin->value(),
                                                      ui.pgNameEdit->text().trimmed(), ui.pgUserEdit->text().trimmed());
    if (c.host.isEmpty())
        return fail(SettingsPage::tr("Type the host name or address of the PostgreSQL server."));
    if (c.name.isEmpty())
        return fail(SettingsPage::tr("Type the name of the database on the server."));
    if (c.user.isEmpty())
        return fail(SettingsPage::tr("Type the user name Pushdesk connects as."));
    return c;
}
} // namespace

void SettingsPage::updatePasswordPlaceholder()
{
    auto config = databaseFromForm(*m_ui);
    QString text = tr("Type it to keep it in the keychain");
    if (m_keychainChecked && m_keychainError.isEmpty() && config && config->isPostgres()) {
        auto stored = m_ws.secrets().read(config->secretKey());
        if (stored && *stored)
            text = tr("Kept in the keychain; type a new one to replace it");
    }
    m_ui->pgPasswordEdit->setPlaceholderText(text);
}

bool SettingsPage::testDatabase()
{
    auto config = databaseFromForm(*m_ui);
    if (!config) {
        InlineMessage::showError(m_ui->databaseMessageLabel, config.error().message);
        return false;
    }
    if (config->isPostgres()) {
        config->password = m_ui->pgPasswordEdit->text();
        if (config->password.isEmpty())
            config->resolvePassword(m_ws.secrets());
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto found = Database::probe(*config);
    QApplication::restoreOverrideCursor();
    if (!found) {
        InlineMessage::showError(m_ui->databaseMessageLabel, found.error().message);
        return false;
    }
    InlineMessage::showInfo(m_ui->databaseMessageLabel, *found);
    return true;
}

bool SettingsPage::saveDatabase()
{
    auto config = databaseFromForm(*m_ui);
    if (!config) {
        InlineMessage::showError(m_ui->databaseMessageLabel, config.error().message);
        return false;
    }
    const QString typed = m_ui->pgPasswordEdit->text();
    bool passwordKnown = !config->isPostgres() || !typed.isEmpty();
    if (config->isPostgres() && !typed.isEmpty()) {
        if (auto r = m_ws.secrets().write(config->secretKey(), typed); !r) {
            InlineMessage::showError(m_ui->databaseMessageLabel,
                                     tr("The password could not be kept in the keychain, so nothing was changed: %1")
                                         .arg(r.error().message));
            return false;
        }
    } else if (config->isPostgres()) {
        auto stored = m_ws.secrets().read(config->secretKey());
        passwordKnown = stored && *stored;
    }
    const QString before = m_settings.hasDatabase() ? m_settings.database().describe() : QString();
    m_settings.setDatabase(*config);
    m_settings.sync();
    // On record like every settings edit; a new password is noted as replaced, never written.
    QJsonObject was{{QStringLiteral("database"), before}}, now{{QStringLiteral("database"), config->describe()}};
    if (config->isPostgres() && !typed.isEmpty()) {
        // Which keychain entry was replaced (the audit log masks any key that names a password).
        was.insert(QStringLiteral("keychain_entry_replaced"), QString());
        now.insert(QStringLiteral("keychain_entry_replaced"), config->secretKey());
    }
    recordSettingsChange(m_ws, was, now);
    m_ui->pgPasswordEdit->clear();
    updatePasswordPlaceholder();
    if (!passwordKnown)
        InlineMessage::showInfo(m_ui->databaseMessageLabel,
                                tr("Saved: Pushdesk opens %1 at its next start. No password is kept for it: type it "
                                   "here, or set PGPASSWORD or ~/.pgpass.")
                                    .arg(config->describe()));
    else
        InlineMessage::showInfo(m_ui->databaseMessageLabel,
                                tr("Saved: Pushdesk opens %1 at its next start.").arg(config->describe()));
    return true;
}

void SettingsPage::switchLanguage(const QString &code)
{
    auto applied = UiLanguage::apply(code);
    const QString previous = m_settings.language();
    m_settings.setLanguage(code);
    m_settings.sync();
    recordSettingsChange(m_ws, {{QStringLiteral("language"), previous}}, {{QStringLiteral("language"), code}});
    // After the switch: this message is in the new language.
    if (!applied)
        InlineMessage::showError(m_ui->messageLabel, applied.error().message);
    else
        InlineMessage::showInfo(m_ui->messageLabel, tr("The console speaks %1 now.").arg(m_ui->languageCombo->currentText()));
}

} // namespace pushdesk
