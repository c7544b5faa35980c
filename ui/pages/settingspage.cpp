#include "pages/settingspage.h"
#include "ui_settingspage.h"

#include "console/settings.h"
#include "pages/inlinemessage.h"
#include "secrets/secretstore.h"
#include "uilanguage.h"
#include "workspace.h"

#include <QEvent>
#include <QSignalBlocker>

namespace pushdesk {

namespace {
// A key nobody writes: reading it tells whether the keychain answers at all.
const QString kProbeKey = QStringLiteral("console/keychain-probe");
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
    load();
    connect(m_ui->keychainCheckButton, &QPushButton::clicked, this, &SettingsPage::checkKeychain);
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
    if (!m_keychainChecked)
        checkKeychain(); // the keychain may ask the desktop: only when the page is looked at
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
    m_settings.setEngineConcurrency(m_ui->concurrencySpin->value());
    m_settings.setConfirmAbove(m_ui->confirmAboveSpin->value());
    m_settings.setOperatorName(name);
    m_settings.sync();
    m_ws.setOperatorName(name);
    emit confirmationThresholdChanged(m_ui->confirmAboveSpin->value());
    emit operatorNameChanged(name);
    InlineMessage::showInfo(m_ui->messageLabel, concurrencyChanged ? tr("Saved. The engine window changes at the next start.")
                                                                   : tr("Saved."));
    return true;
}

void SettingsPage::switchLanguage(const QString &code)
{
    auto applied = UiLanguage::apply(code);
    m_settings.setLanguage(code);
    m_settings.sync();
    // After the switch: this message is in the new language.
    if (!applied)
        InlineMessage::showError(m_ui->messageLabel, applied.error().message);
    else
        InlineMessage::showInfo(m_ui->messageLabel, tr("The console speaks %1 now.").arg(m_ui->languageCombo->currentText()));
}

} // namespace pushdesk
