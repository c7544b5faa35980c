// The channels' field limits the composer checks as the operator types (console/fieldlimits.h), and
// the preview text built from them (pages/channelpreview.h).
#include "console/fieldlimits.h"
#include "pages/channelpreview.h"

#include <QTest>

using namespace pushdesk;

class tst_UiFieldLimits : public QObject {
    Q_OBJECT

private slots:
    void kindOfKey_data();
    void kindOfKey();
    void fieldLengths_data();
    void fieldLengths();
    void fieldContents();
    void customerServiceTextInBytes();
    void ntfyMessageInBytes();
    void renderedMessageProblems();
    void previewShowsRulesAndProblems();
};

void tst_UiFieldLimits::kindOfKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("kind");
    QTest::newRow("thing") << QStringLiteral("thing1") << int(FieldKind::Thing);
    QTest::newRow("phrase") << QStringLiteral("phrase12") << int(FieldKind::Phrase);
    QTest::newRow("character_string") << QStringLiteral("character_string3") << int(FieldKind::CharacterString);
    QTest::newRow("number") << QStringLiteral("number4") << int(FieldKind::Number);
    QTest::newRow("letter") << QStringLiteral("letter5") << int(FieldKind::Letter);
    QTest::newRow("phone_number") << QStringLiteral("phone_number6") << int(FieldKind::PhoneNumber);
    QTest::newRow("car_number") << QStringLiteral("car_number7") << int(FieldKind::CarNumber);
    QTest::newRow("name") << QStringLiteral("name8") << int(FieldKind::Name);
    QTest::newRow("time") << QStringLiteral("time9") << int(FieldKind::Time);
    QTest::newRow("first is free") << QStringLiteral("first") << int(FieldKind::Free);
    QTest::newRow("keyword is free") << QStringLiteral("keyword1") << int(FieldKind::Free);
    QTest::newRow("remark is free") << QStringLiteral("remark") << int(FieldKind::Free);
    QTest::newRow("no number") << QStringLiteral("thing") << int(FieldKind::Free);
    QTest::newRow("unknown type") << QStringLiteral("colour2") << int(FieldKind::Free);
}

void tst_UiFieldLimits::kindOfKey()
{
    QFETCH(QString, key);
    QFETCH(int, kind);
    QCOMPARE(int(FieldLimits::kindOfKey(key)), kind);
}

void tst_UiFieldLimits::fieldLengths_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("fits");   // the longest value that passes
    QTest::newRow("thing 20") << QStringLiteral("thing1") << 20;
    QTest::newRow("phrase 5") << QStringLiteral("phrase2") << 5;
    QTest::newRow("character_string 32") << QStringLiteral("character_string3") << 32;
    QTest::newRow("car_number 8") << QStringLiteral("car_number4") << 8;
}

void tst_UiFieldLimits::fieldLengths()
{
    QFETCH(QString, key);
    QFETCH(int, fits);
    QVERIFY(FieldLimits::checkField(key, QString(fits, QLatin1Char('A'))).isEmpty());
    const QString problem = FieldLimits::checkField(key, QString(fits + 1, QLatin1Char('A')));
    QVERIFY(!problem.isEmpty());
    QVERIFY2(problem.contains(key) && problem.contains(QString::number(fits + 1)), qPrintable(problem));
    // Characters, not bytes: Chinese text counts one per character.
    QVERIFY(FieldLimits::checkField(key, QString(fits, QChar(0x4e2d))).isEmpty());
}

void tst_UiFieldLimits::fieldContents()
{
    QVERIFY(FieldLimits::checkField(QStringLiteral("number1"), QStringLiteral("12345")).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("number1"), QStringLiteral("12a45")).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("number1"), QString(33, QLatin1Char('9'))).isEmpty());
    QVERIFY(FieldLimits::checkField(QStringLiteral("letter1"), QStringLiteral("abcXYZ")).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("letter1"), QStringLiteral("abc1")).isEmpty());
    QVERIFY(FieldLimits::checkField(QStringLiteral("phone_number1"), QStringLiteral("+86-138-0000-0000")).isEmpty()); // 17
    QVERIFY(!FieldLimits::checkField(QStringLiteral("phone_number1"), QStringLiteral("+86-138-0000-00000")).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("phone_number1"), QStringLiteral("call me")).isEmpty());
    // A name: 10 Chinese characters or 20 letters.
    QVERIFY(FieldLimits::checkField(QStringLiteral("name1"), QString(20, QLatin1Char('a'))).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("name1"), QString(21, QLatin1Char('a'))).isEmpty());
    QVERIFY(FieldLimits::checkField(QStringLiteral("name1"), QString(10, QChar(0x738b))).isEmpty());
    QVERIFY(!FieldLimits::checkField(QStringLiteral("name1"), QString(11, QChar(0x738b))).isEmpty());
    // Free fields and unfilled placeholders are not type errors.
    QVERIFY(FieldLimits::checkField(QStringLiteral("first"), QString(500, QLatin1Char('x'))).isEmpty());
    QVERIFY(FieldLimits::checkField(QStringLiteral("number1"), QStringLiteral("{{amount}}")).isEmpty());
    QVERIFY(FieldLimits::describe(QStringLiteral("remark")).isEmpty());
    QVERIFY(FieldLimits::describe(QStringLiteral("thing1")).contains(QLatin1String("20")));
}

void tst_UiFieldLimits::customerServiceTextInBytes()
{
    QVERIFY(FieldLimits::checkCustomerServiceText(QString(2048, QLatin1Char('a'))).isEmpty());
    QVERIFY(!FieldLimits::checkCustomerServiceText(QString(2049, QLatin1Char('a'))).isEmpty());
    // 683 Chinese characters are 2049 bytes of UTF-8.
    const QString problem = FieldLimits::checkCustomerServiceText(QString(683, QChar(0x4e2d)));
    QVERIFY2(problem.contains(QLatin1String("2049")) && problem.contains(QLatin1String("2048")), qPrintable(problem));
}

void tst_UiFieldLimits::ntfyMessageInBytes()
{
    QVERIFY(FieldLimits::checkNtfyMessage(QString(4096, QLatin1Char('a'))).isEmpty());
    QVERIFY(!FieldLimits::checkNtfyMessage(QString(4097, QLatin1Char('a'))).isEmpty());
}

void tst_UiFieldLimits::renderedMessageProblems()
{
    RenderedMessage m;
    m.csText = QStringLiteral("fine");
    m.wechatFields = {{QStringLiteral("first"), QString(100, QLatin1Char('x'))}, {QStringLiteral("thing2"), QString(21, QLatin1Char('x'))}};
    m.subscribeFields = {{QStringLiteral("phrase1"), QStringLiteral("too long!")}, {QStringLiteral("thing2"), QStringLiteral("ok")}};
    m.ntfyBody = QString(5000, QLatin1Char('n'));
    m.barkBody = QString(10000, QLatin1Char('b')); // Bark states no limit
    const QList<LimitProblem> problems = FieldLimits::check(m);
    QCOMPARE(problems.size(), 3);
    QCOMPARE(problems[0].channel, QStringLiteral("wechat"));
    QCOMPARE(problems[0].field, QStringLiteral("thing2"));
    QCOMPARE(problems[1].channel, QStringLiteral("miniprogram"));
    QCOMPARE(problems[1].field, QStringLiteral("phrase1"));
    QCOMPARE(problems[2].channel, QStringLiteral("ntfy"));
}

void tst_UiFieldLimits::previewShowsRulesAndProblems()
{
    RenderedMessage m;
    m.csText = QStringLiteral("Hello");
    m.wechatTemplateId = QStringLiteral("TM1");
    m.wechatFields = {{QStringLiteral("thing1"), QString(21, QLatin1Char('x'))}};
    m.barkTitle = QStringLiteral("T");
    m.barkBody = QStringLiteral("B");
    const ChannelPreviewText p = ChannelPreview::render(m);
    QVERIFY(p.cs.contains(QLatin1String("Hello")));
    QVERIFY2(p.cs.contains(QLatin1String("5 of 2048 bytes")), qPrintable(p.cs));
    QVERIFY2(p.wechatTemplate.contains(QLatin1String("thing1 (at most 20 character")), qPrintable(p.wechatTemplate));
    QVERIFY(p.wechatTemplate.contains(QLatin1String("has 21 characters")));
    QVERIFY(p.bark.contains(QLatin1String("no length limit")));
    QVERIFY(p.email.contains(QLatin1String("nothing for this channel")));
    QVERIFY(p.all.contains(QLatin1String("Hello")));
    QCOMPARE(p.problems.size(), 1);
}

QTEST_APPLESS_MAIN(tst_UiFieldLimits)
#include "tst_ui_fieldlimits.moc"
