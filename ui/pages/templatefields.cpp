#include "pages/templatefields.h"

#include <QRegularExpression>
#include <QStringList>

namespace pushdesk {

Result<QList<QPair<QString, QString>>> TemplateFieldLines::parse(const QString &text)
{
    // WeChat field keys: first, keyword1, remark, thing2, time3 ... (letters, digits, underscore).
    static const QRegularExpression validKey(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QList<QPair<QString, QString>> fields;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq < 0)
            return fail(tr("Line %1 of the WeChat fields has no “=”: write key=value.").arg(i + 1));
        const QString key = line.left(eq).trimmed();
        if (!validKey.match(key).hasMatch())
            return fail(tr("Line %1 of the WeChat fields: “%2” is not a field key such as first, keyword1 or remark.")
                            .arg(i + 1)
                            .arg(key));
        for (const auto &f : std::as_const(fields)) {
            if (f.first == key)
                return fail(tr("Line %1 of the WeChat fields repeats the key “%2”.").arg(i + 1).arg(key));
        }
        fields.append({key, line.mid(eq + 1).trimmed()});
    }
    return fields;
}

QString TemplateFieldLines::format(const QList<QPair<QString, QString>> &fields)
{
    QStringList lines;
    lines.reserve(fields.size());
    for (const auto &f : fields)
        lines.append(f.first + QLatin1Char('=') + f.second);
    return lines.join(QLatin1Char('\n'));
}

} // namespace pushdesk
