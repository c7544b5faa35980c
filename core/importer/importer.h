#pragma once
// Headless import of subscribers, bindings, subscriber events, send credits and audience lists from CSV
// files (`pushdesk import`). Everything is checked before anything is written; a file with any problem
// changes nothing, and a good file is written in one transaction (invariant 6).
#include "domain/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pushdesk {
class Database;

enum class ImportKind { Subscribers, Bindings, Events, Credits, List };
QString toString(ImportKind kind); // subscribers | bindings | events | credits | list

struct ImportOptions {
    QString appName;        // --app: the app for rows that leave the app column out or empty; with
                            // subscribers, also binds every imported subscriber to it (active, strong)
    bool dryRun = false;    // check and count, then roll back
    QString operatorName;   // for the audit log and bindings.changed_by (default: the login name)
    QString fileName;       // for the report and the audit log
    QString listName;       // ImportKind::List: the name of the new audience list (unique)
    QDateTime now;          // invalid = the current time (tests pin it)
};

struct ImportProblem {
    int line = 0;           // 0 = not about one line (the --app option, an unreadable file)
    QString column;         // empty = the whole line
    QString problem;        // what is wrong
    QString fix;            // what to do
    // "file.csv:12: column email: <problem> <fix>"
    QString describe(const QString &fileName) const;
};

struct ImportReport {
    ImportKind kind = ImportKind::Subscribers;
    int rows = 0;               // data rows in the file
    int inserted = 0;           // new subscribers / bindings / events applied / credits added
    int updated = 0;            // subscribers or bindings that existed and were updated
    int bindingsCreated = 0;    // subscribers import with --app: bindings made to that app
    int keptOptOuts = 0;        // subscribers who opted out and stay so although the file says 0
    qint64 listId = 0;          // ImportKind::List: the list made (0 for a dry run or a bad file)
    QString listName;
    bool dryRun = false;
    QList<ImportProblem> problems;  // the first kMaxProblems
    int problemCount = 0;           // all of them
    static constexpr int kMaxProblems = 1000;

    bool ok() const { return problemCount == 0; }
    QJsonObject toJson() const;     // the counts, for the one JSON line the command prints
};

class Importer {
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    explicit Importer(Database &db) : m_db(db) {}

    // A report with problems means nothing was written (exit code 2); an error means the database
    // failed while writing and nothing was written either (exit code 1).
    Result<ImportReport> run(ImportKind kind, const QByteArray &csv, const ImportOptions &options);
    // The same from a file; an unreadable file is a problem in the report.
    Result<ImportReport> runFile(ImportKind kind, const QString &path, const ImportOptions &options);

    // The columns of each kind, in the order the help lists them; the first is required (a list needs
    // one of its three).
    static QStringList columns(ImportKind kind);
    // The column reference for --help (translated).
    static QString columnsHelp();

private:
    Database &m_db;
};

} // namespace pushdesk
