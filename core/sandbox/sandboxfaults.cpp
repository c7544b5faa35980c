#include "sandboxfaults.h"

#include <QJsonValue>

#include <cmath>

namespace pushdesk {

namespace {

constexpr int maxLatencyMsecs = 10 * 60 * 1000;
constexpr double maxExactJsonInteger = 9007199254740992.0; // 2^53

const QLatin1String keyLatency("latency_ms");
const QLatin1String keyErrorRates("error_rates");
const QLatin1String keyHttp5xx("http5xx_rate");
const QLatin1String keyMalformed("malformed_rate");
const QLatin1String keyMalformedAfterAccept("malformed_after_accept");
const QLatin1String keyDrop("drop_rate");
const QLatin1String keyTokenExpiry("token_expiry_every");
const QLatin1String keySeed("seed");
const QLatin1String keyTokenErrors("token_errors");

// The ntfy errors a fault can answer (upstream-apis.md §7a; texts from ntfy's server/errors.go).
struct NtfyFault {
    int code;
    const char *error;
    const char *link;
};
constexpr NtfyFault ntfyFaults[] = {
    {40004, "invalid delay parameter: unable to parse delay", "https://ntfy.sh/docs/publish/#scheduled-delivery"},
    {40005, "invalid delay parameter: too small, please refer to the docs", "https://ntfy.sh/docs/publish/#scheduled-delivery"},
    {40006, "invalid delay parameter: too large, please refer to the docs", "https://ntfy.sh/docs/publish/#scheduled-delivery"},
    {40009, "invalid topic", "https://ntfy.sh/docs/publish/"},
    {40101, "unauthorized", "https://ntfy.sh/docs/publish/#authentication"},
    {40301, "forbidden", "https://ntfy.sh/docs/publish/#authentication"},
    {42901, "limit reached: too many requests", "https://ntfy.sh/docs/publish/#limitations"},
    {42908, "limit reached: daily message quota reached", "https://ntfy.sh/docs/publish/#limitations"},
    {50001, "internal server error", "https://ntfy.sh/docs/"},
};

const NtfyFault *ntfyFault(QStringView key)
{
    if (!key.startsWith(u"ntfy:"))
        return nullptr;
    bool ok = false;
    const int code = key.mid(5).toInt(&ok);
    for (const NtfyFault &fault : ntfyFaults) {
        if (ok && fault.code == code)
            return &fault;
    }
    return nullptr;
}

bool isApnsReason(QStringView reason)
{
    if (reason.isEmpty() || reason.size() > 64)
        return false;
    for (const QChar c : reason) {
        if (!c.isLetterOrNumber() || c.unicode() > 127)
            return false;
    }
    return true;
}

bool isBarkDeviceFault(QStringView key)
{
    return key == u"bark:token_invalid" || key.startsWith(u"bark:apns:");
}

bool isPushErrorKey(QStringView key)
{
    return ntfyFault(key) || key == u"bark:token_invalid" || key == u"bark:teapot"
           || (key.startsWith(u"bark:apns:") && isApnsReason(key.mid(10)));
}

std::expected<double, QString> readRate(const QJsonValue &value, QStringView name)
{
    if (!value.isDouble() || !(value.toDouble() >= 0.0 && value.toDouble() <= 1.0))
        return std::unexpected(name.toString() + QLatin1String(" must be a number from 0 to 1"));
    return value.toDouble();
}

// A whole number in [0, max] (JSON numbers are doubles; 2^53 bounds what they hold exactly).
std::expected<qint64, QString> readCount(const QJsonValue &value, QStringView name, double max)
{
    const double number = value.toDouble(-1.0);
    if (!value.isDouble() || number < 0.0 || number > max || std::floor(number) != number)
        return std::unexpected(name.toString()
                               + QStringLiteral(" must be a whole number from 0 to %1").arg(qint64(max)));
    return static_cast<qint64>(number);
}

std::expected<int, QString> readErrcode(QStringView text, QLatin1String setting)
{
    bool ok = false;
    const int errcode = text.toInt(&ok);
    if (!ok || errcode == 0)
        return std::unexpected(setting + QLatin1String(" key \"") + text.toString()
                               + QLatin1String("\" is not a non-zero WeChat errcode"));
    return errcode;
}

// One error_rates entry into the WeChat or the push map.
std::expected<void, QString> addRate(SandboxFaultSettings &settings, QStringView key, double rate)
{
    if (key.contains(QLatin1Char(':'))) {
        if (!isPushErrorKey(key))
            return std::unexpected(QLatin1String("error_rates key \"") + key.toString()
                                   + QLatin1String("\" is none of ntfy:<code> (40004, 40005, 40006, 40009, 40101, 40301, "
                                                   "42901, 42908, 50001), bark:token_invalid, bark:apns:<Reason>, bark:teapot"));
        settings.pushErrorRates.insert(key.toString(), rate);
        return {};
    }
    const auto errcode = readErrcode(key, keyErrorRates);
    if (!errcode)
        return std::unexpected(errcode.error());
    settings.errorRates.insert(*errcode, rate);
    return {};
}

// "KEY=VALUE" of a repeatable command-line option.
std::expected<std::pair<QStringView, QStringView>, QString> splitSpec(QStringView spec, QLatin1String form)
{
    const qsizetype equals = spec.lastIndexOf(QLatin1Char('='));
    if (equals <= 0)
        return std::unexpected(QLatin1String("expected ") + form + QLatin1String(", got \"") + spec.toString()
                               + QLatin1Char('"'));
    return std::pair{spec.left(equals), spec.mid(equals + 1)};
}

} // namespace

bool SandboxFaultSettings::injectsAnything() const
{
    if (latencyMsecs > 0 || http5xxRate > 0 || malformedRate > 0 || dropRate > 0)
        return true;
    for (const double rate : errorRates)
        if (rate > 0)
            return true;
    for (const double rate : pushErrorRates)
        if (rate > 0)
            return true;
    return false;
}

std::expected<SandboxFaultSettings, QString> SandboxFaultSettings::fromJson(const QJsonObject &object)
{
    SandboxFaultSettings settings;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key == keyLatency) {
            const auto count = readCount(value, key, maxLatencyMsecs);
            if (!count)
                return std::unexpected(count.error());
            settings.latencyMsecs = int(*count);
        } else if (key == keyErrorRates) {
            if (!value.isObject())
                return std::unexpected(QStringLiteral("error_rates must be an object {\"<errcode>\": rate}"));
            const QJsonObject rates = value.toObject();
            for (auto rate = rates.constBegin(); rate != rates.constEnd(); ++rate) {
                const auto probability = readRate(rate.value(), QLatin1String("error_rates.") + rate.key());
                if (!probability)
                    return std::unexpected(probability.error());
                if (const auto added = addRate(settings, rate.key(), *probability); !added)
                    return std::unexpected(added.error());
            }
        } else if (key == keyHttp5xx || key == keyMalformed || key == keyDrop) {
            const auto rate = readRate(value, key);
            if (!rate)
                return std::unexpected(rate.error());
            (key == keyHttp5xx ? settings.http5xxRate
                               : key == keyMalformed ? settings.malformedRate : settings.dropRate) = *rate;
        } else if (key == keyMalformedAfterAccept) {
            if (!value.isBool())
                return std::unexpected(QStringLiteral("malformed_after_accept must be true or false"));
            settings.malformedAfterAccept = value.toBool();
        } else if (key == keyTokenErrors) {
            if (!value.isObject())
                return std::unexpected(QStringLiteral("token_errors must be an object {\"<errcode>\": count}"));
            const QJsonObject errors = value.toObject();
            for (auto error = errors.constBegin(); error != errors.constEnd(); ++error) {
                const auto errcode = readErrcode(error.key(), keyTokenErrors);
                if (!errcode)
                    return std::unexpected(errcode.error());
                const auto count = readCount(error.value(), QLatin1String("token_errors.") + error.key(), 1e9);
                if (!count)
                    return std::unexpected(count.error());
                settings.tokenErrors.insert(*errcode, int(*count));
            }
        } else if (key == keyTokenExpiry) {
            const auto count = readCount(value, key, 1e9);
            if (!count)
                return std::unexpected(count.error());
            settings.tokenExpiryEvery = int(*count);
        } else if (key == keySeed) {
            if (value.isNull())
                continue;
            const auto seed = readCount(value, key, maxExactJsonInteger);
            if (!seed)
                return std::unexpected(seed.error());
            settings.seed = quint64(*seed);
        } else {
            return std::unexpected(QLatin1String("unknown fault setting \"") + key + QLatin1Char('"'));
        }
    }
    return settings;
}

QJsonObject SandboxFaultSettings::toJson() const
{
    QJsonObject rates;
    for (auto it = errorRates.cbegin(); it != errorRates.cend(); ++it)
        rates.insert(QString::number(it.key()), it.value());
    for (auto it = pushErrorRates.cbegin(); it != pushErrorRates.cend(); ++it)
        rates.insert(it.key(), it.value());
    QJsonObject tokens;
    for (auto it = tokenErrors.cbegin(); it != tokenErrors.cend(); ++it)
        tokens.insert(QString::number(it.key()), it.value());
    QJsonObject object{{keyLatency, latencyMsecs},
                       {keyErrorRates, rates},
                       {keyHttp5xx, http5xxRate},
                       {keyMalformed, malformedRate},
                       {keyMalformedAfterAccept, malformedAfterAccept},
                       {keyDrop, dropRate},
                       {keyTokenExpiry, tokenExpiryEvery},
                       {keyTokenErrors, tokens}};
    object.insert(keySeed, seed ? QJsonValue(qint64(*seed)) : QJsonValue());
    return object;
}

std::expected<void, QString> SandboxFaultSettings::addErrorRate(QStringView spec)
{
    const auto parts = splitSpec(spec, QLatin1String("KEY=RATE"));
    if (!parts)
        return std::unexpected(parts.error());
    bool ok = false;
    const double rate = parts->second.toDouble(&ok);
    if (!ok || !(rate >= 0.0 && rate <= 1.0))
        return std::unexpected(QLatin1String("the rate in \"") + spec.toString()
                               + QLatin1String("\" must be a number from 0 to 1"));
    return addRate(*this, parts->first, rate);
}

std::expected<void, QString> SandboxFaultSettings::addTokenError(QStringView spec)
{
    const auto parts = splitSpec(spec, QLatin1String("ERRCODE=N"));
    if (!parts)
        return std::unexpected(parts.error());
    const auto errcode = readErrcode(parts->first, keyTokenErrors);
    if (!errcode)
        return std::unexpected(errcode.error());
    bool ok = false;
    const int count = parts->second.toInt(&ok);
    if (!ok || count < 0)
        return std::unexpected(QLatin1String("the count in \"") + spec.toString()
                               + QLatin1String("\" must be a whole number from 0"));
    tokenErrors.insert(*errcode, count);
    return {};
}

SandboxReply pushFaultReply(const QString &key, qint64 nowSeconds)
{
    if (const NtfyFault *fault = ntfyFault(key))
        return sandboxwire::ntfyError(fault->code, fault->error, fault->link);
    if (key == QLatin1String("bark:teapot"))
        return sandboxwire::plainText(418, QByteArrayLiteral("I'm a teapot"));
    const auto [code, message] = barkDeviceFault(key);
    return sandboxwire::barkResult(code, message, nowSeconds);
}

std::pair<int, QString> barkDeviceFault(const QString &key)
{
    if (key == QLatin1String("bark:token_invalid"))
        return {400, QStringLiteral("failed to get device token: device token invalid")};
    return {500, QLatin1String("push failed: ") + key.mid(10)};
}

QJsonObject SandboxFaultCounters::toJson() const
{
    QJsonObject codes;
    for (auto it = errcode.cbegin(); it != errcode.cend(); ++it)
        codes.insert(QString::number(it.key()), it.value());
    for (auto it = pushErrors.cbegin(); it != pushErrors.cend(); ++it)
        codes.insert(it.key(), it.value());
    return {{QLatin1String("http5xx"), http5xx},
            {QLatin1String("dropped"), dropped},
            {QLatin1String("malformed"), malformed},
            {QLatin1String("errcode"), codes},
            {QLatin1String("token_expired"), tokenExpired}};
}

int SandboxFaultInjector::takeTokenError()
{
    for (auto it = m_tokenErrorsLeft.begin(); it != m_tokenErrorsLeft.end(); ++it) {
        if (it.value() > 0) {
            --it.value();
            ++m_counters.errcode[it.key()];
            return it.key();
        }
    }
    return 0;
}

SandboxFaultInjector::SandboxFaultInjector(const SandboxFaultSettings &settings)
{
    configure(settings);
}

void SandboxFaultInjector::configure(const SandboxFaultSettings &settings)
{
    m_settings = settings;
    // Without a seed, pick one and report it, so that a run can be replayed.
    m_seed = settings.seed ? *settings.seed
                           : QRandomGenerator::securelySeeded().generate64() >> 11; // exact in JSON
    const quint32 words[2] = {quint32(m_seed), quint32(m_seed >> 32)};
    m_random = QRandomGenerator64(words, words + 2);
    m_active = settings.injectsAnything();
    m_tokenErrorsLeft = settings.tokenErrors;
}

QJsonObject SandboxFaultInjector::settingsJson() const
{
    QJsonObject object = m_settings.toJson();
    object.insert(keySeed, qint64(m_seed));
    return object;
}

bool SandboxFaultInjector::hit(double rate)
{
    return rate > 0 && m_random.generateDouble() < rate;
}

SandboxFaultDraw SandboxFaultInjector::draw(SandboxFaultScope scope)
{
    if (scope == SandboxFaultScope::None)
        return {};
    if (hit(m_settings.dropRate)) {
        ++m_counters.dropped;
        return {SandboxFaultDraw::Drop, 0, {}};
    }
    if (hit(m_settings.http5xxRate)) {
        ++m_counters.http5xx;
        return {SandboxFaultDraw::Http5xx, (m_random.generate() & 1) ? 503 : 502, {}};
    }
    if (scope == SandboxFaultScope::Wechat) {
        for (auto it = m_settings.errorRates.cbegin(); it != m_settings.errorRates.cend(); ++it) {
            if (hit(it.value())) {
                ++m_counters.errcode[it.key()];
                return {SandboxFaultDraw::Errcode, it.key(), {}};
            }
        }
    } else if (scope == SandboxFaultScope::Bark || scope == SandboxFaultScope::Ntfy) {
        const QLatin1String prefix = scope == SandboxFaultScope::Bark ? QLatin1String("bark:") : QLatin1String("ntfy:");
        for (auto it = m_settings.pushErrorRates.cbegin(); it != m_settings.pushErrorRates.cend(); ++it) {
            if (it.key().startsWith(prefix) && !isBarkDeviceFault(it.key()) && hit(it.value())) {
                ++m_counters.pushErrors[it.key()];
                return {SandboxFaultDraw::PushError, 0, it.key()};
            }
        }
    }
    if (hit(m_settings.malformedRate)) {
        ++m_counters.malformed;
        return {SandboxFaultDraw::Malformed, 0, {}};
    }
    return {};
}

QString SandboxFaultInjector::drawBarkDeviceFault()
{
    if (!m_active)
        return {};
    for (auto it = m_settings.pushErrorRates.cbegin(); it != m_settings.pushErrorRates.cend(); ++it) {
        if (isBarkDeviceFault(it.key()) && hit(it.value())) {
            ++m_counters.pushErrors[it.key()];
            return it.key();
        }
    }
    return {};
}

} // namespace pushdesk
