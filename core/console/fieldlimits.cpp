#include "console/fieldlimits.h"

#include <QRegularExpression>

namespace pushdesk {

namespace {
struct KindName {
    const char *prefix;
    FieldKind kind;
};
// Longest first: "character_string" before anything shorter it could start with.
const KindName kKinds[] = {
    {"character_string", FieldKind::CharacterString},
    {"phone_number", FieldKind::PhoneNumber},
    {"car_number", FieldKind::CarNumber},
    {"thing", FieldKind::Thing},
    {"phrase", FieldKind::Phrase},
    {"number", FieldKind::Number},
    {"letter", FieldKind::Letter},
    {"amount", FieldKind::Amount},
    {"name", FieldKind::Name},
    {"time", FieldKind::Time},
    {"date", FieldKind::Date},
};

bool isLatinName(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}
} // namespace

FieldKind FieldLimits::kindOfKey(const QString &key)
{
    // A type followed by its number: thing1, character_string12.
    static const QRegularExpression re(QStringLiteral("^([a-z_]+?)(\\d+)(\\.DATA)?$"));
    const auto m = re.match(key);
    if (!m.hasMatch())
        return FieldKind::Free;
    const QString prefix = m.captured(1);
    for (const KindName &k : kKinds) {
        if (prefix == QLatin1String(k.prefix))
            return k.kind;
    }
    return FieldKind::Free;
}

int FieldLimits::maxChars(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Thing: return 20;
    case FieldKind::Phrase: return 5;
    case FieldKind::CharacterString:
    case FieldKind::Number:
    case FieldKind::Letter: return 32;
    case FieldKind::PhoneNumber: return 17;
    case FieldKind::CarNumber: return 8;
    case FieldKind::Name: return 10;
    case FieldKind::Free:
    case FieldKind::Time:
    case FieldKind::Date:
    case FieldKind::Amount: break;
    }
    return 0;
}

QString FieldLimits::describe(const QString &key)
{
    const FieldKind kind = kindOfKey(key);
    switch (kind) {
    case FieldKind::Name:
        return tr("at most 10 Chinese characters or 20 letters");
    case FieldKind::Number:
        return tr("digits only, at most %n character(s)", nullptr, maxChars(kind));
    case FieldKind::Letter:
        return tr("letters only, at most %n character(s)", nullptr, maxChars(kind));
    case FieldKind::PhoneNumber:
        return tr("digits, + and -, at most %n character(s)", nullptr, maxChars(kind));
    default:
        break;
    }
    const int max = maxChars(kind);
    return max == 0 ? QString() : tr("at most %n character(s)", nullptr, max);
}

QString FieldLimits::checkField(const QString &key, const QString &value)
{
    const FieldKind kind = kindOfKey(key);
    const int length = int(value.size());
    if (kind == FieldKind::Name) {
        const int max = isLatinName(value) ? 20 : 10;
        if (length > max)
            return tr("%1 has %2 characters; a name field takes at most 10 Chinese characters or 20 letters.")
                .arg(key)
                .arg(length);
        return {};
    }
    const int max = maxChars(kind);
    if (max > 0 && length > max)
        return tr("%1 has %2 characters; this field takes %3.").arg(key).arg(length).arg(describe(key));
    static const QRegularExpression digits(QStringLiteral("^[0-9.]*$"));
    static const QRegularExpression letters(QStringLiteral("^[A-Za-z]*$"));
    static const QRegularExpression phone(QStringLiteral("^[0-9+\\- ]*$"));
    // Placeholders not filled yet ({{name}}) are the operator's business, not a type error.
    if (value.contains(QLatin1String("{{")))
        return {};
    if (kind == FieldKind::Number && !digits.match(value).hasMatch())
        return tr("%1 takes digits only.").arg(key);
    if (kind == FieldKind::Letter && !letters.match(value).hasMatch())
        return tr("%1 takes letters only.").arg(key);
    if (kind == FieldKind::PhoneNumber && !phone.match(value).hasMatch())
        return tr("%1 takes a phone number: digits, + and -.").arg(key);
    return {};
}

QString FieldLimits::checkCustomerServiceText(const QString &text)
{
    const qsizetype bytes = text.toUtf8().size();
    if (bytes > kCustomerServiceTextBytes)
        return tr("The customer-service text is %1 bytes; WeChat takes at most %2.").arg(bytes).arg(kCustomerServiceTextBytes);
    return {};
}

QString FieldLimits::checkNtfyMessage(const QString &text)
{
    const qsizetype bytes = text.toUtf8().size();
    if (bytes > kNtfyMessageBytes)
        return tr("The ntfy message is %1 bytes; ntfy takes at most %2.").arg(bytes).arg(kNtfyMessageBytes);
    return {};
}

QList<LimitProblem> FieldLimits::check(const RenderedMessage &m)
{
    QList<LimitProblem> problems;
    if (const QString p = checkCustomerServiceText(m.csText); !p.isEmpty())
        problems.append({QStringLiteral("wechat"), QStringLiteral("text"), p});
    for (const auto &[key, value] : m.wechatFields) {
        if (const QString p = checkField(key, value); !p.isEmpty())
            problems.append({QStringLiteral("wechat"), key, p});
    }
    for (const auto &[key, value] : m.subscribeFields) {
        if (const QString p = checkField(key, value); !p.isEmpty())
            problems.append({QStringLiteral("miniprogram"), key, p});
    }
    if (const QString p = checkNtfyMessage(m.ntfyBody); !p.isEmpty())
        problems.append({QStringLiteral("ntfy"), QStringLiteral("message"), p});
    return problems;
}

} // namespace pushdesk
