#include "render/renderer.h"

#include <QRegularExpression>

namespace pushdesk {

QHash<QString, QString> Renderer::recipientVariables(const Subscriber &s)
{
    return {
        {QStringLiteral("nickname"), s.nickname},
        {QStringLiteral("openid"), s.mpOpenid},
        {QStringLiteral("email"), s.email},
    };
}

QString Renderer::fill(const QString &text, const QHash<QString, QString> &vars)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*\\}\\}"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += vars.value(m.captured(1));
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

bool Renderer::personal(const QString &text)
{
    const auto own = recipientVariables(Subscriber{});
    for (auto it = own.cbegin(); it != own.cend(); ++it) {
        if (text.contains(QStringLiteral("{{") + it.key()) || text.contains(QStringLiteral("{{ ") + it.key()))
            return true;
    }
    return false;
}

RenderedMessage Renderer::render(const Template &t, const QHash<QString, QString> &vars)
{
    RenderedMessage m;
    m.csText = fill(t.csText, vars);
    m.wechatTemplateId = t.wechatTemplateId;
    for (const auto &f : t.wechatFields)
        m.wechatFields.append({f.first, fill(f.second, vars)});
    m.wechatUrl = fill(t.wechatUrl, vars);
    m.barkTitle = fill(t.barkTitle, vars);
    m.barkBody = fill(t.barkBody, vars);
    m.barkGroup = fill(t.barkGroup, vars);
    m.barkLevel = t.barkLevel;
    m.barkUrl = fill(t.barkUrl, vars);
    m.barkSound = t.barkSound;
    m.barkSubtitle = fill(t.barkSubtitle, vars);
    m.barkIcon = fill(t.barkIcon, vars);
    m.emailSubject = fill(t.emailSubject, vars);
    m.emailBody = fill(t.emailBody, vars);
    m.subscribeTemplateId = t.subscribeTemplateId;
    for (const auto &f : t.subscribeFields)
        m.subscribeFields.append({f.first, fill(f.second, vars)});
    m.formTemplateId = t.formTemplateId;
    m.miniPage = fill(t.miniPage, vars);
    m.ntfyTitle = fill(t.ntfyTitle, vars);
    m.ntfyBody = fill(t.ntfyBody, vars);
    m.ntfyPriority = t.ntfyPriority;
    m.ntfyTags = fill(t.ntfyTags, vars);
    return m;
}

QStringList Renderer::missingVariables(const Template &t, const QVariantMap &broadcastVariables)
{
    const auto recipient = recipientVariables(Subscriber{});
    QStringList missing;
    for (const auto &name : t.placeholders()) {
        if (!broadcastVariables.contains(name) && !recipient.contains(name))
            missing.append(name);
    }
    return missing;
}

} // namespace pushdesk
