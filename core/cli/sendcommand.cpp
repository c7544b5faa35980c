// `pushdesk send`, `pushdesk worker` and the broadcast controls: the engine without a window.
#include "cli/cliio.h"
#include "cli/commands.h"
#include "domain/reasontext.h"
#include "engine/broadcastcontrol.h"
#include "engine/broadcastengine.h"
#include "policy/forecast.h"
#include "render/renderer.h"
#include "store/apprepository.h"
#include "store/broadcastrepository.h"
#include "store/subscriberrepository.h"
#include "workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cstdio>
#include <unistd.h>
#include <utility>

namespace pushdesk::cli {

namespace {
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("pushdesk::cli", text, disambiguation, n);
}

QString formatEta(qint64 secs)
{
    if (secs < 0)
        return QStringLiteral("--:--");
    if (secs >= 3600)
        return QStringLiteral("%1:%2:%3").arg(secs / 3600).arg(secs / 60 % 60, 2, 10, QLatin1Char('0')).arg(secs % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
}

void printCounts(qint64 id, const QString &status, const Counters &c, bool dryRun = false, const QJsonObject &extra = {})
{
    QJsonObject line = c.toJson();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        line.insert(it.key(), it.value());
    if (id)
        line.insert(QStringLiteral("broadcast"), id);
    line.insert(QStringLiteral("status"), status);
    if (dryRun)
        line.insert(QStringLiteral("dry_run"), true);
    out() << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
}

// A broadcast's end on the command line: the JSON line of counts, and when it did not finish, why it stopped
// and what happens next (on stderr, and as "reason" / "resumes_at" in the line).
void reportEnd(Workspace &ws, qint64 id, const QString &status, const Counters &c)
{
    QJsonObject extra;
    if (status != QLatin1String("finished")) {
        auto b = BroadcastRepository(ws.db()).findById(id);
        const QString reason = b && *b ? ReasonText::display((*b)->statusReason) : QString();
        const QDateTime at = b && *b ? (*b)->scheduledAt : QDateTime();
        if (!reason.isEmpty())
            extra.insert(QStringLiteral("reason"), reason);
        if (status == QLatin1String("scheduled") && at.isValid() && at > QDateTime::currentDateTime()) {
            extra.insert(QStringLiteral("resumes_at"), at.toString(Qt::ISODate));
            err() << tr("broadcast %1 stopped: %2; a console or pushdesk worker goes on with it then").arg(id).arg(reason)
                  << Qt::endl;
        } else if (status == QLatin1String("scheduled")) { // interrupted: released for the next engine
            err() << tr("stopped; the broadcast goes on with: pushdesk worker --db %1 --until-idle")
                         .arg(ws.db().config().describe()) << Qt::endl;
        } else if (!reason.isEmpty()) {
            err() << tr("broadcast %1 is %2: %3").arg(id).arg(status, reason) << Qt::endl;
        }
    }
    if (c.uncertain > 0)
        err() << tr("%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: "
                    "pushdesk uncertain --db %2 --broadcast %1", nullptr, int(c.uncertain))
                     .arg(id)
                     .arg(ws.db().config().describe())
              << Qt::endl;
    printCounts(id, status, c, false, extra);
}

// "2026-11-29 09:00", "2026-11-29T09:00:00", or relative: "+7d", "+2h", "+30m", "+45s".
QDateTime parseWhen(const QString &text)
{
    static const QRegularExpression relative(QStringLiteral("^\\+(\\d+)([smhdw])$"));
    const auto m = relative.match(text.trimmed());
    if (m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 secs = unit == QLatin1Char('s') ? n : unit == QLatin1Char('m') ? n * 60 : unit == QLatin1Char('h') ? n * 3600
                          : unit == QLatin1Char('d') ? n * 86400 : n * 7 * 86400;
        return QDateTime::currentDateTime().addSecs(secs);
    }
    for (const auto &format : {Qt::ISODate, Qt::ISODateWithMs}) {
        QDateTime t = QDateTime::fromString(text.trimmed(), format);
        if (t.isValid())
            return t;
    }
    return QDateTime::fromString(text.trimmed(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

// Reports the engine's progress on stderr: one updated line on a terminal, a line a second otherwise.
void showProgress(BroadcastEngine *engine)
{
    const bool tty = isatty(fileno(stderr));
    auto *last = new QElapsedTimer;
    last->start();
    QObject::connect(engine, &BroadcastEngine::progress, engine, [tty, last](const BroadcastProgress &p) {
        if (last->elapsed() < (tty ? 200 : 1000) && p.status == BroadcastStatus::Running)
            return;
        last->restart();
        const QString line = tr("broadcast %1: %2/%3 done, %4 sent, %5 failed, %6/s, ETA %7")
                                 .arg(p.broadcastId)
                                 .arg(p.counters.done())
                                 .arg(p.expected)
                                 .arg(p.counters.sent)
                                 .arg(p.counters.failed)
                                 .arg(qRound(p.ratePerSecond))
                                 .arg(formatEta(p.etaSeconds));
        err() << (tty ? QStringLiteral("\r\033[K") : QString()) << line << (tty ? QString() : QStringLiteral("\n"));
        err().flush();
    });
    QObject::connect(engine, &QObject::destroyed, [last]() { delete last; });
}

std::unique_ptr<Workspace> openWorkspace(const QCommandLineParser &parser, const QCommandLineOption &db,
                                         const QCommandLineOption *concurrency, bool engine, int *exit,
                                         const QCommandLineOption *callbackPort = nullptr, bool anyBroadcast = true)
{
    WorkspaceOptions options;
    options.startEngine = engine;
    // pushdesk send: the engine takes no work before runOnly() names its broadcast (another due broadcast
    // would otherwise be claimed by the first look for work).
    options.engine.autoPoll = anyBroadcast;
    if (callbackPort && parser.isSet(*callbackPort)) {
        bool ok = false;
        options.callbackPort = parser.value(*callbackPort).toInt(&ok);
        if (!ok || options.callbackPort < 1 || options.callbackPort > 65535) {
            printError(tr("--callback-port needs a port from 1 to 65535"));
            *exit = UsageError;
            return nullptr;
        }
    }
    if (concurrency) {
        bool ok = false;
        options.engine.concurrency = parser.value(*concurrency).toInt(&ok);
        if (!ok || options.engine.concurrency < 1 || options.engine.concurrency > 1024) {
            printError(tr("--concurrency needs a number from 1 to 1024"));
            *exit = UsageError;
            return nullptr;
        }
    }
    const auto config = databaseConfig(parser, db, true, exit);
    if (!config)
        return nullptr;
    auto ws = Workspace::open(*config, options);
    if (!ws) {
        printError(ws.error().message);
        *exit = RuntimeError;
        return nullptr;
    }
    return std::move(*ws);
}
} // namespace

int runSend(const QStringList &args)
{
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption app(QStringLiteral("app"), tr("Name of the app that sends."), tr("NAME"));
    const QCommandLineOption tmpl(QStringLiteral("template"), tr("Name of the app's template."), tr("NAME"));
    const QCommandLineOption var(QStringLiteral("var"), tr("A template variable (repeatable)."), tr("key=value"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), tr("Requests in flight at most (default 64)."),
                                         tr("N"), QStringLiteral("64"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    tr("Send nothing; print the counts it would have (sent = would be pushed)."));
    const QCommandLineOption at(QStringLiteral("at"),
                                tr("Schedule instead of sending now: \"2026-11-29 09:00\", an ISO time, or +7d / +2h / +30m. "
                                   "A console or pushdesk worker sends it when due."),
                                tr("TIME"));
    const QCommandLineOption tag(QStringLiteral("tag"),
                                 tr("Send only to subscribers with this tag (repeatable, or a comma list: any of them)."),
                                 tr("TAG"));
    const QCommandLineOption list(QStringLiteral("list"),
                                  tr("Send only to the members of this audience list (made with pushdesk import --list)."),
                                  tr("NAME"));
    const QCommandLineOption to(QStringLiteral("to"), tr("Send only to this one subscriber (official-account or "
                                                         "mini-program openid)."),
                                tr("OPENID"));
    parser.addOptions({db, app, tmpl, var, tag, list, to, concurrency, dryRun, at});
    int exit = Ok;
    if (!parseMode(parser, args,
                   tr("Run one broadcast to the app's audience without a window. The audience is everyone bound to "
                      "the app (active or muted, strong or weak reminder), or of them only those with --tag, on "
                      "--list, or the one person --to names; these three exclude each other."),
                   &exit))
        return exit;
    if (int(parser.isSet(tag)) + int(parser.isSet(list)) + int(parser.isSet(to)) > 1) {
        printError(tr("--tag, --list and --to each choose the audience; give only one of them"));
        return UsageError;
    }
    QStringList tags;
    for (const QString &value : parser.values(tag)) {
        for (const QString &t : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!t.trimmed().isEmpty())
                tags.append(t.trimmed());
        }
    }
    if (parser.isSet(tag) && tags.isEmpty()) {
        printError(tr("--tag needs a tag name"));
        return UsageError;
    }
    if (!parser.isSet(app) || !parser.isSet(tmpl)) {
        printError(tr("send needs --app NAME and --template NAME (see pushdesk send --help)"));
        return UsageError;
    }
    QVariantMap variables;
    for (const QString &kv : parser.values(var)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            printError(tr("--var needs key=value, not %1").arg(kv));
            return UsageError;
        }
        variables.insert(kv.left(eq).trimmed(), kv.mid(eq + 1));
    }
    QDateTime when;
    if (parser.isSet(at)) {
        when = parseWhen(parser.value(at));
        if (!when.isValid()) {
            printError(tr("--at needs a time such as \"2026-11-29 09:00\" or +7d, not %1").arg(parser.value(at)));
            return UsageError;
        }
        // A minute's grace for a time typed as "now"; anything older is a mistake, not a wish to send at once.
        if (when < QDateTime::currentDateTime().addSecs(-60)) {
            printError(tr("--at %1 is in the past (it is %2 now); leave --at out to send now")
                           .arg(when.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
            return UsageError;
        }
    }
    const bool sendNow = !parser.isSet(dryRun) && !when.isValid();
    auto ws = openWorkspace(parser, db, &concurrency, sendNow, &exit, nullptr, false);
    if (!ws)
        return exit;
    AppRepository apps(ws->db());
    auto a = apps.findByName(parser.value(app));
    if (!a) {
        printError(a.error().message);
        return RuntimeError;
    }
    if (!*a) {
        QStringList names;
        if (auto all = apps.all())
            for (const auto &x : *all)
                names.append(x.name);
        printError(tr("unknown app %1; known apps: %2").arg(parser.value(app), names.join(QStringLiteral(", "))));
        return UsageError;
    }
    TemplateRepository templates(ws->db());
    auto t = templates.findByName((*a)->id, parser.value(tmpl));
    if (!t || !*t) {
        QStringList names;
        if (auto all = templates.forApp((*a)->id))
            for (const auto &x : *all)
                names.append(x.name);
        printError(tr("unknown template %1 for app %2; its templates: %3")
                       .arg(parser.value(tmpl), (*a)->name, names.join(QStringLiteral(", "))));
        return UsageError;
    }
    Audience audience;
    SubscriberRepository subscribers(ws->db());
    if (!tags.isEmpty()) {
        audience = Audience::withTags(tags);
    } else if (parser.isSet(list)) {
        auto found = subscribers.audienceListByName(parser.value(list));
        if (!found) {
            printError(found.error().message);
            return RuntimeError;
        }
        if (!*found) {
            QStringList names;
            if (auto all = subscribers.audienceLists())
                for (const auto &l : *all)
                    names.append(l.name);
            printError(names.isEmpty() ? tr("unknown list %1; there are no lists yet: make one with pushdesk import --list NAME FILE.csv")
                                             .arg(parser.value(list))
                                       : tr("unknown list %1; known lists: %2").arg(parser.value(list), names.join(QStringLiteral(", "))));
            return UsageError;
        }
        audience = Audience::list((*found)->id, (*found)->name);
    } else if (parser.isSet(to)) {
        const QString openid = parser.value(to).trimmed();
        auto found = subscribers.findByMpOpenid(openid);
        if (found && !*found) {
            // A mini-program openid names the person too.
            auto matches = subscribers.search(openid, 5);
            if (!matches) {
                printError(matches.error().message);
                return RuntimeError;
            }
            for (const Subscriber &s : std::as_const(*matches)) {
                if (s.miniOpenid == openid)
                    found = std::optional<Subscriber>(s);
            }
        }
        if (!found) {
            printError(found.error().message);
            return RuntimeError;
        }
        if (!*found) {
            printError(tr("no subscriber has the openid %1").arg(openid));
            return UsageError;
        }
        audience = Audience::one((*found)->id, openid);
    }
    if (parser.isSet(dryRun)) {
        const QStringList missing = Renderer::missingVariables(**t, variables);
        if (!missing.isEmpty()) {
            printError(tr("The template %1 needs a value for: %2.").arg((*t)->name, missing.join(QStringLiteral(", "))));
            return UsageError;
        }
        auto forecast = AudienceForecast::compute(ws->db(), **a, audience);
        if (!forecast) {
            printError(forecast.error().message);
            return RuntimeError;
        }
        for (auto it = forecast->skipped.cbegin(); it != forecast->skipped.cend(); ++it)
            err() << tr("would skip %n: %1", nullptr, int(it.value())).arg(ReasonText::display(it.key())) << Qt::endl;
        if (forecast->selected > forecast->members)
            err() << tr("%n of the %1 people the audience names have no active or muted binding with reminders to %2; "
                        "they get nothing", nullptr, int(forecast->selected - forecast->members))
                         .arg(forecast->selected)
                         .arg((*a)->name)
                  << Qt::endl;
        printCounts(0, QStringLiteral("dry_run"), forecast->counts, true,
                    QJsonObject{{QStringLiteral("audience"), audience.describe()},
                                {QStringLiteral("members"), forecast->members}});
        return Ok;
    }
    auto id = ws->createBroadcast((*a)->id, (*t)->id, variables, when, audience);
    if (!id) {
        printError(id.error().message);
        return UsageError;
    }
    if (when.isValid()) {
        QJsonObject line{{QStringLiteral("broadcast"), *id},
                         {QStringLiteral("status"), QStringLiteral("scheduled")},
                         {QStringLiteral("scheduled_at"), when.toString(Qt::ISODate)}};
        out() << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
        return Ok;
    }

    BroadcastEngine *engine = ws->engine();
    showProgress(engine);
    QString errorMessage;
    QObject::connect(engine, &BroadcastEngine::broadcastError, [&](qint64 bid, const QString &message) {
        if (bid == *id || bid == 0)
            errorMessage = message;
    });
    int code = Ok;
    bool ended = false;
    const auto endWith = [&](const QString &status, const Counters &c) {
        if (std::exchange(ended, true))
            return;
        if (isatty(fileno(stderr)))
            err() << "\r\033[K";
        err().flush();
        // 0 whenever the broadcast ended as asked (finished, even with failures; paused; cancelled);
        // 1 when it could not run.
        if (!errorMessage.isEmpty())
            printError(errorMessage);
        if (!errorMessage.isEmpty() || status == QLatin1String("failed"))
            code = RuntimeError;
        reportEnd(*ws, *id, status, c);
        QCoreApplication::exit(code);
    };
    QObject::connect(engine, &BroadcastEngine::finished, [&](qint64 bid, const Counters &c, const QString &status) {
        if (bid == *id)
            endWith(status, c);
    });
    // No longer this engine's (paused, held or ended by another engine), or released before it began: what the
    // database says.
    const auto asStored = [&]() {
        auto b = BroadcastRepository(ws->db()).findById(*id);
        const QString status = b && *b ? toString((*b)->status) : QStringLiteral("failed");
        endWith(status, BroadcastRepository(ws->db()).recount(*id).value_or(Counters{}));
    };
    QObject::connect(engine, &BroadcastEngine::onlyGone, asStored);
    QObject::connect(engine, &BroadcastEngine::released, asStored);
    onTerminationSignal([engine]() { engine->release(); });
    engine->runOnly(*id);
    return QCoreApplication::exec();
}

int runWorker(const QStringList &args)
{
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption untilIdle(QStringLiteral("until-idle"),
                                       tr("Exit once nothing is running, queued or due (resumes a killed send)."));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), tr("Requests in flight at most (default 64)."),
                                         tr("N"), QStringLiteral("64"));
    const QCommandLineOption callbackPort(QStringLiteral("callback-port"),
                                          tr("Receive what subscribers say and do (WeChat's callbacks at /wechat/callback, "
                                             "the relay's /relay/user/settings) on this loopback port."),
                                          tr("PORT"));
    parser.addOptions({db, untilIdle, concurrency, callbackPort});
    int exit = Ok;
    if (!parseMode(parser, args, tr("Run scheduled and queued broadcasts without a window until stopped (SIGTERM)."), &exit))
        return exit;
    auto ws = openWorkspace(parser, db, &concurrency, true, &exit, &callbackPort);
    if (!ws)
        return exit;
    if (parser.isSet(callbackPort))
        err() << tr("receiving user messages at %1").arg(ws->callbackUrl().toString()) << Qt::endl;
    BroadcastEngine *engine = ws->engine();
    showProgress(engine);
    int code = Ok;
    QObject::connect(engine, &BroadcastEngine::broadcastError, [&](qint64 id, const QString &message) {
        printError(id ? tr("broadcast %1: %2").arg(id).arg(message) : message);
        if (id == 0) // the engine itself cannot work
            QCoreApplication::exit(RuntimeError);
    });
    QObject::connect(engine, &BroadcastEngine::finished, [&](qint64 id, const Counters &c, const QString &status) {
        if (isatty(fileno(stderr)))
            err() << "\r\033[K";
        err().flush();
        reportEnd(*ws, id, status, c);
    });
    if (parser.isSet(untilIdle))
        QObject::connect(engine, &BroadcastEngine::idle, [] { QCoreApplication::exit(Ok); });
    QObject::connect(engine, &BroadcastEngine::released, [&code] { QCoreApplication::exit(code); });
    onTerminationSignal([engine]() { engine->release(); });
    return QCoreApplication::exec();
}

int runControl(const QStringList &args)
{
    const QString action = args.value(0);
    QCommandLineParser parser;
    const auto db = dbOption();
    const QCommandLineOption broadcast(QStringLiteral("broadcast"), tr("The broadcast's id."), tr("ID"));
    const QCommandLineOption uncertain(QStringLiteral("uncertain"),
                                       tr("retry: re-send the uncertain deliveries instead of the failed ones "
                                          "(they may have arrived already)."));
    parser.addOptions({db, broadcast});
    if (action == QLatin1String("retry"))
        parser.addOption(uncertain);
    int exit = Ok;
    const bool listing = action == QLatin1String("uncertain");
    if (!parseMode(parser, args, listing ? tr("List the uncertain deliveries of a broadcast: requests that were in flight when "
                                              "a process died. They may have arrived; they are never re-sent unless you decide "
                                              "to (pushdesk retry --uncertain).")
                                         : tr("Act on a broadcast, whichever console or worker runs it."), &exit))
        return exit;
    bool ok = false;
    const qint64 id = parser.value(broadcast).toLongLong(&ok);
    if (!ok || id <= 0) {
        printError(tr("%1 needs --broadcast ID").arg(action));
        return UsageError;
    }
    auto ws = openWorkspace(parser, db, nullptr, false, &exit);
    if (!ws)
        return exit;
    if (listing) {
        auto rows = BroadcastRepository(ws->db()).deliveries(id, DeliveryState::Uncertain);
        if (!rows) {
            printError(rows.error().message);
            return RuntimeError;
        }
        SubscriberRepository people(ws->db());
        for (const Delivery &d : std::as_const(*rows)) {
            QJsonObject line{{QStringLiteral("delivery"), d.id},
                             {QStringLiteral("subscriber"), d.subscriberId},
                             {QStringLiteral("channel"), toString(d.channel)},
                             {QStringLiteral("route"), d.route},
                             {QStringLiteral("attempts"), d.attempts},
                             {QStringLiteral("updated_at"), d.updatedAt.toString(Qt::ISODate)}};
            if (auto s = people.findById(d.subscriberId); s && *s) {
                line.insert(QStringLiteral("nickname"), (*s)->nickname);
                line.insert(QStringLiteral("openid"), (*s)->mpOpenid.isEmpty() ? (*s)->miniOpenid : (*s)->mpOpenid);
            }
            out() << QJsonDocument(line).toJson(QJsonDocument::Compact) << Qt::endl;
        }
        err() << tr("%n uncertain deliveries; re-send them only if you are sure they did not arrive: "
                    "pushdesk retry --db %1 --broadcast %2 --uncertain", nullptr, int(rows->size()))
                     .arg(ws->db().config().describe())
                     .arg(id)
              << Qt::endl;
        return Ok;
    }
    BroadcastControl control(ws->db());
    Result<BroadcastStatus> result = fail(QString());
    if (action == QLatin1String("pause"))
        result = control.pause(id);
    else if (action == QLatin1String("resume"))
        result = control.resume(id);
    else if (action == QLatin1String("cancel"))
        result = control.cancel(id);
    else {
        auto n = control.retry(id, parser.isSet(uncertain) ? DeliveryState::Uncertain : DeliveryState::Failed);
        if (!n) {
            printError(n.error().message);
            return RuntimeError;
        }
        out() << QCoreApplication::translate("cli", "%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.", nullptr, *n).arg(id)
              << Qt::endl;
        return Ok;
    }
    if (!result) {
        printError(result.error().message);
        return RuntimeError;
    }
    auto counters = BroadcastRepository(ws->db()).recount(id);
    printCounts(id, toString(*result), counters.value_or(Counters{}));
    return Ok;
}

} // namespace pushdesk::cli
