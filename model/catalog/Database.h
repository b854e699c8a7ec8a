#pragma once
// The console's SQLite database: one connection per Database object, WAL journal, foreign
// keys on, schema versioned through PRAGMA user_version and migrated step by step in
// transactions, so a console killed at any moment reopens consistent.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include "util/Result.h"
#include <initializer_list>
#include <memory>

namespace vines {

class WalCheckpointer;

class Database {
public:
    static constexpr int SchemaVersion = 7;

    using Migrations = QList<QStringList>;   // entry i moves the schema from version i to i+1

    explicit Database(const QString &path);                           // the console's schema
    Database(const QString &path, const Migrations &migrations, const QString &owner);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens and migrates; the error says why not (e.g. a newer schema than we know).
    Result<> open(int targetVersion = -1);   // -1: the latest version
    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }
    QString path() const { return m_path; }
    int schemaVersion() const;
    bool integrityOk() const;
    // Set when open() failed because the file is damaged (not a database, quick_check failed).
    bool damaged() const { return m_damaged; }
    // A consistent copy as <path>.bak.1, older ones shifted to .bak.2 and .bak.3.
    Result<> backup() const;
    // After a damaged open: the damaged file (and its -wal/-shm) moved aside to <path>.damaged-<time>,
    // the newest backup that passes quick_check copied in its place. Returns what was done, for the
    // operator; "" when there was no usable backup (the next open starts empty).
    static QString recover(const QString &path);

    // Runs one statement with positional bindings (a full disk is an Exhausted error).
    Result<> exec(const QString &sql, std::initializer_list<QVariant> binds = {}) const;
    QSqlQuery query(const QString &sql, std::initializer_list<QVariant> binds = {}) const;

    class Transaction {
    public:
        explicit Transaction(Database &db);
        ~Transaction();
        bool commit();
    private:
        Database &m_db;
        bool m_done = false;
    };

private:
    Result<> migrateTo(int version);
    QString m_path;
    bool m_damaged = false;
    QString m_connection;
    Migrations m_migrations;
    QString m_owner = QStringLiteral("console");
    std::unique_ptr<WalCheckpointer> m_checkpointer;   // a file database's checkpoints, off this thread
};

} // namespace vines
