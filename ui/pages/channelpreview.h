#pragma once
// The text each channel would carry for one recipient, as the composer's preview tabs show it, with
// every field checked against that channel's limits (console/fieldlimits.h).
#include "console/fieldlimits.h"
#include "render/renderer.h"

#include <QCoreApplication>

namespace pushdesk {

struct ChannelPreviewText {
    QString all;        // every channel that has content, one after the other
    QString cs;         // WeChat customer-service text
    QString wechatTemplate;
    QString mini;       // mini-program subscribe message
    QString bark;
    QString email;
    QString ntfy;
    QList<LimitProblem> problems;
};

class ChannelPreview {
    Q_DECLARE_TR_FUNCTIONS(ChannelPreview)
public:
    static ChannelPreviewText render(const RenderedMessage &m);
};

} // namespace pushdesk
