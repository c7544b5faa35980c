// The composer's audiences driven through named widgets (tags with completion, an imported list made
// in the composer, one subscriber picked by openid), a real send to one subscriber through the built-in
// sandbox, the audience shown on the Broadcasts page; and the template editor of every channel.
#include "demo/sandboxseed.h"
#include "engine/broadcastengine.h"
#include "importer/importer.h"
#include "pages/broadcastspage.h"
#include "pages/composerpage.h"
#include "pages/importdialog.h"
#include "pages/templatespage.h"
#include "secrets/secretstore.h"
#include "store/apprepository.h"
#include "store/subscriberrepository.h"
#include "testsupport.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace pushdesk;

namespace {
constexpr int kPeople = 30;
constexpr int kTimeoutMs = 60000;

using testsupport::child;

QString openidOf(int i)
{
    return QStringLiteral("o-aud-%1").arg(i, 4, 10, QLatin1Char('0'));
}

QCompleter *completerOf(QWidget *page, QWidget *edit)
{
    for (QCompleter *c : page->findChildren<QCompleter *>()) {
        if (c->widget() == edit)
            return c;
    }
    return nullptr;
}
} // namespace

class tst_UiAudience : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_appId = 0;
    qint64 m_templateId = 0;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(data);
        return path;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        WorkspaceOptions options;
        options.secrets = std::make_shared<MemorySecretStore>();
        options.alwaysSandbox = true;
        auto ws = Workspace::open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("ui.db"))), options);
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
        m_ws = std::move(*ws);
        App app;
        app.name = QStringLiteral("Shop");
        app.appid = QStringLiteral("wxuiaudience0001");
        auto appId = AppRepository(m_ws->db()).create(app);
        QVERIFY(appId);
        m_appId = *appId;
        Template t;
        t.appId = m_appId;
        t.name = QStringLiteral("Hello");
        t.csText = QStringLiteral("Hello {{nickname}}");
        auto tid = TemplateRepository(m_ws->db()).create(t);
        QVERIFY(tid);
        m_templateId = *tid;

        SandboxSeed seed;
        seed.addApp(app.appid, QStringLiteral("official_account"));
        QList<Subscriber> people;
        for (int i = 1; i <= kPeople; ++i) {
            Subscriber s;
            s.mpOpenid = openidOf(i);
            s.nickname = QStringLiteral("Member %1").arg(i);
            s.lastInteraction = QDateTime::currentDateTime();
            if (i % 3 == 0)
                s.tags.append(QStringLiteral("vip"));
            if (i % 5 == 0)
                s.tags.append(QStringLiteral("beijing"));
            people.append(s);
            seed.addFollower(app.appid, s.mpOpenid, true, QDateTime::currentSecsSinceEpoch());
        }
        SubscriberRepository subs(m_ws->db());
        QVERIFY(subs.createMany(people));
        QList<Binding> bindings;
        for (const Subscriber &s : std::as_const(people)) {
            Binding b;
            b.subscriberId = s.id;
            b.appId = m_appId;
            bindings.append(b);
        }
        QVERIFY(subs.upsertBindings(bindings));
        QVERIFY(seed.apply(m_ws->sandboxUrl()));
    }

    void cleanupTestCase()
    {
        m_ws.reset();
    }

    void composerAudienceFlow()
    {
        ComposerPage composer(*m_ws);
        composer.show();
        auto *all = child<QRadioButton>(&composer, "audienceAllRadio");
        auto *tagsRadio = child<QRadioButton>(&composer, "audienceTagsRadio");
        auto *tagsEdit = child<QLineEdit>(&composer, "audienceTagsEdit");
        auto *listRadio = child<QRadioButton>(&composer, "audienceListRadio");
        auto *listCombo = child<QComboBox>(&composer, "audienceListCombo");
        auto *importButton = child<QPushButton>(&composer, "importListButton");
        auto *oneRadio = child<QRadioButton>(&composer, "audienceOneRadio");
        auto *subscriberEdit = child<QLineEdit>(&composer, "audienceSubscriberEdit");
        auto *counts = child<QLabel>(&composer, "audienceLabel");
        auto *send = child<QPushButton>(&composer, "sendButton");
        QVERIFY(all && tagsRadio && tagsEdit && listRadio && listCombo && importButton && oneRadio && subscriberEdit && counts && send);
        QVERIFY(all->isChecked());
        QTRY_VERIFY2(counts->text().startsWith(QLatin1String("30 push")), qPrintable(counts->text()));
        for (QRadioButton *radio : {tagsRadio, listRadio, oneRadio})
            QVERIFY(radio->isEnabled());
        QVERIFY(!tagsEdit->isEnabled());

        // Tags: the field opens with the radio, completes known tags, and the counts follow.
        tagsRadio->click();
        QVERIFY(tagsEdit->isEnabled());
        QVERIFY2(counts->text().contains(QLatin1String("Type one or more tags")), qPrintable(counts->text()));
        QTest::keyClicks(tagsEdit, QStringLiteral("bei"));
        QCompleter *tagCompleter = completerOf(&composer, tagsEdit);
        QVERIFY(tagCompleter);
        QCOMPARE(tagCompleter->currentCompletion(), QStringLiteral("beijing"));
        emit tagCompleter->activated(QStringLiteral("beijing"));
        QCOMPARE(tagsEdit->text(), QStringLiteral("beijing"));
        QTRY_VERIFY2(counts->text().startsWith(QLatin1String("6 push")), qPrintable(counts->text()));
        QTest::keyClicks(tagsEdit, QStringLiteral(", vip"));
        // beijing (5, 10 … 30) or vip (3, 6 … 30): 6 + 10 - 2 in both.
        QTRY_VERIFY2(counts->text().startsWith(QLatin1String("14 push")), qPrintable(counts->text()));
        QCOMPARE(composer.audienceMembers(), qint64(14));
        QVERIFY(composer.currentAudience()->kind == Audience::Kind::Tags);

        // A list made in the composer: a bad file is refused with its line and changes nothing.
        listRadio->click();
        QVERIFY2(counts->text().contains(QLatin1String("import one")), qPrintable(counts->text()));
        importButton->click();
        ImportDialog *dialog = composer.listImportDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *name = child<QLineEdit>(dialog, "listNameEdit");
        auto *file = child<QLineEdit>(dialog, "fileEdit");
        auto *check = child<QPushButton>(dialog, "checkButton");
        auto *commit = child<QPushButton>(dialog, "commitButton");
        auto *report = child<QPlainTextEdit>(dialog, "reportText");
        QVERIFY(name && file && check && commit && report);
        QVERIFY(name->isVisible());
        name->setText(QStringLiteral("Winners"));
        file->setText(writeFile(QStringLiteral("bad.csv"), "mp_openid\n" + openidOf(2).toUtf8() + "\no-nobody\n"));
        check->click();
        QVERIFY(!commit->isEnabled());
        QVERIFY2(report->toPlainText().contains(QLatin1String("bad.csv:3")), qPrintable(report->toPlainText()));
        QCOMPARE(SubscriberRepository(m_ws->db()).audienceLists()->size(), 0);
        file->setText(writeFile(QStringLiteral("good.csv"), "mp_openid\n" + openidOf(2).toUtf8() + "\n" + openidOf(4).toUtf8()
                                                               + "\n" + openidOf(7).toUtf8() + "\n"));
        check->click();
        QVERIFY(commit->isEnabled());
        commit->click();
        QVERIFY2(report->toPlainText().contains(QLatin1String("Winners")), qPrintable(report->toPlainText()));
        dialog->close();
        QCOMPARE(listCombo->count(), 1);
        QVERIFY(listCombo->isEnabled());
        QVERIFY(listRadio->isChecked());
        QTRY_VERIFY2(counts->text().startsWith(QLatin1String("3 push")), qPrintable(counts->text()));
        QCOMPARE(composer.currentAudience()->listName, QStringLiteral("Winners"));

        // One subscriber: search by openid, pick, and the counts say one.
        oneRadio->click();
        QVERIFY(subscriberEdit->isEnabled());
        QTest::keyClicks(subscriberEdit, QStringLiteral("o-aud-0007"));
        QCompleter *people = completerOf(&composer, subscriberEdit);
        QVERIFY(people);
        QCOMPARE(people->model()->rowCount(), 1);
        const QString shown = people->model()->index(0, 0).data().toString();
        QVERIFY2(shown.contains(QLatin1String("Member 7")), qPrintable(shown));
        emit people->activated(shown);
        QTRY_VERIFY2(counts->text().startsWith(QLatin1String("1 push")), qPrintable(counts->text()));
        // By nickname too.
        subscriberEdit->clear();
        QTest::keyClicks(subscriberEdit, QStringLiteral("Member 1"));
        QVERIFY(people->model()->rowCount() >= 2); // Member 1, Member 10 …
        emit people->activated(people->model()->index(0, 0).data().toString());
        QTRY_VERIFY(composer.currentAudience().has_value());
        subscriberEdit->clear();
        QTest::keyClicks(subscriberEdit, openidOf(7));
        emit people->activated(people->model()->index(0, 0).data().toString());
        QCOMPARE(composer.currentAudience()->openid, openidOf(7));

        // Send: only that person reaches the sandbox.
        QVERIFY(testsupport::httpPost(testsupport::join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/admin/reset")), {}).status == 200);
        QSignalSpy started(&composer, &ComposerPage::broadcastStarted);
        QSignalSpy finished(m_ws->engine(), &BroadcastEngine::finished);
        send->click();
        QCOMPARE(started.size(), 1);
        QVERIFY(finished.wait(kTimeoutMs));
        const auto stats = testsupport::httpGet(testsupport::join(m_ws->sandboxUrl(), QStringLiteral("/sandbox/stats")));
        const QJsonObject custom = stats.json.value(QStringLiteral("accepted")).toObject().value(QStringLiteral("custom")).toObject();
        QCOMPARE(custom.keys(), QStringList{openidOf(7)});
        QCOMPARE(custom.value(openidOf(7)).toInt(), 1);

        // The Broadcasts page shows the audience, in the list and in the details.
        const qint64 id = started.first().first().toLongLong();
        BroadcastsPage page(*m_ws);
        auto *table = child<QTableView>(&page, "broadcastsTable");
        QVERIFY(table);
        QAbstractItemModelTester tester(table->model());
        int audienceColumn = -1;
        for (int c = 0; c < table->model()->columnCount(); ++c) {
            if (table->model()->headerData(c, Qt::Horizontal).toString() == QLatin1String("Audience"))
                audienceColumn = c;
        }
        QVERIFY(audienceColumn >= 0);
        const QModelIndex cell = table->model()->index(0, audienceColumn);
        const QString displayed = qobject_cast<QStyledItemDelegate *>(table->itemDelegateForColumn(audienceColumn))->displayText(cell.data(), QLocale());
        QCOMPARE(displayed, QStringLiteral("one subscriber: %1").arg(openidOf(7)));
        page.showBroadcast(id);
        QCOMPARE(child<QLabel>(&page, "audienceValue")->text(), displayed);
        QCOMPARE(BroadcastsPage::describeAudience(QStringLiteral("all")), QStringLiteral("all bound subscribers"));
        QCOMPARE(BroadcastsPage::describeAudience(Audience::withTags({QStringLiteral("vip"), QStringLiteral("beijing")}).encode()),
                 QStringLiteral("tagged vip or beijing"));
    }

    void templateEditorEveryChannel()
    {
        TemplatesPage page(*m_ws);
        page.show();
        page.showTemplate(m_templateId);
        auto *tabs = child<QTabWidget>(&page, "channelTabs");
        auto *preview = child<QPlainTextEdit>(&page, "templatePreviewText");
        auto *limits = child<QLabel>(&page, "templateLimitsLabel");
        auto *message = child<QLabel>(&page, "messageLabel");
        QVERIFY(tabs && preview && limits && message);
        // Every channel's fields are there to edit.
        for (const char *name : {"csTextEdit", "wechatTemplateIdEdit", "wechatFieldsEdit", "wechatUrlEdit", "subscribeTemplateIdEdit",
                                 "subscribeFieldsEdit", "formTemplateIdEdit", "miniPageEdit", "barkTitleEdit", "barkBodyEdit",
                                 "barkSoundEdit", "barkSubtitleEdit", "barkIconEdit", "barkGroupEdit", "barkUrlEdit", "ntfyTitleEdit", "ntfyBodyEdit",
                                 "ntfyPriorityCombo", "ntfyTagsEdit", "emailSubjectEdit", "emailBodyEdit"})
            QVERIFY2(page.findChild<QWidget *>(QString::fromLatin1(name)), name);
        QVERIFY2(preview->toPlainText().contains(QLatin1String("Hello Alex Sample")), qPrintable(preview->toPlainText()));

        // Placeholders go into the field of the tab shown, from the menu; the preview follows as you type.
        auto *ntfyTab = child<QWidget>(&page, "ntfyTab");
        tabs->setCurrentWidget(ntfyTab);
        auto *ntfyTitle = child<QLineEdit>(&page, "ntfyTitleEdit");
        auto *ntfyBody = child<QPlainTextEdit>(&page, "ntfyBodyEdit");
        QTest::keyClicks(ntfyTitle, QStringLiteral("Parcel"));
        ntfyBody->setPlainText(QStringLiteral("Dear "));
        ntfyBody->moveCursor(QTextCursor::End);
        auto *insert = child<QToolButton>(&page, "insertPlaceholderButton");
        QVERIFY(insert && insert->menu());
        emit insert->menu()->aboutToShow();
        QAction *nickname = insert->menu()->findChild<QAction *>(QStringLiteral("insert_nickname"));
        QVERIFY(nickname);
        nickname->trigger();
        QCOMPARE(ntfyBody->toPlainText(), QStringLiteral("Dear {{nickname}}"));
        QVERIFY2(preview->toPlainText().contains(QLatin1String("Dear Alex Sample")), qPrintable(preview->toPlainText()));
        child<QComboBox>(&page, "ntfyPriorityCombo")->setCurrentIndex(4);
        child<QLineEdit>(&page, "barkSoundEdit")->setText(QStringLiteral("minuet"));
        child<QLineEdit>(&page, "barkSubtitleEdit")->setText(QStringLiteral("for {{nickname}}"));
        child<QLineEdit>(&page, "barkIconEdit")->setText(QStringLiteral("https://example.com/box.png"));

        // A mini-program thing field over its limit: named as you type, and saving is refused.
        child<QLineEdit>(&page, "subscribeTemplateIdEdit")->setText(QStringLiteral("SUB-1"));
        auto *fields = child<QPlainTextEdit>(&page, "subscribeFieldsEdit");
        fields->setPlainText(QStringLiteral("thing1=This text is certainly longer than twenty characters"));
        QVERIFY2(!limits->isHidden() && limits->text().contains(QLatin1String("at most 20 character")), qPrintable(limits->text()));
        QVERIFY(!page.save());
        QVERIFY2(message->text().contains(QLatin1String("Not saved")) && message->text().contains(QLatin1String("thing1")),
                 qPrintable(message->text()));
        auto stored = TemplateRepository(m_ws->db()).findById(m_templateId);
        QVERIFY(stored && *stored);
        QVERIFY((*stored)->subscribeFields.isEmpty()); // nothing of it was written
        // A placeholder that may be long is a warning for the sample, not a refusal.
        fields->setPlainText(QStringLiteral("thing1={{nickname}}\nphrase2=Done"));
        QVERIFY(limits->text().isEmpty() || limits->isHidden());
        QVERIFY2(page.save(), qPrintable(message->text()));
        stored = TemplateRepository(m_ws->db()).findById(m_templateId);
        QCOMPARE((*stored)->ntfyTitle, QStringLiteral("Parcel"));
        QCOMPARE((*stored)->ntfyBody, QStringLiteral("Dear {{nickname}}"));
        QCOMPARE((*stored)->ntfyPriority, 4);
        QCOMPARE((*stored)->barkSound, QStringLiteral("minuet"));
        QCOMPARE((*stored)->barkSubtitle, QStringLiteral("for {{nickname}}"));
        QCOMPARE((*stored)->barkIcon, QStringLiteral("https://example.com/box.png"));
        QCOMPARE((*stored)->subscribeTemplateId, QStringLiteral("SUB-1"));
        QCOMPARE((*stored)->subscribeFields.size(), 2);
        // A WeChat URL that is no address, and a customer-service text over 2048 bytes, are refused too.
        child<QLineEdit>(&page, "wechatUrlEdit")->setText(QStringLiteral("example.com/order"));
        QVERIFY(!page.save());
        QVERIFY2(message->text().contains(QLatin1String("http")), qPrintable(message->text()));
        child<QLineEdit>(&page, "wechatUrlEdit")->clear();
        child<QPlainTextEdit>(&page, "csTextEdit")->setPlainText(QString(700, QChar(0x4E2D))); // 2100 bytes in UTF-8
        QVERIFY2(limits->text().contains(QLatin1String("2048")), qPrintable(limits->text()));
        QVERIFY(!page.save());
    }
};

QTEST_MAIN(tst_UiAudience)
#include "tst_ui_audience.moc"
