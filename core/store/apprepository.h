#pragma once
#include "domain/result.h"
#include "domain/types.h"

#include <optional>

namespace pushdesk {
class Database;

class AppRepository {
public:
    explicit AppRepository(Database &db) : m_db(db) {}
    Result<qint64> create(const App &app);
    Result<void> update(const App &app);
    Result<std::optional<App>> findById(qint64 id);
    Result<std::optional<App>> findByName(const QString &name);
    Result<QList<App>> all();

private:
    Database &m_db;
};

class TemplateRepository {
public:
    explicit TemplateRepository(Database &db) : m_db(db) {}
    Result<qint64> create(const Template &t);
    Result<void> update(const Template &t);
    Result<std::optional<Template>> findById(qint64 id);
    Result<std::optional<Template>> findByName(qint64 appId, const QString &name);
    Result<QList<Template>> forApp(qint64 appId);

private:
    Database &m_db;
};

} // namespace pushdesk
