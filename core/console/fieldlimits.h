#pragma once
// What each channel accepts, checked as the operator types: the WeChat / mini-program field types
// (thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32, number ≤ 32, letter ≤ 32,
// phone_number ≤ 17, car_number ≤ 8, name ≤ 10 Chinese characters or 20 letters), a customer-service
// text of at most 2048 bytes, an ntfy message of at most 4096 bytes. Bark states no limit.
// A field's type is the start of its key ("thing2" is a thing); first / keywordN / remark are free.
#include "render/renderer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pushdesk {

enum class FieldKind { Free, Thing, Phrase, CharacterString, Number, Letter, PhoneNumber, CarNumber, Name, Time, Date, Amount };

// One broken rule, for people.
struct LimitProblem {
    QString channel;   // "wechat", "miniprogram", "ntfy", ... (DisplayText labels it)
    QString field;     // the field key, or "text" / "message"
    QString message;   // what is wrong and what the limit is
};

class FieldLimits {
    Q_DECLARE_TR_FUNCTIONS(FieldLimits)
public:
    static constexpr int kCustomerServiceTextBytes = 2048;
    static constexpr int kNtfyMessageBytes = 4096;

    static FieldKind kindOfKey(const QString &key);
    // The limit of a field type in characters (0: none). For Name, the Chinese limit (letters: 20).
    static int maxChars(FieldKind kind);
    // Short text of the rule for a field key, e.g. "at most 20 characters"; empty when free.
    static QString describe(const QString &key);
    // An empty string when value fits the field; else why not.
    static QString checkField(const QString &key, const QString &value);
    static QString checkCustomerServiceText(const QString &text);
    static QString checkNtfyMessage(const QString &text);
    // Every problem of a rendered message, channel by channel.
    static QList<LimitProblem> check(const RenderedMessage &m);
};

} // namespace pushdesk
