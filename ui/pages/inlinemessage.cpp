#include "pages/inlinemessage.h"

#include <QLabel>
#include <QVariant>

namespace pushdesk {

namespace {
constexpr char kErrorProperty[] = "pushdeskError";
}

void InlineMessage::showError(QLabel *label, const QString &text)
{
    label->setProperty(kErrorProperty, true);
    label->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->show();
}

void InlineMessage::showInfo(QLabel *label, const QString &text)
{
    label->setProperty(kErrorProperty, false);
    label->setStyleSheet(QString());
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->show();
}

void InlineMessage::clear(QLabel *label)
{
    label->setProperty(kErrorProperty, false);
    label->setStyleSheet(QString());
    label->clear();
    label->hide();
}

bool InlineMessage::isError(const QLabel *label)
{
    return label->isVisibleTo(label->parentWidget()) && label->property(kErrorProperty).toBool();
}

} // namespace pushdesk
