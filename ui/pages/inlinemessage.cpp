#include "pages/inlinemessage.h"

#include <QLabel>
#include <QVariant>

namespace pushdesk {

namespace {
constexpr char kErrorProperty[] = "pushdeskError";

// Errors stand out by weight and a framed, filled panel in the palette's own colours: no colour is
// hard-coded, so they read in light and dark themes alike.
void setLook(QLabel *label, bool error)
{
    label->setProperty(kErrorProperty, error);
    QFont font = label->font();
    font.setBold(error);
    label->setFont(font);
    label->setFrameShape(error ? QFrame::StyledPanel : QFrame::NoFrame);
    label->setAutoFillBackground(error);
    label->setBackgroundRole(error ? QPalette::AlternateBase : QPalette::Window);
    label->setMargin(error ? 4 : 0);
}
} // namespace

void InlineMessage::showError(QLabel *label, const QString &text)
{
    setLook(label, true);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->show();
}

void InlineMessage::showInfo(QLabel *label, const QString &text)
{
    setLook(label, false);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->show();
}

void InlineMessage::clear(QLabel *label)
{
    setLook(label, false);
    label->clear();
    label->hide();
}

bool InlineMessage::isError(const QLabel *label)
{
    return label->isVisibleTo(label->parentWidget()) && label->property(kErrorProperty).toBool();
}

} // namespace pushdesk
