// The SQLite catalog: onboarding is all-or-nothing, state survives reopening, the schema
// migrates from older versions, and a process killed mid-write leaves a consistent database.
#include "TestSupport.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "package/PackageReader.h"
#include <QDir>
#include <QProcess>
#include "core/ChainDiversion.h"
#include <QFileInfo>
#include <QFile>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace vines;
using namespace vines::test;

class TstCatalog : public QObject {
    Q_OBJECT

    static int count(Database &db, const QString &table)
    {
        QSqlQuery q = db.query("SELECT COUNT(*) FROM " + table);
        return q.next() ? q.value(0).toInt() : -1;
    }
    static QStringList storeFiles(const QString &dir) { return QDir(dir).entryList(QDir::Files); }

private Q_SLOTS:
    void onboardListReopen()
    {
        QTemporaryDir tmp;
        const QString dbPath = tmp.filePath("vines.db");
        QString id;
        {
            Database db(dbPath);
            QString error;
            VERIFY_OK(db.open());
            QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
            PackageCatalog c(db, tmp.filePath("store"));
            const Result<QString> onboarded = c.onboardFile(samplePackage("forwarder"));
            VERIFY_OK(onboarded);
            id = *onboarded;
            VERIFY_OK(c.onboardFile(samplePackage("echo")));
            QCOMPARE(c.list().size(), 2);
            QCOMPARE(storeFiles(tmp.filePath("store")).size(), 2);
        }
        Database db(dbPath);
        QString error;
        VERIFY_OK(db.open());
        PackageCatalog c(db, tmp.filePath("store"));
        PackageRecord r;
        QVERIFY(c.get(id, &r));
        QCOMPARE(r.package.vnfd.productName, QString("Forwarder"));
        QCOMPARE(r.onboardingState, OnboardingState::Onboarded);
        QCOMPARE(r.operationalState, OperationalState::Enabled);
        QCOMPARE(r.usageState, UsageState::NotInUse);
        QVERIFY(QFile::exists(r.filePath));
        QCOMPARE(r.package.vnfd.defaultFlavour().vduCps.size(), 2);
    }

    void duplicateAndBadPackagesLeaveNothingBehind()
    {
        QTemporaryDir tmp;
        Database db(tmp.filePath("vines.db"));
        QString error;
        VERIFY_OK(db.open());
        PackageCatalog c(db, tmp.filePath("store"));
        const Result<QString> onboarded = c.onboardFile(samplePackage("firewall"));
        VERIFY_OK(onboarded);
        const QString first = *onboarded;
        const Result<QString> again = c.onboardFile(samplePackage("firewall"));
        QVERIFY(!again);
        QVERIFY2(again.errorMessage().contains("already onboarded") && again.errorMessage().contains(first), qPrintable(again.errorMessage()));
        QCOMPARE(again.error().kind(), Error::Kind::Conflict);
        auto f = sampleSources("echo");
        f["Scripts/start.sh"] += "tampered\n";
        const Result<QString> bad = c.onboardFile(writeZip(tmp.path(), "bad.csar", f));
        QVERIFY(!bad);
        QVERIFY2(bad.errorMessage().contains("digest of Scripts/start.sh is wrong"), qPrintable(bad.errorMessage()));
        QVERIFY2(bad.error().location().file.endsWith(".mf") && bad.error().location().field == "Hash" && bad.error().location().line > 0,
                 qPrintable(bad.error().location().file));   // where the wrong digest is written
        QCOMPARE(c.list().size(), 1);
        QCOMPARE(storeFiles(tmp.filePath("store")), QStringList{first + ".csar"});
    }

    void storesOnlyWhatWasValidated()
    {
        // The package file is swapped between validation and storing: refused, nothing stored.
        QTemporaryDir tmp;
        Database db(tmp.filePath("v.db"));
        QString error;
        VERIFY_OK(db.open());
        PackageCatalog c(db, tmp.filePath("store"));
        const Result<VnfPackage> validated = PackageReader::read(samplePackage("echo"));
        VERIFY_OK(validated);
        const Result<QString> swapped = c.add(samplePackage("firewall"), *validated);
        QVERIFY(!swapped);
        QVERIFY2(swapped.errorMessage().contains("changed after it was validated"), qPrintable(swapped.errorMessage()));
        QVERIFY(c.list().isEmpty());
        QVERIFY(QDir(tmp.filePath("store")).entryList(QDir::Files).isEmpty());
        VERIFY_OK(c.add(samplePackage("echo"), *validated));
    }

    void operationalAndUsageStates()
    {
        QTemporaryDir tmp;
        Database db(tmp.filePath("vines.db"));
        QString error;
        VERIFY_OK(db.open());
        PackageCatalog c(db, tmp.filePath("store"));
        InstanceStore instances(db);
        const QString id = c.onboardFile(samplePackage("monitor")).valueOr({});
        QVERIFY(!id.isEmpty());
        const Result<> enabled = c.remove(id);
        QVERIFY(!enabled);
        QVERIFY(enabled.errorMessage().contains("disabled"));
        QCOMPARE(enabled.error().kind(), Error::Kind::Conflict);
        InstanceRecord r{newId(), "m1", id, "local", {}, InstantiationState::NotInstantiated, VnfState::Stopped, "small"};
        VERIFY_OK(instances.insert(r));
        QSignalSpy changed(&c, &PackageCatalog::changed);
        c.refreshUsage(id);
        PackageRecord p;
        c.get(id, &p);
        QCOMPARE(p.usageState, UsageState::InUse);
        QCOMPARE(changed.size(), 1);
        c.refreshUsage(id);   // every lifecycle operation ends with this: unchanged, nobody is told
        QCOMPARE(changed.size(), 1);
        VERIFY_OK(c.setOperationalState(id, OperationalState::Disabled));
        const Result<> inUse = c.remove(id);
        QVERIFY(!inUse);
        QVERIFY2(inUse.errorMessage().contains("in use"), qPrintable(inUse.errorMessage()));
        VERIFY_OK(instances.remove(r.id));
        VERIFY_OK(c.remove(id));
        QVERIFY(c.list().isEmpty());
        QVERIFY(storeFiles(tmp.filePath("store")).isEmpty());
    }

    // The writer never checkpoints (two fsyncs, on the console's UI thread); a thread of the
    // database's own does, so the log stays bounded while a steady stream of writes (about
    // 25 MiB/s into the log) passes through it.
    void checkpointsOffTheWritersThread()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("vines.db");
        Database db(path);
        QString error;
        VERIFY_OK(db.open());
        QSqlQuery autoCheckpoint = db.query("PRAGMA wal_autocheckpoint");
        QVERIFY(autoCheckpoint.next());
        QCOMPARE(autoCheckpoint.value(0).toInt(), 0);
        autoCheckpoint.finish();   // an open statement holds its snapshot: no checkpoint could pass it
        VERIFY_OK(db.exec("CREATE TABLE filler (b BLOB)"));
        const QByteArray blob(64 * 1024, 'x');
        qint64 written = 0, largestLog = 0, largestEarly = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 6000) {
            QSqlQuery q(db.db());
            q.prepare("INSERT INTO filler (b) VALUES (?)");
            q.addBindValue(blob);
            QVERIFY(q.exec());
            QVERIFY(db.exec("DELETE FROM filler"));
            written += blob.size();
            largestLog = qMax(largestLog, QFileInfo(path + "-wal").size());
            if (t.elapsed() < 3000)
                largestEarly = largestLog;
            QTest::qWait(5);
        }
        // Without the thread the log would hold all of it, twice (each row is written, then deleted).
        const QString figures = QStringLiteral("log: %1 bytes at most in the first 3 s, %2 in 6 s; %3 bytes written")
                                    .arg(largestEarly).arg(largestLog).arg(written);
        QVERIFY2(written > 16 * 1024 * 1024, qPrintable(figures));
        QVERIFY2(largestLog < 40 * 1024 * 1024 && largestLog < written, qPrintable(figures));
        QVERIFY2(largestLog <= largestEarly + 4 * 1024 * 1024, qPrintable(figures));   // it stopped growing
    }

    void migratesFromVersion1()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("old.db");
        {
            Database v1(path);
            QString error;
            VERIFY_OK(v1.open(1));
            QCOMPARE(v1.schemaVersion(), 1);
            QVERIFY(v1.exec("INSERT INTO vnf_packages VALUES ('p1','d','1','prov','prod','1','leaf','ONBOARDED','ENABLED',"
                            "'NOT_IN_USE','/x.csar','abc','{}','2026-01-01T00:00:00.000Z')", {}));
            VERIFY_OK(v1.exec("INSERT INTO vnf_instances VALUES ('i1','old-vnf','p1','local','vm-1','INSTANTIATED','STARTED','small',"
                            "'127.10.0.1:7780','', '2026-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z')", {}));
            QVERIFY(!v1.exec("SELECT config_json FROM vnf_instances"));   // not there yet
        }
        Database db(path);
        QString error;
        VERIFY_OK(db.open());
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);   // v1 -> v2 -> v3 in one open
        QCOMPARE(count(db, "ns_descriptors"), 0);                // v3 tables exist
        InstanceStore s(db);
        InstanceRecord r;
        QVERIFY(s.get("i1", &r));
        QCOMPARE(r.name, QString("old-vnf"));
        QCOMPARE(r.mgmtAddress, QString("127.10.0.1:7780"));
        QVERIFY(r.config.isEmpty());
        QCOMPARE(count(db, "local_vim_servers"), 0);

        // Network services made before v5 went through a router VNF, and say so after the migration.
        const QString v4path = tmp.filePath("v4.db");
        {
            Database v4(v4path);
            VERIFY_OK(v4.open(4));
            VERIFY_OK(v4.exec("INSERT INTO ns_descriptors VALUES ('d1','nsd','1','n','designer','sol001','','{}','2026-01-01T00:00:00.000Z')", {}));
            VERIFY_OK(v4.exec("INSERT INTO ns_instances (id, name, nsd_id, state, created_at, updated_at) VALUES "
                            "('s1','old-ns','d1','INSTANTIATED','2026-01-01T00:00:00.000Z','2026-01-01T00:00:00.000Z')", {}));
        }
        Database v5(v4path);
        VERIFY_OK(v5.open());
        QSqlQuery q = v5.query("SELECT diversion FROM ns_instances WHERE id = 's1'");
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), chainDiversionName(ChainDiversion::RouterVnf));
    }

    // A damaged catalog is noticed at open (quick_check), set aside, and the newest good backup
    // restored; a file that is not a database at all is set aside and the catalog starts empty.
    void damagedDatabaseIsNoticedAndRecovered()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("vines.db");
        QString error;
        {
            Database db(path);
            VERIFY_OK(db.open());
            for (int i = 0; i < 400; ++i)   // enough pages that one in the middle holds table data
                VERIFY_OK(db.exec("INSERT INTO ns_descriptors VALUES (?, ?, '1', 'n', 'designer', 'sol001', ?, '{}', '2026-01-01T00:00:00.000Z')",
                                {QStringLiteral("nsd-%1").arg(i), QStringLiteral("d-%1").arg(i), QString(600, 'y')}));
            VERIFY_OK(db.backup());
            QVERIFY(QFile::exists(path + ".bak.1"));
            QCOMPARE(QFileInfo(path + ".bak.1").permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
            QVERIFY(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        {   // overwrite a page in the middle of the file
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 20 * 4096);
            f.seek(12 * 4096);
            f.write(QByteArray(4096, '\x5a'));
        }
        {
            Database db(path);
            const Result<> opened = db.open();
            QVERIFY(!opened);
            QVERIFY(db.damaged());
            QVERIFY2(opened.errorMessage().contains("damaged"), qPrintable(opened.errorMessage()));
        }
        const QString report = Database::recover(path);
        QVERIFY2(report.contains("backup") && report.contains("restored"), qPrintable(report));
        QVERIFY(!QDir(tmp.path()).entryList({"vines.db.damaged-*"}).isEmpty());
        {
            Database db(path);
            VERIFY_OK(db.open());
            QSqlQuery q = db.query("SELECT COUNT(*) FROM ns_descriptors");
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 400);
        }
        // Not a database at all, and no backup.
        const QString garbage = tmp.filePath("garbage.db");
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(8192, '\x01'));
        g.close();
        Database bad(garbage);
        const Result<> opened = bad.open();
        QVERIFY(!opened);
        QVERIFY2(bad.damaged(), qPrintable(opened.errorMessage()));
        QVERIFY(Database::recover(garbage).contains("starts empty"));
        Database fresh(garbage);
        VERIFY_OK(fresh.open());
    }

    void refusesNewerSchema()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("new.db");
        {
            Database db(path);
            QString error;
            VERIFY_OK(db.open());
            QVERIFY(db.exec("PRAGMA user_version = 99"));
        }
        Database db(path);
        const Result<> opened = db.open();
        QVERIFY(!opened);
        QVERIFY2(opened.errorMessage().contains("99") && opened.errorMessage().contains("newer"), qPrintable(opened.errorMessage()));
    }

    void sweepsHalfCopiedArchives()
    {
        QTemporaryDir tmp;
        Database db(tmp.filePath("vines.db"));
        QString error;
        VERIFY_OK(db.open());
        QDir().mkpath(tmp.filePath("store"));
        QFile::copy(samplePackage("echo"), tmp.filePath("store/0000.csar.part"));
        QFile::copy(samplePackage("echo"), tmp.filePath("store/1111.csar"));
        PackageCatalog c(db, tmp.filePath("store"));   // sweeps on open
        QVERIFY(storeFiles(tmp.filePath("store")).isEmpty());
    }

    void killedWriterLeavesConsistentDatabase()
    {
        QTemporaryDir tmp;
        const QString dbPath = tmp.filePath("vines.db");
        for (int round = 0; round < 3; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(VINES_BIN_DIR) + "/catalog-writer", {dbPath, samplePackage("forwarder"), tmp.filePath("store")});
            QVERIFY(writer.waitForStarted());
            QVERIFY(writer.waitForReadyRead(10000));
            QVERIFY2(writer.readAllStandardOutput().contains("ready"), qPrintable(writer.readAllStandardError()));
            QTest::qWait(150 + 100 * round);
            ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished());
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        }
        Database db(dbPath);
        QString error;
        VERIFY_OK(db.open());
        QVERIFY(db.integrityOk());
        const int instances = count(db, "vnf_instances");
        QVERIFY(instances > 10);
        QCOMPARE(count(db, "lcm_op_occs"), instances);   // every instance committed with its operation
        QSqlQuery orphans = db.query("SELECT COUNT(*) FROM lcm_op_occs o LEFT JOIN vnf_instances i ON i.id = o.instance_id WHERE i.id IS NULL");
        QVERIFY(orphans.next());
        QCOMPARE(orphans.value(0).toInt(), 0);
        PackageCatalog c(db, tmp.filePath("store"));
        QCOMPARE(c.list().size(), 1);
        QCOMPARE(storeFiles(tmp.filePath("store")).size(), 1);
        OperationStore ops(db);
        const QList<OperationRecord> unfinished = ops.unfinished();   // what the VNFM resolves when it starts
        QCOMPARE(unfinished.size(), instances);
        QVERIFY(std::all_of(unfinished.cbegin(), unfinished.cend(), [](const OperationRecord &o) { return o.state == OpState::Processing; }));
    }
};

QTEST_GUILESS_MAIN(TstCatalog)
#include "tst_catalog.moc"
