#include "pages/importdialog.h"

#include "audit/auditlog.h"
#include "store/apprepository.h"
#include "workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pushdesk {

ImportDialog::ImportDialog(Workspace &ws, QWidget *parent)
    : QDialog(parent)
    , m_ws(ws)
{
    setObjectName(QStringLiteral("importDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_kindLabel = new QLabel(this);
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    for (ImportKind kind : {ImportKind::Subscribers, ImportKind::Bindings, ImportKind::Events, ImportKind::Credits, ImportKind::List})
        m_kindCombo->addItem(QString(), int(kind));
    m_kindLabel->setBuddy(m_kindCombo);
    form->addRow(m_kindLabel, m_kindCombo);
    m_appLabel = new QLabel(this);
    m_appCombo = new QComboBox(this);
    m_appCombo->setObjectName(QStringLiteral("appCombo"));
    m_appCombo->addItem(QString(), QString());
    if (auto apps = AppRepository(ws.db()).all()) {
        for (const App &app : std::as_const(*apps))
            m_appCombo->addItem(app.name, app.name);
    }
    m_appLabel->setBuddy(m_appCombo);
    form->addRow(m_appLabel, m_appCombo);
    m_listNameLabel = new QLabel(this);
    m_listNameEdit = new QLineEdit(this);
    m_listNameEdit->setObjectName(QStringLiteral("listNameEdit"));
    m_listNameLabel->setBuddy(m_listNameEdit);
    form->addRow(m_listNameLabel, m_listNameEdit);
    m_fileLabel = new QLabel(this);
    auto *fileRow = new QHBoxLayout;
    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_browseButton = new QPushButton(this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(m_browseButton);
    m_fileLabel->setBuddy(m_fileEdit);
    form->addRow(m_fileLabel, fileRow);
    layout->addLayout(form);
    m_columnsLabel = new QLabel(this);
    m_columnsLabel->setObjectName(QStringLiteral("columnsLabel"));
    m_columnsLabel->setWordWrap(true);
    layout->addWidget(m_columnsLabel);

    m_reportText = new QPlainTextEdit(this);
    m_reportText->setObjectName(QStringLiteral("reportText"));
    m_reportText->setReadOnly(true);
    layout->addWidget(m_reportText, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_checkButton = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_checkButton->setObjectName(QStringLiteral("checkButton"));
    m_commitButton = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_commitButton->setObjectName(QStringLiteral("commitButton"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(buttons);
    m_commitButton->setEnabled(false);
    m_commitButton->setAutoDefault(false);
    m_checkButton->setDefault(true);

    connect(m_browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_checkButton, &QPushButton::clicked, this, &ImportDialog::check);
    connect(m_commitButton, &QPushButton::clicked, this, &ImportDialog::commit);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &ImportDialog::invalidate);
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, [this]() {
        invalidate();
        retranslateUi(); // the column list follows the kind
    });
    connect(m_appCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::invalidate);
    connect(m_listNameEdit, &QLineEdit::textChanged, this, &ImportDialog::invalidate);

    retranslateUi();
    resize(640, 480);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::retranslateUi()
{
    setWindowTitle(tr("Import CSV"));
    const QStringList kinds{tr("Subscribers"), tr("Bindings"), tr("Subscriber events"), tr("Send credits"), tr("Audience list")};
    for (int i = 0; i < kinds.size() && i < m_kindCombo->count(); ++i)
        m_kindCombo->setItemText(i, kinds[i]);
    m_kindLabel->setText(tr("&Contents:"));
    m_appLabel->setText(tr("&App:"));
    m_appCombo->setItemText(0, tr("(named in the file)"));
    m_appCombo->setToolTip(tr("The app for rows that leave the app column empty; subscribers are also bound to it"));
    m_fileLabel->setText(tr("&File:"));
    m_browseButton->setText(tr("&Browse…"));
    const ImportKind kind = currentKind();
    m_listNameLabel->setText(tr("List &name:"));
    m_listNameEdit->setPlaceholderText(tr("for example: March customers"));
    const bool list = kind == ImportKind::List;
    m_listNameLabel->setVisible(list);
    m_listNameEdit->setVisible(list);
    m_appLabel->setVisible(!list);
    m_appCombo->setVisible(!list);
    m_columnsLabel->setText(list ? tr("Columns: %1 (any of them; each row names one known subscriber).")
                                       .arg(Importer::columns(kind).join(QStringLiteral(", ")))
                                 : tr("Columns: %1 (the first is required).").arg(Importer::columns(kind).join(QStringLiteral(", "))));
    m_checkButton->setText(tr("C&heck"));
    m_commitButton->setText(tr("&Import"));
    m_reportText->setPlaceholderText(tr("Check the file to see what it would import and what is wrong with it."));
    if (m_report)
        m_reportText->setPlainText(describe(*m_report));
}

void ImportDialog::setFileName(const QString &path)
{
    m_fileEdit->setText(path);
}

void ImportDialog::setKind(ImportKind kind)
{
    m_kindCombo->setCurrentIndex(qMax(0, m_kindCombo->findData(int(kind))));
}

void ImportDialog::setListName(const QString &name)
{
    m_listNameEdit->setText(name);
}

ImportKind ImportDialog::currentKind() const
{
    return static_cast<ImportKind>(m_kindCombo->currentData().toInt());
}

void ImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), m_fileEdit->text(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        m_fileEdit->setText(path);
        check();
    }
}

void ImportDialog::invalidate()
{
    // A report is only good for the file and options it was made with.
    m_report.reset();
    m_committed = false;
    m_commitButton->setEnabled(false);
    m_reportText->clear();
}

ImportOptions ImportDialog::options(bool dryRun) const
{
    ImportOptions o;
    o.appName = m_appCombo->currentData().toString();
    o.dryRun = dryRun;
    o.operatorName = m_ws.operatorName().isEmpty() ? AuditLog::defaultOperator() : m_ws.operatorName();
    o.fileName = QFileInfo(m_fileEdit->text()).fileName();
    o.listName = m_listNameEdit->text().trimmed();
    return o;
}

QString ImportDialog::describe(const ImportReport &report) const
{
    QStringList lines;
    const QString file = QFileInfo(m_fileEdit->text()).fileName();
    if (report.ok() && report.kind == ImportKind::List) {
        lines << (report.dryRun ? tr("No problems: the list “%1” would have %n subscriber(s).", nullptr, report.inserted).arg(report.listName)
                                : tr("The list “%1” was made with %n subscriber(s).", nullptr, report.inserted).arg(report.listName));
    } else if (report.ok()) {
        lines << (report.dryRun ? tr("No problems: %n row(s) ready to import.", nullptr, report.rows)
                                : tr("Imported %n row(s).", nullptr, report.rows));
        lines << tr("New: %1 · updated: %2 · bindings made: %3").arg(report.inserted).arg(report.updated).arg(report.bindingsCreated);
        if (report.keptOptOuts > 0)
            lines << tr("%n subscriber(s) who opted out stay opted out.", nullptr, report.keptOptOuts);
    } else {
        lines << tr("%n problem(s): nothing will be imported until they are fixed.", nullptr, report.problemCount);
        for (const ImportProblem &p : report.problems)
            lines << p.describe(file);
        if (report.problemCount > report.problems.size())
            lines << tr("… and %n more.", nullptr, int(report.problemCount - report.problems.size()));
    }
    return lines.join(QLatin1Char('\n'));
}

bool ImportDialog::check()
{
    invalidate();
    if (m_fileEdit->text().trimmed().isEmpty()) {
        m_reportText->setPlainText(tr("Choose a CSV file first."));
        return false;
    }
    const ImportKind kind = currentKind();
    auto report = Importer(m_ws.db()).runFile(kind, m_fileEdit->text().trimmed(), options(true));
    if (!report) {
        m_reportText->setPlainText(tr("Cannot check the file: %1").arg(report.error().message));
        return false;
    }
    m_report = *report;
    m_reportText->setPlainText(describe(*report));
    m_commitButton->setEnabled(report->ok());
    return report->ok();
}

bool ImportDialog::commit()
{
    if (!m_report || !m_report->ok() || m_committed)
        return false;
    const ImportKind kind = currentKind();
    auto report = Importer(m_ws.db()).runFile(kind, m_fileEdit->text().trimmed(), options(false));
    m_commitButton->setEnabled(false);
    if (!report) {
        m_reportText->setPlainText(tr("Nothing was imported: %1").arg(report.error().message));
        return false;
    }
    // The file may have changed since the check: the importer checks again and writes nothing then.
    m_report = *report;
    m_reportText->setPlainText(describe(*report));
    if (!report->ok())
        return false;
    m_committed = true;
    emit imported(*report);
    return true;
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace pushdesk
