#include "pages/channelpreview.h"

#include "models/displaytext.h"

namespace pushdesk {

namespace {
QString none()
{
    return ChannelPreview::tr("This template has nothing for this channel.");
}
} // namespace

ChannelPreviewText ChannelPreview::render(const RenderedMessage &m)
{
    ChannelPreviewText out;
    out.problems = FieldLimits::check(m);
    QStringList all;

    if (!m.csText.isEmpty()) {
        const qsizetype bytes = m.csText.toUtf8().size();
        out.cs = tr("%1\n\n— %2 of %3 bytes", "text, then its size").arg(m.csText).arg(bytes).arg(FieldLimits::kCustomerServiceTextBytes);
        all << tr("Customer-service message") << m.csText << QString();
    } else {
        out.cs = none();
    }

    auto fieldLines = [](const QList<QPair<QString, QString>> &fields) {
        QStringList lines;
        for (const auto &[key, value] : fields) {
            const QString rule = FieldLimits::describe(key);
            const QString problem = FieldLimits::checkField(key, value);
            QString line = rule.isEmpty() ? tr("%1: %2", "template field key: value").arg(key, value)
                                          : tr("%1 (%2): %3", "field key (rule): value").arg(key, rule, value);
            if (!problem.isEmpty())
                line += QLatin1Char('\n') + tr("  ⚠ %1").arg(problem);
            lines << line;
        }
        return lines;
    };

    if (!m.wechatTemplateId.isEmpty()) {
        QStringList lines{tr("WeChat template message %1").arg(m.wechatTemplateId)};
        lines << fieldLines(m.wechatFields);
        if (!m.wechatUrl.isEmpty())
            lines << tr("Opens: %1").arg(m.wechatUrl);
        out.wechatTemplate = lines.join(QLatin1Char('\n'));
        all << tr("WeChat template message %1").arg(m.wechatTemplateId);
        for (const auto &f : m.wechatFields)
            all << tr("%1: %2", "template field key: value").arg(f.first, f.second);
        all << QString();
    } else {
        out.wechatTemplate = none();
    }

    if (!m.subscribeTemplateId.isEmpty() || !m.formTemplateId.isEmpty()) {
        QStringList lines;
        if (!m.subscribeTemplateId.isEmpty())
            lines << tr("Subscribe message %1").arg(m.subscribeTemplateId);
        else
            lines << tr("Template message %1 (spends a form_id or prepay_id)").arg(m.formTemplateId);
        lines << fieldLines(m.subscribeFields);
        if (!m.miniPage.isEmpty())
            lines << tr("Opens page: %1").arg(m.miniPage);
        out.mini = lines.join(QLatin1Char('\n'));
        all << DisplayText::label(Channel::MiniProgram) << lines.mid(1) << QString();
    } else {
        out.mini = none();
    }

    if (!m.barkTitle.isEmpty() || !m.barkBody.isEmpty()) {
        const QString title = m.barkSubtitle.isEmpty() ? m.barkTitle : m.barkTitle + QLatin1Char('\n') + m.barkSubtitle;
        out.bark = tr("Title: %1\n%2\n\n— Bark states no length limit.").arg(title, m.barkBody);
        all << tr("Bark") << m.barkTitle;
        if (!m.barkSubtitle.isEmpty())
            all << m.barkSubtitle;
        all << m.barkBody << QString();
    } else {
        out.bark = none();
    }

    if (!m.emailSubject.isEmpty() || !m.emailBody.isEmpty()) {
        out.email = tr("Subject: %1\n\n%2").arg(m.emailSubject, m.emailBody);
        all << tr("E-mail") << tr("Subject: %1").arg(m.emailSubject) << m.emailBody << QString();
    } else {
        out.email = none();
    }

    if (!m.ntfyTitle.isEmpty() || !m.ntfyBody.isEmpty()) {
        const qsizetype bytes = m.ntfyBody.toUtf8().size();
        out.ntfy = tr("Title: %1\n%2\n\n— %3 of %4 bytes").arg(m.ntfyTitle, m.ntfyBody).arg(bytes).arg(FieldLimits::kNtfyMessageBytes);
        all << tr("ntfy") << m.ntfyTitle << m.ntfyBody << QString();
    } else {
        out.ntfy = none();
    }

    if (all.isEmpty())
        all << tr("This template has no content for any channel yet — edit it on the Templates page.");
    out.all = all.join(QLatin1Char('\n')).trimmed();
    return out;
}

} // namespace pushdesk
