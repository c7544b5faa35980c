#pragma once
// The local content blocklist that operators edit: words (matched case-insensitively anywhere in the
// text) and regular expressions, each with a category. Checked before msg_sec_check; a hit is "risky".
#include "domain/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <optional>

namespace pushdesk {
class Database;

struct BlocklistRule {
    qint64 id = 0;
    QString pattern;
    bool isRegex = false;
    QString category = QStringLiteral("other");
    QString createdBy;
    QDateTime createdAt;
};

struct BlocklistHit {
    BlocklistRule rule;
    QString matched;              // the text that matched
};

// Rules compiled once, for checking many texts (copyable, thread-safe to read).
class Blocklist {
    Q_DECLARE_TR_FUNCTIONS(Blocklist)

public:
    Blocklist() = default;
    explicit Blocklist(const QList<BlocklistRule> &rules); // invalid regexes are skipped (add() refuses them)
    // The first rule that matches, in rule order.
    std::optional<BlocklistHit> match(const QString &text) const;
    bool isEmpty() const { return m_rules.isEmpty(); }
    qsizetype size() const { return m_rules.size(); }

    // Empty if the pattern is usable; else a message that says what is wrong and where.
    static QString patternProblem(const QString &pattern, bool isRegex);

private:
    struct Compiled {
        BlocklistRule rule;
        QRegularExpression regex; // only for regex rules
    };
    QList<Compiled> m_rules;
};

class BlocklistRepository {
    Q_DECLARE_TR_FUNCTIONS(BlocklistRepository)

public:
    explicit BlocklistRepository(Database &db) : m_db(db) {}
    // Validates (non-empty, a regex must compile, category a short word) and stores; audited as
    // blocklist.add by `by`. Returns the new id.
    Result<qint64> add(const BlocklistRule &rule, const QString &by);
    Result<void> remove(qint64 id, const QString &by);
    Result<QList<BlocklistRule>> list();
    // list() compiled.
    Result<Blocklist> load();

private:
    Database &m_db;
};

} // namespace pushdesk
