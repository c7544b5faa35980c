// Trust and safety in the console, driven through named widgets on the offscreen platform: the
// Complaints page's review queue (uphold costs points, dismiss needs a note), the Audit page showing
// the decision with before and after, manual ban and lift-ban on the Apps page, an operator's binding
// edit on the Subscribers page, and "Import CSV…" checking a file before anything is written.
#include "audit/auditlog.h"
#include "mainwindow.h"
#include "models/listingmodel.h"
#include "pages/appspage.h"
#include "pages/auditpage.h"
#include "pages/complaintspage.h"
#include "pages/confirmation.h"
#include "pages/importdialog.h"
#include "pages/inlinemessage.h"
#include "pages/penaltyhistory.h"
#include "pages/subscriberspage.h"
#include "policy/complaints.h"
#include "policy/penalties.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace pushdesk;

namespace {
const QString kReviewer = QStringLiteral("reviewer-ann");

using testsupport::child;

AuditQuery auditQuery(const QString &who, const QString &actionPrefix, const QString &recordType = {}, qint64 recordId = 0)
{
    AuditQuery q;
    q.operatorName = who;
    q.actionPrefix = actionPrefix;
    q.recordType = recordType;
    q.recordId = recordId;
    return q;
}

bool selectComboData(QComboBox *combo, const QString &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}
} // namespace

class tst_UiTrust : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void navigationReachesComplaintsAndAudit();
    void upholdHarassmentDeductsAndShowsOutcome();
    void dismissNeedsANote();
    void auditPageListsTheDecision();
    void manualBanThenLiftBanWithReason();
    void bindingEditIsAppliedAndAudited();
    void importBadCsvChangesNothingGoodOneImports();
    void languageChangeKeepsWhatWasTyped();

private:
    qint64 makeApp(const QString &name);
    qint64 complain(qint64 appId, ComplaintCategory category, const QString &text);
    App app(qint64 id);
    qint64 subscriberCount();
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_harassmentComplaint = 0;
    qint64 m_harassedApp = 0;
};

void tst_UiTrust::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    WorkspaceOptions options;
    options.secrets = std::make_shared<MemorySecretStore>();
    options.startEngine = false;
    auto ws = Workspace::open(DatabaseConfig::sqlite(testsupport::databasePath(m_dir)), options);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
    m_ws = std::move(*ws);
    m_ws->setOperatorName(kReviewer);
}

void tst_UiTrust::cleanupTestCase()
{
    m_ws.reset();
}

qint64 tst_UiTrust::makeApp(const QString &name)
{
    App a;
    a.name = name;
    a.appid = QStringLiteral("wx") + name;
    auto id = AppRepository(m_ws->db()).create(a);
    if (!id)
        qWarning() << id.error().message;
    return id.value_or(0);
}

qint64 tst_UiTrust::complain(qint64 appId, ComplaintCategory category, const QString &text)
{
    Template t;
    t.appId = appId;
    t.name = QStringLiteral("Flash sale %1").arg(text.size());
    t.csText = QStringLiteral("Buy now!");
    auto tid = TemplateRepository(m_ws->db()).create(t);
    if (!tid)
        return 0;
    Broadcast b;
    b.appId = appId;
    b.templateId = *tid;
    auto bid = BroadcastRepository(m_ws->db()).create(b);
    if (!bid)
        return 0;
    Complaint c;
    c.appId = appId;
    c.broadcastId = *bid;
    c.category = category;
    c.text = text;
    auto id = ComplaintRepository(m_ws->db()).create(c);
    if (!id)
        qWarning() << id.error().message;
    return id.value_or(0);
}

App tst_UiTrust::app(qint64 id)
{
    auto a = AppRepository(m_ws->db()).findById(id);
    return a && *a ? **a : App();
}

qint64 tst_UiTrust::subscriberCount()
{
    return SubscriberRepository(m_ws->db()).count().value_or(-1);
}

QString tst_UiTrust::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

void tst_UiTrust::navigationReachesComplaintsAndAudit()
{
    MainWindow w(*m_ws);
    auto *stack = child<QStackedWidget>(&w, "pageStack");
    QVERIFY(stack);
    auto *complaints = child<QAction>(&w, "showComplaintsAction");
    auto *audit = child<QAction>(&w, "showAuditAction");
    QVERIFY(complaints && audit);
    QCOMPARE(complaints->shortcut(), QKeySequence(QStringLiteral("Ctrl+9")));
    complaints->trigger();
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("complaintsPage"));
    QCOMPARE(w.currentPage(), MainWindow::Page::Complaints);
    audit->trigger();
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("auditPage"));
    QVERIFY(child<QMenu>(&w, "goMenu")->actions().contains(audit));
    QAbstractItemModelTester complaintsTester(w.complaintsPage()->model());
    QAbstractItemModelTester auditTester(w.auditPage()->model());
}

void tst_UiTrust::upholdHarassmentDeductsAndShowsOutcome()
{
    m_harassedApp = makeApp(QStringLiteral("pushyshop"));
    QVERIFY(m_harassedApp);
    m_harassmentComplaint = complain(m_harassedApp, ComplaintCategory::Harassment, QStringLiteral("They message me at 3am"));
    QVERIFY(m_harassmentComplaint);
    QCOMPARE(app(m_harassedApp).creditScore, 100);

    MainWindow w(*m_ws);
    child<QAction>(&w, "showComplaintsAction")->trigger();
    ComplaintsPage *page = w.complaintsPage();
    auto *table = child<QTableView>(page, "complaintsTable");
    QVERIFY(table);
    const int row = page->model()->rowOfId(m_harassmentComplaint);
    QVERIFY(row >= 0); // in the open queue
    table->selectRow(row);
    QCOMPARE(page->currentComplaintId(), m_harassmentComplaint);
    QVERIFY(child<QLabel>(page, "complaintDetailsLabel")->text().contains(QStringLiteral("They message me at 3am")));
    QVERIFY(child<QLabel>(page, "complaintDetailsLabel")->text().contains(QStringLiteral("pushyshop")));
    QCOMPARE(child<QSpinBox>(page, "pointsSpin")->value(), 20); // the category's points, before any override

    QSignalSpy decided(page, &ComplaintsPage::complaintDecided);
    child<QLineEdit>(page, "noteEdit")->setText(QStringLiteral("Repeated night-time pushes"));
    QTest::mouseClick(child<QPushButton>(page, "upholdButton"), Qt::LeftButton);
    QCOMPARE(decided.count(), 1);

    QCOMPARE(app(m_harassedApp).creditScore, 80);
    auto *result = child<QLabel>(page, "resultLabel");
    QVERIFY2(result->text().contains(QStringLiteral("100 → 80")), qPrintable(result->text()));
    QVERIFY(!InlineMessage::isError(result));
    auto c = ComplaintRepository(m_ws->db()).find(m_harassmentComplaint);
    QVERIFY(c && *c);
    QCOMPARE(toString((*c)->status), toString(ComplaintStatus::Upheld));
    QCOMPARE((*c)->reviewer, kReviewer);
    QCOMPARE(page->model()->rowOfId(m_harassmentComplaint), -1); // left the open queue

    // The Upheld filter lists it.
    QVERIFY(selectComboData(child<QComboBox>(page, "statusFilterCombo"), QStringLiteral("upheld")));
    QVERIFY(page->model()->rowOfId(m_harassmentComplaint) >= 0);
}

void tst_UiTrust::dismissNeedsANote()
{
    const qint64 appId = makeApp(QStringLiteral("quietshop"));
    const qint64 id = complain(appId, ComplaintCategory::Advertising, QStringLiteral("Looks like an ad"));
    QVERIFY(id);
    ComplaintsPage page(*m_ws);
    page.showComplaint(id);
    auto *dismiss = child<QPushButton>(&page, "dismissButton");
    auto *result = child<QLabel>(&page, "resultLabel");
    QVERIFY(dismiss->isEnabled());
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(InlineMessage::isError(result));
    QVERIFY(!result->text().isEmpty());
    auto c = ComplaintRepository(m_ws->db()).find(id);
    QCOMPARE(toString((*c)->status), toString(ComplaintStatus::Open));

    page.showComplaint(id);
    child<QLineEdit>(&page, "noteEdit")->setText(QStringLiteral("It was the delivery notice they asked for"));
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(!InlineMessage::isError(result));
    c = ComplaintRepository(m_ws->db()).find(id);
    QCOMPARE(toString((*c)->status), toString(ComplaintStatus::Dismissed));
    QCOMPARE(app(appId).creditScore, 100);
}

void tst_UiTrust::auditPageListsTheDecision()
{
    QVERIFY(m_harassmentComplaint); // upheld above
    MainWindow w(*m_ws);
    child<QAction>(&w, "showAuditAction")->trigger();
    AuditPage *page = w.auditPage();
    auto *operators = child<QComboBox>(page, "operatorCombo");
    auto *actions = child<QComboBox>(page, "actionCombo");
    QVERIFY(operators->findData(kReviewer) >= 0);
    QVERIFY(selectComboData(operators, kReviewer));
    QVERIFY(selectComboData(actions, QString(audit::ComplaintUphold)));
    child<QLineEdit>(page, "recordTypeEdit")->setText(QString(audit::TypeComplaint));
    child<QSpinBox>(page, "recordIdSpin")->setValue(int(m_harassmentComplaint));
    page->applyFilter();
    QCOMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->value(0, QStringLiteral("action")).toString(), QString(audit::ComplaintUphold));
    QCOMPARE(page->model()->value(0, QStringLiteral("operator")).toString(), kReviewer);
    auto *table = child<QTableView>(page, "auditTable");
    table->selectRow(0);
    const QString before = child<QPlainTextEdit>(page, "beforeText")->toPlainText();
    const QString after = child<QPlainTextEdit>(page, "afterText")->toPlainText();
    QVERIFY2(before.contains(QStringLiteral("\"status\": \"open\"")), qPrintable(before));
    QVERIFY2(after.contains(QStringLiteral("\"status\": \"upheld\"")), qPrintable(after));
    QVERIFY(after.contains(QLatin1Char('\n'))); // pretty-printed

    // The deduction is on record too, found by action prefix.
    QVERIFY(selectComboData(actions, QString()));
    child<QLineEdit>(page, "recordTypeEdit")->clear();
    page->applyFilter();
    QVERIFY(page->model()->rowCount() >= 2);
    const qint64 penalties = AuditLog::count(m_ws->db(), auditQuery(kReviewer, QStringLiteral("penalty."))).value_or(0);
    QVERIFY(penalties >= 1);
}

void tst_UiTrust::manualBanThenLiftBanWithReason()
{
    const qint64 appId = makeApp(QStringLiteral("spamshop"));
    QVERIFY(appId);
    MainWindow w(*m_ws);
    w.showPage(MainWindow::Page::Apps);
    AppsPage *apps = w.appsPage();
    apps->showApp(appId);
    PenaltyHistory *history = apps->penaltyHistory();
    QCOMPARE(history->appId(), appId);
    auto *reason = child<QLineEdit>(history, "reasonEdit");
    auto *table = child<QTableWidget>(history, "penaltyHistoryTable");
    auto *message = child<QLabel>(history, "penaltyMessageLabel");
    auto *ban = child<QPushButton>(history, "banButton");
    auto *lift = child<QPushButton>(history, "liftBanButton");
    QVERIFY(reason && table && message && ban && lift);
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(ban->isEnabled());
    QVERIFY(!lift->isEnabled());

    // Saying No changes nothing.
    reason->setText(QStringLiteral("Bulk spam from a bought list"));
    const int asked = Confirmation::askedCount();
    Confirmation::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(ban, Qt::LeftButton);
    QCOMPARE(Confirmation::askedCount(), asked + 1);
    QCOMPARE(toString(app(appId).status), toString(AppStatus::Active));

    QSignalSpy changed(history, &PenaltyHistory::penaltiesChanged);
    Confirmation::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(ban, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(toString(app(appId).status), toString(AppStatus::Banned));
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(table->item(0, 3)->text().contains(QStringLiteral("Bulk spam")));
    QCOMPARE(table->item(0, 5)->text(), kReviewer);
    QVERIFY(lift->isEnabled());
    QVERIFY(child<QLabel>(apps, "statusValueLabel")->text().contains(QStringLiteral("Banned"), Qt::CaseInsensitive));

    // No reason: the core refuses and says so.
    reason->clear();
    QTest::mouseClick(lift, Qt::LeftButton);
    QVERIFY(InlineMessage::isError(message));
    QVERIFY2(message->text().contains(QStringLiteral("needs a reason")), qPrintable(message->text()));
    QCOMPARE(toString(app(appId).status), toString(AppStatus::Banned));

    reason->setText(QStringLiteral("Owner cleaned the list and apologized"));
    Confirmation::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(lift, Qt::LeftButton);
    QVERIFY2(!InlineMessage::isError(message), qPrintable(message->text()));
    QCOMPARE(toString(app(appId).status), toString(AppStatus::Active));
    QCOMPARE(changed.count(), 2);
    QVERIFY(!table->item(0, 6)->text().isEmpty()); // the ban shows as lifted
    QVERIFY(AuditLog::count(m_ws->db(), auditQuery(kReviewer, QString(audit::PenaltyLift))).value_or(0) >= 1);
}

void tst_UiTrust::bindingEditIsAppliedAndAudited()
{
    const qint64 appId = makeApp(QStringLiteral("bindshop"));
    Subscriber s;
    s.mpOpenid = QStringLiteral("o-bind-1");
    s.nickname = QStringLiteral("Binder");
    auto sid = SubscriberRepository(m_ws->db()).create(s);
    QVERIFY(sid);
    Binding b;
    b.subscriberId = *sid;
    b.appId = appId;
    QVERIFY(SubscriberRepository(m_ws->db()).upsertBinding(b));
    auto bound = SubscriberRepository(m_ws->db()).binding(*sid, appId);
    QVERIFY(bound && *bound);
    const qint64 bindingId = (*bound)->id;
    const AuditQuery edits = auditQuery(kReviewer, QString(audit::BindingEdit));
    const qint64 editsBefore = AuditLog::count(m_ws->db(), edits).value_or(-1);

    SubscribersPage page(*m_ws);
    page.showSubscriber(*sid);
    auto *state = child<QComboBox>(&page, "bindingStateCombo");
    auto *reminder = child<QComboBox>(&page, "reminderCombo");
    auto *apply = child<QPushButton>(&page, "applyBindingButton");
    QVERIFY(apply->isEnabled());
    QCOMPARE(state->currentData().toString(), QStringLiteral("active"));
    QVERIFY(selectComboData(state, QStringLiteral("muted")));
    QVERIFY(selectComboData(reminder, QStringLiteral("weak")));
    QTest::mouseClick(apply, Qt::LeftButton);

    auto after = SubscriberRepository(m_ws->db()).binding(*sid, appId);
    QVERIFY(after && *after);
    QCOMPARE(toString((*after)->state), toString(BindingState::Muted));
    QCOMPARE(toString((*after)->reminder), toString(Reminder::Weak));
    QCOMPARE((*after)->changedBy, kReviewer);
    QCOMPARE(AuditLog::count(m_ws->db(), edits).value_or(-1), editsBefore + 2); // mute, then the reminder
    const AuditQuery forBinding = auditQuery(kReviewer, QString(audit::BindingEdit), QString(audit::TypeBinding), bindingId);
    QVERIFY(AuditLog::count(m_ws->db(), forBinding).value_or(0) >= 1);
    // The table and combos show the new state.
    QCOMPARE(state->currentData().toString(), QStringLiteral("muted"));
    QCOMPARE(reminder->currentData().toString(), QStringLiteral("weak"));

    // Blocked → muted goes through unblock, all or nothing.
    QVERIFY(selectComboData(state, QStringLiteral("blocked")));
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(toString((*SubscriberRepository(m_ws->db()).binding(*sid, appId))->state), toString(BindingState::Blocked));
    QVERIFY(selectComboData(state, QStringLiteral("muted")));
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(toString((*SubscriberRepository(m_ws->db()).binding(*sid, appId))->state), toString(BindingState::Muted));
}

void tst_UiTrust::importBadCsvChangesNothingGoodOneImports()
{
    makeApp(QStringLiteral("importshop"));
    SubscribersPage page(*m_ws);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTest::mouseClick(child<QPushButton>(&page, "importButton"), Qt::LeftButton);
    ImportDialog *dialog = page.importDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->setKind(ImportKind::Subscribers);
    auto *report = child<QPlainTextEdit>(dialog, "reportText");
    auto *commit = child<QPushButton>(dialog, "commitButton");
    auto *check = child<QPushButton>(dialog, "checkButton");
    QVERIFY(report && commit && check);

    const qint64 before = subscriberCount();
    // Line 3 has no openid; line 4 says opted_out "maybe".
    dialog->setFileName(writeFile(QStringLiteral("bad.csv"),
                                  "mp_openid,nickname,opted_out\no-imp-1,Ok,0\n,Nobody,0\no-imp-2,Odd,maybe\n"));
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(dialog->lastReport());
    QVERIFY(!dialog->lastReport()->ok());
    QVERIFY2(report->toPlainText().contains(QStringLiteral("bad.csv:3")), qPrintable(report->toPlainText()));
    QVERIFY(!commit->isEnabled());
    QVERIFY(!dialog->commit());
    QCOMPARE(subscriberCount(), before);

    QSignalSpy imported(dialog, &ImportDialog::imported);
    dialog->setFileName(writeFile(QStringLiteral("good.csv"), "mp_openid,nickname\no-imp-1,One\no-imp-2,Two\n"));
    QVERIFY(!commit->isEnabled()); // a new file needs a new check
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY2(dialog->lastReport() && dialog->lastReport()->ok(), qPrintable(report->toPlainText()));
    QCOMPARE(subscriberCount(), before); // the check is a dry run
    QVERIFY(commit->isEnabled());
    QTest::mouseClick(commit, Qt::LeftButton);
    QCOMPARE(imported.count(), 1);
    QCOMPARE(subscriberCount(), before + 2);
    QVERIFY(!commit->isEnabled());
    QVERIFY(AuditLog::count(m_ws->db(), auditQuery(kReviewer, QString(audit::ImportRun))).value_or(0) >= 1);
    dialog->close();
}

void tst_UiTrust::languageChangeKeepsWhatWasTyped()
{
    const qint64 appId = makeApp(QStringLiteral("langshop"));
    const qint64 id = complain(appId, ComplaintCategory::Fraud, QStringLiteral("Fake prize"));
    MainWindow w(*m_ws);
    w.complaintsPage()->showComplaint(id);
    child<QLineEdit>(w.complaintsPage(), "noteEdit")->setText(QStringLiteral("half-written"));
    w.showPage(MainWindow::Page::Apps);
    w.appsPage()->showApp(appId);
    child<QLineEdit>(w.appsPage(), "reasonEdit")->setText(QStringLiteral("reason typed"));
    auto *operators = child<QComboBox>(w.auditPage(), "operatorCombo");
    w.auditPage()->refresh();
    QVERIFY(selectComboData(operators, kReviewer));

    QEvent change(QEvent::LanguageChange);
    for (QWidget *page : std::initializer_list<QWidget *>{w.complaintsPage(), w.auditPage(), w.appsPage()->penaltyHistory(),
                                                          w.subscribersPage()})
        QCoreApplication::sendEvent(page, &change);

    QCOMPARE(w.complaintsPage()->currentComplaintId(), id);
    QCOMPARE(child<QLineEdit>(w.complaintsPage(), "noteEdit")->text(), QStringLiteral("half-written"));
    QVERIFY(!child<QPushButton>(w.complaintsPage(), "upholdButton")->text().isEmpty());
    QVERIFY(child<QLabel>(w.complaintsPage(), "complaintDetailsLabel")->text().contains(QStringLiteral("Fake prize")));
    QCOMPARE(child<QLineEdit>(w.appsPage(), "reasonEdit")->text(), QStringLiteral("reason typed"));
    QVERIFY(!child<QPushButton>(w.appsPage(), "liftBanButton")->text().isEmpty());
    QCOMPARE(operators->currentData().toString(), kReviewer);
    QVERIFY(!operators->itemText(0).isEmpty());
    QCOMPARE(child<QComboBox>(w.subscribersPage(), "bindingStateCombo")->count(), 4);
}

QTEST_MAIN(tst_UiTrust)
#include "tst_ui_trust.moc"
