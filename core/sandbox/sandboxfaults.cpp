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
const QLatin1String keyTokenBusy("token_busy_next");

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

std::expected<int, QString> readErrcode(QStringView text)
{
    bool ok = false;
    const int errcode = text.toInt(&ok);
    if (!ok || errcode == 0)
        return std::unexpected(QLatin1String("error_rates key \"") + text.toString()
                               + QLatin1String("\" is not a non-zero WeChat errcode"));
    return errcode;
}

} // namespace

bool SandboxFaultSettings::injectsAnything() const
{
    if (latencyMsecs > 0 || http5xxRate > 0 || malformedRate > 0 || dropRate > 0)
        return true;
    for (const double rate : errorRates)
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
                const auto errcode = readErrcode(rate.key());
                if (!errcode)
                    return std::unexpected(errcode.error());
                const auto probability = readRate(rate.value(), QLatin1String("error_rates.") + rate.key());
                if (!probability)
                    return std::unexpected(probability.error());
                settings.errorRates.insert(*errcode, *probability);
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
        } else if (key == keyTokenBusy) {
            const auto count = readCount(value, key, 1e9);
            if (!count)
                return std::unexpected(count.error());
            settings.tokenBusyNext = int(*count);
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
    QJsonObject object{{keyLatency, latencyMsecs},
                       {keyErrorRates, rates},
                       {keyHttp5xx, http5xxRate},
                       {keyMalformed, malformedRate},
                       {keyMalformedAfterAccept, malformedAfterAccept},
                       {keyDrop, dropRate},
                       {keyTokenExpiry, tokenExpiryEvery},
                       {keyTokenBusy, tokenBusyNext}};
    object.insert(keySeed, seed ? QJsonValue(qint64(*seed)) : QJsonValue());
    return object;
}

std::expected<void, QString> SandboxFaultSettings::addErrorRate(QStringView spec)
{
    const qsizetype equals = spec.indexOf(QLatin1Char('='));
    if (equals <= 0)
        return std::unexpected(QLatin1String("expected ERRCODE=RATE, got \"") + spec.toString()
                               + QLatin1Char('"'));
    const auto errcode = readErrcode(spec.left(equals));
    if (!errcode)
        return std::unexpected(errcode.error());
    bool ok = false;
    const double rate = spec.mid(equals + 1).toDouble(&ok);
    if (!ok || !(rate >= 0.0 && rate <= 1.0))
        return std::unexpected(QLatin1String("the rate in \"") + spec.toString()
                               + QLatin1String("\" must be a number from 0 to 1"));
    errorRates.insert(*errcode, rate);
    return {};
}

QJsonObject SandboxFaultCounters::toJson() const
{
    QJsonObject codes;
    for (auto it = errcode.cbegin(); it != errcode.cend(); ++it)
        codes.insert(QString::number(it.key()), it.value());
    return {{QLatin1String("http5xx"), http5xx},
            {QLatin1String("dropped"), dropped},
            {QLatin1String("malformed"), malformed},
            {QLatin1String("errcode"), codes},
            {QLatin1String("token_expired"), tokenExpired}};
}

bool SandboxFaultInjector::takeTokenBusy()
{
    if (m_tokenBusyLeft <= 0)
        return false;
    --m_tokenBusyLeft;
    ++m_counters.errcode[-1];
    return true;
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
    m_tokenBusyLeft = settings.tokenBusyNext;
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
        return {SandboxFaultDraw::Drop, 0};
    }
    if (hit(m_settings.http5xxRate)) {
        ++m_counters.http5xx;
        return {SandboxFaultDraw::Http5xx, (m_random.generate() & 1) ? 503 : 502};
    }
    if (scope == SandboxFaultScope::Wechat) {
        for (auto it = m_settings.errorRates.cbegin(); it != m_settings.errorRates.cend(); ++it) {
            if (hit(it.value())) {
                ++m_counters.errcode[it.key()];
                return {SandboxFaultDraw::Errcode, it.key()};
            }
        }
    }
    if (hit(m_settings.malformedRate)) {
        ++m_counters.malformed;
        return {SandboxFaultDraw::Malformed, 0};
    }
    return {};
}

} // namespace pushdesk
