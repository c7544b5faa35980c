// The sandbox's newer upstreams and its fault injection: mini-program subscribe and form_id
// template messages, msg_sec_check, ntfy, signed webhooks, the daily quota and clear_quota, and
// every injected fault (latency, errcodes, HTTP 5xx, malformed bodies, drops, token expiry).
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <atomic>
#include <memory>
#include <vector>

using namespace pushdesk;

namespace {

constexpr qint64 startMsecs = 1700000000000LL;
std::atomic<qint64> fakeNow{startMsecs};

const QString appId = QStringLiteral("wxminiprogram01");
const QString appSecret = QStringLiteral("mini-secret");

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Http {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    int errcode() const { return json.value(QLatin1String("errcode")).toInt(-999); }
    QString errmsg() const { return json.value(QLatin1String("errmsg")).toString(); }
    QString str(const char *key) const { return json.value(QLatin1String(key)).toString(); }
    bool isJson() const
    {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        return error.error == QJsonParseError::NoError;
    }
};

// "<text> rid: xxxxxxxx-xxxxxxxx-xxxxxxxx"
bool hasErrmsg(const Http &result, const QString &text)
{
    static const QRegularExpression rid(QStringLiteral(" rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$"));
    const QRegularExpressionMatch match = rid.match(result.errmsg());
    return match.hasMatch() && result.errmsg().left(match.capturedStart()) == text;
}

QByteArray sign(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray subscribeBody(const QString &openid, const QString &templateId, const QString &thing = QStringLiteral("order shipped"))
{
    return QJsonDocument(QJsonObject{{QStringLiteral("touser"), openid},
                                     {QStringLiteral("template_id"), templateId},
                                     {QStringLiteral("page"), QStringLiteral("index?foo=bar")},
                                     {QStringLiteral("miniprogram_state"), QStringLiteral("formal")},
                                     {QStringLiteral("data"), QJsonObject{{QStringLiteral("thing1"), QJsonObject{{QStringLiteral("value"), thing}}}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray formBody(const QString &openid, const QString &formId)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("touser"), openid},
                                     {QStringLiteral("template_id"), QStringLiteral("TPL_FORM")},
                                     {QStringLiteral("form_id"), formId},
                                     {QStringLiteral("data"), QJsonObject{{QStringLiteral("keyword1"), QJsonObject{{QStringLiteral("value"), QStringLiteral("339208499")}}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_SandboxFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void subscribeSpendsGrants();
    void subscribeErrors();
    void wxopenFormIds();
    void msgSecCheckV1();
    void msgSecCheckV2();
    void msgSecCheckErrors();
    void ntfyPublishWithHeaders();
    void ntfyJsonPublishAndErrors();
    void webhookSignature();
    void dailyQuotaAndClearQuota();
    void defaultQuotaAndNextDay();
    void tokenExpiryEveryN();
    void errcodeFault();
    void pushAndTokenErrorFaults();
    void serverCredentials();
    void http5xxFault();
    void malformedBeforeAccept();
    void malformedAfterAccept();
    void dropFault();
    void zeroRatesInjectNothing();
    void faultsAdminAndSeed();
    void latencyOverlaps();
    void latencyWithVanishedClient();
    void connectionCloseIsHonoured();

private:
    Http send(QNetworkAccessManager &nam, const QByteArray &verb, const QString &path, const QByteArray &body,
              const QUrlQuery &query = {}, const Headers &headers = {});
    Http get(const QString &path, const QUrlQuery &query = {}) { return send(*m_nam, "GET", path, {}, query); }
    Http post(const QString &path, const QByteArray &body, const QUrlQuery &query = {}, const Headers &headers = {})
    {
        return send(*m_nam, "POST", path, body, query, headers);
    }
    void admin(const QString &path, const QByteArray &json);
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    QString token();
    QUrlQuery tokenQuery() { return QUrlQuery({{QStringLiteral("access_token"), token()}}); }
    Http subscribe(const QUrlQuery &query, const QString &openid, const QString &templateId = QStringLiteral("TPL_SUB"));
    Http pushBark() { return post(QStringLiteral("/push"), R"({"device_key":"k1","body":"hi"})"); }
    QJsonObject stats() { return get(QStringLiteral("/sandbox/stats")).json; }
    QJsonObject accepted(const char *kind) { return stats()[QLatin1String("accepted")][QLatin1String(kind)].toObject(); }
    QJsonObject faultStats() { return stats()[QLatin1String("faults")].toObject(); }

    std::unique_ptr<SandboxHost> m_host;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

QUrl tst_SandboxFaults::url(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_host->baseUrl();
    url.setPath(path);
    url.setQuery(query);
    return url;
}

Http tst_SandboxFaults::send(QNetworkAccessManager &nam, const QByteArray &verb, const QString &path,
                             const QByteArray &body, const QUrlQuery &query, const Headers &headers)
{
    QNetworkRequest request(url(path, query));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb, body);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(30000);
    }
    Http result;
    result.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

void tst_SandboxFaults::admin(const QString &path, const QByteArray &json)
{
    const Http result = post(path, json);
    QVERIFY2(result.status == 200 && result.json.value(QLatin1String("ok")).toBool(), result.body.constData());
}

QString tst_SandboxFaults::token()
{
    return get(QStringLiteral("/cgi-bin/token"),
               QUrlQuery({{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                          {QStringLiteral("appid"), appId},
                          {QStringLiteral("secret"), appSecret}}))
        .str("access_token");
}

Http tst_SandboxFaults::subscribe(const QUrlQuery &query, const QString &openid, const QString &templateId)
{
    return post(QStringLiteral("/cgi-bin/message/subscribe/send"), subscribeBody(openid, templateId), query);
}

void tst_SandboxFaults::initTestCase()
{
    SandboxOptions options;
    options.nowMsecs = [] { return fakeNow.load(); };
    options.riskyWords = {{QStringLiteral("gamble"), 20006}};
    m_host = std::make_unique<SandboxHost>(options);
    QString error;
    QVERIFY2(m_host->start(0, &error), qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_SandboxFaults::cleanupTestCase()
{
    m_nam.reset();
    m_host.reset();
}

void tst_SandboxFaults::init()
{
    fakeNow = startMsecs;
    QCOMPARE(post(QStringLiteral("/sandbox/admin/reset"), "{}", QUrlQuery({{QStringLiteral("all"), QStringLiteral("1")}})).status, 200);
    admin(QStringLiteral("/sandbox/admin/apps"), R"({"appid":"wxminiprogram01","secret":"mini-secret","kind":"mini_program"})");
    const qint64 recent = startMsecs / 1000 - 60;
    admin(QStringLiteral("/sandbox/admin/followers"),
          QByteArray(R"({"appid":"wxminiprogram01","followers":[{"openid":"o_user","last_interaction":)")
              + QByteArray::number(recent) + R"(},{"openid":"o_other","last_interaction":)" + QByteArray::number(recent) + "}]}");
    admin(QStringLiteral("/sandbox/admin/templates"), R"({"appid":"wxminiprogram01","template_id":"TPL_SUB","keys":["thing1"]})");
    admin(QStringLiteral("/sandbox/admin/templates"), R"({"appid":"wxminiprogram01","template_id":"TPL_FORM","keys":["keyword1"]})");
    admin(QStringLiteral("/sandbox/admin/bark/devices"), R"({"device_keys":["k1"]})");
}

void tst_SandboxFaults::subscribeSpendsGrants()
{
    const QUrlQuery query = tokenQuery();
    const Http refused = subscribe(query, QStringLiteral("o_user"));
    QCOMPARE(refused.status, 200);
    QCOMPARE(refused.errcode(), 43101);
    QVERIFY2(hasErrmsg(refused, QStringLiteral("user refuse to accept the msg")), qPrintable(refused.errmsg()));

    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":2})");
    static const QRegularExpression shape(QStringLiteral("^\\{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":(\\d+)\\}$"));
    quint64 previous = 0;
    for (int i = 0; i < 2; ++i) {
        const Http ok = subscribe(query, QStringLiteral("o_user"));
        const QRegularExpressionMatch match = shape.match(QString::fromUtf8(ok.body));
        QVERIFY2(match.hasMatch(), ok.body.constData());
        const quint64 msgid = match.captured(1).toULongLong();
        QVERIFY(msgid > (quint64(1) << 53));
        QVERIFY(previous == 0 || msgid == previous + 1);
        previous = msgid;
    }
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 43101); // both grants spent
    // A grant is per (openid, template): o_other has none, and TPL_FORM grants do not cover TPL_SUB.
    admin(QStringLiteral("/sandbox/admin/grants"),
          R"({"appid":"wxminiprogram01","grants":[{"openid":"o_other","template_id":"TPL_FORM"},{"openid":"o_other","template_id":"TPL_SUB","count":1}]})");
    QCOMPARE(subscribe(query, QStringLiteral("o_other")).errcode(), 0);
    QCOMPARE(subscribe(query, QStringLiteral("o_other")).errcode(), 43101);

    QCOMPARE(accepted("subscribe"), QJsonObject({{QStringLiteral("o_user"), 2}, {QStringLiteral("o_other"), 1}}));
    QCOMPARE(stats()[QLatin1String("rejected")][QLatin1String("subscribe")][QLatin1String("43101")].toInt(), 3);
}

void tst_SandboxFaults::subscribeErrors()
{
    const QUrlQuery query = tokenQuery();
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":5})");
    const Http unknownUser = subscribe(query, QStringLiteral("o_nobody"));
    QCOMPARE(unknownUser.errcode(), 40003);
    QVERIFY(hasErrmsg(unknownUser, QStringLiteral("invalid openid")));
    const Http unknownTemplate = subscribe(query, QStringLiteral("o_user"), QStringLiteral("TPL_NONE"));
    QCOMPARE(unknownTemplate.errcode(), 40037);
    QVERIFY(hasErrmsg(unknownTemplate, QStringLiteral("invalid template_id")));

    const QString path = QStringLiteral("/cgi-bin/message/subscribe/send");
    const Http dataString = post(path, R"({"touser":"o_user","template_id":"TPL_SUB","data":"{\"thing1\":{\"value\":\"x\"}}"})", query);
    QCOMPARE(dataString.errcode(), 47003);
    QVERIFY2(hasErrmsg(dataString, QStringLiteral("argument invalid! data is empty")), qPrintable(dataString.errmsg()));
    const Http tooLong = post(path, subscribeBody(QStringLiteral("o_user"), QStringLiteral("TPL_SUB"), QString(21, QLatin1Char('x'))), query);
    QCOMPARE(tooLong.errcode(), 47003);
    QVERIFY2(hasErrmsg(tooLong, QStringLiteral("argument invalid! data.thing1.value invalid")), qPrintable(tooLong.errmsg()));
    QCOMPARE(post(path, subscribeBody(QStringLiteral("o_user"), QStringLiteral("TPL_SUB"), QString(20, QChar(0x4e2d))), query).errcode(), 0);
    QCOMPARE(post(path, "{\"touser\":", query).errcode(), 47001);
    QCOMPARE(get(path, query).errcode(), 43002);
    // Failed sends spent nothing: four grants are left.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 43101);
}

void tst_SandboxFaults::wxopenFormIds()
{
    const qint64 now = startMsecs / 1000;
    admin(QStringLiteral("/sandbox/admin/formids"),
          QByteArray(R"({"appid":"wxminiprogram01","openid":"o_user","form_ids":[{"form_id":"F1","uses":1,"expires_at":)")
              + QByteArray::number(now + 7 * 86400) + R"(},{"form_id":"P1","uses":3},{"form_id":"F_OLD","expires_at":)"
              + QByteArray::number(now - 1) + R"(},{"form_id":"F_SOON","expires_at":)" + QByteArray::number(now + 60) + "}]}");
    const QUrlQuery query = tokenQuery();
    const QString path = QStringLiteral("/cgi-bin/message/wxopen/template/send");
    const Http ok = post(path, formBody(QStringLiteral("o_user"), QStringLiteral("F1")), query);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArray(R"({"errcode":0,"errmsg":"ok"})"));
    const Http usedUp = post(path, formBody(QStringLiteral("o_user"), QStringLiteral("F1")), query);
    QCOMPARE(usedUp.errcode(), 41029);
    QVERIFY(hasErrmsg(usedUp, QStringLiteral("form id used count reach limit")));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(path, formBody(QStringLiteral("o_user"), QStringLiteral("P1")), query).errcode(), 0);
    QCOMPARE(post(path, formBody(QStringLiteral("o_user"), QStringLiteral("P1")), query).errcode(), 41029);

    const Http expired = post(path, formBody(QStringLiteral("o_user"), QStringLiteral("F_OLD")), query);
    QCOMPARE(expired.errcode(), 41028);
    QVERIFY(hasErrmsg(expired, QStringLiteral("invalid form id")));
    QCOMPARE(post(path, formBody(QStringLiteral("o_user"), QStringLiteral("F_NONE")), query).errcode(), 41028);
    QCOMPARE(post(path, formBody(QStringLiteral("o_other"), QStringLiteral("F_SOON")), query).errcode(), 41028); // o_user's
    QCOMPARE(post(path, formBody(QStringLiteral("o_nobody"), QStringLiteral("F_SOON")), query).errcode(), 40003);
    fakeNow += 61 * 1000;
    QCOMPARE(post(path, formBody(QStringLiteral("o_user"), QStringLiteral("F_SOON")), query).errcode(), 41028);

    QCOMPARE(accepted("wxopen_template"), QJsonObject({{QStringLiteral("o_user"), 4}}));
    const QJsonObject rejected = stats()[QLatin1String("rejected")][QLatin1String("wxopen_template")].toObject();
    QCOMPARE(rejected.value(QLatin1String("41028")).toInt(), 4);
    QCOMPARE(rejected.value(QLatin1String("41029")).toInt(), 2);
}

void tst_SandboxFaults::msgSecCheckV1()
{
    const QUrlQuery query = tokenQuery();
    const QString path = QStringLiteral("/wxa/msg_sec_check");
    const Http pass = post(path, R"({"content":"hello there"})", query);
    QCOMPARE(pass.body, QByteArray(R"({"errcode":0,"errmsg":"ok"})"));
    const Http risky = post(path, R"({"content":"let us GAMBLE tonight"})", query); // case-insensitive
    QCOMPARE(risky.errcode(), 87014);
    QVERIFY(hasErrmsg(risky, QStringLiteral("risky content")));
    QCOMPARE(accepted("msg_sec_check"), QJsonObject({{QStringLiteral("pass"), 1}}));
}

void tst_SandboxFaults::msgSecCheckV2()
{
    const QUrlQuery query = tokenQuery();
    const QString path = QStringLiteral("/wxa/msg_sec_check");
    const auto check = [&](const QString &content) {
        return post(path, QJsonDocument(QJsonObject{{QStringLiteral("version"), 2}, {QStringLiteral("openid"), QStringLiteral("o_user")},
                                                    {QStringLiteral("scene"), 2}, {QStringLiteral("content"), content}})
                              .toJson(QJsonDocument::Compact), query);
    };
    const Http pass = check(QStringLiteral("a kind comment"));
    QCOMPARE(pass.errcode(), 0);
    QCOMPARE(pass.errmsg(), QStringLiteral("ok"));
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$")).match(pass.str("trace_id")).hasMatch());
    QCOMPARE(pass.json[QLatin1String("result")].toObject(),
             QJsonObject({{QStringLiteral("suggest"), QStringLiteral("pass")}, {QStringLiteral("label"), 100}}));
    QCOMPARE(pass.json[QLatin1String("detail")][0][QLatin1String("strategy")].toString(), QStringLiteral("content_model"));

    const Http illegal = check(QStringLiteral("how to gamble"));
    QCOMPARE(illegal.errcode(), 0);
    QCOMPARE(illegal.json[QLatin1String("result")][QLatin1String("suggest")].toString(), QStringLiteral("risky"));
    QCOMPARE(illegal.json[QLatin1String("result")][QLatin1String("label")].toInt(), 20006);

    // The lists are replaced as a whole: "gamble" passes afterwards.
    admin(QStringLiteral("/sandbox/admin/seccheck"),
          R"({"risky":[{"word":"scam","label":20008}],"review":[{"word":"discount","label":10001}]})");
    const Http fraud = check(QStringLiteral("a scam offer"));
    QCOMPARE(fraud.json[QLatin1String("result")].toObject(),
             QJsonObject({{QStringLiteral("suggest"), QStringLiteral("risky")}, {QStringLiteral("label"), 20008}}));
    const QJsonArray detail = fraud.json[QLatin1String("detail")].toArray();
    QCOMPARE(detail.size(), 2);
    QCOMPARE(detail[1][QLatin1String("keyword")].toString(), QStringLiteral("scam"));
    QCOMPARE(detail[1][QLatin1String("suggest")].toString(), QStringLiteral("risky"));
    const Http review = check(QStringLiteral("big discount"));
    QCOMPARE(review.json[QLatin1String("result")].toObject(),
             QJsonObject({{QStringLiteral("suggest"), QStringLiteral("review")}, {QStringLiteral("label"), 10001}}));
    QCOMPARE(check(QStringLiteral("how to gamble")).json[QLatin1String("result")][QLatin1String("suggest")].toString(),
             QStringLiteral("pass"));
    const Http lists = get(QStringLiteral("/sandbox/admin/seccheck"));
    QCOMPARE(lists.json[QLatin1String("risky")][0][QLatin1String("word")].toString(), QStringLiteral("scam"));
    QCOMPARE(lists.json[QLatin1String("review")][0][QLatin1String("label")].toInt(), 10001);
    QCOMPARE(accepted("msg_sec_check"), QJsonObject({{QStringLiteral("pass"), 2}, {QStringLiteral("risky"), 2}, {QStringLiteral("review"), 1}}));
}

void tst_SandboxFaults::msgSecCheckErrors()
{
    const QString t = token();
    const QString path = QStringLiteral("/wxa/msg_sec_check");
    const QUrlQuery query({{QStringLiteral("access_token"), t}});
    const Http inBody = post(path, QByteArray(R"({"content":"hi","access_token":")") + t.toUtf8() + "\"}");
    QCOMPARE(inBody.errcode(), 47001);
    QVERIFY(hasErrmsg(inBody, QStringLiteral("data format error")));
    QCOMPARE(post(path, R"({"content":"hi"})").errcode(), 41001);
    const Http unknown = post(path, R"({"version":2,"openid":"o_nobody","scene":2,"content":"hi"})", query);
    QCOMPARE(unknown.errcode(), 40003);
    for (const char *scene : {"0", "5"}) {
        const Http badScene = post(path, QByteArray(R"({"version":2,"openid":"o_user","scene":)") + scene + R"(,"content":"hi"})", query);
        QCOMPARE(badScene.errcode(), 40129);
        QVERIFY(hasErrmsg(badScene, QStringLiteral("invalid scene")));
    }
    const Http empty = post(path, R"({"version":2,"openid":"o_user","scene":1,"content":""})", query);
    QCOMPARE(empty.errcode(), 44002);
    QVERIFY(hasErrmsg(empty, QStringLiteral("empty post data")));
    QCOMPARE(post(path, R"({"content":""})", query).errcode(), 44002);
    QCOMPARE(get(path, query).errcode(), 43002);
}

void tst_SandboxFaults::ntfyPublishWithHeaders()
{
    const Http ok = post(QStringLiteral("/ntfy/alerts_1"), "Disk is full", {},
                         {{"X-Title", "Server"}, {"X-Priority", "high"}, {"X-Tags", "warning, skull"}, {"X-Click", "https://example.com/x"}});
    QCOMPARE(ok.status, 200);
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9]{12}$")).match(ok.str("id")).hasMatch(), ok.body.constData());
    QCOMPARE(ok.json[QLatin1String("time")].toInteger(), startMsecs / 1000);
    QVERIFY(ok.json[QLatin1String("expires")].toInteger() > startMsecs / 1000);
    QCOMPARE(ok.str("event"), QStringLiteral("message"));
    QCOMPARE(ok.str("topic"), QStringLiteral("alerts_1"));
    QCOMPARE(ok.str("title"), QStringLiteral("Server"));
    QCOMPARE(ok.str("message"), QStringLiteral("Disk is full"));
    QCOMPARE(ok.json[QLatin1String("priority")].toInt(), 4);
    QCOMPARE(ok.json[QLatin1String("tags")].toArray(), QJsonArray({QStringLiteral("warning"), QStringLiteral("skull")}));
    QCOMPARE(ok.str("click"), QStringLiteral("https://example.com/x"));

    // PUT, short header names, query parameters; empty fields are omitted; an empty body triggers.
    const Http put = send(*m_nam, "PUT", QStringLiteral("/ntfy/alerts_1"), "second", {}, {{"t", "Short"}, {"p", "1"}});
    QCOMPARE(put.status, 200);
    QCOMPARE(put.str("title"), QStringLiteral("Short"));
    QCOMPARE(put.json[QLatin1String("priority")].toInt(), 1);
    const Http bare = post(QStringLiteral("/ntfy/other-topic"), {}, QUrlQuery({{QStringLiteral("title"), QStringLiteral("Q")}}));
    QCOMPARE(bare.str("message"), QStringLiteral("triggered"));
    QCOMPARE(bare.str("title"), QStringLiteral("Q"));
    QVERIFY(!bare.json.contains(QLatin1String("priority")) && !bare.json.contains(QLatin1String("tags")));
    QVERIFY(ok.str("id") != put.str("id"));

    QCOMPARE(accepted("ntfy"), QJsonObject({{QStringLiteral("alerts_1"), 2}, {QStringLiteral("other-topic"), 1}}));
}

void tst_SandboxFaults::ntfyJsonPublishAndErrors()
{
    const Http ok = post(QStringLiteral("/ntfy/"), R"({"topic":"jobs","message":"done","title":"CI","tags":["tada"],"priority":2})");
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.str("topic"), QStringLiteral("jobs"));
    QCOMPARE(ok.str("message"), QStringLiteral("done"));
    QCOMPARE(ok.json[QLatin1String("tags")].toArray(), QJsonArray({QStringLiteral("tada")}));
    QCOMPARE(ok.json[QLatin1String("priority")].toInt(), 2);

    const auto isError = [](const Http &r, int http, int code, const char *error) {
        return r.status == http && r.json[QLatin1String("code")].toInt() == code && r.json[QLatin1String("http")].toInt() == http
               && r.str("error") == QLatin1String(error) && r.str("link").startsWith(QLatin1String("https://"));
    };
    const Http badTopic = post(QStringLiteral("/ntfy/bad.topic"), "x");
    QVERIFY2(isError(badTopic, 400, 40009, "invalid topic"), badTopic.body.constData());
    QVERIFY(isError(post(QStringLiteral("/ntfy/") + QString(65, QLatin1Char('a')), "x"), 400, 40009, "invalid topic"));
    QVERIFY(post(QStringLiteral("/ntfy/") + QString(64, QLatin1Char('a')), "x").status == 200);
    QVERIFY(isError(post(QStringLiteral("/ntfy/"), R"({"message":"no topic"})"), 400, 40009, "invalid topic"));
    const Http tooBig = post(QStringLiteral("/ntfy/jobs"), QByteArray(4097, 'x'));
    QVERIFY2(isError(tooBig, 413, 41301, "message too large"), tooBig.body.constData());
    QCOMPARE(post(QStringLiteral("/ntfy/jobs"), QByteArray(4096, 'x')).status, 200);
    QVERIFY(isError(post(QStringLiteral("/ntfy/jobs"), "x", {}, {{"X-Priority", "9"}}), 400, 40007, "invalid priority parameter"));
    QVERIFY(isError(post(QStringLiteral("/ntfy/"), "{not json"), 400, 40017, "invalid request: request body must be message JSON"));

    const QJsonObject stats = this->stats();
    QCOMPARE(stats[QLatin1String("accepted")][QLatin1String("ntfy")][QLatin1String("jobs")].toInt(), 2);
    QCOMPARE(stats[QLatin1String("rejected")][QLatin1String("ntfy")][QLatin1String("40009")].toInt(), 3);
    QCOMPARE(stats[QLatin1String("rejected")][QLatin1String("ntfy")][QLatin1String("41301")].toInt(), 1);
    // GET publishes only through /<topic>/publish|send|trigger.
    QCOMPARE(get(QStringLiteral("/ntfy/jobs/trigger"), QUrlQuery({{QStringLiteral("m"), QStringLiteral("via get")}})).str("message"),
             QStringLiteral("via get"));
    QVERIFY(isError(get(QStringLiteral("/ntfy/jobs")), 405, 40501, "method not allowed"));
    QCOMPARE(accepted("ntfy")[QLatin1String("jobs")].toInt(), 3);
}

void tst_SandboxFaults::webhookSignature()
{
    admin(QStringLiteral("/sandbox/admin/webhooks"), R"({"name":"ops","secret":"hook-secret"})");
    const QByteArray body = R"({"recipient":"alice","text":"hello"})";
    const Http ok = post(QStringLiteral("/webhook/ops"), body, {}, {{"X-Pushdesk-Signature", sign(body, "hook-secret")}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(post(QStringLiteral("/webhook/ops"), body, {}, {{"X-Pushdesk-Signature", sign(body, "hook-secret").toUpper().replace("SHA256=", "sha256=")}}).status, 200);

    const Http wrongSecret = post(QStringLiteral("/webhook/ops"), body, {}, {{"X-Pushdesk-Signature", sign(body, "other")}});
    QCOMPARE(wrongSecret.status, 401);
    QCOMPARE(wrongSecret.body, QByteArray(R"({"error":"bad signature"})"));
    const QByteArray tampered = R"({"recipient":"mallory","text":"hello"})";
    QCOMPARE(post(QStringLiteral("/webhook/ops"), tampered, {}, {{"X-Pushdesk-Signature", sign(body, "hook-secret")}}).status, 401);
    QCOMPARE(post(QStringLiteral("/webhook/ops"), body).status, 401);
    QCOMPARE(post(QStringLiteral("/webhook/ops"), body, {}, {{"X-Pushdesk-Signature", QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()}}).status, 401);
    QCOMPARE(post(QStringLiteral("/webhook/nobody"), body, {}, {{"X-Pushdesk-Signature", sign(body, "hook-secret")}}).status, 404);
    const QByteArray noRecipient = R"({"text":"to the channel"})";
    QCOMPARE(post(QStringLiteral("/webhook/ops"), noRecipient, {}, {{"X-Pushdesk-Signature", sign(noRecipient, "hook-secret")}}).status, 200);
    const QByteArray notJson = "plain text";
    QCOMPARE(post(QStringLiteral("/webhook/ops"), notJson, {}, {{"X-Pushdesk-Signature", sign(notJson, "hook-secret")}}).status, 400);

    QCOMPARE(accepted("webhook"), QJsonObject({{QStringLiteral("alice"), 2}, {QStringLiteral("ops"), 1}}));
    QCOMPARE(stats()[QLatin1String("rejected")][QLatin1String("webhook")][QLatin1String("401")].toInt(), 4);
}

void tst_SandboxFaults::dailyQuotaAndClearQuota()
{
    admin(QStringLiteral("/sandbox/admin/quota"), R"({"appid":"wxminiprogram01","daily_quota":3})");
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":10})");
    const QUrlQuery query = tokenQuery();
    QCOMPARE(subscribe(query, QStringLiteral("o_nobody")).errcode(), 40003); // rejected: not counted
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(post(QStringLiteral("/cgi-bin/message/template/send"), R"({"touser":"o_user","template_id":"TPL_SUB","data":{"thing1":{"value":"x"}}})", query).errcode(), 0);
    QCOMPARE(post(QStringLiteral("/cgi-bin/message/custom/send"), R"({"touser":"o_user","msgtype":"text","text":{"content":"x"}})", query).errcode(), 0);
    QCOMPARE(post(QStringLiteral("/wxa/msg_sec_check"), R"({"content":"not a message"})", query).errcode(), 0); // not counted
    const Http over = subscribe(query, QStringLiteral("o_user"));
    QCOMPARE(over.errcode(), 45009);
    QVERIFY(hasErrmsg(over, QStringLiteral("reach max api daily quota limit")));
    QCOMPARE(get(QStringLiteral("/sandbox/admin/quota")).json[QLatin1String("apps")][appId].toObject(),
             QJsonObject({{QStringLiteral("daily_quota"), 3}, {QStringLiteral("used"), 3}}));

    const QString clear = QStringLiteral("/cgi-bin/clear_quota");
    QCOMPARE(post(clear, R"({"appid":"wxsomeoneelse"})", query).errcode(), 40013);
    QCOMPARE(post(clear, R"({})", query).errcode(), 41002);
    QCOMPARE(post(clear, R"({"appid":"wxminiprogram01"})").errcode(), 41001);
    const Http cleared = post(clear, R"({"appid":"wxminiprogram01"})", query);
    QCOMPARE(cleared.body, QByteArray(R"({"errcode":0,"errmsg":"ok"})"));
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);

    admin(QStringLiteral("/sandbox/admin/quota"), R"({"appid":"wxminiprogram01","used":2})");
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 45009);
    QCOMPARE(accepted("subscribe")[QLatin1String("o_user")].toInt(), 3);
    QCOMPARE(stats()[QLatin1String("rejected")][QLatin1String("subscribe")][QLatin1String("45009")].toInt(), 2);
    QCOMPARE(post(QStringLiteral("/sandbox/admin/quota"), R"({"appid":"wxminiprogram01","used":-1})").status, 400);
}

void tst_SandboxFaults::defaultQuotaAndNextDay()
{
    admin(QStringLiteral("/sandbox/admin/quota"), R"({"daily_quota":1})");
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":10})");
    const QUrlQuery query = tokenQuery();
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 45009);
    // Quotas reset at midnight Beijing time: 1700000000 is 06:13:20 in Beijing.
    fakeNow += (17 * 3600 + 46 * 60 + 39) * 1000LL; // 23:59:59
    QCOMPARE(subscribe(tokenQuery(), QStringLiteral("o_user")).errcode(), 45009);
    fakeNow += 1000;
    QCOMPARE(subscribe(tokenQuery(), QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(get(QStringLiteral("/sandbox/admin/quota")).json[QLatin1String("daily_quota")].toInteger(), 1);
    // reset?all returns to the start-up default (unlimited).
    QCOMPARE(post(QStringLiteral("/sandbox/admin/reset"), "{}", QUrlQuery({{QStringLiteral("all"), QStringLiteral("1")}})).status, 200);
    QCOMPARE(get(QStringLiteral("/sandbox/admin/quota")).json[QLatin1String("daily_quota")].toInteger(), 0);
}

void tst_SandboxFaults::tokenExpiryEveryN()
{
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"token_expiry_every":3})");
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":20})");
    const QUrlQuery first = tokenQuery();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(subscribe(first, QStringLiteral("o_user")).errcode(), 0);
    const Http expired = subscribe(first, QStringLiteral("o_user"));
    QCOMPARE(expired.errcode(), 42001);
    QVERIFY(hasErrmsg(expired, QStringLiteral("access_token expired")));
    QCOMPARE(faultStats()[QLatin1String("token_expired")].toInt(), 1);

    // Stable tokens expire as well; stable_token then issues a fresh one.
    const QByteArray stableBody = R"({"grant_type":"client_credential","appid":"wxminiprogram01","secret":"mini-secret"})";
    const QString stable = post(QStringLiteral("/cgi-bin/stable_token"), stableBody).str("access_token");
    const QUrlQuery second({{QStringLiteral("access_token"), stable}});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(subscribe(second, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(subscribe(second, QStringLiteral("o_user")).errcode(), 42001);
    const QString renewed = post(QStringLiteral("/cgi-bin/stable_token"), stableBody).str("access_token");
    QVERIFY(!renewed.isEmpty() && renewed != stable);
    QCOMPARE(subscribe(QUrlQuery({{QStringLiteral("access_token"), renewed}}), QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(faultStats()[QLatin1String("token_expired")].toInt(), 2);

    admin(QStringLiteral("/sandbox/admin/faults"), R"({"token_expiry_every":0})");
    const QUrlQuery third = tokenQuery();
    for (int i = 0; i < 10; ++i)
        QCOMPARE(subscribe(third, QStringLiteral("o_user")).errcode(), 0);
    QCOMPARE(faultStats()[QLatin1String("token_expired")].toInt(), 2);
}

void tst_SandboxFaults::errcodeFault()
{
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":1})");
    const QUrlQuery query = tokenQuery();
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"-1":1.0}})");
    for (int i = 0; i < 3; ++i) {
        const Http busy = subscribe(query, QStringLiteral("o_user"));
        QCOMPARE(busy.status, 200);
        QCOMPARE(busy.errcode(), -1);
        QVERIFY2(hasErrmsg(busy, QStringLiteral("system error")), qPrintable(busy.errmsg()));
    }
    QCOMPARE(pushBark().status, 200); // WeChat errcodes are not injected into Bark
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"45011":1}})");
    const Http minute = post(QStringLiteral("/cgi-bin/message/custom/send"), R"({"touser":"o_user","msgtype":"text","text":{"content":"x"}})", query);
    QVERIFY(hasErrmsg(minute, QStringLiteral("api minute-quota reach limit  mustslower  retry next minute")));
    QCOMPARE(faultStats()[QLatin1String("errcode")].toObject(), QJsonObject({{QStringLiteral("-1"), 3}, {QStringLiteral("45011"), 1}}));
    QCOMPARE(accepted("subscribe").size(), 0);

    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"-1":0}})");
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0); // the grant was never spent
    QCOMPARE(accepted("subscribe"), QJsonObject({{QStringLiteral("o_user"), 1}}));
}

void tst_SandboxFaults::pushAndTokenErrorFaults()
{
    // ntfy's own error shape, HTTP = code / 100.
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"ntfy:42901":1}})");
    const Http limited = post(QStringLiteral("/ntfy/t1"), "hello");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json[QLatin1String("code")].toInt(), 42901);
    QCOMPARE(limited.json[QLatin1String("http")].toInt(), 429);
    QCOMPARE(limited.str("error"), QStringLiteral("limit reached: too many requests"));
    QCOMPARE(pushBark().status, 200); // ntfy faults stay on ntfy
    // Bark: an APNs refusal (500), a cleared token (400), and Basic auth refused (418, plain text).
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"bark:apns:BadDeviceToken":1}})");
    Http bark = pushBark();
    QCOMPARE(bark.status, 500);
    QCOMPARE(bark.str("message"), QStringLiteral("push failed: BadDeviceToken"));
    QCOMPARE(post(QStringLiteral("/ntfy/t1"), "hello").status, 200); // Bark faults stay on Bark
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"bark:token_invalid":1}})");
    bark = pushBark();
    QCOMPARE(bark.status, 400);
    QCOMPARE(bark.str("message"), QStringLiteral("failed to get device token: device token invalid"));
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"bark:teapot":1}})");
    bark = pushBark();
    QCOMPARE(bark.status, 418);
    QVERIFY(!bark.isJson());
    QCOMPARE(faultStats()[QLatin1String("errcode")].toObject(),
             QJsonObject({{QStringLiteral("ntfy:42901"), 1}, {QStringLiteral("bark:apns:BadDeviceToken"), 1},
                          {QStringLiteral("bark:token_invalid"), 1}, {QStringLiteral("bark:teapot"), 1}}));
    // Only the pushes no fault answered were taken.
    QCOMPARE(accepted("bark"), QJsonObject({{QStringLiteral("k1"), 1}}));
    QCOMPARE(accepted("ntfy"), QJsonObject({{QStringLiteral("t1"), 1}}));
    // A batch meets the device faults key by key, as the server does: HTTP 200, each key's code and message in
    // "data". An unknown key is answered before any fault is drawn for it; bark:teapot still refuses the whole request.
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"bark:apns:TooManyRequests":1}})");
    const Http batch = post(QStringLiteral("/push"), R"({"device_keys":["k1","kx"],"body":"hi"})");
    QCOMPARE(batch.status, 200);
    QCOMPARE(batch.json[QLatin1String("code")].toInt(), 200);
    const QJsonArray perKey = batch.json[QLatin1String("data")].toArray();
    QCOMPARE(perKey.size(), 2);
    QCOMPARE(perKey.at(0).toObject(), QJsonObject({{QStringLiteral("code"), 500}, {QStringLiteral("device_key"), QStringLiteral("k1")},
                                                   {QStringLiteral("message"), QStringLiteral("push failed: TooManyRequests")}}));
    QCOMPARE(perKey.at(1).toObject().value(QLatin1String("code")).toInt(), 400);
    QVERIFY(perKey.at(1).toObject().value(QLatin1String("message")).toString().contains(QLatin1String("kx")));
    QCOMPARE(faultStats()[QLatin1String("errcode")].toObject().value(QLatin1String("bark:apns:TooManyRequests")).toInt(), 1);
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"bark:teapot":1,"bark:apns:TooManyRequests":1}})");
    QCOMPARE(post(QStringLiteral("/push"), R"({"device_keys":["k1"],"body":"hi"})").status, 418);
    QCOMPARE(accepted("bark"), QJsonObject({{QStringLiteral("k1"), 1}})); // still only the first push
    for (const char *bad : {R"({"error_rates":{"ntfy:40000":1}})", R"({"error_rates":{"bark:apns:":1}})",
                            R"({"error_rates":{"bark:other":1}})", R"({"token_errors":{"-1":1.5}})",
                            R"({"token_errors":{"0":1}})", R"({"token_errors":3})"}) {
        const Http rejected = post(QStringLiteral("/sandbox/admin/faults"), bad);
        QVERIFY2(rejected.status == 400 && !rejected.str("error").isEmpty(), bad);
    }

    // The token endpoints: the next N calls answer the errcodes, lowest first, then tokens again.
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"token_errors":{"40164":1,"-1":2}})");
    const QByteArray stable = R"({"grant_type":"client_credential","appid":"wxminiprogram01","secret":"mini-secret"})";
    QCOMPARE(post(QStringLiteral("/cgi-bin/stable_token"), stable).errcode(), -1);
    QCOMPARE(get(QStringLiteral("/cgi-bin/token"), QUrlQuery({{QStringLiteral("grant_type"), QStringLiteral("client_credential")},
                                                              {QStringLiteral("appid"), appId}, {QStringLiteral("secret"), appSecret}})).errcode(), -1);
    const Http ip = post(QStringLiteral("/cgi-bin/stable_token"), stable);
    QCOMPARE(ip.errcode(), 40164);
    QVERIFY2(hasErrmsg(ip, QStringLiteral("invalid ip, not in whitelist")), qPrintable(ip.errmsg()));
    QVERIFY(!post(QStringLiteral("/cgi-bin/stable_token"), stable).str("access_token").isEmpty());
}

void tst_SandboxFaults::serverCredentials()
{
    // Like a bark-server started with --user/--password and an ntfy server with access control.
    admin(QStringLiteral("/sandbox/admin/auth"), R"({"bark_user":"relay","bark_password":"pw","ntfy_token":"tk_x"})");
    const Http asked = get(QStringLiteral("/sandbox/admin/auth"));
    QCOMPARE(asked.json, QJsonObject({{QStringLiteral("bark"), true}, {QStringLiteral("ntfy"), true}})); // never the values
    const QByteArray push = R"({"device_key":"k1","body":"hi"})";
    const Http refused = post(QStringLiteral("/push"), push);
    QCOMPARE(refused.status, 418);
    QCOMPARE(refused.body, QByteArrayLiteral("I'm a teapot"));
    QCOMPARE(post(QStringLiteral("/push"), push, {}, {{"Authorization", "Basic " + QByteArrayLiteral("relay:wrong").toBase64()}}).status, 418);
    QCOMPARE(post(QStringLiteral("/push"), push, {}, {{"Authorization", "Basic " + QByteArrayLiteral("relay:pw").toBase64()}}).status, 200);
    QCOMPARE(get(QStringLiteral("/ping")).status, 200); // exempt, as on bark-server
    const Http unauthorized = post(QStringLiteral("/ntfy/t1"), "hello");
    QCOMPARE(unauthorized.status, 401);
    QCOMPARE(unauthorized.json[QLatin1String("code")].toInt(), 40101);
    QCOMPARE(post(QStringLiteral("/ntfy/t1"), "hello", {}, {{"Authorization", "Bearer tk_x"}}).status, 200);
    QCOMPARE(accepted("bark"), QJsonObject({{QStringLiteral("k1"), 1}}));
    QCOMPARE(accepted("ntfy"), QJsonObject({{QStringLiteral("t1"), 1}}));
    for (const char *bad : {R"({"bark_user":"relay"})", R"({"bark_user":"a:b","bark_password":"p"})", R"({"ntfy_token":5})",
                            R"({"bark":"x"})"}) {
        const Http rejected = post(QStringLiteral("/sandbox/admin/auth"), bad);
        QVERIFY2(rejected.status == 400 && !rejected.str("error").isEmpty(), bad);
    }
    // Open again.
    admin(QStringLiteral("/sandbox/admin/auth"), "{}");
    QCOMPARE(post(QStringLiteral("/push"), push).status, 200);
    QCOMPARE(post(QStringLiteral("/ntfy/t1"), "hello").status, 200);
}

void tst_SandboxFaults::http5xxFault()
{
    const QUrlQuery query = tokenQuery();
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"http5xx_rate":1})");
    for (const QString &path : {QStringLiteral("/cgi-bin/message/subscribe/send"), QStringLiteral("/push"), QStringLiteral("/ntfy/t1")}) {
        const Http failed = post(path, path == QLatin1String("/push") ? QByteArray(R"({"device_key":"k1"})") : subscribeBody(QStringLiteral("o_user"), QStringLiteral("TPL_SUB")), query);
        QVERIFY2(failed.status == 502 || failed.status == 503, qPrintable(path));
        QVERIFY(!failed.body.isEmpty() && !failed.isJson());
    }
    QVERIFY(!token().isEmpty()); // tokens and admin are never faulted
    const QJsonObject stats = this->stats();
    QCOMPARE(stats[QLatin1String("faults")][QLatin1String("http5xx")].toInt(), 3);
    QCOMPARE(stats[QLatin1String("accepted")][QLatin1String("bark")].toObject().size(), 0);
    QCOMPARE(stats[QLatin1String("accepted")][QLatin1String("ntfy")].toObject().size(), 0);
}

void tst_SandboxFaults::malformedBeforeAccept()
{
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":1})");
    const QUrlQuery query = tokenQuery();
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"malformed_rate":1})");
    const Http mangled = subscribe(query, QStringLiteral("o_user"));
    QCOMPARE(mangled.status, 200);
    QVERIFY(!mangled.body.isEmpty());
    QVERIFY2(!mangled.isJson(), mangled.body.constData());
    const Http bark = pushBark();
    QCOMPARE(bark.status, 200);
    QVERIFY(!bark.isJson());
    QCOMPARE(faultStats()[QLatin1String("malformed")].toInt(), 2);
    QCOMPARE(accepted("subscribe").size(), 0);
    QCOMPARE(accepted("bark").size(), 0);
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"malformed_rate":0})");
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0); // the grant is still there
}

void tst_SandboxFaults::malformedAfterAccept()
{
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":1})");
    const QUrlQuery query = tokenQuery();
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"malformed_rate":1,"malformed_after_accept":true})");
    const Http mangled = subscribe(query, QStringLiteral("o_user"));
    QCOMPARE(mangled.status, 200);
    QVERIFY2(!mangled.isJson(), mangled.body.constData());
    QVERIFY(!pushBark().isJson());
    QCOMPARE(accepted("subscribe"), QJsonObject({{QStringLiteral("o_user"), 1}}));
    QCOMPARE(accepted("bark"), QJsonObject({{QStringLiteral("k1"), 1}}));
    admin(QStringLiteral("/sandbox/admin/faults"), R"({})");
    QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 43101); // the grant was spent
}

void tst_SandboxFaults::dropFault()
{
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"drop_rate":1})");
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_host->port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body = R"({"device_key":"k1"})";
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.write("POST /push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(closed.wait(10000));
    QCOMPARE(socket.readAll(), QByteArray());
    QCOMPARE(faultStats()[QLatin1String("dropped")].toInt(), 1);

    const Http viaNam = pushBark(); // the client sees an error, whatever it retries
    QVERIFY(viaNam.error != QNetworkReply::NoError);
    QCOMPARE(viaNam.status, 0);
    QVERIFY(faultStats()[QLatin1String("dropped")].toInt() >= 2);
    QCOMPARE(accepted("bark").size(), 0);
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"drop_rate":0})");
    QCOMPARE(pushBark().status, 200);
}

void tst_SandboxFaults::zeroRatesInjectNothing()
{
    admin(QStringLiteral("/sandbox/admin/faults"),
          R"({"error_rates":{"-1":0,"45011":0},"http5xx_rate":0,"malformed_rate":0,"drop_rate":0,"latency_ms":1,"token_expiry_every":0,"seed":1})");
    admin(QStringLiteral("/sandbox/admin/grants"), R"({"appid":"wxminiprogram01","openid":"o_user","template_id":"TPL_SUB","count":20})");
    const QUrlQuery query = tokenQuery();
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(subscribe(query, QStringLiteral("o_user")).errcode(), 0);
        QCOMPARE(pushBark().status, 200);
    }
    QCOMPARE(faultStats(), QJsonObject({{QStringLiteral("http5xx"), 0}, {QStringLiteral("dropped"), 0}, {QStringLiteral("malformed"), 0},
                                        {QStringLiteral("errcode"), QJsonObject()}, {QStringLiteral("token_expired"), 0}}));
    QCOMPARE(accepted("bark")[QLatin1String("k1")].toInt(), 20); // duplicates are counted
}

void tst_SandboxFaults::faultsAdminAndSeed()
{
    const Http defaults = get(QStringLiteral("/sandbox/admin/faults"));
    QCOMPARE(defaults.status, 200);
    QCOMPARE(defaults.json[QLatin1String("drop_rate")].toDouble(-1), 0.0);
    QVERIFY(defaults.json[QLatin1String("seed")].isDouble());
    for (const char *bad : {R"({"drop_rate":1.5})", R"({"dropp_rate":0.1})", R"({"error_rates":{"x":0.1}})",
                            R"({"latency_ms":-1})", R"({"malformed_after_accept":"yes"})", "[1]"}) {
        const Http rejected = post(QStringLiteral("/sandbox/admin/faults"), bad);
        QVERIFY2(rejected.status == 400 && !rejected.str("error").isEmpty(), bad);
    }
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"-1":0.5},"latency_ms":0,"seed":42})");
    const Http current = get(QStringLiteral("/sandbox/admin/faults"));
    QCOMPARE(current.json[QLatin1String("seed")].toInteger(), 42);
    QCOMPARE(current.json[QLatin1String("error_rates")].toObject(), QJsonObject({{QStringLiteral("-1"), 0.5}}));

    const QUrlQuery query = tokenQuery();
    const auto run = [&] {
        QString outcomes;
        for (int i = 0; i < 24; ++i)
            outcomes += subscribe(query, QStringLiteral("o_user")).errcode() == -1 ? QLatin1Char('F') : QLatin1Char('.');
        return outcomes;
    };
    const QString first = run();
    QVERIFY2(first.contains(QLatin1Char('F')) && first.contains(QLatin1Char('.')), qPrintable(first));
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"error_rates":{"-1":0.5},"seed":42})");
    QCOMPARE(run(), first);
    // POST replaces everything: an empty object switches every fault off.
    admin(QStringLiteral("/sandbox/admin/faults"), "{}");
    QCOMPARE(get(QStringLiteral("/sandbox/admin/faults")).json[QLatin1String("error_rates")].toObject().size(), 0);
    QVERIFY(!run().contains(QLatin1Char('F')));
}

void tst_SandboxFaults::latencyOverlaps()
{
    constexpr int requests = 64;
    constexpr int latency = 200;
    admin(QStringLiteral("/sandbox/admin/faults"), QByteArray(R"({"latency_ms":)") + QByteArray::number(latency) + "}");
    // Qt 6.4 opens at most 6 connections per host per manager: enough managers for 64 at once.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 12; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    int done = 0;
    int ok = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < requests; ++i) {
        QNetworkRequest request(url(QStringLiteral("/push")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = managers[size_t(i % 12)]->post(request, QByteArray(R"({"device_key":"k1"})"));
        connect(reply, &QNetworkReply::finished, this, [reply, &done, &ok] {
            ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
            ++done;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, requests, 20000);
    const qint64 elapsed = timer.elapsed();
    qInfo("%d requests with %d ms latency took %lld ms", requests, latency, elapsed);
    QCOMPARE(ok, requests);
    QVERIFY2(elapsed >= latency, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed))); // serially: 64 x 200 ms = 12.8 s
    QCOMPARE(accepted("bark")[QLatin1String("k1")].toInt(), requests); // duplicates are counted

    // Admin and stats answer at once while a delayed answer is still pending.
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"latency_ms":5000})");
    QNetworkRequest request(url(QStringLiteral("/push")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *pending = managers[0]->post(request, QByteArray(R"({"device_key":"k1"})"));
    QTRY_COMPARE(accepted("bark")[QLatin1String("k1")].toInt(), requests + 1);
    QVERIFY(!pending->isFinished());
    pending->abort();
    pending->deleteLater();
}

void tst_SandboxFaults::latencyWithVanishedClient()
{
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"latency_ms":300})");
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_host->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n{\"device_key\":\"k1\"}");
        QVERIFY(socket.waitForBytesWritten(5000));
        QTRY_COMPARE(accepted("bark")[QLatin1String("k1")].toInt(), 1); // processed on arrival
    } // the client leaves before the answer
    admin(QStringLiteral("/sandbox/admin/faults"), R"({"latency_ms":50})");
    const Http after = pushBark(); // the server survived writing to a closed connection
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json[QLatin1String("code")].toInt(), 200);
}

void tst_SandboxFaults::connectionCloseIsHonoured()
{
    // Answers bypass QHttpServerResponder, so the sandbox closes on "Connection: close" itself.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_host->port());
    QVERIFY(socket.waitForConnected(5000));
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QVERIFY(closed.wait(10000));
    const QByteArray answer = socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\"message\":\"pong\",\"timestamp\":1700000000}"),
             answer.constData());
}

QTEST_GUILESS_MAIN(tst_SandboxFaults)
#include "tst_sandbox_faults.moc"
