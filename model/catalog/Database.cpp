#include "Database.h"
#include "WalCheckpointer.h"
#include "util/PrivateFile.h"
#include <QFile>
#include <QSqlQuery>
#include <QFileInfo>
#include <QDateTime>
#include <sys/stat.h>
#include <QAtomicInt>
#include <QSqlError>
#include <QStringList>

namespace vines {

namespace {
QAtomicInt g_connections;

// Each entry moves the schema from version i to i+1.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> m = {
        // v1: catalog, instances, lifecycle operation occurrences
        {
            "CREATE TABLE vnf_packages (id TEXT PRIMARY KEY, descriptor_id TEXT NOT NULL, descriptor_version TEXT NOT NULL,"
            " provider TEXT NOT NULL, product_name TEXT NOT NULL, software_version TEXT NOT NULL, platform TEXT NOT NULL,"
            " onboarding_state TEXT NOT NULL, operational_state TEXT NOT NULL, usage_state TEXT NOT NULL,"
            " file_path TEXT NOT NULL, archive_sha256 TEXT NOT NULL, package_json TEXT NOT NULL, created_at TEXT NOT NULL,"
            " UNIQUE(descriptor_id, descriptor_version))",
            "CREATE TABLE vnf_instances (id TEXT PRIMARY KEY, name TEXT NOT NULL, package_id TEXT NOT NULL REFERENCES vnf_packages(id),"
            " vim_id TEXT NOT NULL, vim_instance_id TEXT, instantiation_state TEXT NOT NULL, vnf_state TEXT NOT NULL,"
            " flavour TEXT NOT NULL, mgmt_address TEXT, public_address TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
            "CREATE TABLE lcm_op_occs (id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, operation TEXT NOT NULL, state TEXT NOT NULL,"
            " progress INTEGER NOT NULL DEFAULT 0, stage TEXT, start_time TEXT NOT NULL, state_entered_time TEXT NOT NULL,"
            " error TEXT, params_json TEXT)",
        },
        // v2: instance configuration, local VIM bookkeeping, operation lookups by instance
        {
            "ALTER TABLE vnf_instances ADD COLUMN config_json TEXT NOT NULL DEFAULT '{}'",
            "CREATE INDEX lcm_op_occs_instance ON lcm_op_occs(instance_id, start_time)",
            "CREATE TABLE local_vim_servers (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL UNIQUE,"
            " flavour TEXT NOT NULL, state TEXT NOT NULL, pid INTEGER NOT NULL DEFAULT 0, tags_json TEXT NOT NULL DEFAULT '{}',"
            " created_at TEXT NOT NULL)",
            "CREATE TABLE local_vim_addresses (address TEXT PRIMARY KEY, instance_id TEXT, allocated_at TEXT NOT NULL)",
        },
        // v3: Network Service catalog (NSDs with their VNFFG) and NS instances
        {
            "CREATE TABLE ns_descriptors (id TEXT PRIMARY KEY, descriptor_id TEXT NOT NULL, version TEXT NOT NULL, name TEXT NOT NULL,"
            " designer TEXT NOT NULL, format TEXT NOT NULL, source_yaml TEXT NOT NULL, nsd_json TEXT NOT NULL, created_at TEXT NOT NULL,"
            " UNIQUE(descriptor_id, version))",
            "CREATE TABLE ns_instances (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, nsd_id TEXT NOT NULL REFERENCES ns_descriptors(id),"
            " state TEXT NOT NULL, public_address TEXT, service_port INTEGER NOT NULL DEFAULT 9000, router_instance_id TEXT,"
            " vnf_ids_json TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
        },
        // v4: a VNF instance's deployment flavour, instantiation level, scale levels and extra VNFC instances
        {
            "ALTER TABLE vnf_instances ADD COLUMN deployment_json TEXT NOT NULL DEFAULT '{}'",
        },
        // v5: how a network service's public traffic reaches its first VNF (chains made before: a router VNF)
        {
            "ALTER TABLE ns_instances ADD COLUMN diversion TEXT NOT NULL DEFAULT 'router-vnf'",
        },
        // v6: the secret each VNF's platform agent verifies requests with
        {
            "ALTER TABLE vnf_instances ADD COLUMN platform_secret TEXT NOT NULL DEFAULT ''",
        },
        // v7: the northbound API's VNF package and NSD resources awaiting content (SOL005 CREATED)
        // and its notification subscriptions
        {
            "CREATE TABLE api_pending (id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL,"
            " user_defined_json TEXT NOT NULL DEFAULT '{}', failure TEXT, created_at TEXT NOT NULL)",
            "CREATE TABLE api_subscriptions (id TEXT PRIMARY KEY, api TEXT NOT NULL, callback_uri TEXT NOT NULL,"
            " filter_json TEXT NOT NULL DEFAULT '{}', auth_json TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL)",
        },
    };
    return m;
}
} // namespace

Database::Database(const QString &path)
    : m_path(path), m_connection(QStringLiteral("vines-db-%1").arg(g_connections.fetchAndAddOrdered(1))), m_migrations(migrations())
{
}

Database::Database(const QString &path, const Migrations &migrations, const QString &owner)
    : m_path(path), m_connection(QStringLiteral("vines-db-%1").arg(g_connections.fetchAndAddOrdered(1))),
      m_migrations(migrations), m_owner(owner)
{
}

Database::~Database()
{
    m_checkpointer.reset();
    {
        QSqlDatabase d = db();
        if (d.isValid())
            d.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

namespace {
Error sqlError(const QSqlQuery &q, const QString &sql)
{
    const QString text = q.lastError().text();
    const bool full = text.contains(QLatin1String("disk is full"), Qt::CaseInsensitive) || text.contains(QLatin1String("SQLITE_FULL"));
    return Error(full ? Error::Kind::Exhausted : Error::Kind::Internal, QStringLiteral("%1 (in: %2)").arg(text, sql.left(80)));
}
} // namespace

Result<> Database::exec(const QString &sql, std::initializer_list<QVariant> binds) const
{
    QSqlQuery q(db());
    if (!q.prepare(sql))
        return sqlError(q, sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return sqlError(q, sql);
    return {};
}

QSqlQuery Database::query(const QString &sql, std::initializer_list<QVariant> binds) const
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    q.exec();
    return q;
}

int Database::schemaVersion() const
{
    QSqlQuery q = query("PRAGMA user_version");
    return q.next() ? q.value(0).toInt() : -1;
}

Result<> Database::backup() const
{
    if (m_path == QLatin1String(":memory:"))
        return {};
    for (int i = 3; i > 1; --i) {
        QFile::remove(QStringLiteral("%1.bak.%2").arg(m_path).arg(i));
        QFile::rename(QStringLiteral("%1.bak.%2").arg(m_path).arg(i - 1), QStringLiteral("%1.bak.%2").arg(m_path).arg(i));
    }
    const QString target = m_path + QStringLiteral(".bak.1");
    QFile::remove(target);
    return withPrivateUmask([&]() {   // the copy holds the same secrets
        return exec(QStringLiteral("VACUUM INTO '%1'").arg(QString(target).replace('\'', QLatin1String("''"))));
    });
}

QString Database::recover(const QString &path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString("yyyyMMdd-HHmmss");
    const QString aside = QStringLiteral("%1.damaged-%2").arg(path, stamp);
    QFile::rename(path, aside);
    for (const char *suffix : {"-wal", "-shm"})
        QFile::rename(path + suffix, aside + suffix);
    for (int i = 1; i <= 3; ++i) {
        const QString candidate = QStringLiteral("%1.bak.%2").arg(path).arg(i);
        if (!QFile::exists(candidate))
            continue;
        bool good = false;
        {
            const QString name = QStringLiteral("vines-backup-check-%1").arg(g_connections.fetchAndAddOrdered(1));
            {
                QSqlDatabase probe = QSqlDatabase::addDatabase("QSQLITE", name);
                probe.setDatabaseName(candidate);
                probe.setConnectOptions("QSQLITE_OPEN_READONLY");
                if (probe.open()) {
                    QSqlQuery q(probe);
                    good = q.exec("PRAGMA quick_check") && q.next() && q.value(0).toString() == QLatin1String("ok");
                }
            }
            QSqlDatabase::removeDatabase(name);
        }
        if (!good)
            continue;
        if (QFile::copy(candidate, path)) {
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            return QStringLiteral("%1 was damaged: it is kept as %2, and the backup of %3 was restored")
                .arg(path, aside, QFileInfo(candidate).lastModified().toString(Qt::ISODate));
        }
    }
    return QStringLiteral("%1 was damaged: it is kept as %2; no usable backup, so the catalog starts empty").arg(path, aside);
}

bool Database::integrityOk() const
{
    QSqlQuery q = query("PRAGMA integrity_check");
    return q.next() && q.value(0).toString() == QLatin1String("ok");
}

Result<> Database::open(int targetVersion)
{
    QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", m_connection);
    d.setDatabaseName(m_path);
    d.setConnectOptions("QSQLITE_BUSY_TIMEOUT=5000");
    // The database holds secrets (platform agents'): only the user may read it, from the first byte
    // (SQLite gives its -wal and -shm files the database file's mode).
    bool opened = false;
    const Result<> set = withPrivateUmask([&]() -> Result<> {
        opened = d.open();
        if (!opened)
            return {};
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"})
            if (Result<> r = exec(QString::fromLatin1(pragma)); !r)
                return r;
        return {};
    });
    if (!opened)
        return Error::unavailable(QStringLiteral("cannot open database %1: %2").arg(m_path, d.lastError().text()));
    if (!set) {
        const QString why = set.errorMessage();
        m_damaged = why.contains(QLatin1String("not a database"), Qt::CaseInsensitive) || why.contains(QLatin1String("malformed"), Qt::CaseInsensitive);
        if (m_damaged)
            return Error::internal(QStringLiteral("database %1 is damaged: %2").arg(m_path, why));
        return set;
    }
    // A damaged page (overwritten, truncated) must not go unnoticed until a query trips on it.
    {
        QSqlQuery check = query("PRAGMA quick_check");
        const QString verdict = check.next() ? check.value(0).toString() : check.lastError().text();
        if (verdict != QLatin1String("ok")) {
            m_damaged = true;
            return Error::internal(QStringLiteral("database %1 is damaged (quick_check: %2)").arg(m_path, verdict.left(200)));
        }
    }
    if (m_path != QLatin1String(":memory:"))
        ::chmod(QFile::encodeName(m_path).constData(), 0600);   // databases made before it held secrets
    const int current = schemaVersion();
    const int latest = int(m_migrations.size());
    if (targetVersion < 0 || targetVersion > latest)
        targetVersion = latest;
    if (current > latest)
        return Error::unprocessable(QStringLiteral("database %1 has schema version %2, newer than this %4 understands (%3)")
                                        .arg(m_path).arg(current).arg(latest).arg(m_owner));
    for (int v = current; v < targetVersion; ++v)
        if (Result<> r = migrateTo(v + 1); !r)
            return r;
    if (m_path != QLatin1String(":memory:") && !m_checkpointer && exec("PRAGMA wal_autocheckpoint=0"))
        m_checkpointer = std::make_unique<WalCheckpointer>(m_path);
    return {};
}

Result<> Database::migrateTo(int version)
{
    Transaction tx(*this);
    for (const QString &sql : m_migrations.at(version - 1))
        if (Result<> r = exec(sql); !r)
            return r.error().withMessage(QStringLiteral("migration to schema v%1 failed: %2").arg(version).arg(r.errorMessage()));
    if (Result<> r = exec(QStringLiteral("PRAGMA user_version = %1").arg(version)); !r)
        return r;
    if (!tx.commit())
        return Error::internal(QStringLiteral("migration to schema v%1 could not commit").arg(version));
    return {};
}

Database::Transaction::Transaction(Database &db) : m_db(db) { m_db.db().transaction(); }

Database::Transaction::~Transaction()
{
    if (!m_done)
        m_db.db().rollback();
}

bool Database::Transaction::commit()
{
    m_done = true;
    return m_db.db().commit();
}

} // namespace vines
