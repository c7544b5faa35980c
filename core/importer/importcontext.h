#pragma once
// Internal to the importer: one CSV row by column name, the shared look-ups, and one class per
// kind of file that first checks every row (collecting problems) and then writes them.
#include "importer/importer.h"

#include <QHash>
#include <memory>
#include <optional>

namespace pushdesk {
class Database;

namespace importing {

struct Row {
    int line = 0;
    QStringList fields;
    const QHash<QString, int> *index = nullptr;

    bool has(const QString &column) const { return index->contains(column); }
    QString value(const QString &column) const { return fields.value(index->value(column, -1)); }
};

class Context {
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    Context(Database &db, const ImportOptions &options, ImportReport &report);

    Database &db;
    const ImportOptions &options;
    ImportReport &report;
    QDateTime now;
    QString operatorName;
    qint64 defaultAppId = 0;          // from --app

    void problem(int line, const QString &column, const QString &problem, const QString &fix);
    Result<void> loadApps();
    // The app of a row: its app column, else --app. 0 (with a problem added) if there is none or it is unknown.
    qint64 appFor(const Row &row);
    // The subscriber with this mp_openid, 0 if none (cached).
    Result<qint64> subscriberId(const QString &mpOpenid);
    // The subscriber of a row's mp_openid; 0 with a problem added if missing or unknown.
    Result<qint64> requireSubscriber(const Row &row);

    // Cell parsers: nullopt with a problem added when the cell is not valid. Empty cells give `empty`.
    std::optional<QDateTime> time(const Row &row, const QString &column);     // ISO 8601 or unix seconds
    std::optional<bool> flag(const Row &row, const QString &column);          // 1/0, true/false, yes/no
    std::optional<int> number(const Row &row, const QString &column, int min, int max);
    bool url(const Row &row, const QString &column);                          // http(s) URL or empty
    bool email(const Row &row, const QString &column);                        // an address or empty

private:
    QString appNames() const;
    QHash<QString, qint64> m_apps;
    QHash<QString, qint64> m_subscribers;
};

class Step {
public:
    virtual ~Step() = default;
    // Checks one row; problems go to the context's report.
    virtual Result<void> check(const Row &row) = 0;
    // Writes every checked row (called inside the import's transaction, only if no row had a problem).
    virtual Result<void> write() = 0;
};

std::unique_ptr<Step> subscribersStep(Context &ctx);
std::unique_ptr<Step> bindingsStep(Context &ctx);
std::unique_ptr<Step> eventsStep(Context &ctx);
std::unique_ptr<Step> creditsStep(Context &ctx);
std::unique_ptr<Step> listStep(Context &ctx);

} // namespace importing
} // namespace pushdesk
