// Conformance of the upstream emulator to upstream-apis.md: shapes, HTTP codes, errcodes and
// errmsg texts of every WeChat and Bark answer, the 48-hour window, token life, stats.
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <atomic>
#include <memory>

using namespace pushdesk;

namespace {

constexpr qint64 startMsecs = 1700000000000LL; // the injected clock starts here
constexpr qint64 hourMsecs = 3600LL * 1000;
std::atomic<qint64> fakeNow{startMsecs};

const QString appId = QStringLiteral("wxsandboxtest01");
const QString appSecret = QStringLiteral("s3cret-for-tests");

struct HttpResult {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    int errcode() const { return json.value(QLatin1String("errcode")).toInt(-999); }
    QString errmsg() const { return json.value(QLatin1String("errmsg")).toString(); }
};

// "<text> rid: xxxxxxxx-xxxxxxxx-xxxxxxxx"
bool hasWechatErrmsg(const HttpResult &result, const QString &text)
{
    static const QRegularExpression rid(QStringLiteral(" rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$"));
    const QString errmsg = result.errmsg();
    const QRegularExpressionMatch match = rid.match(errmsg);
    return match.hasMatch() && errmsg.left(match.capturedStart()) == text;
}

} // namespace

class tst_Sandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void tokenFromGet();
    void stableTokenIsStable();
    void tokenErrors_data();
    void tokenErrors();
    void accessTokenMissingInvalidExpired();
    void replacedTokenHasGracePeriod();
    void malformedBody();
    void customInsideWindow();
    void customOutsideWindow();
    void customAllowanceAndInteraction();
    void customRecipientErrors_data();
    void customRecipientErrors();
    void customMessageShape();
    void templateSuccessHasExact64BitMsgid();
    void templateErrors();
    void templateWithoutRegistrationAcceptsAnyId();
    void barkSingle();
    void barkBatch();
    void barkMiscRoutes();
    void statsCountPerRecipient();
    void resetKeepsAppsUnlessAll();
    void adminErrors();
    void largeFollowerSeeding();
    void portAlreadyTaken();
    void unknownPathIs404();

private:
    HttpResult get(const QString &path, const QUrlQuery &query = {});
    HttpResult post(const QString &path, const QByteArray &body, const QUrlQuery &query = {},
                    const QByteArray &contentType = QByteArrayLiteral("application/json"));
    HttpResult post(const QString &path, const QJsonObject &body, const QUrlQuery &query = {});
    HttpResult finish(QNetworkReply *reply);
    QUrl url(const QString &path, const QUrlQuery &query) const;
    QString fetchToken();
    HttpResult sendCustom(const QString &token, const QString &openid);
    HttpResult sendTemplate(const QString &token, const QJsonObject &message);
    QJsonObject stats();
    void admin(const QString &path, const QJsonObject &body);

    std::unique_ptr<SandboxHost> m_host;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

QUrl tst_Sandbox::url(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_host->baseUrl();
    url.setPath(path);
    url.setQuery(query);
    return url;
}

HttpResult tst_Sandbox::finish(QNetworkReply *reply)
{
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(30000);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
    } else {
        result.error = reply->error();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

HttpResult tst_Sandbox::get(const QString &path, const QUrlQuery &query)
{
    return finish(m_nam->get(QNetworkRequest(url(path, query))));
}

HttpResult tst_Sandbox::post(const QString &path, const QByteArray &body, const QUrlQuery &query,
                             const QByteArray &contentType)
{
    QNetworkRequest request(url(path, query));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return finish(m_nam->post(request, body));
}

HttpResult tst_Sandbox::post(const QString &path, const QJsonObject &body, const QUrlQuery &query)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), query);
}

void tst_Sandbox::admin(const QString &path, const QJsonObject &body)
{
    const HttpResult result = post(path, body);
    QVERIFY2(result.status == 200 && result.json.value(QLatin1String("ok")).toBool(),
             result.body.constData());
}

QJsonObject tst_Sandbox::stats()
{
    return get(QStringLiteral("/sandbox/stats")).json;
}

QString tst_Sandbox::fetchToken()
{
    const HttpResult result = get(QStringLiteral("/cgi-bin/token"),
                                  QUrlQuery({{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                                             {QStringLiteral("appid"), appId},
                                             {QStringLiteral("secret"), appSecret}}));
    return result.json.value(QLatin1String("access_token")).toString();
}

HttpResult tst_Sandbox::sendCustom(const QString &token, const QString &openid)
{
    const QJsonObject message{{QStringLiteral("touser"), openid},
                              {QStringLiteral("msgtype"), QStringLiteral("text")},
                              {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Hello")}}}};
    return post(QStringLiteral("/cgi-bin/message/custom/send"), message,
                QUrlQuery({{QStringLiteral("access_token"), token}}));
}

HttpResult tst_Sandbox::sendTemplate(const QString &token, const QJsonObject &message)
{
    return post(QStringLiteral("/cgi-bin/message/template/send"), message,
                QUrlQuery({{QStringLiteral("access_token"), token}}));
}

namespace {

QJsonObject templateMessage(const QString &openid, const QString &templateId, const QJsonValue &data)
{
    return {{QStringLiteral("touser"), openid},
            {QStringLiteral("template_id"), templateId},
            {QStringLiteral("url"), QStringLiteral("http://weixin.qq.com/download")},
            {QStringLiteral("data"), data}};
}

QJsonObject orderData()
{
    return {{QStringLiteral("thing1"), QJsonObject{{QStringLiteral("value"), QStringLiteral("chocolate")}}},
            {QStringLiteral("time2"), QJsonObject{{QStringLiteral("value"), QStringLiteral("2014-09-22")}}}};
}

} // namespace

void tst_Sandbox::initTestCase()
{
    SandboxOptions options;
    options.nowMsecs = [] { return fakeNow.load(); };
    m_host = std::make_unique<SandboxHost>(options);
    QString error;
    QVERIFY2(m_host->start(0, &error), qPrintable(error));
    QVERIFY(m_host->port() != 0);
    QCOMPARE(m_host->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_host->port()));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_Sandbox::cleanupTestCase()
{
    m_nam.reset();
    m_host.reset();
}

void tst_Sandbox::init()
{
    fakeNow = startMsecs;
    const HttpResult reset = post(QStringLiteral("/sandbox/admin/reset"), QByteArray("{}"),
                                  QUrlQuery({{QStringLiteral("all"), QStringLiteral("1")}}));
    QCOMPARE(reset.status, 200);
    const qint64 nowSeconds = startMsecs / 1000;
    admin(QStringLiteral("/sandbox/admin/apps"),
          {{QStringLiteral("appid"), appId}, {QStringLiteral("secret"), appSecret},
           {QStringLiteral("kind"), QStringLiteral("official_account")}});
    const auto follower = [](const QString &openid, bool following, bool blacklisted, qint64 last) {
        QJsonObject row{{QStringLiteral("openid"), openid},
                        {QStringLiteral("following"), following},
                        {QStringLiteral("blacklisted"), blacklisted}};
        if (last > 0)
            row.insert(QStringLiteral("last_interaction"), last);
        return row;
    };
    admin(QStringLiteral("/sandbox/admin/followers"),
          {{QStringLiteral("appid"), appId},
           {QStringLiteral("followers"),
            QJsonArray{follower(QStringLiteral("o_active"), true, false, nowSeconds - 3600),
                       follower(QStringLiteral("o_active2"), true, false, nowSeconds - 60),
                       follower(QStringLiteral("o_stale"), true, false, nowSeconds - 49 * 3600),
                       follower(QStringLiteral("o_never"), true, false, 0),
                       follower(QStringLiteral("o_unfollowed"), false, false, nowSeconds - 60),
                       follower(QStringLiteral("o_blacklisted"), true, true, nowSeconds - 60)}}});
    admin(QStringLiteral("/sandbox/admin/templates"),
          {{QStringLiteral("appid"), appId},
           {QStringLiteral("template_id"), QStringLiteral("TPL_ORDER")},
           {QStringLiteral("keys"), QJsonArray{QStringLiteral("thing1"), QStringLiteral("time2")}}});
    admin(QStringLiteral("/sandbox/admin/bark/devices"),
          {{QStringLiteral("device_keys"), QJsonArray{QStringLiteral("k1"), QStringLiteral("k2")}}});
}

void tst_Sandbox::tokenFromGet()
{
    const QUrlQuery query({{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                           {QStringLiteral("appid"), appId},
                           {QStringLiteral("secret"), appSecret}});
    const HttpResult first = get(QStringLiteral("/cgi-bin/token"), query);
    QCOMPARE(first.status, 200);
    QVERIFY(!first.json.contains(QLatin1String("errcode")));
    QCOMPARE(first.json.value(QLatin1String("expires_in")).toInt(), 7200);
    const QString token = first.json.value(QLatin1String("access_token")).toString();
    QVERIFY(token.size() >= 64);
    QCOMPARE(first.json.size(), 2);

    const HttpResult second = get(QStringLiteral("/cgi-bin/token"), query);
    QVERIFY(second.json.value(QLatin1String("access_token")).toString() != token);
    QCOMPARE(stats().value(QLatin1String("tokens_issued")).toInt(), 2);
}

void tst_Sandbox::stableTokenIsStable()
{
    QJsonObject body{{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                     {QStringLiteral("appid"), appId},
                     {QStringLiteral("secret"), appSecret},
                     {QStringLiteral("force_refresh"), false}};
    const HttpResult first = post(QStringLiteral("/cgi-bin/stable_token"), body);
    QCOMPARE(first.status, 200);
    const QString token = first.json.value(QLatin1String("access_token")).toString();
    QVERIFY(token.size() >= 64);
    QCOMPARE(first.json.value(QLatin1String("expires_in")).toInt(), 7200);

    fakeNow += 1000 * 1000; // 1000 s later: same token, 1000 s less to live
    const HttpResult again = post(QStringLiteral("/cgi-bin/stable_token"), body);
    QCOMPARE(again.json.value(QLatin1String("access_token")).toString(), token);
    QCOMPARE(again.json.value(QLatin1String("expires_in")).toInt(), 6200);

    // Isolated from /cgi-bin/token: a plain token does not replace the stable one.
    QVERIFY(!fetchToken().isEmpty());
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);

    body.insert(QStringLiteral("force_refresh"), true);
    const HttpResult forced = post(QStringLiteral("/cgi-bin/stable_token"), body);
    const QString fresh = forced.json.value(QLatin1String("access_token")).toString();
    QVERIFY(!fresh.isEmpty() && fresh != token);
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 40001);
    QCOMPARE(sendCustom(fresh, QStringLiteral("o_active")).errcode(), 0);

    // Within 5 minutes of expiry stable_token renews; the old token runs out on its own.
    fakeNow += (7200 - 200) * 1000LL;
    body.insert(QStringLiteral("force_refresh"), false);
    const HttpResult nearExpiry = post(QStringLiteral("/cgi-bin/stable_token"), body);
    const QString renewed = nearExpiry.json.value(QLatin1String("access_token")).toString();
    QVERIFY(!renewed.isEmpty() && renewed != fresh);
    QCOMPARE(nearExpiry.json.value(QLatin1String("expires_in")).toInt(), 7200);
    QCOMPARE(sendCustom(fresh, QStringLiteral("o_active")).errcode(), 0);
    fakeNow += 200 * 1000LL;
    QCOMPARE(sendCustom(fresh, QStringLiteral("o_active")).errcode(), 42001);
    QCOMPARE(sendCustom(renewed, QStringLiteral("o_active")).errcode(), 0);
}

void tst_Sandbox::tokenErrors_data()
{
    QTest::addColumn<QString>("grantType");
    QTest::addColumn<QString>("appid");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("errcode");
    QTest::addColumn<QString>("errmsg");
    QTest::newRow("bad grant_type") << QStringLiteral("password") << appId << appSecret << 40002
                                    << QStringLiteral("invalid grant_type");
    QTest::newRow("appid missing") << QStringLiteral("client_credential") << QString() << appSecret
                                   << 41002 << QStringLiteral("appid missing");
    QTest::newRow("secret missing") << QStringLiteral("client_credential") << appId << QString()
                                    << 41004 << QStringLiteral("appsecret missing");
    QTest::newRow("unknown appid") << QStringLiteral("client_credential") << QStringLiteral("wxnobody")
                                   << appSecret << 40013 << QStringLiteral("invalid appid");
    QTest::newRow("wrong secret") << QStringLiteral("client_credential") << appId
                                  << QStringLiteral("wrong") << 40125 << QStringLiteral("invalid appsecret");
}

void tst_Sandbox::tokenErrors()
{
    QFETCH(QString, grantType);
    QFETCH(QString, appid);
    QFETCH(QString, secret);
    QFETCH(int, errcode);
    QFETCH(QString, errmsg);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("grant_type"), grantType);
    if (!appid.isEmpty())
        query.addQueryItem(QStringLiteral("appid"), appid);
    if (!secret.isEmpty())
        query.addQueryItem(QStringLiteral("secret"), secret);
    const HttpResult viaGet = get(QStringLiteral("/cgi-bin/token"), query);
    QCOMPARE(viaGet.status, 200);
    QCOMPARE(viaGet.errcode(), errcode);
    QVERIFY2(hasWechatErrmsg(viaGet, errmsg), qPrintable(viaGet.errmsg()));
    QVERIFY(!viaGet.json.contains(QLatin1String("access_token")));

    const HttpResult viaStable = post(QStringLiteral("/cgi-bin/stable_token"),
                                      QJsonObject{{QStringLiteral("grant_type"), grantType},
                                                  {QStringLiteral("appid"), appid},
                                                  {QStringLiteral("secret"), secret}});
    QCOMPARE(viaStable.errcode(), errcode);
    QVERIFY2(hasWechatErrmsg(viaStable, errmsg), qPrintable(viaStable.errmsg()));

    const HttpResult stableViaGet = get(QStringLiteral("/cgi-bin/stable_token"), query);
    QCOMPARE(stableViaGet.status, 200);
    QCOMPARE(stableViaGet.errcode(), 43002);
    QVERIFY(hasWechatErrmsg(stableViaGet, QStringLiteral("require POST method")));
    QCOMPARE(stats().value(QLatin1String("tokens_issued")).toInt(), 0);
}

void tst_Sandbox::accessTokenMissingInvalidExpired()
{
    const HttpResult missing = sendCustom(QString(), QStringLiteral("o_active"));
    QCOMPARE(missing.status, 200);
    QCOMPARE(missing.errcode(), 41001);
    QVERIFY(hasWechatErrmsg(missing, QStringLiteral("access_token missing")));

    const HttpResult invalid = sendCustom(QStringLiteral("not-a-token"), QStringLiteral("o_active"));
    QCOMPARE(invalid.errcode(), 40001);
    QVERIFY(hasWechatErrmsg(invalid, QStringLiteral("invalid credential, access_token is invalid or not latest")));

    const QString token = fetchToken();
    QCOMPARE(sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_ORDER"), orderData())).errcode(), 0);
    fakeNow += 7200 * 1000LL; // exactly at expiry
    const HttpResult expired = sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_ORDER"), orderData()));
    QCOMPARE(expired.errcode(), 42001);
    QVERIFY(hasWechatErrmsg(expired, QStringLiteral("access_token expired")));

    const QJsonObject rejected = stats().value(QLatin1String("rejected")).toObject();
    QCOMPARE(rejected.value(QLatin1String("custom")).toObject().value(QLatin1String("41001")).toInt(), 1);
    QCOMPARE(rejected.value(QLatin1String("custom")).toObject().value(QLatin1String("40001")).toInt(), 1);
    QCOMPARE(rejected.value(QLatin1String("template")).toObject().value(QLatin1String("42001")).toInt(), 1);
}

void tst_Sandbox::replacedTokenHasGracePeriod()
{
    const QString old = fetchToken();
    const QString current = fetchToken();
    QVERIFY(old != current);
    fakeNow += 4 * 60 * 1000LL; // still inside the 5 minutes
    QCOMPARE(sendCustom(old, QStringLiteral("o_active")).errcode(), 0);
    fakeNow += 2 * 60 * 1000LL;
    QCOMPARE(sendCustom(old, QStringLiteral("o_active")).errcode(), 40001);
    QCOMPARE(sendCustom(current, QStringLiteral("o_active")).errcode(), 0);
}

void tst_Sandbox::malformedBody()
{
    const QUrlQuery query({{QStringLiteral("access_token"), fetchToken()}});
    for (const QString &path : {QStringLiteral("/cgi-bin/message/custom/send"),
                               QStringLiteral("/cgi-bin/message/template/send")}) {
        const HttpResult result = post(path, QByteArray("{\"touser\":"), query);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.errcode(), 47001);
        QVERIFY(hasWechatErrmsg(result, QStringLiteral("data format error")));
    }
    const HttpResult viaGet = get(QStringLiteral("/cgi-bin/message/custom/send"), query);
    QCOMPARE(viaGet.errcode(), 43002);
}

void tst_Sandbox::customInsideWindow()
{
    const HttpResult result = sendCustom(fetchToken(), QStringLiteral("o_active"));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, QByteArray("{\"errcode\":0,\"errmsg\":\"ok\"}"));
}

void tst_Sandbox::customOutsideWindow()
{
    const QString token = fetchToken();
    for (const QString &openid : {QStringLiteral("o_stale"), QStringLiteral("o_never")}) {
        const HttpResult result = sendCustom(token, openid);
        QCOMPARE(result.errcode(), 45015);
        QVERIFY(hasWechatErrmsg(result, QStringLiteral("response out of time limit or subscription is canceled")));
    }
    // The window closes 48 h after the interaction.
    QCOMPARE(sendCustom(token, QStringLiteral("o_active2")).errcode(), 0);
    fakeNow += 48 * hourMsecs;
    QVERIFY(!fetchToken().isEmpty());
    QCOMPARE(sendCustom(fetchToken(), QStringLiteral("o_active2")).errcode(), 45015);
}

void tst_Sandbox::customAllowanceAndInteraction()
{
    const QString token = fetchToken();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);
    const HttpResult sixth = sendCustom(token, QStringLiteral("o_active"));
    QCOMPARE(sixth.errcode(), 45047);
    QVERIFY(hasWechatErrmsg(sixth, QStringLiteral("out of response count limit")));

    // A user message reopens the window and resets the allowance; o_never gets a window too.
    admin(QStringLiteral("/sandbox/admin/interaction"),
          {{QStringLiteral("appid"), appId}, {QStringLiteral("openid"), QStringLiteral("o_active")},
           {QStringLiteral("at"), startMsecs / 1000}});
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);
    admin(QStringLiteral("/sandbox/admin/interaction"),
          {{QStringLiteral("appid"), appId}, {QStringLiteral("openid"), QStringLiteral("o_never")}});
    QCOMPARE(sendCustom(token, QStringLiteral("o_never")).errcode(), 0);
    QCOMPARE(stats().value(QLatin1String("accepted")).toObject().value(QLatin1String("custom"))
                 .toObject().value(QLatin1String("o_active")).toInt(), 6);
}

void tst_Sandbox::customRecipientErrors_data()
{
    QTest::addColumn<QString>("openid");
    QTest::addColumn<int>("errcode");
    QTest::addColumn<QString>("errmsg");
    QTest::newRow("unknown") << QStringLiteral("o_nobody") << 40003 << QStringLiteral("invalid openid");
    QTest::newRow("unfollowed") << QStringLiteral("o_unfollowed") << 43004 << QStringLiteral("require subscribe");
    QTest::newRow("blacklisted") << QStringLiteral("o_blacklisted") << 43019 << QStringLiteral("require remove blacklist");
}

void tst_Sandbox::customRecipientErrors()
{
    QFETCH(QString, openid);
    QFETCH(int, errcode);
    QFETCH(QString, errmsg);
    const HttpResult result = sendCustom(fetchToken(), openid);
    QCOMPARE(result.errcode(), errcode);
    QVERIFY2(hasWechatErrmsg(result, errmsg), qPrintable(result.errmsg()));
    if (errcode != 43019) {
        const HttpResult tpl = sendTemplate(fetchToken(), templateMessage(openid, QStringLiteral("TPL_ORDER"), orderData()));
        QCOMPARE(tpl.errcode(), errcode);
    }
}

void tst_Sandbox::customMessageShape()
{
    const QUrlQuery query({{QStringLiteral("access_token"), fetchToken()}});
    const QString path = QStringLiteral("/cgi-bin/message/custom/send");
    const HttpResult badType = post(path, QByteArray(R"({"touser":"o_active","msgtype":"fax","fax":{}})"), query);
    QCOMPARE(badType.errcode(), 40008);
    QVERIFY(hasWechatErrmsg(badType, QStringLiteral("invalid message type")));

    const HttpResult twoArticles = post(path, QByteArray(R"({"touser":"o_active","msgtype":"news","news":{"articles":[
        {"title":"a","description":"d","url":"http://x","picurl":"http://y"},
        {"title":"b","description":"d","url":"http://x","picurl":"http://y"}]}})"), query);
    QCOMPARE(twoArticles.errcode(), 45008);
    QVERIFY(hasWechatErrmsg(twoArticles, QStringLiteral("article size out of limit")));

    const HttpResult missingPayload = post(path, QByteArray(R"({"touser":"o_active","msgtype":"image"})"), query);
    QVERIFY(missingPayload.errcode() != 0);

    const HttpResult oneArticle = post(path, QByteArray(R"({"touser":"o_active","msgtype":"news","news":{"articles":[
        {"title":"a","description":"d","url":"http://x","picurl":"http://y"}]},"customservice":{"kf_account":"a@b"}})"), query);
    QCOMPARE(oneArticle.errcode(), 0);
}

void tst_Sandbox::templateSuccessHasExact64BitMsgid()
{
    const QString token = fetchToken();
    static const QRegularExpression msgidPattern(QStringLiteral("\"msgid\":(\\d+)\\}$"));
    quint64 previous = 0;
    for (int i = 0; i < 2; ++i) {
        const HttpResult result = sendTemplate(token, templateMessage(QStringLiteral("o_never"), QStringLiteral("TPL_ORDER"), orderData()));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.errcode(), 0);
        QCOMPARE(result.errmsg(), QStringLiteral("ok"));
        const QRegularExpressionMatch match = msgidPattern.match(QString::fromUtf8(result.body));
        QVERIFY2(match.hasMatch(), result.body.constData());
        bool ok = false;
        const quint64 msgid = match.captured(1).toULongLong(&ok);
        QVERIFY(ok);
        QVERIFY(msgid > (quint64(1) << 53));
        QCOMPARE(msgid, i == 0 ? Q_UINT64_C(3717005636572528642) : previous + 1);
        previous = msgid;
    }
}

void tst_Sandbox::templateErrors()
{
    const QString token = fetchToken();
    const HttpResult unknownTemplate = sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_NONE"), orderData()));
    QCOMPARE(unknownTemplate.errcode(), 40037);
    QVERIFY(hasWechatErrmsg(unknownTemplate, QStringLiteral("invalid template_id")));

    QJsonObject data = orderData();
    data.insert(QStringLiteral("time2"), QJsonObject{{QStringLiteral("value"), QString()}});
    const HttpResult emptyValue = sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_ORDER"), data));
    QCOMPARE(emptyValue.errcode(), 47003);
    QVERIFY2(hasWechatErrmsg(emptyValue, QStringLiteral("argument invalid! data.time2.value is empty")),
             qPrintable(emptyValue.errmsg()));

    data.remove(QStringLiteral("thing1"));
    const HttpResult missingKey = sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_ORDER"), data));
    QVERIFY(hasWechatErrmsg(missingKey, QStringLiteral("argument invalid! data.thing1.value is empty")));

    const HttpResult dataString = sendTemplate(token, templateMessage(QStringLiteral("o_active"), QStringLiteral("TPL_ORDER"), QStringLiteral("{\"thing1\":1}")));
    QCOMPARE(dataString.errcode(), 47003);

    const QJsonObject template47003 = stats().value(QLatin1String("rejected")).toObject()
                                          .value(QLatin1String("template")).toObject();
    QCOMPARE(template47003.value(QLatin1String("47003")).toInt(), 3);
    QCOMPARE(template47003.value(QLatin1String("40037")).toInt(), 1);
}

void tst_Sandbox::templateWithoutRegistrationAcceptsAnyId()
{
    const QString other = QStringLiteral("wxothernoregistry");
    admin(QStringLiteral("/sandbox/admin/apps"), {{QStringLiteral("appid"), other}});
    admin(QStringLiteral("/sandbox/admin/followers"),
          {{QStringLiteral("appid"), other},
           {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("openid"), QStringLiteral("o_x")}}}}});
    const HttpResult token = get(QStringLiteral("/cgi-bin/token"),
                                 QUrlQuery({{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                                            {QStringLiteral("appid"), other},
                                            {QStringLiteral("secret"), SandboxServer::defaultSecretFor(other)}}));
    const QString otherToken = token.json.value(QLatin1String("access_token")).toString();
    QVERIFY2(!otherToken.isEmpty(), token.body.constData());
    QCOMPARE(sendTemplate(otherToken, templateMessage(QStringLiteral("o_x"), QStringLiteral("ANY"), QJsonObject())).errcode(), 0);
    // The token decides the app: o_x is not a follower of the first app.
    QCOMPARE(sendTemplate(fetchToken(), templateMessage(QStringLiteral("o_x"), QStringLiteral("TPL_ORDER"), orderData())).errcode(), 40003);
    QCOMPARE(SandboxServer::defaultSecretFor(other), QStringLiteral("sandbox-secret-wxothernoregistry"));
}

void tst_Sandbox::barkSingle()
{
    const HttpResult ok = post(QStringLiteral("/push"),
                               QJsonObject{{QStringLiteral("device_key"), QStringLiteral("k1")},
                                           {QStringLiteral("title"), QStringLiteral("t")},
                                           {QStringLiteral("body"), QStringLiteral("b")},
                                           {QStringLiteral("level"), QStringLiteral("timeSensitive")}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json.value(QLatin1String("code")).toInt(), 200);
    QCOMPARE(ok.json.value(QLatin1String("message")).toString(), QStringLiteral("success"));
    QCOMPARE(ok.json.value(QLatin1String("timestamp")).toInteger(), startMsecs / 1000);

    const HttpResult unknown = post(QStringLiteral("/push"), QJsonObject{{QStringLiteral("device_key"), QStringLiteral("nokey")}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json.value(QLatin1String("code")).toInt(), 400);
    QCOMPARE(unknown.json.value(QLatin1String("message")).toString(),
             QStringLiteral("failed to get device token: failed to get [nokey] device token from database"));
    QVERIFY(unknown.json.contains(QLatin1String("timestamp")));

    const HttpResult empty = post(QStringLiteral("/push"), QJsonObject{{QStringLiteral("title"), QStringLiteral("t")}});
    QCOMPARE(empty.status, 400);
    QCOMPARE(empty.json.value(QLatin1String("message")).toString(), QStringLiteral("device key is empty"));

    // V1 form body works too.
    const HttpResult form = post(QStringLiteral("/push"), QByteArray("device_key=k2&body=hello"), {},
                                 QByteArrayLiteral("application/x-www-form-urlencoded"));
    QCOMPARE(form.status, 200);
}

void tst_Sandbox::barkBatch()
{
    const HttpResult viaArray = post(QStringLiteral("/push"),
                                     QJsonObject{{QStringLiteral("device_keys"), QJsonArray{QStringLiteral("k1"), QStringLiteral("kx")}},
                                                 {QStringLiteral("body"), QStringLiteral("b")}});
    QCOMPARE(viaArray.status, 200);
    QCOMPARE(viaArray.json.value(QLatin1String("code")).toInt(), 200);
    const QJsonArray data = viaArray.json.value(QLatin1String("data")).toArray();
    QCOMPARE(data.size(), 2);
    QCOMPARE(data.at(0).toObject().value(QLatin1String("code")).toInt(), 200);
    QCOMPARE(data.at(0).toObject().value(QLatin1String("device_key")).toString(), QStringLiteral("k1"));
    QCOMPARE(data.at(1).toObject().value(QLatin1String("code")).toInt(), 400);
    QCOMPARE(data.at(1).toObject().value(QLatin1String("message")).toString(),
             QStringLiteral("failed to get device token: failed to get [kx] device token from database"));

    const HttpResult viaString = post(QStringLiteral("/push"),
                                      QJsonObject{{QStringLiteral("device_keys"), QStringLiteral("k1,k2")}});
    QCOMPARE(viaString.status, 200);
    QCOMPARE(viaString.json.value(QLatin1String("data")).toArray().size(), 2);

    const HttpResult badType = post(QStringLiteral("/push"), QJsonObject{{QStringLiteral("device_keys"), 5}});
    QCOMPARE(badType.status, 400);
    QCOMPARE(badType.json.value(QLatin1String("message")).toString(), QStringLiteral("invalid type for device_keys"));

    const QJsonObject accepted = stats().value(QLatin1String("accepted")).toObject().value(QLatin1String("bark")).toObject();
    QCOMPARE(accepted.value(QLatin1String("k1")).toInt(), 2);
    QCOMPARE(accepted.value(QLatin1String("k2")).toInt(), 1);
    QVERIFY(!accepted.contains(QLatin1String("kx")));
}

void tst_Sandbox::barkMiscRoutes()
{
    const HttpResult ping = get(QStringLiteral("/ping"));
    QCOMPARE(ping.status, 200);
    QCOMPARE(ping.json.value(QLatin1String("message")).toString(), QStringLiteral("pong"));
    QCOMPARE(ping.json.value(QLatin1String("code")).toInt(), 200);
    const HttpResult health = get(QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body, QByteArray("ok"));
}

void tst_Sandbox::statsCountPerRecipient()
{
    const QString token = fetchToken();
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);
    QCOMPARE(sendCustom(token, QStringLiteral("o_active2")).errcode(), 0);
    QCOMPARE(sendCustom(token, QStringLiteral("o_stale")).errcode(), 45015);
    QCOMPARE(sendTemplate(token, templateMessage(QStringLiteral("o_stale"), QStringLiteral("TPL_ORDER"), orderData())).errcode(), 0);
    QCOMPARE(post(QStringLiteral("/push"), QJsonObject{{QStringLiteral("device_key"), QStringLiteral("k2")}}).status, 200);
    QCOMPARE(post(QStringLiteral("/push"), QJsonObject{{QStringLiteral("device_key"), QStringLiteral("zz")}}).status, 400);

    const QJsonObject s = stats();
    const QJsonObject accepted = s.value(QLatin1String("accepted")).toObject();
    QCOMPARE(accepted.value(QLatin1String("custom")).toObject(),
             QJsonObject({{QStringLiteral("o_active"), 2}, {QStringLiteral("o_active2"), 1}}));
    QCOMPARE(accepted.value(QLatin1String("template")).toObject(), QJsonObject({{QStringLiteral("o_stale"), 1}}));
    QCOMPARE(accepted.value(QLatin1String("bark")).toObject(), QJsonObject({{QStringLiteral("k2"), 1}}));
    const QJsonObject rejected = s.value(QLatin1String("rejected")).toObject();
    QCOMPARE(rejected.value(QLatin1String("custom")).toObject(), QJsonObject({{QStringLiteral("45015"), 1}}));
    QCOMPARE(rejected.value(QLatin1String("bark")).toObject(), QJsonObject({{QStringLiteral("400"), 1}}));
    QCOMPARE(rejected.value(QLatin1String("template")).toObject(), QJsonObject());
    const QJsonObject calls = s.value(QLatin1String("calls")).toObject();
    QCOMPARE(calls.value(QLatin1String("/cgi-bin/token")).toInt(), 1);
    QCOMPARE(calls.value(QLatin1String("/cgi-bin/message/custom/send")).toInt(), 4);
    QCOMPARE(calls.value(QLatin1String("/cgi-bin/message/template/send")).toInt(), 1);
    QCOMPARE(calls.value(QLatin1String("/push")).toInt(), 2);
    QVERIFY(!calls.contains(QLatin1String("/sandbox/stats")));
    QCOMPARE(s.value(QLatin1String("tokens_issued")).toInt(), 1);
}

void tst_Sandbox::resetKeepsAppsUnlessAll()
{
    const QString token = fetchToken();
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);
    QCOMPARE(post(QStringLiteral("/sandbox/admin/reset"), QByteArray("{}")).status, 200);
    QJsonObject s = stats();
    QCOMPARE(s.value(QLatin1String("accepted")).toObject().value(QLatin1String("custom")).toObject().size(), 0);
    QCOMPARE(s.value(QLatin1String("tokens_issued")).toInt(), 0);
    QCOMPARE(s.value(QLatin1String("calls")).toObject().size(), 0);
    // Apps, followers and tokens survive a stats reset.
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 0);

    QCOMPARE(post(QStringLiteral("/sandbox/admin/reset"), QByteArray("{}"),
                  QUrlQuery({{QStringLiteral("all"), QStringLiteral("1")}})).status, 200);
    QCOMPARE(sendCustom(token, QStringLiteral("o_active")).errcode(), 40001);
    QVERIFY(fetchToken().isEmpty());
}

void tst_Sandbox::adminErrors()
{
    const HttpResult unknownApp = post(QStringLiteral("/sandbox/admin/followers"),
                                       QJsonObject{{QStringLiteral("appid"), QStringLiteral("wxnobody")},
                                                   {QStringLiteral("followers"), QJsonArray()}});
    QCOMPARE(unknownApp.status, 400);
    QCOMPARE(unknownApp.json.value(QLatin1String("ok")).toBool(true), false);
    QVERIFY(!unknownApp.json.value(QLatin1String("error")).toString().isEmpty());

    const HttpResult malformed = post(QStringLiteral("/sandbox/admin/apps"), QByteArray("{nope"));
    QCOMPARE(malformed.status, 400);
    QCOMPARE(malformed.json.value(QLatin1String("ok")).toBool(true), false);

    const HttpResult noOpenid = post(QStringLiteral("/sandbox/admin/followers"),
                                     QJsonObject{{QStringLiteral("appid"), appId},
                                                 {QStringLiteral("followers"), QJsonArray{QJsonObject{{QStringLiteral("following"), true}}}}});
    QCOMPARE(noOpenid.status, 400);

    const HttpResult interactionUnknown = post(QStringLiteral("/sandbox/admin/interaction"),
                                               QJsonObject{{QStringLiteral("appid"), appId},
                                                           {QStringLiteral("openid"), QStringLiteral("o_nobody")}});
    QCOMPARE(interactionUnknown.status, 400);
}

void tst_Sandbox::largeFollowerSeeding()
{
    constexpr int count = 100000;
    const qint64 recent = startMsecs / 1000 - 60;
    QByteArray body;
    body.reserve(count * 90);
    body.append("{\"appid\":\"");
    body.append(appId.toUtf8());
    body.append("\",\"followers\":[");
    for (int i = 0; i < count; ++i) {
        if (i)
            body.append(',');
        body.append("{\"openid\":\"o_bulk_");
        body.append(QByteArray::number(i));
        body.append("\",\"following\":true,\"blacklisted\":false,\"last_interaction\":");
        body.append(QByteArray::number(recent));
        body.append('}');
    }
    body.append("]}");
    QElapsedTimer timer;
    timer.start();
    const HttpResult seeded = post(QStringLiteral("/sandbox/admin/followers"), body);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(seeded.status, 200);
    QVERIFY2(elapsed < 10000, qPrintable(QStringLiteral("seeding took %1 ms").arg(elapsed)));
    qInfo("seeding %d followers took %lld ms", count, elapsed);
    QCOMPARE(sendCustom(fetchToken(), QStringLiteral("o_bulk_99999")).errcode(), 0);
    QCOMPARE(sendCustom(fetchToken(), QStringLiteral("o_bulk_100000")).errcode(), 40003);
}

void tst_Sandbox::portAlreadyTaken()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = blocker.serverPort();
    const QString expected = QStringLiteral("port %1 is already in use; choose another with --port").arg(taken);

    SandboxServer server;
    QString error;
    QCOMPARE(server.listen(taken, &error), -1);
    QCOMPARE(error, expected);
    QCOMPARE(server.port(), quint16(0));

    SandboxHost host;
    QString hostError;
    QVERIFY(!host.start(taken, &hostError));
    QCOMPARE(hostError, expected);

    // The running sandbox's own port is taken too.
    SandboxServer second;
    QCOMPARE(second.listen(m_host->port(), &error), -1);
    QCOMPARE(error, QStringLiteral("port %1 is already in use; choose another with --port").arg(m_host->port()));
}

void tst_Sandbox::unknownPathIs404()
{
    QCOMPARE(get(QStringLiteral("/cgi-bin/nothing")).status, 404);
    QCOMPARE(post(QStringLiteral("/sandbox/admin/nothing"), QByteArray("{}")).status, 404);
    QCOMPARE(get(QStringLiteral("/push/extra")).status, 404);
}

QTEST_GUILESS_MAIN(tst_Sandbox)
#include "tst_sandbox.moc"
