#include "store/migrations.h"

#include "store/database.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcStore, "pushdesk.store")

namespace pushdesk {

namespace {

// Version 1: every entity of DESIGN.md's domain table, with the indexes their lists need.
// Times are BIGINT milliseconds since the epoch (0 = never).
const char *const kV1[] = {
    R"(CREATE TABLE apps (
        id %PK%,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'official_account',
        appid TEXT NOT NULL DEFAULT '',
        upstream TEXT NOT NULL DEFAULT 'sandbox',
        bark_server TEXT NOT NULL DEFAULT '',
        credit_score INTEGER NOT NULL DEFAULT 100,
        status TEXT NOT NULL DEFAULT 'active',
        suspended_until BIGINT NOT NULL DEFAULT 0,
        daily_quota INTEGER NOT NULL DEFAULT 100000,
        send_rate INTEGER NOT NULL DEFAULT 0,
        contact TEXT NOT NULL DEFAULT '',
        ntfy_server TEXT NOT NULL DEFAULT '',
        smtp_url TEXT NOT NULL DEFAULT '',
        smtp_user TEXT NOT NULL DEFAULT '',
        smtp_from TEXT NOT NULL DEFAULT '',
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL DEFAULT 0))",
    R"(CREATE TABLE subscribers (
        id %PK%,
        mp_openid TEXT,
        mini_openid TEXT,
        unionid TEXT,
        nickname TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        bark_key TEXT NOT NULL DEFAULT '',
        bark_server TEXT NOT NULL DEFAULT '',
        ntfy_topic TEXT NOT NULL DEFAULT '',
        webhook_url TEXT NOT NULL DEFAULT '',
        opted_out INTEGER NOT NULL DEFAULT 0,
        last_interaction_at BIGINT NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL DEFAULT 0))",
    "CREATE UNIQUE INDEX subscribers_mp_openid ON subscribers (mp_openid)",
    "CREATE UNIQUE INDEX subscribers_mini_openid ON subscribers (mini_openid)",
    "CREATE INDEX subscribers_unionid ON subscribers (unionid)",
    "CREATE INDEX subscribers_nickname ON subscribers (nickname)",
    "CREATE INDEX subscribers_email ON subscribers (email)",
    R"(CREATE TABLE subscriber_tags (
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (tag, subscriber_id)))",
    "CREATE INDEX subscriber_tags_subscriber ON subscriber_tags (subscriber_id)",
    R"(CREATE TABLE bindings (
        id %PK%,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        app_id BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT 'active',
        reminder TEXT NOT NULL DEFAULT 'strong',
        channels TEXT NOT NULL DEFAULT 'wechat',
        changed_by TEXT NOT NULL DEFAULT '',
        changed_at BIGINT NOT NULL DEFAULT 0,
        UNIQUE (subscriber_id, app_id)))",
    "CREATE INDEX bindings_audience ON bindings (app_id, state, reminder, subscriber_id)",
    R"(CREATE TABLE templates (
        id %PK%,
        app_id BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        updated_at BIGINT NOT NULL DEFAULT 0,
        UNIQUE (app_id, name)))",
    R"(CREATE TABLE send_credits (
        id %PK%,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        app_id BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        credit TEXT NOT NULL,
        template_id TEXT NOT NULL DEFAULT '',
        uses_left INTEGER NOT NULL DEFAULT 1,
        expires_at BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL DEFAULT 0))",
    "CREATE INDEX send_credits_pick ON send_credits (subscriber_id, app_id, kind, expires_at)",
    R"(CREATE TABLE broadcasts (
        id %PK%,
        app_id BIGINT NOT NULL REFERENCES apps (id),
        template_id BIGINT NOT NULL REFERENCES templates (id),
        variables TEXT NOT NULL DEFAULT '{}',
        audience TEXT NOT NULL DEFAULT 'all',
        status TEXT NOT NULL DEFAULT 'draft',
        status_reason TEXT NOT NULL DEFAULT '',
        scheduled_at BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL DEFAULT 0,
        started_at BIGINT NOT NULL DEFAULT 0,
        finished_at BIGINT NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL DEFAULT '',
        audience_cursor BIGINT NOT NULL DEFAULT 0,
        audience_done INTEGER NOT NULL DEFAULT 0,
        owner TEXT NOT NULL DEFAULT '',
        heartbeat_at BIGINT NOT NULL DEFAULT 0,
        dry_run INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        sent INTEGER NOT NULL DEFAULT 0,
        inbox INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        uncertain INTEGER NOT NULL DEFAULT 0,
        check_verdict TEXT NOT NULL DEFAULT '',
        check_label TEXT NOT NULL DEFAULT '',
        check_rule TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX broadcasts_status ON broadcasts (status, scheduled_at)",
    "CREATE INDEX broadcasts_app ON broadcasts (app_id, id)",
    R"(CREATE TABLE deliveries (
        id %PK%,
        broadcast_id BIGINT NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id),
        channel TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        reason TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        http_status INTEGER NOT NULL DEFAULT 0,
        errcode INTEGER NOT NULL DEFAULT 0,
        errmsg TEXT NOT NULL DEFAULT '',
        msgid TEXT NOT NULL DEFAULT '',
        route TEXT NOT NULL DEFAULT '',
        credit_id BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL DEFAULT 0,
        UNIQUE (broadcast_id, subscriber_id, channel)))",
    "CREATE INDEX deliveries_broadcast_state ON deliveries (broadcast_id, state, id)",
    "CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id, id)",
    "CREATE INDEX deliveries_state_time ON deliveries (state, updated_at)",
    "CREATE INDEX deliveries_errcode ON deliveries (errcode, updated_at)",
    R"(CREATE TABLE inbox_messages (
        id %PK%,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        app_id BIGINT NOT NULL REFERENCES apps (id),
        broadcast_id BIGINT REFERENCES broadcasts (id) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL DEFAULT 0,
        read_at BIGINT NOT NULL DEFAULT 0))",
    "CREATE INDEX inbox_subscriber ON inbox_messages (subscriber_id, id)",
    R"(CREATE TABLE complaints (
        id %PK%,
        subscriber_id BIGINT REFERENCES subscribers (id),
        app_id BIGINT NOT NULL REFERENCES apps (id),
        delivery_id BIGINT REFERENCES deliveries (id) ON DELETE SET NULL,
        broadcast_id BIGINT REFERENCES broadcasts (id) ON DELETE SET NULL,
        category TEXT NOT NULL DEFAULT 'other',
        text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        reviewer TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        decided_at BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL DEFAULT 0))",
    "CREATE INDEX complaints_status ON complaints (status, id)",
    "CREATE INDEX complaints_app ON complaints (app_id, id)",
    R"(CREATE TABLE penalties (
        id %PK%,
        app_id BIGINT NOT NULL REFERENCES apps (id),
        kind TEXT NOT NULL,
        points INTEGER NOT NULL DEFAULT 0,
        score_before INTEGER NOT NULL DEFAULT 0,
        score_after INTEGER NOT NULL DEFAULT 0,
        until_at BIGINT NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        complaint_id BIGINT REFERENCES complaints (id),
        applied_by TEXT NOT NULL DEFAULT '',
        applied_at BIGINT NOT NULL DEFAULT 0,
        lifted_by TEXT NOT NULL DEFAULT '',
        lifted_at BIGINT NOT NULL DEFAULT 0,
        lift_reason TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX penalties_app ON penalties (app_id, id)",
    R"(CREATE TABLE audit_events (
        id %PK%,
        at BIGINT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL DEFAULT '',
        record_id BIGINT NOT NULL DEFAULT 0,
        before_json TEXT NOT NULL DEFAULT '',
        after_json TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX audit_time ON audit_events (at)",
    "CREATE INDEX audit_record ON audit_events (record_type, record_id)",
    "CREATE INDEX audit_operator ON audit_events (operator, at)",
    // Local content blocklist: words or regular expressions, by category.
    R"(CREATE TABLE blocklist_rules (
        id %PK%,
        pattern TEXT NOT NULL,
        is_regex INTEGER NOT NULL DEFAULT 0,
        category TEXT NOT NULL DEFAULT 'other',
        created_by TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL DEFAULT 0))",
    // What subscribers did: opt-out / opt-in replies, unbind, mute, reminder changes (seed 004, seed 000).
    R"(CREATE TABLE subscriber_events (
        id %PK%,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        app_id BIGINT REFERENCES apps (id),
        kind TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        at BIGINT NOT NULL DEFAULT 0))",
    "CREATE INDEX subscriber_events_subscriber ON subscriber_events (subscriber_id, id)",
    // Imported audiences.
    R"(CREATE TABLE audience_lists (
        id %PK%,
        name TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL DEFAULT 0))",
    R"(CREATE TABLE audience_list_members (
        list_id BIGINT NOT NULL REFERENCES audience_lists (id) ON DELETE CASCADE,
        subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        PRIMARY KEY (list_id, subscriber_id)))",
    // Penalty rules are configurable; one row per key (category points, thresholds, durations).
    R"(CREATE TABLE policy_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL))",
};

// The audit log is append-only from the application's side.
const char *const kSqliteAuditGuards[] = {
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
};
const char *const kPostgresAuditGuards[] = {
    "CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
};

// Version 2: the console at a million rows (bench/scale.sh). The Subscribers search compares prefixes
// of lower(nickname) and lower(email) (expression indexes, in SQLite and PostgreSQL alike); the Send log
// shows the newest deliveries first under one filter at a time, so each filter gets an index that ends
// in the id (the first page is read off the index, no sort), and the time range one of its own.
const char *const kV2[] = {
    "CREATE INDEX subscribers_nickname_folded ON subscribers (lower(nickname))",
    "CREATE INDEX subscribers_email_folded ON subscribers (lower(email))",
    "CREATE INDEX deliveries_broadcast_order ON deliveries (broadcast_id, id)",
    "CREATE INDEX deliveries_channel_order ON deliveries (channel, id)",
    "CREATE INDEX deliveries_state_order ON deliveries (state, id)",
    "CREATE INDEX deliveries_updated ON deliveries (updated_at)",
};

// Version 3: the Send log by app at a million rows. The app was only on the broadcast, so the app's
// deliveries were all found and sorted by id for one page; now each delivery carries its broadcast's app
// (written once, when the row is planned) and (app_id, id) gives the newest page off the index. The errcode
// filter likewise: (errcode, id) replaces (errcode, updated_at), which nothing read and which the engine
// rewrote on every result (errcode changes far less often than updated_at), so writes do not grow.
const char *const kV3[] = {
    "ALTER TABLE deliveries ADD COLUMN app_id BIGINT NOT NULL DEFAULT 0",
    "UPDATE deliveries SET app_id = COALESCE((SELECT b.app_id FROM broadcasts b WHERE b.id = deliveries.broadcast_id), 0)",
    "CREATE INDEX deliveries_app_order ON deliveries (app_id, id)",
    "DROP INDEX deliveries_errcode",
    "CREATE INDEX deliveries_errcode_order ON deliveries (errcode, id)",
};

// Version 4: upstream-apis.md §2, 40003 "invalid openid": drop, and mark the recipient. The rejected openid is
// kept next to the subscriber's own; while they are equal the eligibility policy skips that channel.
const char *const kV4[] = {
    "ALTER TABLE subscribers ADD COLUMN mp_openid_rejected TEXT",
    "ALTER TABLE subscribers ADD COLUMN mini_openid_rejected TEXT",
};

// Version 5: a self-hosted bark-server may ask for Basic auth (upstream-apis.md §6, 418). The user is the app's;
// its password, like every secret, is in the keychain.
const char *const kV5[] = {
    "ALTER TABLE apps ADD COLUMN bark_user TEXT NOT NULL DEFAULT ''",
};

struct Step {
    const char *const *begin;
    const char *const *end;
};

const Step kSteps[] = {
    {std::begin(kV1), std::end(kV1)},
    {std::begin(kV2), std::end(kV2)},
    {std::begin(kV3), std::end(kV3)},
    {std::begin(kV4), std::end(kV4)},
    {std::begin(kV5), std::end(kV5)},
};

// The pg_advisory_xact_lock key held while a step is applied on PostgreSQL (a fixed key of Pushdesk's own).
constexpr qint64 kMigrationLock = 0x7075736864657368;

QString dialect(const char *sql, bool postgres)
{
    QString s = QString::fromUtf8(sql);
    s.replace(QStringLiteral("%PK%"), postgres ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                                              : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    return s;
}

} // namespace

int Migrations::latestVersion()
{
    return int(std::size(kSteps));
}

QStringList Migrations::statements(int version, bool postgres)
{
    QStringList out;
    if (version < 1 || version > latestVersion())
        return out;
    const auto &step = kSteps[version - 1];
    for (auto it = step.begin; it != step.end; ++it)
        out.append(dialect(*it, postgres));
    if (version == 1) {
        if (postgres) {
            for (const char *sql : kPostgresAuditGuards)
                out.append(QString::fromUtf8(sql));
        } else {
            for (const char *sql : kSqliteAuditGuards)
                out.append(QString::fromUtf8(sql));
        }
    }
    return out;
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")))
        return fail(q.lastError().text());
    return q.next() ? q.value(0).toInt() : 0;
}

Result<int> Migrations::apply(QSqlDatabase &db, bool postgres)
{
    auto current = currentVersion(db);
    if (!current)
        return current;
    if (*current > latestVersion())
        return fail(QObject::tr("The database has schema version %1, newer than this Pushdesk understands (%2). "
                                "Use a newer Pushdesk.")
                        .arg(*current)
                        .arg(latestVersion()));
    for (int v = *current + 1; v <= latestVersion(); ++v) {
        if (!db.transaction())
            return fail(db.lastError().text());
        QSqlQuery q(db);
        if (postgres) {
            // Several consoles and workers may start at once on one server: one migrates, the others wait
            // for it (the lock ends with the transaction) and then find the step done.
            if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLock))) {
                const QString why = q.lastError().text();
                db.rollback();
                return fail(QObject::tr("Migration to schema version %1 failed (%2); the database was left unchanged.")
                                .arg(v)
                                .arg(why));
            }
            auto now = currentVersion(db);
            if (now && *now >= v) {
                db.commit();
                continue;
            }
        }
        QStringList sqls = statements(v, postgres);
        if (v == 1)
            sqls.prepend(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"));
        for (const auto &sql : std::as_const(sqls)) {
            if (!q.exec(sql)) {
                const QString why = q.lastError().text();
                db.rollback();
                return fail(QObject::tr("Migration to schema version %1 failed (%2); the database was left unchanged.")
                                .arg(v)
                                .arg(why));
            }
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
        q.addBindValue(v);
        if (!q.exec() || !db.commit()) {
            const QString why = q.lastError().text();
            db.rollback();
            return fail(QObject::tr("Migration to schema version %1 failed (%2); the database was left unchanged.")
                            .arg(v)
                            .arg(why));
        }
        qCInfo(lcStore) << "migrated to schema version" << v;
    }
    return latestVersion();
}

} // namespace pushdesk
