#include "pages/confirmation.h"

namespace pushdesk {

QMessageBox::StandardButton Confirmation::s_nextAnswer = QMessageBox::NoButton;
int Confirmation::s_asked = 0;

bool Confirmation::ask(QWidget *parent, const QString &title, const QString &text)
{
    ++s_asked;
    if (s_nextAnswer != QMessageBox::NoButton) {
        const auto answer = s_nextAnswer;
        s_nextAnswer = QMessageBox::NoButton;
        return answer == QMessageBox::Yes;
    }
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

void Confirmation::setNextAnswer(QMessageBox::StandardButton answer)
{
    s_nextAnswer = answer;
}

int Confirmation::askedCount()
{
    return s_asked;
}

} // namespace pushdesk
