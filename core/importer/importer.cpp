#include "importer/importer.h"

#include "audit/auditlog.h"
#include "importer/csvreader.h"
#include "importer/importcontext.h"
#include "store/apprepository.h"
#include "store/database.h"
#include "store/subscriberrepository.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace pushdesk {

QString toString(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Subscribers: return QStringLiteral("subscribers");
    case ImportKind::Bindings: return QStringLiteral("bindings");
    case ImportKind::Events: return QStringLiteral("events");
    case ImportKind::Credits: return QStringLiteral("credits");
    case ImportKind::List: break;
    }
    return QStringLiteral("list");
}

QString ImportProblem::describe(const QString &fileName) const
{
    QString where = fileName;
    if (line > 0)
        where += QStringLiteral(":%1").arg(line);
    QString text = column.isEmpty() ? Importer::tr("%1: %2").arg(where, problem)
                                    : Importer::tr("%1: column %2: %3").arg(where, column, problem);
    if (!fix.isEmpty())
        text += QLatin1Char(' ') + fix;
    return text;
}

QJsonObject ImportReport::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), toString(kind)},
                  {QStringLiteral("rows"), rows},
                  {QStringLiteral("inserted"), inserted},
                  {QStringLiteral("updated"), updated},
                  {QStringLiteral("problems"), problemCount},
                  {QStringLiteral("dry_run"), dryRun}};
    if (kind == ImportKind::List) {
        o.insert(QStringLiteral("list"), listName);
        if (listId)
            o.insert(QStringLiteral("list_id"), listId);
    }
    if (kind == ImportKind::Subscribers) {
        o.insert(QStringLiteral("bindings_created"), bindingsCreated);
        o.insert(QStringLiteral("kept_opt_outs"), keptOptOuts);
    }
    return o;
}

QStringList Importer::columns(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Subscribers:
        return {QStringLiteral("mp_openid"), QStringLiteral("mini_openid"), QStringLiteral("unionid"),
                QStringLiteral("nickname"), QStringLiteral("email"), QStringLiteral("bark_key"),
                QStringLiteral("bark_server"), QStringLiteral("ntfy_topic"), QStringLiteral("webhook_url"),
                QStringLiteral("opted_out"), QStringLiteral("last_interaction"), QStringLiteral("tags")};
    case ImportKind::Bindings:
        return {QStringLiteral("mp_openid"), QStringLiteral("app"), QStringLiteral("state"), QStringLiteral("reminder"),
                QStringLiteral("channels")};
    case ImportKind::Events:
        return {QStringLiteral("mp_openid"), QStringLiteral("app"), QStringLiteral("kind"), QStringLiteral("value"),
                QStringLiteral("at")};
    case ImportKind::Credits:
        return {QStringLiteral("mp_openid"), QStringLiteral("app"), QStringLiteral("kind"), QStringLiteral("credit"),
                QStringLiteral("template_id"), QStringLiteral("uses"), QStringLiteral("expires_at")};
    case ImportKind::List: break;
    }
    return {QStringLiteral("mp_openid"), QStringLiteral("mini_openid"), QStringLiteral("email")};
}

QString Importer::columnsHelp()
{
    return tr(
        "CSV files: UTF-8 (a byte order mark is fine), a first line naming the columns in any order, commas "
        "between fields, double quotes around fields with commas, quotes or line breaks. Every row needs "
        "mp_openid; for subscribers and bindings a column left out keeps what the database has.\n"
        "\n"
        "--subscribers: upserted by mp_openid.\n"
        "  mp_openid,mini_openid,unionid,nickname,email,bark_key,bark_server,ntfy_topic,webhook_url,opted_out,\n"
        "  last_interaction,tags\n"
        "  opted_out: 1 or 0 (true/false, yes/no). 1 opts the person out; 0 never opts back in somebody who\n"
        "  opted out (import an optin event for that). last_interaction: ISO 8601 time or unix seconds.\n"
        "  tags: separated by semicolons (vip;beijing). With --app every subscriber is also bound to that app.\n"
        "--bindings: one row per subscriber and app, created or updated.\n"
        "  mp_openid,app,state,reminder,channels\n"
        "  state: active|muted|blocked|unbound (default active). reminder: strong|weak|none (default strong).\n"
        "  channels: in order of preference, separated by semicolons: wechat;miniprogram;bark;email;ntfy;webhook\n"
        "  (default wechat).\n"
        "--events: what subscribers did, applied in file order.\n"
        "  mp_openid,app,kind,value,at\n"
        "  kind: optout|optin (\"reply 0\" / \"reply 1\", every app; app may be empty), bind, unbind, mute, unmute,\n"
        "  block, unblock, reminder (value strong|weak|none). bind may give channels as its value.\n"
        "  at: ISO 8601 time or unix seconds (default now).\n"
        "--credits: mini-program send credits.\n"
        "  mp_openid,app,kind,credit,template_id,uses,expires_at\n"
        "  kind: form_id (1 use, 7 days) | prepay_id (3 uses, 7 days) | subscribe (needs template_id, no expiry).\n"
        "  credit: the form_id or prepay_id. uses and expires_at (ISO 8601 or unix seconds) override the defaults.\n"
        "--list NAME: a new audience list of that name, for broadcasts to it (pushdesk send --list NAME).\n"
        "  mp_openid,mini_openid,email (any of them; each row names one known subscriber by the first non-empty\n"
        "  one; an e-mail address must belong to exactly one subscriber; repeated people count once).\n"
        "\n"
        "The app column may be left out or empty when --app is given.\n");
}

namespace importing {

Context::Context(Database &database, const ImportOptions &opts, ImportReport &rep)
    : db(database)
    , options(opts)
    , report(rep)
    , now(opts.now.isValid() ? opts.now : QDateTime::currentDateTime())
    , operatorName(opts.operatorName.trimmed().isEmpty() ? AuditLog::defaultOperator() : opts.operatorName.trimmed())
{
}

void Context::problem(int line, const QString &column, const QString &text, const QString &fix)
{
    ++report.problemCount;
    if (report.problems.size() < ImportReport::kMaxProblems)
        report.problems.append(ImportProblem{line, column, text, fix});
}

QString Context::appNames() const
{
    QStringList names = m_apps.keys();
    names.sort();
    return names.join(QStringLiteral(", "));
}

Result<void> Context::loadApps()
{
    auto apps = AppRepository(db).all();
    if (!apps)
        return std::unexpected(apps.error());
    for (const auto &a : std::as_const(*apps))
        m_apps.insert(a.name, a.id);
    if (!options.appName.isEmpty()) {
        defaultAppId = m_apps.value(options.appName);
        if (!defaultAppId)
            problem(0, QStringLiteral("--app"), tr("There is no app named \"%1\".").arg(options.appName),
                    tr("Use one of: %1.").arg(appNames()));
    }
    return {};
}

qint64 Context::appFor(const Row &row)
{
    const QString name = row.value(QStringLiteral("app"));
    if (name.isEmpty()) {
        if (defaultAppId)
            return defaultAppId;
        if (options.appName.isEmpty())
            problem(row.line, QStringLiteral("app"), tr("The app is missing."),
                    tr("Write the app's name, or give --app NAME for rows without one."));
        return 0;
    }
    const qint64 id = m_apps.value(name);
    if (!id)
        problem(row.line, QStringLiteral("app"), tr("There is no app named \"%1\".").arg(name),
                tr("Use one of: %1.").arg(appNames()));
    else if (defaultAppId && id != defaultAppId)
        problem(row.line, QStringLiteral("app"), tr("The row is for \"%1\", but --app says \"%2\".").arg(name, options.appName),
                tr("Leave the app column empty or drop --app."));
    return id;
}

Result<qint64> Context::subscriberId(const QString &mpOpenid)
{
    const auto it = m_subscribers.constFind(mpOpenid);
    if (it != m_subscribers.constEnd())
        return *it;
    auto s = SubscriberRepository(db).findByMpOpenid(mpOpenid);
    if (!s)
        return std::unexpected(s.error());
    const qint64 id = *s ? (*s)->id : 0;
    m_subscribers.insert(mpOpenid, id);
    return id;
}

Result<qint64> Context::requireSubscriber(const Row &row)
{
    const QString openid = row.value(QStringLiteral("mp_openid"));
    if (openid.isEmpty()) {
        problem(row.line, QStringLiteral("mp_openid"), tr("The openid is missing."),
                tr("Every row needs the subscriber's official-account openid."));
        return 0;
    }
    auto id = subscriberId(openid);
    if (!id)
        return id;
    if (!*id)
        problem(row.line, QStringLiteral("mp_openid"), tr("There is no subscriber with openid \"%1\".").arg(openid),
                tr("Import the subscriber first with --subscribers."));
    return *id;
}

std::optional<QDateTime> Context::time(const Row &row, const QString &column)
{
    const QString text = row.value(column);
    if (text.isEmpty())
        return QDateTime();
    static const QRegularExpression digits(QStringLiteral("^\\d{1,12}$"));
    if (digits.match(text).hasMatch())
        return QDateTime::fromSecsSinceEpoch(text.toLongLong());
    for (const auto format : {Qt::ISODateWithMs, Qt::ISODate}) {
        const QDateTime t = QDateTime::fromString(text, format);
        if (t.isValid())
            return t;
    }
    for (const auto &format : {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm")}) {
        const QDateTime t = QDateTime::fromString(text, format);
        if (t.isValid())
            return t;
    }
    problem(row.line, column, tr("\"%1\" is not a time.").arg(text),
            tr("Write an ISO 8601 time such as 2026-11-29T09:00:00+08:00, or unix seconds such as 1795914000."));
    return std::nullopt;
}

std::optional<bool> Context::flag(const Row &row, const QString &column)
{
    const QString text = row.value(column).toLower();
    if (text.isEmpty())
        return std::optional<bool>();
    for (const char *yes : {"1", "true", "yes", "y"}) {
        if (text == QLatin1String(yes))
            return true;
    }
    for (const char *no : {"0", "false", "no", "n"}) {
        if (text == QLatin1String(no))
            return false;
    }
    problem(row.line, column, tr("\"%1\" is neither yes nor no.").arg(row.value(column)), tr("Write 1 or 0."));
    return std::nullopt;
}

std::optional<int> Context::number(const Row &row, const QString &column, int min, int max)
{
    bool ok = false;
    const int value = row.value(column).toInt(&ok);
    if (ok && value >= min && value <= max)
        return value;
    problem(row.line, column, tr("\"%1\" is not a whole number from %2 to %3.").arg(row.value(column)).arg(min).arg(max),
            tr("Write a number in that range, or leave the cell empty for the default."));
    return std::nullopt;
}

bool Context::url(const Row &row, const QString &column)
{
    const QString text = row.value(column);
    if (text.isEmpty())
        return true;
    const QUrl u(text, QUrl::StrictMode);
    if (u.isValid() && (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https")) && !u.host().isEmpty())
        return true;
    problem(row.line, column, tr("\"%1\" is not an http or https address.").arg(text),
            tr("Write a full address such as https://example.com/path, or leave the cell empty."));
    return false;
}

bool Context::email(const Row &row, const QString &column)
{
    const QString text = row.value(column);
    static const QRegularExpression address(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (text.isEmpty() || address.match(text).hasMatch())
        return true;
    problem(row.line, column, tr("\"%1\" is not an e-mail address.").arg(text),
            tr("Write an address such as name@example.com, or leave the cell empty."));
    return false;
}

} // namespace importing

Result<ImportReport> Importer::runFile(ImportKind kind, const QString &path, const ImportOptions &options)
{
    ImportOptions opts = options;
    if (opts.fileName.isEmpty())
        opts.fileName = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportReport report;
        report.kind = kind;
        report.dryRun = options.dryRun;
        report.problemCount = 1;
        report.problems.append(ImportProblem{0, {}, tr("Cannot read %1: %2.").arg(path, file.errorString()),
                                             tr("Check the path and the file's permissions.")});
        return report;
    }
    return run(kind, file.readAll(), opts);
}

Result<ImportReport> Importer::run(ImportKind kind, const QByteArray &csv, const ImportOptions &options)
{
    ImportReport report;
    report.kind = kind;
    report.dryRun = options.dryRun;
    importing::Context ctx(m_db, options, report);

    const CsvDocument doc = CsvReader::parse(csv);
    for (const auto &p : doc.problems)
        ctx.problem(p.line, {}, p.message, {});
    if (!report.ok())
        return report;
    if (doc.records.isEmpty()) {
        ctx.problem(1, {}, tr("The file is empty."),
                    tr("The first line must name the columns: %1.").arg(columns(kind).join(QLatin1Char(','))));
        return report;
    }

    // The header: known names, each once, the required one present.
    const QStringList known = columns(kind);
    QHash<QString, int> index;
    const CsvRecord &header = doc.records.first();
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed().toLower();
        if (!known.contains(name))
            ctx.problem(header.line, name, tr("Unknown column \"%1\".").arg(header.fields.at(i)),
                        tr("The columns of a %1 file are: %2.").arg(toString(kind), known.join(QLatin1Char(','))));
        else if (index.contains(name))
            ctx.problem(header.line, name, tr("The column appears twice."), tr("Remove one of them."));
        else
            index.insert(name, i);
    }
    if (kind == ImportKind::List) {
        if (index.isEmpty())
            ctx.problem(header.line, {}, tr("The first line names none of the columns mp_openid, mini_openid, email."),
                        tr("Name the column that identifies each subscriber on the first line."));
        report.listName = options.listName.trimmed();
        if (report.listName.isEmpty()) {
            ctx.problem(0, QStringLiteral("--list"), tr("The list has no name."), tr("Give the list a name."));
        } else {
            auto existing = SubscriberRepository(m_db).audienceListByName(report.listName);
            if (!existing)
                return std::unexpected(existing.error());
            if (*existing)
                ctx.problem(0, QStringLiteral("--list"), tr("There is already a list named \"%1\".").arg(report.listName),
                            tr("Choose another name."));
        }
    } else if (!index.contains(known.first())) {
        ctx.problem(header.line, known.first(), tr("The required column is missing."),
                    tr("Add a %1 column to the first line.").arg(known.first()));
    }
    if (auto r = ctx.loadApps(); !r)
        return std::unexpected(r.error());
    if (!report.ok())
        return report;

    std::unique_ptr<importing::Step> step;
    switch (kind) {
    case ImportKind::Subscribers: step = importing::subscribersStep(ctx); break;
    case ImportKind::Bindings: step = importing::bindingsStep(ctx); break;
    case ImportKind::Events: step = importing::eventsStep(ctx); break;
    case ImportKind::Credits: step = importing::creditsStep(ctx); break;
    case ImportKind::List: step = importing::listStep(ctx); break;
    }
    for (qsizetype i = 1; i < doc.records.size(); ++i) {
        const CsvRecord &record = doc.records.at(i);
        ++report.rows;
        if (record.fields.size() != header.fields.size()) {
            ctx.problem(record.line, {},
                        tr("The line has %n field(s), but the first line has %1.", nullptr, int(record.fields.size()))
                            .arg(header.fields.size()),
                        tr("Check for a missing or extra comma, and put fields that contain commas in quotes."));
            continue;
        }
        if (auto r = step->check(importing::Row{record.line, record.fields, &index}); !r)
            return std::unexpected(r.error());
    }
    if (kind == ImportKind::List && report.rows == 0)
        ctx.problem(header.line, {}, tr("The file names nobody."), tr("Add one row per subscriber of the list."));
    if (!report.ok())
        return report;

    bool rolledBackOnPurpose = false;
    auto written = m_db.transaction([&]() -> Result<void> {
        if (auto r = step->write(); !r)
            return r;
        AuditEvent e;
        e.operatorName = ctx.operatorName;
        e.action = audit::ImportRun;
        e.recordType = audit::TypeImport;
        e.at = ctx.now;
        e.after = report.toJson();
        e.after.insert(QStringLiteral("file"), options.fileName);
        if (auto r = AuditLog::record(m_db, e); !r)
            return std::unexpected(r.error());
        if (options.dryRun) {
            rolledBackOnPurpose = true;
            return fail(tr("dry run: rolled back"));
        }
        return {};
    });
    if (!written && !rolledBackOnPurpose)
        return fail(tr("The import failed while writing, and nothing was imported: %1").arg(written.error().message));
    if (rolledBackOnPurpose)
        report.listId = 0; // the dry run's list was rolled back
    return report;
}

} // namespace pushdesk
