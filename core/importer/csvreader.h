#pragma once
// RFC 4180 CSV: fields separated by commas, quoted with double quotes (a quote inside a quoted field
// is doubled), quoted fields may hold commas and line breaks; CRLF or LF line ends; a UTF-8 byte
// order mark is skipped. Every record remembers the line it starts on, for error reports.
#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace pushdesk {

struct CsvRecord {
    int line = 0;          // 1-based line where the record starts
    QStringList fields;
};

struct CsvProblem {
    int line = 0;
    QString message;
};

struct CsvDocument {
    QList<CsvRecord> records;          // blank lines are skipped
    QList<CsvProblem> problems;        // malformed quoting, invalid UTF-8
};

class CsvReader {
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    static CsvDocument parse(const QByteArray &data);
};

} // namespace pushdesk
