#pragma once
// A reason the engine and the policies write into the database (deliveries.reason, broadcasts.status_reason)
// is kept language-neutral: the translation context, the English source and the arguments. Whoever reads it
// later sees it in their own language, whatever language the writer ran in (a headless `pushdesk worker` in
// English, a console in Chinese). Text without the marker (rows written before, an upstream's own words, an
// operator's note) reads as it is.
//
// Stored form: U+001F (a control character no upstream, operator or earlier row puts first) followed by a
// compact JSON array [context, source, arg…]; an argument is a string (itself a stored reason, translated
// in turn, or text shown as it is) or {"t": msecs} (a time, written in the reader's locale).
#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QString>

struct QMetaObject;

namespace pushdesk {

class ReasonText {
public:
    // source must be marked for lupdate where it is written, so that the translators see it: QT_TR_NOOP
    // inside a member of the class whose meta-object is given, or QT_TRANSLATE_NOOP(context, source).
    ReasonText(const char *context, const char *source);
    ReasonText(const QMetaObject &context, const char *source);

    // %1, %2 … in order, as QString::arg. Text that is itself a stored reason is translated when shown;
    // any other text (an app's name, an upstream's errmsg) is shown as it is.
    ReasonText &arg(const QString &text);
    ReasonText &arg(qint64 number);
    ReasonText &arg(const QDateTime &time);

    QString encode() const; // what the database keeps
    QString text() const;   // in the current language

    static bool isEncoded(const QString &stored);
    // A stored reason in the current language (QCoreApplication's translators); other text unchanged.
    static QString display(const QString &stored);

private:
    QByteArray m_context;
    QByteArray m_source;
    QJsonArray m_args;
};

} // namespace pushdesk
