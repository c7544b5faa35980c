#pragma once
// A label under a form that says what happened: plain text, errors in the palette's error colour.
#include <QString>

class QLabel;

namespace pushdesk {

class InlineMessage {
public:
    static void showError(QLabel *label, const QString &text);
    static void showInfo(QLabel *label, const QString &text);
    static void clear(QLabel *label);
    static bool isError(const QLabel *label);
};

} // namespace pushdesk
