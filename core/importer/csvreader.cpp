#include "importer/csvreader.h"

#include <QStringDecoder>

namespace pushdesk {

CsvDocument CsvReader::parse(const QByteArray &data)
{
    CsvDocument doc;
    QByteArray bytes = data;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError()) {
        // Find the line of the first bad byte, so that the person can fix it.
        int line = 1;
        QStringDecoder probe(QStringDecoder::Utf8);
        for (const char byte : std::as_const(bytes)) {
            const QString decoded = probe(QByteArrayView(&byte, 1));
            if (probe.hasError())
                break;
            if (byte == '\n')
                ++line;
        }
        doc.problems.append({line, tr("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.")});
        return doc;
    }

    const qsizetype n = text.size();
    qsizetype i = 0;
    int line = 1;
    while (i < n) {
        CsvRecord record;
        record.line = line;
        QString field;
        bool quoted = false;      // the current field started with a quote
        bool inQuotes = false;    // inside the quotes now
        bool afterQuote = false;  // the closing quote was read; only a separator may follow
        bool endOfRecord = false;
        bool bad = false;
        while (i < n && !endOfRecord) {
            const QChar c = text.at(i);
            if (inQuotes) {
                if (c == QLatin1Char('"')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                        field.append(QLatin1Char('"'));
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                    afterQuote = true;
                    ++i;
                    continue;
                }
                if (c == QLatin1Char('\n'))
                    ++line;
                // A CRLF inside quotes is kept as one line break.
                if (!(c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')))
                    field.append(c);
                ++i;
                continue;
            }
            if (c == QLatin1Char(',')) {
                record.fields.append(quoted ? field : field.trimmed());
                field.clear();
                quoted = afterQuote = false;
                ++i;
                continue;
            }
            if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
                if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                    ++i;
                ++i;
                ++line;
                endOfRecord = true;
                continue;
            }
            if (afterQuote) {
                if (c.isSpace()) {
                    ++i;
                    continue;
                }
                if (!bad)
                    doc.problems.append({line, tr("Text after a closing quote. Put the whole field in quotes and write "
                                                  "a quote inside it twice (\"\").")});
                bad = true;
                ++i;
                continue;
            }
            if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
                field.clear();
                quoted = inQuotes = true;
                ++i;
                continue;
            }
            field.append(c);
            ++i;
        }
        if (inQuotes) {
            doc.problems.append({record.line, tr("A quoted field starts here and never ends. Add the closing quote.")});
            return doc;
        }
        record.fields.append(quoted ? field : field.trimmed());
        const bool blank = record.fields.size() == 1 && record.fields.first().isEmpty() && !quoted;
        if (!blank && !bad)
            doc.records.append(record);
    }
    return doc;
}

} // namespace pushdesk
