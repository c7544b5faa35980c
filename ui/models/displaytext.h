#pragma once
// How stored values read in the console: the words the database keeps ("in_flight", "official_account")
// become translated labels, times become local date-time text, durations and rates become short text.
#include "domain/types.h"

#include <QString>

namespace pushdesk {

class DisplayText {
public:
    // A translated label for a stored word (kind, status, state, channel, route); unknown words unchanged.
    static QString label(const QString &word);
    static QString label(Channel channel) { return label(toString(channel)); }
    static QString label(DeliveryState state) { return label(toString(state)); }
    static QString label(BindingState state) { return label(toString(state)); }
    static QString label(Reminder reminder) { return label(toString(reminder)); }
    static QString label(AppKind kind) { return label(toString(kind)); }
    static QString label(AppStatus status) { return label(toString(status)); }
    static QString label(BroadcastStatus status) { return label(toString(status)); }

    // BIGINT milliseconds since the epoch; 0 reads "never".
    static QString dateTime(qint64 msecs);
    static QString dateTime(const QDateTime &time);
    static QString yesNo(bool value);
    static QString number(qint64 value);
    static QString duration(qint64 seconds); // "0:42", "12:05", "3:02:10"; negative reads "unknown"
};

} // namespace pushdesk
