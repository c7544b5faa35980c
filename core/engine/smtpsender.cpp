#include "engine/smtpsender.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>
#include <QDateTime>
#include <QLocale>
#include <curl/curl.h>
#include <cstring>
#include <mutex>

namespace pushdesk {

namespace {
struct Upload {
    QByteArray data;
    qsizetype offset = 0;
};

size_t readCallback(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *u = static_cast<Upload *>(userdata);
    const size_t room = size * nitems;
    const size_t left = size_t(u->data.size() - u->offset);
    const size_t n = std::min(room, left);
    std::memcpy(buffer, u->data.constData() + u->offset, n);
    u->offset += qsizetype(n);
    return n;
}

QByteArray encodedWord(const QString &text)
{
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 128 && c.unicode() >= 32;
    if (ascii)
        return text.toUtf8();
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
} // namespace

QByteArray SmtpSender::compose(const SmtpMessage &m)
{
    QByteArray out;
    const QString date = QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
    out += "Date: " + date.toLatin1() + "\r\n";
    out += "From: <" + m.from.toUtf8() + ">\r\n";
    out += "To: <" + m.to.toUtf8() + ">\r\n";
    if (!m.messageId.isEmpty())
        out += "Message-ID: <" + m.messageId.toUtf8() + ">\r\n";
    out += "Subject: " + encodedWord(m.subject) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray body = m.body.toUtf8().toBase64();
    for (qsizetype i = 0; i < body.size(); i += 76)
        out += body.mid(i, 76) + "\r\n";
    return out;
}

SmtpResult SmtpSender::send(const SmtpMessage &m)
{
    globalInit();
    SmtpResult result;
    CURL *curl = curl_easy_init();
    if (!curl) {
        result.error = QCoreApplication::translate("pushdesk::SmtpSender", "cannot initialise libcurl");
        return result;
    }
    Upload upload{compose(m), 0};
    const QByteArray url = m.url.toUtf8();
    const QByteArray from = "<" + m.from.toUtf8() + ">";
    const QByteArray to = "<" + m.to.toUtf8() + ">";
    const QByteArray user = m.user.toUtf8();
    const QByteArray password = m.password.toUtf8();
    curl_slist *rcpt = curl_slist_append(nullptr, to.constData());
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readCallback);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    // A password never crosses the network in clear text: with one, STARTTLS is required unless the server is on
    // this machine (a local relay, the tests' server). Without one, TLS is used when the server offers it.
    const QUrl parsed(m.url);
    const QHostAddress host(parsed.host());
    const bool local = parsed.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
    const bool mustEncrypt = !m.user.isEmpty() && !local;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, long(mustEncrypt ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!m.user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.responseCode);
    if (rc == CURLE_OK) {
        result.ok = true;
    } else {
        // Never echo the password: libcurl's messages do not contain it, and we add nothing of ours.
        result.error = rc == CURLE_USE_SSL_FAILED
                           ? QCoreApplication::translate("pushdesk::SmtpSender", "the SMTP server does not offer STARTTLS, "
                                                                                   "so the password is not sent; use smtps:// or a server with TLS")
                           : QString::fromUtf8(curl_easy_strerror(rc));
        if (result.responseCode)
            result.error += QStringLiteral(" (SMTP %1)").arg(result.responseCode);
        result.retryable = rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_SEND_ERROR
                           || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING
                           || (result.responseCode >= 400 && result.responseCode < 500);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return result;
}

} // namespace pushdesk
