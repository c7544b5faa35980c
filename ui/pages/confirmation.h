#pragma once
// Yes/No questions the console asks before something that cannot be undone (a large broadcast,
// re-sending uncertain deliveries). Tests answer them ahead with setNextAnswer(), as KeePassXC's
// MessageBox does, so no modal box blocks an offscreen run.
#include <QMessageBox>

namespace pushdesk {

class Confirmation {
public:
    // True when the operator answered Yes.
    static bool ask(QWidget *parent, const QString &title, const QString &text);
    // The next ask() returns this answer without showing anything (QMessageBox::NoButton: ask for real).
    static void setNextAnswer(QMessageBox::StandardButton answer);
    static int askedCount(); // how many questions were asked so far (tests)

private:
    static QMessageBox::StandardButton s_nextAnswer;
    static int s_asked;
};

} // namespace pushdesk
