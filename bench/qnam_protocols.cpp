// Qt's HTTP client alone, over HTTP/1.1 or HTTP/2 (cleartext, prior knowledge): N requests with a window of 64
// spread over M network managers, as the engine's pool does. Answers the question whether another protocol
// lifts the ceiling that Qt's client puts on any QNetworkAccessManager-based sender (bench/RESULTS.md).
//   qnam_protocols URL N h1|h2 [MANAGERS=8] [get|post]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <cstdio>
#include <functional>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: qnam_protocols URL N h1|h2 [MANAGERS=8] [get|post]\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const int n = std::atoi(argv[2]);
    const bool h2 = QByteArray(argv[3]) == "h2";
    const int managers = argc > 4 ? std::max(1, std::atoi(argv[4])) : 8;
    const bool post = argc > 5 && QByteArray(argv[5]) == "post";
    constexpr int window = 64;
    const QByteArray body = R"({"touser":"o1","msgtype":"text","text":{"content":"Hello, this is a benchmark message."}})";
    QList<QNetworkAccessManager *> pool;
    for (int i = 0; i < managers; ++i)
        pool.append(new QNetworkAccessManager(&app));
    int started = 0, done = 0, errors = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void()> next = [&]() {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setAttribute(h2 ? QNetworkRequest::Http2DirectAttribute : QNetworkRequest::Http2AllowedAttribute, h2);
        QNetworkAccessManager *m = pool.at(started++ % pool.size());
        QNetworkReply *reply = post ? m->post(request, body) : m->get(request);
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply]() {
            if (reply->error() != QNetworkReply::NoError && errors++ < 3)
                std::fprintf(stderr, "%s\n", qPrintable(reply->errorString()));
            reply->readAll();
            reply->deleteLater();
            ++done;
            if (started < n)
                next();
            else if (done == n)
                app.quit();
        });
    };
    for (int i = 0; i < window && started < n; ++i)
        next();
    app.exec();
    std::printf("{\"protocol\":\"%s\",\"method\":\"%s\",\"managers\":%d,\"requests\":%d,\"errors\":%d,\"rate_per_s\":%.0f}\n",
                h2 ? "h2" : "http/1.1", post ? "POST" : "GET", managers, n, errors, n / (clock.nsecsElapsed() / 1e9));
    return errors == 0 ? 0 : 1;
}
