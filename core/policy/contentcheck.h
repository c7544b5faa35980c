#pragma once
// The content check before a broadcast starts (invariant 4): the local blocklist first, then WeChat's
// msg_sec_check v2 through the app's upstream. Risky blocks, review holds for an operator, pass
// sends. Anything that is not a clear answer (network error, HTTP error, errcode, garbage) is
// "unreachable", which callers treat as hold: nothing is ever sent unchecked.
#include "domain/types.h"
#include "policy/blocklist.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace pushdesk {

struct ContentVerdict {
    Q_DECLARE_TR_FUNCTIONS(ContentVerdict)

public:
    // In order of severity: a worse verdict of any chunk decides the whole text.
    enum class Outcome { Pass, Review, Unreachable, Risky };
    Outcome outcome = Outcome::Unreachable;
    QString label;     // blocklist: the rule's category; msg_sec_check: result.label as text ("20006")
    QString rule;      // blocklist: the pattern that matched; msg_sec_check: the keyword its answer names, if any
    QString traceId;   // msg_sec_check's trace_id of the deciding answer
    // One line for people: what was found, or why the check could not be made. Stored form (ReasonText::display
    // reads it), except the plural "passed (%n parts)", which only a passing check says and nobody stores.
    QString message;
    QString source;    // "blocklist" or "msg_sec_check"
    int errcode = 0;   // Unreachable: WeChat's errcode if it gave one (a token error: refresh it and check again)
    int httpStatus = 0;

    bool allowsSend() const { return outcome == Outcome::Pass; }
    // What broadcasts.check_verdict stores: pass | review | risky | unreachable.
    QString verdictName() const;
    // The status a broadcast gets instead of running: Blocked (risky), Held (review, unreachable);
    // nullopt for pass.
    std::optional<BroadcastStatus> stopStatus() const;
    // A msg_sec_check label ("20006") in words, translated; other labels (blocklist categories) as they are.
    static QString labelName(const QString &label);
};

struct ContentCheckTarget {
    QUrl wechatBase;       // the app's WeChat upstream: https://api.weixin.qq.com or the sandbox
    QString accessToken;   // the app's access token (from its TokenCache)
    QString openid;        // v2 needs a user of the app who was active in the last 2 hours
    int timeoutMs = 15000; // per request
};

class ContentCheck : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const ContentVerdict &verdict)>;

    static constexpr int kChunkSize = 2500; // msg_sec_check's limit, in characters
    static constexpr int kChunkOverlap = 50; // so that a word on a chunk border is seen whole once

    // nam must live in this object's thread and outlive it.
    ContentCheck(QNetworkAccessManager *nam, ContentCheckTarget target, Blocklist blocklist, QObject *parent = nullptr);
    ~ContentCheck() override; // aborts checks in flight; their done is not called

    // Checks text; done is called exactly once, always later from the event loop, never inside check().
    // Several checks may run at once.
    void check(const QString &text, Done done);

    // The blocklist alone (for an app with no WeChat upstream, or to show a hit while typing): a Risky
    // verdict on a hit, nullopt otherwise.
    static std::optional<ContentVerdict> checkLocal(const Blocklist &blocklist, const QString &text);
    // The pieces msg_sec_check sees: at most size characters each, overlapping by `overlap`, never
    // splitting a surrogate pair. Empty text gives no chunks.
    static QStringList chunks(const QString &text, int size = kChunkSize, int overlap = kChunkOverlap);
    // Parses one msg_sec_check v2 answer (HTTP status and body) into a verdict.
    static ContentVerdict parseAnswer(int httpStatus, const QByteArray &body);

private:
    struct Run;
    void next(const std::shared_ptr<Run> &run);
    void finish(const std::shared_ptr<Run> &run);
    void deliverLater(Done done, ContentVerdict verdict);

    QNetworkAccessManager *m_nam;
    ContentCheckTarget m_target;
    Blocklist m_blocklist;
    QList<QPointer<QNetworkReply>> m_inFlight;
};

} // namespace pushdesk
