#pragma once
// Shared helpers for the test executables.
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace testsupport {

// The named child widget (or object) of parent; a warning names it when it is missing, so that a failed
// QVERIFY(widget) says which one.
template<typename T>
T *child(const QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

// A fresh database file path inside dir.
QString databasePath(const QTemporaryDir &dir, const QString &name = QStringLiteral("test.db"));

// Blocking HTTP for tests (waits on the reply's finished signal, never sleeps).
struct HttpResult {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QString error;
};
HttpResult httpGet(const QUrl &url);
HttpResult httpPost(const QUrl &url, const QJsonObject &body);
HttpResult httpPostRaw(const QUrl &url, const QByteArray &body, const QByteArray &contentType = "application/json");
QUrl join(const QUrl &base, const QString &path);

// Runs the pushdesk binary (PUSHDESK_BINARY) to completion.
struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};
RunResult runPushdesk(const QStringList &args, int timeoutMs = 300000);
QString pushdeskBinary();

} // namespace testsupport
