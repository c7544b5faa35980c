#pragma once
// E-mail over SMTP through libcurl (STARTTLS when offered, AUTH when a user is set). Blocking: the
// engine runs it on a small thread pool of its own, never on its event loop.
#include "domain/result.h"

#include <QString>

namespace pushdesk {

struct SmtpMessage {
    QString url;        // smtp://host:port (STARTTLS if the server offers it) or smtps://host:port
    QString user;       // empty: no AUTH
    QString password;   // from the keychain
    QString from;
    QString to;
    QString subject;
    QString body;
    QString messageId;  // without angle brackets
};

struct SmtpResult {
    bool ok = false;
    bool retryable = false; // a connection problem or a 4xx reply
    long responseCode = 0;
    QString error;
};

class SmtpSender {
public:
    static SmtpResult send(const SmtpMessage &message);
    static QByteArray compose(const SmtpMessage &message); // RFC 5322 text, UTF-8, base64 body
};

} // namespace pushdesk
