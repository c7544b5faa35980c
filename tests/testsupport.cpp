#include "testsupport.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

namespace testsupport {

QString databasePath(const QTemporaryDir &dir, const QString &name)
{
    return dir.filePath(name);
}

namespace {
HttpResult finish(QNetworkReply *reply)
{
    QSignalSpy spy(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        spy.wait(60000);
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    if (reply->error() != QNetworkReply::NoError)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

QNetworkAccessManager &nam()
{
    static QNetworkAccessManager m;
    return m;
}
} // namespace

QUrl join(const QUrl &base, const QString &path)
{
    QUrl u = base;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    u.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        u.setQuery(path.mid(q + 1));
    return u;
}

HttpResult httpGet(const QUrl &url)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(60000);
    return finish(nam().get(req));
}

HttpResult httpPostRaw(const QUrl &url, const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    req.setTransferTimeout(60000);
    return finish(nam().post(req, body));
}

HttpResult httpPost(const QUrl &url, const QJsonObject &body)
{
    return httpPostRaw(url, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString pushdeskBinary()
{
    return qEnvironmentVariable("PUSHDESK_BINARY");
}

RunResult runPushdesk(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProgram(pushdeskBinary());
    p.setArguments(args);
    p.start();
    RunResult r;
    if (!p.waitForStarted(30000)) {
        r.err = p.errorString();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace testsupport
