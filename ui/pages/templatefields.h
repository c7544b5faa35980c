#pragma once
// The WeChat template fields as the editor shows them: one "key=value" line per field, in order.
#include "domain/result.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace pushdesk {

class TemplateFieldLines {
    Q_DECLARE_TR_FUNCTIONS(TemplateFieldLines)
public:
    static Result<QList<QPair<QString, QString>>> parse(const QString &text); // blank lines are ignored
    static QString format(const QList<QPair<QString, QString>> &fields);
};

} // namespace pushdesk
