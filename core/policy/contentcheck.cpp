#include "policy/contentcheck.h"

#include "domain/reasontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcContentCheck, "pushdesk.policy.contentcheck")

namespace pushdesk {

namespace {

// A verdict's message ends up in a held or blocked broadcast's reason: stored language-neutral (ReasonText).
ReasonText verdictText(const char *source)
{
    return ReasonText("ContentVerdict", source);
}

struct LabelName {
    const char *code;
    const char *name;
};
const LabelName kLabels[] = {
    {"100", QT_TRANSLATE_NOOP("ContentVerdict", "normal")},         {"10001", QT_TRANSLATE_NOOP("ContentVerdict", "advertising")},
    {"20001", QT_TRANSLATE_NOOP("ContentVerdict", "politics")},     {"20002", QT_TRANSLATE_NOOP("ContentVerdict", "pornography")},
    {"20003", QT_TRANSLATE_NOOP("ContentVerdict", "abuse")},        {"20006", QT_TRANSLATE_NOOP("ContentVerdict", "illegal")},
    {"20008", QT_TRANSLATE_NOOP("ContentVerdict", "fraud")},        {"20012", QT_TRANSLATE_NOOP("ContentVerdict", "vulgar")},
    {"20013", QT_TRANSLATE_NOOP("ContentVerdict", "copyright")},    {"21000", QT_TRANSLATE_NOOP("ContentVerdict", "other")},
};

const char *labelSource(const QString &label)
{
    for (const auto &l : kLabels) {
        if (label == QLatin1String(l.code))
            return l.name;
    }
    return nullptr;
}

// The label's name inside a stored message: translated when read; an unknown code as it is.
QString labelArg(const QString &label)
{
    const char *source = labelSource(label);
    return source ? verdictText(source).encode() : label;
}

ContentVerdict unreachable(const QString &message, int errcode = 0, int httpStatus = 0)
{
    ContentVerdict v;
    v.outcome = ContentVerdict::Outcome::Unreachable;
    v.source = QStringLiteral("msg_sec_check");
    v.message = message;
    v.errcode = errcode;
    v.httpStatus = httpStatus;
    return v;
}

QString labelText(const QJsonValue &label)
{
    // A number in practice, a string in some SDKs (upstream-apis.md §5).
    if (label.isDouble())
        return QString::number(qint64(label.toDouble()));
    return label.toString();
}

QUrl checkUrl(const ContentCheckTarget &target)
{
    QUrl url = target.wechatBase;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/wxa/msg_sec_check"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("access_token"), target.accessToken);
    url.setQuery(query);
    return url;
}

} // namespace

QString ContentVerdict::verdictName() const
{
    switch (outcome) {
    case Outcome::Pass: return QStringLiteral("pass");
    case Outcome::Review: return QStringLiteral("review");
    case Outcome::Risky: return QStringLiteral("risky");
    case Outcome::Unreachable: break;
    }
    return QStringLiteral("unreachable");
}

std::optional<BroadcastStatus> ContentVerdict::stopStatus() const
{
    switch (outcome) {
    case Outcome::Pass: return std::nullopt;
    case Outcome::Risky: return BroadcastStatus::Blocked;
    case Outcome::Review:
    case Outcome::Unreachable: break;
    }
    return BroadcastStatus::Held;
}

QString ContentVerdict::labelName(const QString &label)
{
    const char *source = labelSource(label);
    return source ? tr(source) : label;
}

ContentVerdict ContentCheck::parseAnswer(int httpStatus, const QByteArray &body)
{
    if (httpStatus != 200)
        return unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check answered HTTP %1; the content was not checked."))
                               .arg(httpStatus)
                               .encode(),
                           0, httpStatus);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check answered something that is not JSON; the content was not "
                                                                           "checked."))
                               .encode(),
                           0, httpStatus);
    const QJsonObject o = doc.object();
    const int errcode = o.value(QLatin1String("errcode")).toInt(0);
    const QString errmsg = o.value(QLatin1String("errmsg")).toString();
    if (errcode == 87014) {
        // v1's "risky content"; some gateways still answer it.
        ContentVerdict v;
        v.outcome = ContentVerdict::Outcome::Risky;
        v.source = QStringLiteral("msg_sec_check");
        v.errcode = errcode;
        v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check found risky content (87014).")).encode();
        return v;
    }
    if (errcode != 0)
        return unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check refused the check: errcode %1 (%2)."))
                               .arg(errcode)
                               .arg(errmsg)
                               .encode(),
                           errcode, httpStatus);
    const QJsonObject result = o.value(QLatin1String("result")).toObject();
    const QString suggest = result.value(QLatin1String("suggest")).toString();
    ContentVerdict v;
    v.source = QStringLiteral("msg_sec_check");
    v.httpStatus = httpStatus;
    v.traceId = o.value(QLatin1String("trace_id")).toString();
    v.label = labelText(result.value(QLatin1String("label")));
    for (const QJsonValue d : o.value(QLatin1String("detail")).toArray()) {
        const QString keyword = d.toObject().value(QLatin1String("keyword")).toString();
        if (!keyword.isEmpty()) {
            v.rule = keyword;
            break;
        }
    }
    if (suggest == QLatin1String("pass")) {
        v.outcome = ContentVerdict::Outcome::Pass;
        v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check passed the content.")).encode();
    } else if (suggest == QLatin1String("review")) {
        v.outcome = ContentVerdict::Outcome::Review;
        v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check asks for a review (%1); an operator must approve the broadcast."))
                        .arg(labelArg(v.label))
                        .encode();
    } else if (suggest == QLatin1String("risky")) {
        v.outcome = ContentVerdict::Outcome::Risky;
        v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check found risky content (%1).")).arg(labelArg(v.label)).encode();
    } else {
        return unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check gave no verdict (suggest \"%1\"); the content was not checked."))
                               .arg(suggest)
                               .encode(),
                           0, httpStatus);
    }
    return v;
}

std::optional<ContentVerdict> ContentCheck::checkLocal(const Blocklist &blocklist, const QString &text)
{
    const auto hit = blocklist.match(text);
    if (!hit)
        return std::nullopt;
    ContentVerdict v;
    v.outcome = ContentVerdict::Outcome::Risky;
    v.source = QStringLiteral("blocklist");
    v.rule = hit->rule.pattern;
    v.label = hit->rule.category;
    v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "The local blocklist matched \"%1\" (rule \"%2\", %3)."))
                    .arg(hit->matched)
                    .arg(hit->rule.pattern)
                    .arg(hit->rule.category)
                    .encode();
    return v;
}

QStringList ContentCheck::chunks(const QString &text, int size, int overlap)
{
    QStringList out;
    const qsizetype n = text.size();
    if (n == 0)
        return out;
    size = qMax(size, 2);
    overlap = qBound(0, overlap, size / 2);
    qsizetype start = 0;
    for (;;) {
        qsizetype end = qMin<qsizetype>(start + size, n);
        if (end < n && end > start + 1 && text.at(end - 1).isHighSurrogate())
            --end;
        out.append(text.mid(start, end - start));
        if (end >= n)
            break;
        start = end - overlap;
        if (start > 0 && text.at(start).isLowSurrogate())
            --start;
    }
    return out;
}

// One check in progress: its chunks, the next one to send, and the worst verdict so far.
struct ContentCheck::Run {
    QStringList chunks;
    int next = 0;
    std::optional<ContentVerdict> worst;
    Done done;
};

ContentCheck::ContentCheck(QNetworkAccessManager *nam, ContentCheckTarget target, Blocklist blocklist, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_target(std::move(target))
    , m_blocklist(std::move(blocklist))
{
}

ContentCheck::~ContentCheck()
{
    for (const auto &reply : std::as_const(m_inFlight)) {
        if (!reply)
            continue;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ContentCheck::deliverLater(Done done, ContentVerdict verdict)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), verdict = std::move(verdict)]() { done(verdict); }, Qt::QueuedConnection);
}

void ContentCheck::check(const QString &text, Done done)
{
    if (auto hit = checkLocal(m_blocklist, text)) {
        deliverLater(std::move(done), *hit);
        return;
    }
    if (text.trimmed().isEmpty()) {
        ContentVerdict v;
        v.outcome = ContentVerdict::Outcome::Pass;
        v.source = QStringLiteral("blocklist");
        v.message = verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "There is no text to check.")).encode();
        deliverLater(std::move(done), v);
        return;
    }
    if (!m_target.wechatBase.isValid() || m_target.wechatBase.scheme().isEmpty()) {
        deliverLater(std::move(done), unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "The app has no WeChat upstream to run msg_sec_check "
                                                                                                  "against; set its upstream or approve by hand."))
                                                      .encode()));
        return;
    }
    if (m_target.openid.isEmpty()) {
        deliverLater(std::move(done),
                     unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check v2 needs the openid of a user who used the app in "
                                                                                 "the last 2 hours, and none is known."))
                                     .encode()));
        return;
    }
    auto run = std::make_shared<Run>();
    run->chunks = chunks(text);
    run->done = std::move(done);
    next(run);
}

void ContentCheck::next(const std::shared_ptr<Run> &run)
{
    if (run->next >= run->chunks.size()) {
        finish(run);
        return;
    }
    const QJsonObject body{{QStringLiteral("version"), 2},
                           {QStringLiteral("openid"), m_target.openid},
                           {QStringLiteral("scene"), 2},
                           {QStringLiteral("content"), run->chunks.at(run->next)}};
    QNetworkRequest request(checkUrl(m_target));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_target.timeoutMs);
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_inFlight.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, run, reply]() {
        m_inFlight.removeAll(reply);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        ContentVerdict v;
        if (status == 0 && reply->error() != QNetworkReply::NoError)
            v = unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "msg_sec_check could not be reached: %1"))
                                .arg(reply->errorString())
                                .encode());
        else
            v = parseAnswer(status, reply->readAll());
        qCDebug(lcContentCheck) << "chunk" << run->next + 1 << "of" << run->chunks.size() << "->" << v.verdictName()
                                << v.label << v.errcode;
        if (!run->worst || int(v.outcome) > int(run->worst->outcome))
            run->worst = v;
        ++run->next;
        // Risky decides at once; unreachable holds anyway, and the next chunk would likely fail the same way.
        if (v.outcome == ContentVerdict::Outcome::Risky || v.outcome == ContentVerdict::Outcome::Unreachable)
            finish(run);
        else
            next(run);
    });
}

void ContentCheck::finish(const std::shared_ptr<Run> &run)
{
    ContentVerdict v = run->worst.value_or(unreachable(verdictText(QT_TRANSLATE_NOOP("ContentVerdict", "Nothing was checked.")).encode()));
    if (v.outcome == ContentVerdict::Outcome::Pass && run->chunks.size() > 1)
        v.message = ContentVerdict::tr("msg_sec_check passed the content (%n parts).", nullptr, int(run->chunks.size()));
    Done done = std::move(run->done);
    done(v);
}

} // namespace pushdesk
