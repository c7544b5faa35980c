#pragma once
// Fills {{placeholders}} from the broadcast's variables and the recipient's own fields.
#include "domain/types.h"

#include <QHash>

namespace pushdesk {

struct RenderedMessage {
    QString csText;
    QString wechatTemplateId;
    QList<QPair<QString, QString>> wechatFields;
    QString wechatUrl;
    QString barkTitle;
    QString barkSubtitle;
    QString barkBody;
    QString barkGroup;
    QString barkLevel;
    QString barkUrl;
    QString barkSound;
    QString barkIcon;
    QString emailSubject;
    QString emailBody;
    QString subscribeTemplateId;
    QList<QPair<QString, QString>> subscribeFields;
    QString formTemplateId;
    QString miniPage;
    QString ntfyTitle;
    QString ntfyBody;
    int ntfyPriority = 0;
    QString ntfyTags;
};

class Renderer {
public:
    // Recipient variables always available: nickname, openid, email.
    static QHash<QString, QString> recipientVariables(const Subscriber &s);
    static QString fill(const QString &text, const QHash<QString, QString> &vars);
    // True when text uses a recipient's own variable (so it differs from person to person).
    static bool personal(const QString &text);
    static RenderedMessage render(const Template &t, const QHash<QString, QString> &vars);
    // Placeholders of t that neither the broadcast nor every recipient provides.
    static QStringList missingVariables(const Template &t, const QVariantMap &broadcastVariables);
};

} // namespace pushdesk
