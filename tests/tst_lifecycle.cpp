// The VNFM on the embedded LocalVim with real vines-leaf processes: full lifecycle with real
// traffic, illegal transitions, rollback when a step fails, healing a crashed platform, and
// recovery after a console restart.
#include "TestSupport.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "ems/EmsClient.h"
#include "ems/LocalEms.h"
#include "lifecycle/Vnfm.h"
#include "vim/LocalVim.h"
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QProcess>
#include <QDir>
#include <QTest>
#include <QJsonArray>
#include <csignal>
#include <sys/stat.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace vines;
using namespace vines::test;

class TstLifecycle : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PackageCatalog> m_packages;
    std::unique_ptr<InstanceStore> m_instances;
    std::unique_ptr<OperationStore> m_ops;
    std::unique_ptr<LocalVim> m_vim;
    std::unique_ptr<Vnfm> m_vnfm;
    std::unique_ptr<LocalEms> m_ems;          // a real vines-ems process
    QNetworkAccessManager m_nam;
    std::unique_ptr<EmsClient> m_emsClient;
    QString m_echoPkg, m_fwdPkg;

    OperationRecord waitOp(const QString &opId)
    {
        OperationRecord op;
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(m_ops->get(opId, &op) && isFinal(op.state), 30000); }();
        return op;
    }
    // An operation that was refused fails the test here and reads as FAILED with the refusal.
    OperationRecord waitOp(const Result<QString> &started)
    {
        if (started)
            return waitOp(*started);
        QTest::qFail(qPrintable(QStringLiteral("refused: ") + started.errorMessage()), __FILE__, __LINE__);
        OperationRecord op;
        op.state = OpState::Failed;
        op.error = started.errorMessage();
        return op;
    }
    InstanceRecord instance(const QString &id)
    {
        InstanceRecord r;
        m_instances->get(id, &r);
        return r;
    }
    static QString host(const InstanceRecord &r) { return r.mgmtAddress.section(':', 0, 0); }
    // A live process, not a zombie left for a non-reaping init (whose cmdline is empty).
    static bool pidAlive(qint64 pid)
    {
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        return pid > 0 && f.open(QIODevice::ReadOnly) && !f.readAll().isEmpty();
    }

    void open()
    {
        m_db = std::make_unique<Database>(m_tmp.filePath("vines.db"));
        QString error;
        VERIFY_OK(m_db->open());
        m_packages = std::make_unique<PackageCatalog>(*m_db, m_tmp.filePath("store"));
        m_instances = std::make_unique<InstanceStore>(*m_db);
        m_ops = std::make_unique<OperationStore>(*m_db);
        LocalVim::Options o = localVimOptions(m_tmp.filePath("vim"));
        o.guestPrefix = "127.31";
        o.publicPrefix = "127.32.0";
        m_vim = std::make_unique<LocalVim>(*m_db, o);
        if (!m_ems) {
            m_ems = std::make_unique<LocalEms>(LocalEms::Options{emsBinary(), m_tmp.filePath("ems"), 300, 10000});
            VERIFY_OK(awaitDone([&](auto done) { m_ems->start(done); }));
            m_emsClient = std::make_unique<EmsClient>(&m_nam, m_ems->endpoint());
        }
        m_vnfm = std::make_unique<Vnfm>(*m_packages, *m_instances, *m_ops, *m_vim, *m_emsClient);
        Vnfm::Options vo;
        vo.monitorIntervalMs = 300;
        vo.pollIntervalMs = 300;
        vo.gracefulStopTimeoutMs = 3000;
        vo.stepTimeoutMs = 15000;
        m_vnfm->setOptions(vo);
    }

private Q_SLOTS:
    void initTestCase()
    {
        open();
        QString error;
        const auto echoPkgResult = m_packages->onboardFile(samplePackage("echo"));
        VERIFY_OK(echoPkgResult);
        m_echoPkg = *echoPkgResult;
        const auto fwdPkgResult = m_packages->onboardFile(samplePackage("forwarder"));
        VERIFY_OK(fwdPkgResult);
        m_fwdPkg = *fwdPkgResult;
    }

    void emsFilesArePrivate()
    {
        // The EMS's keys, configuration and database (subscription secrets) are 0600 from their creation.
        const QDir dir(m_tmp.filePath("ems"));
        QTRY_VERIFY_WITH_TIMEOUT(dir.entryList({"ems.sqlite*"}, QDir::Files).size() >= 1, 10000);
        int checked = 0;
        for (const QFileInfo &f : dir.entryInfoList(QDir::Files)) {
            struct stat st{};
            QVERIFY(::stat(QFile::encodeName(f.absoluteFilePath()).constData(), &st) == 0);
            QVERIFY2((st.st_mode & 077) == 0, qPrintable(QStringLiteral("%1 has mode %2").arg(f.fileName()).arg(st.st_mode & 0777, 0, 8)));
            ++checked;
        }
        QVERIFY(checked >= 3);   // console.key, oss.key, config, database
    }

    void fullLifecycleWithRealTraffic()
    {
        QString error, id;
        const auto opResult = instantiateVnf(*m_vnfm, m_echoPkg, "sink-1", {}, {}, &id);
        VERIFY_OK(opResult);
        const QString op = *opResult;
        OperationRecord rec = waitOp(op);
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        QCOMPARE(rec.progress, 100);
        InstanceRecord r = instance(id);
        QCOMPARE(r.instantiationState, InstantiationState::Instantiated);
        QCOMPARE(r.vnfState, VnfState::Started);
        QCOMPARE(r.flavour, QString("small"));      // smallest flavour that fits 1 vCPU / 256 MB
        QVERIFY(r.mgmtAddress.startsWith("127.31."));
        QCOMPARE(m_vnfm->nfStatus(id).state, NfState::Running);
        QCOMPARE(tcpExchange(host(r), 9000, "hello vnf"), QByteArray("hello vnf"));
        PackageRecord p;
        m_packages->get(m_echoPkg, &p);
        QCOMPARE(p.usageState, UsageState::InUse);
        const qint64 pid1 = m_vim->pidOf(r.vimInstanceId);
        QVERIFY(pidAlive(pid1));

        rec = waitOp(m_vnfm->stop(id));
        QCOMPARE(rec.state, OpState::Completed);
        QCOMPARE(instance(id).vnfState, VnfState::Stopped);
        QVERIFY(tcpExchange(host(r), 9000, "x", {}, 300).isEmpty());

        error = refusal(m_vnfm->stop(id));
        QVERIFY2(error.contains("cannot STOP VNF 'sink-1': it is STOPPED"), qPrintable(error));

        rec = waitOp(m_vnfm->start(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        QCOMPARE(tcpExchange(host(r), 9000, "again"), QByteArray("again"));

        rec = waitOp(m_vnfm->restart(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));

        error = refusal(m_vnfm->scale(id, "small"));
        QVERIFY(error.contains("already has flavour small"));
        rec = waitOp(m_vnfm->scale(id, "medium"));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        r = instance(id);
        QCOMPARE(r.flavour, QString("medium"));
        const QJsonObject st = signedCall("GET", QStringLiteral("http://%1/status").arg(r.mgmtAddress), r.platformSecret).object();
        QCOMPARE(st.value("flavour").toObject().value("cpus").toInt(), 2);
        QCOMPARE(st.value("nf").toObject().value("state").toString(), QString("running"));
        QVERIFY(m_vim->pidOf(r.vimInstanceId) != pid1);
        QCOMPARE(tcpExchange(host(r), 9000, "scaled"), QByteArray("scaled"));

        // The platform agent's secret: per instance, never shown by the EMS, rotated on request
        // (after which the old one is refused and the EMS keeps managing the VNF).
        QVERIFY(r.platformSecret.size() >= 32);
        QCOMPARE(httpCall("GET", QStringLiteral("http://%1/status").arg(r.mgmtAddress)).status, 401);
        HttpReply shown;
        bool got = false;
        m_emsClient->vnf(id, [&](const HttpResult &x) { shown = HttpReply::from(x); got = true; });
        QTRY_VERIFY(got);
        QVERIFY2(shown.ok && !shown.body.contains(r.platformSecret), shown.body.constData());
        QVERIFY(shown.object().value("driverOptions").toObject().value("leafSecretSet").toBool());
        const QByteArray before = r.platformSecret;
        rec = waitOp(m_vnfm->rotateCredentials(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error + error));
        r = instance(id);
        QVERIFY(r.platformSecret != before && r.platformSecret.size() >= 32);
        QCOMPARE(signedCall("GET", QStringLiteral("http://%1/status").arg(r.mgmtAddress), before).status, 401);
        QVERIFY(signedCall("GET", QStringLiteral("http://%1/status").arg(r.mgmtAddress), r.platformSecret).ok);
        rec = waitOp(m_vnfm->restart(id));   // through the EMS, which signs with the new secret
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));

        const QString vimId = r.vimInstanceId;
        const qint64 pid2 = m_vim->pidOf(vimId);
        rec = waitOp(m_vnfm->terminate(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        r = instance(id);
        QCOMPARE(r.instantiationState, InstantiationState::NotInstantiated);
        QVERIFY(r.vimInstanceId.isEmpty());
        QVERIFY(r.mgmtAddress.isEmpty());
        QVERIFY(!pidAlive(pid2));
        QVERIFY(m_vim->instances().isEmpty());
        QVERIFY(!QDir(m_tmp.filePath("vim/servers/" + vimId)).exists());

        error = refusal(m_vnfm->terminate(id));
        QVERIFY(error.contains("NOT_INSTANTIATED"));

        QStringList ops;
        for (const OperationRecord &o : m_ops->forInstance(id)) {
            ops << o.operation;
            QCOMPARE(o.state, OpState::Completed);
        }
        QCOMPARE(ops, (QStringList{"INSTANTIATE", "STOP", "START", "RESTART", "SCALE", "ROTATE_CREDENTIALS", "RESTART", "TERMINATE"}));
        VERIFY_OK(m_vnfm->deleteInstance(id));
        m_packages->get(m_echoPkg, &p);
        QCOMPARE(p.usageState, UsageState::NotInUse);
    }

    // The VIM instances this VNF owns (its own and its VNFCs), live processes only.
    QStringList vimInstancesOf(const QString &id)
    {
        QStringList out;
        bool done = false;
        m_vim->listInstances([&](const Result<QList<VimInstance>> &r) {
            for (const VimInstance &vi : r.valueOr({}))
                if (vi.tags.value("vines.instance") == id && pidAlive(m_vim->pidOf(vi.id)))
                    out << vi.id;
            done = true;
        });
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return out;
    }

    void deploymentFlavoursLevelsAndScaling()
    {
        QString error, id;
        // A flavour or level the package does not have is refused before anything is created.
        error = refusal(m_vnfm->instantiate(InstantiateRequest{m_fwdPkg, "fwd-x", {}, "huge", {}, {}}));
        QVERIFY2(error.contains("has no deployment flavour 'huge' (it has simple, scalable)"), qPrintable(error));
        error = refusal(m_vnfm->instantiate(InstantiateRequest{m_fwdPkg, "fwd-x", {}, "scalable", "gigantic", {}}));
        QVERIFY2(error.contains("no instantiation level 'gigantic' (it has single, triple)"), qPrintable(error));
        QVERIFY(!m_instances->nameTaken("fwd-x"));

        // Level "triple" of flavour "scalable": three forwarder VDU instances.
        OperationRecord rec = waitOp(instantiateVnf(*m_vnfm, InstantiateRequest{m_fwdPkg, "fwd-s", {}, "scalable", "triple", {}}, &id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error + error));
        InstanceRecord r = instance(id);
        QCOMPARE(r.deployment.flavourId, QString("scalable"));
        QCOMPARE(r.deployment.instantiationLevel, QString("triple"));
        QCOMPARE(r.deployment.scaleStatus.value("relays"), 2);
        QCOMPARE(r.deployment.extraVnfcs.size(), 2);
        QCOMPARE(vimInstancesOf(id).size(), 3);

        // Out beyond max_scale_level 2: refused, nothing changes.
        error = refusal(m_vnfm->scaleAspect(id, "relays", ScaleDirection::Out, 1));
        QVERIFY2(error.contains("aspect relays is at level 2 of at most 2"), qPrintable(error));
        error = refusal(m_vnfm->scaleAspect(id, "nope", ScaleDirection::Out, 1));
        QVERIFY2(error.contains("has no scaling aspect 'nope' (it has relays)"), qPrintable(error));
        error = refusal(m_vnfm->scaleAspect(id, "relays", ScaleDirection::In, 3));
        QVERIFY2(error.contains("is at level 2"), qPrintable(error));

        rec = waitOp(m_vnfm->scaleAspect(id, "relays", ScaleDirection::In, 2));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error + error));
        QCOMPARE(rec.params.value("type").toString(), QString("SCALE_IN"));
        r = instance(id);
        QCOMPARE(r.deployment.scaleStatus.value("relays"), 0);
        QVERIFY(r.deployment.extraVnfcs.isEmpty());
        QCOMPARE(vimInstancesOf(id), QStringList{r.vimInstanceId});
        QCOMPARE(tcpExchange(host(r), 9000, "x", {}, 300).isEmpty(), true);   // forwarder without next hop: NF runs, no echo

        rec = waitOp(m_vnfm->scaleAspect(id, "relays", ScaleDirection::Out, 1));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error + error));
        QCOMPARE(instance(id).deployment.scaleStatus.value("relays"), 1);
        QCOMPARE(vimInstancesOf(id).size(), 2);

        // The simple flavour declares no aspect.
        QString simpleId;
        rec = waitOp(instantiateVnf(*m_vnfm, m_fwdPkg, "fwd-plain", {}, {}, &simpleId));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error + error));
        QCOMPARE(instance(simpleId).deployment.flavourId, QString("simple"));
        error = refusal(m_vnfm->scaleAspect(simpleId, "relays", ScaleDirection::Out, 1));
        QVERIFY2(error.contains("its flavour declares none"), qPrintable(error));

        // Terminate leaves no VNFC behind.
        for (const QString &vnf : {id, simpleId}) {
            rec = waitOp(m_vnfm->terminate(vnf));
            QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
            QVERIFY(instance(vnf).deployment.extraVnfcs.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(vimInstancesOf(vnf).isEmpty(), 10000);
            VERIFY_OK(m_vnfm->deleteInstance(vnf));
        }
    }

    void configuredChainCarriesTraffic()
    {
        QString error, sinkId, fwdId;
        QCOMPARE(waitOp(instantiateVnf(*m_vnfm, m_echoPkg, "sink-2", "tiny", {}, &sinkId)).state, OpState::Completed);
        const QString sinkAddr = host(instance(sinkId)) + ":9000";
        const OperationRecord rec = waitOp(instantiateVnf(*m_vnfm, m_fwdPkg, "fwd-2", {}, {{"next_hop", sinkAddr}, {"listen_port", 9500}}, &fwdId));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        QCOMPARE(instance(fwdId).config.value("next_hop").toString(), sinkAddr);
        QCOMPARE(udpExchange(host(instance(fwdId)), 9500, "via forwarder"), QByteArray("via forwarder"));
        for (const QString &id : {fwdId, sinkId}) {
            QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
            VERIFY_OK(m_vnfm->deleteInstance(id));
        }
    }

    void refusesBadRequests()
    {
        QString error;
        const int before = m_instances->list().size();
        error = refusal(instantiateVnf(*m_vnfm, "nope", "x", {}, {}));
        QVERIFY(error.contains("no package"));
        error = refusal(instantiateVnf(*m_vnfm, m_echoPkg, "bad name!", {}, {}));
        QVERIFY(error.contains("must be"));
        error = refusal(instantiateVnf(*m_vnfm, m_echoPkg, "x", "galactic", {}));
        QVERIFY(error.contains("no flavour 'galactic'"));
        VERIFY_OK(m_packages->setOperationalState(m_echoPkg, OperationalState::Disabled));
        error = refusal(instantiateVnf(*m_vnfm, m_echoPkg, "x", {}, {}));
        QVERIFY(error.contains("DISABLED"));
        VERIFY_OK(m_packages->setOperationalState(m_echoPkg, OperationalState::Enabled));
        QCOMPARE(m_instances->list().size(), before);   // refusals leave no records

        QString id;
        const QString op = instantiateVnf(*m_vnfm, m_echoPkg, "busy", {}, {}, &id).valueOr({});
        QVERIFY(!op.isEmpty());
        error = refusal(instantiateVnf(*m_vnfm, m_echoPkg, "busy", {}, {}));
        QVERIFY(error.contains("already exists"));
        error = refusal(m_vnfm->terminate(id));
        QVERIFY2(error.contains("busy with INSTANTIATE"), qPrintable(error));
        error = refusal(m_vnfm->deleteInstance(id));
        QCOMPARE(waitOp(op).state, OpState::Completed);
        error = refusal(m_vnfm->deleteInstance(id));
        QVERIFY(error.contains("INSTANTIATED"));
        QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
        VERIFY_OK(m_vnfm->deleteInstance(id));
    }

    void failingStepRollsBack()
    {
        auto f = sampleSources("echo");
        f["Definitions/echo.yaml"].replace("3e2d1c0b-9a8f-4e7d-6c5b-4a3928171604", "broken-echo-0001");
        f["Scripts/install.sh"] = "#!/bin/sh\necho 'cannot install: licence server unreachable'\nexit 7\n";
        refreshManifest(f);
        QString error;
        const auto pkgResult = m_packages->onboardFile(writeZip(m_tmp.path(), "broken.csar", f));
        VERIFY_OK(pkgResult);
        const QString pkg = *pkgResult;
        QString id;
        const OperationRecord rec = waitOp(instantiateVnf(*m_vnfm, pkg, "doomed", {}, {}, &id));
        QCOMPARE(rec.state, OpState::RolledBack);
        QVERIFY2(rec.error.contains("Install NF") && rec.error.contains("install.sh exited with code 7")
                     && rec.error.contains("licence server unreachable"), qPrintable(rec.error));
        const InstanceRecord r = instance(id);
        QCOMPARE(r.instantiationState, InstantiationState::NotInstantiated);
        QVERIFY(r.vimInstanceId.isEmpty());
        QVERIFY(m_vim->instances().isEmpty());   // the VIM instance created in step 1 is gone
        QCOMPARE(m_vim->runningCount(), 0);
        VERIFY_OK(m_vnfm->deleteInstance(id));
    }

    void healsACrashedPlatform()
    {
        QString error, id;
        QCOMPARE(waitOp(instantiateVnf(*m_vnfm, m_echoPkg, "fragile", {}, {}, &id)).state, OpState::Completed);
        const InstanceRecord before = instance(id);
        const qint64 pid = m_vim->pidOf(before.vimInstanceId);
        QSignalSpy changed(m_vim.get(), &Vim::instanceStateChanged);
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(m_vnfm->nfStatus(id).state == NfState::Unreachable, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);   // the VIM's supervisor noticed too
        QCOMPARE(changed.first().at(1).toString(), QString("Error"));
        const OperationRecord rec = waitOp(m_vnfm->heal(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        const InstanceRecord after = instance(id);
        QVERIFY(after.vimInstanceId != before.vimInstanceId);
        QCOMPARE(tcpExchange(host(after), 9000, "healed"), QByteArray("healed"));
        QTRY_COMPARE_WITH_TIMEOUT(m_vnfm->nfStatus(id).state, NfState::Running, 5000);
        QCOMPARE(m_vim->instances().size(), 1);
        QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
        VERIFY_OK(m_vnfm->deleteInstance(id));
    }

    // Healing a VNF takes its platform down on purpose: the EMS must not raise (and clear a moment
    // later) a VNF_UNREACHABLE alarm for it, and watches it again afterwards.
    void healRaisesNoAlarm()
    {
        QString error, id;
        QCOMPARE(waitOp(instantiateVnf(*m_vnfm, m_echoPkg, "mended", {}, {}, &id)).state, OpState::Completed);
        QTRY_COMPARE_WITH_TIMEOUT(m_vnfm->nfStatus(id).state, NfState::Running, 5000);
        const OperationRecord rec = waitOp(m_vnfm->heal(id));
        QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error));
        QTest::qWait(900);   // three polling intervals
        auto alarmsOf = [&]() {
            int n = 0;
            const HttpReply r = awaitReply([&](auto cb) { m_emsClient->alarms("ALL", cb); });
            for (const auto &a : r.json.toArray())
                n += a.toObject().value("managedObjectId").toString() == id;
            return n;
        };
        QCOMPARE(alarmsOf(), 0);
        // Faults are watched again: the platform dying now is noticed.
        ::kill(static_cast<pid_t>(m_vim->pidOf(instance(id).vimInstanceId)), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(alarmsOf() >= 1, 5000);
        QCOMPARE(waitOp(m_vnfm->heal(id)).state, OpState::Completed);
        QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
        VERIFY_OK(m_vnfm->deleteInstance(id));
    }

    void recoversAfterConsoleRestart()
    {
        QString error, id;
        QCOMPARE(waitOp(instantiateVnf(*m_vnfm, m_echoPkg, "survivor", {}, {}, &id)).state, OpState::Completed);
        const QString vimId = instance(id).vimInstanceId;
        const qint64 pid = m_vim->pidOf(vimId);
        // An operation cut short by a crash, and a VIM instance nobody owns.
        OperationRecord stale{newId(), id, "RESTART", OpState::Processing};
        VERIFY_OK(m_ops->insert(stale));
        bool created = false;
        m_vim->createInstance({"orphan", "tiny", {}, {{"vines.instance", "gone"}}}, {}, [&](const Result<VimInstance> &r) { created = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(created, 15000);
        QCOMPARE(m_vim->instances().size(), 2);

        // "Restart the console": a new stack on the same database, keeping the Leaf processes.
        m_vnfm.reset();
        m_vim.reset();
        QTRY_VERIFY(!pidAlive(pid));   // a LocalVim not told to keep them ends its processes on exit
        open();
        QCOMPARE(m_vim->instances().size(), 2);
        const QStringList report = m_vnfm->recover();
        QCOMPARE(report.size(), 1);
        OperationRecord after;
        m_ops->get(stale.id, &after);
        QCOMPARE(after.state, OpState::Failed);
        QVERIFY(after.error.contains("interrupted"));
        QTRY_COMPARE_WITH_TIMEOUT(m_vim->instances().size(), 1, 10000);   // orphan destroyed
        QCOMPARE(m_vim->instances().first().id, vimId);
        QCOMPARE(m_vim->instances().first().state, ServerState::Stopped);   // its process did not survive
        QTRY_COMPARE_WITH_TIMEOUT(m_vnfm->nfStatus(id).state, NfState::Unreachable, 5000);
        QCOMPARE(waitOp(m_vnfm->heal(id)).state, OpState::Completed);
        QCOMPARE(tcpExchange(host(instance(id)), 9000, "back"), QByteArray("back"));
        QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
    }

    void adoptsProcessesThatOutliveTheConsole()
    {
        m_vnfm.reset();
        m_vim.reset();
        open();
        // This time the VIM keeps its processes when the console goes away.
        LocalVim::Options o = localVimOptions(m_tmp.filePath("vim"));
        o.guestPrefix = "127.31";
        o.keepRunningOnExit = true;
        m_vnfm.reset();
        m_vim = std::make_unique<LocalVim>(*m_db, o);
        m_vnfm = std::make_unique<Vnfm>(*m_packages, *m_instances, *m_ops, *m_vim, *m_emsClient);
        QString error, id;
        QCOMPARE(waitOp(instantiateVnf(*m_vnfm, m_echoPkg, "persistent", {}, {}, &id)).state, OpState::Completed);
        const QString vimId = instance(id).vimInstanceId;
        const qint64 pid = m_vim->pidOf(vimId);
        m_vnfm.reset();
        m_vim.reset();
        QVERIFY(pidAlive(pid));
        open();   // a console whose VIM is not told to keep processes: it adopts, then ends them on exit
        QCOMPARE(m_vim->pidOf(vimId), pid);
        QCOMPARE(m_vim->instances().first().state, ServerState::Running);
        QCOMPARE(tcpExchange(host(instance(id)), 9000, "still here"), QByteArray("still here"));
        QCOMPARE(waitOp(m_vnfm->terminate(id)).state, OpState::Completed);
        QTRY_VERIFY(!pidAlive(pid));
    }

    // An agent starts without the console's open files, in a process group of its own (the
    // terminal's Ctrl+C is not for it) but in the console's session, where the kernel's autogroup
    // scheduling lets its niceness keep it below the console; once destroyed it is reaped, not
    // left as a zombie.
    void agentsStartDetachedAndAreReaped()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("vim.db"));
        QString error;
        VERIFY_OK(db.open());
        QFile inheritable(dir.filePath("console-only"));
        QVERIFY(inheritable.open(QIODevice::WriteOnly));
        const int fd = ::dup(inheritable.handle());   // no close-on-exec
        QVERIFY(fd > 2);
        LocalVim::Options o = localVimOptions(dir.filePath("vim"));
        o.guestPrefix = "127.34";
        LocalVim vim(db, o);
        Result<VimInstance> created;
        bool done = false;
        vim.createInstance({"detached", "tiny", {}, {}, {}}, {}, [&](const Result<VimInstance> &r) { created = r; done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        ::close(fd);
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        const qint64 pid = vim.pidOf(created->id);
        QVERIFY(pid > 0);
        QCOMPARE(::getpgid(pid_t(pid)), pid_t(pid));
        QCOMPARE(::getsid(pid_t(pid)), ::getsid(0));
        QCOMPARE(::getpriority(PRIO_PROCESS, id_t(pid)), qMin(19, ::getpriority(PRIO_PROCESS, 0) + o.agentNiceness));
        for (const QFileInfo &link : QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryInfoList(QDir::System | QDir::NoDotAndDotDot))
            QVERIFY2(link.symLinkTarget() != inheritable.fileName(), qPrintable(link.filePath()));
        done = false;
        vim.destroyInstance(created->id, [&](const Result<> &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), 5000);   // no zombie
    }

    // kill -9 between starting an agent and recording its pid, or a deleted database: the next
    // VIM finds the agents on its server directories, adopts the recorded one and ends the rest.
    void reconcilesAgentsNobodyRecorded()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("vim.db"));
        QString error;
        VERIFY_OK(db.open());
        LocalVim::Options o = localVimOptions(dir.filePath("vim"));
        o.guestPrefix = "127.32";
        o.keepRunningOnExit = true;
        QString created;
        {
            LocalVim vim(db, o);
            bool done = false;
            vim.createInstance({"recorded", "tiny", {}, {}, {}}, {}, [&](const Result<VimInstance> &r) { created = r->id; done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done && !created.isEmpty(), 20000);
        }
        // As if the console died right after starting the agent: the pid was never written.
        VERIFY_OK(db.exec("UPDATE local_vim_servers SET pid = 0, state = 'Creating' WHERE id = ?", {created}));
        // And an agent on a server directory no record knows (its database was deleted).
        QProcess orphan;
        const QString orphanDir = QDir(o.workDir).filePath("servers/vm-orphan1");
        QDir().mkpath(orphanDir);
        QFile ud(QDir(orphanDir).filePath("user-data"));
        QVERIFY(ud.open(QIODevice::WriteOnly));
        ud.write("VINES_LEAF_SECRET=orphan-secret-0123456789\n");
        ud.close();
        orphan.start(leafBinary(), {"--address", "127.32.9.9", "--port", "7780", "--instance-id", "vm-orphan1", "--data-dir", orphanDir,
                                    "--user-data", ud.fileName()});
        QVERIFY(orphan.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(signedCall("GET", "http://127.32.9.9:7780/status", "orphan-secret-0123456789", {}, 500).ok, 10000);
        o.keepRunningOnExit = false;
        LocalVim again(db, o);
        QVERIFY(orphan.waitForFinished(5000));   // ended: nobody owns it
        QVERIFY(again.pidOf(created) > 0);     // adopted: its record now has the pid
        QCOMPARE(again.instances().first().state, ServerState::Running);
        QCOMPARE(again.runningAgents().keys(), QStringList{created});
    }
};

QTEST_GUILESS_MAIN(TstLifecycle)
#include "tst_lifecycle.moc"
