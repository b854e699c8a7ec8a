// The NFVO on LocalVim with real processes: NSD/VNFFGD import, validation and round trip;
// service chains of 2-5 VNFs composed as in the Vines architecture (public address on the last
// VNF, virtual router redirecting to the first) carrying real TCP and UDP traffic; modifying a
// running chain; rollback when a VNF fails mid-chain.
#include "ConsoleFixture.h"
#include "DemoContent.h"
#include "TestSupport.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/ChainMeasurementJob.h"
#include "nfvo/Nfvo.h"
#include "nfvo/NsHealth.h"
#include "nfvo/ServiceAlarms.h"
#include <csignal>
#include <QSignalSpy>
#include <QTimer>
#include <QElapsedTimer>
#include "nfvo/NsdParser.h"
#include "package/PackageError.h"
#include "vim/LocalVim.h"
#include "catalog/Database.h"
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}
QString host(const QString &hostPort) { return hostPort.section(':', 0, 0); }
} // namespace

class TstNfvo : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<ConsoleCore> m_core;
    QHash<QString, QString> m_pkg;   // product name -> package id

    OperationRecord waitOp(const QString &opId, int timeoutMs = 60000)
    {
        OperationRecord op;
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(m_core->operations().get(opId, &op) && isFinal(op.state), timeoutMs); }();
        return op;
    }
    OperationRecord waitOp(const Result<QString> &started, int timeoutMs = 60000) { return waitOp(must(started), timeoutMs); }
    NsInstanceRecord ns(const QString &id)
    {
        NsInstanceRecord r;
        m_core->nsCatalog().instance(id, &r);
        return r;
    }
    NsDescriptor chainOf(const QString &name, const QStringList &products)
    {
        NsDescriptor d;
        d.descriptorId = "nsd-" + name;
        d.name = name;
        Vnffg g{"sfc", "test chain", "path", {}};
        for (int i = 0; i < products.size(); ++i) {
            const QString node = QStringLiteral("vnf%1").arg(i + 1);
            PackageRecord p;
            m_core->packages().get(m_pkg.value(products[i]), &p);
            d.vnfs << NsdVnf{node, p.package.vnfd.descriptorId, products[i], QPointF(i * 200, 0)};
            g.path << NsdHop{node, {}};
        }
        d.vnffgs << g;
        return d;
    }
    QJsonArray routerRoutes()
    {
        InstanceRecord r;
        m_core->instances().get(m_core->nfvo().routerInstanceId(), &r);
        return r.config.value("routes").toArray();
    }
    int allocatedAddresses()
    {
        QSqlQuery q = m_core->database().query("SELECT COUNT(*) FROM local_vim_addresses");
        return q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_core = std::make_unique<ConsoleCore>(consoleOptions(m_tmp.filePath("data"), "127.81", "127.82.0", 500));
        QString error;
        VERIFY_OK(openCore(*m_core));
        const auto samples = onboardSamples(*m_core, {"echo", "forwarder", "firewall", "monitor", "router"});
        QVERIFY2(samples.ok(), qPrintable(samples.errorMessage()));
        for (const PackageRecord &p : *samples)
            m_pkg.insert(p.package.vnfd.productName, p.id);
    }

    void nsdRoundTrip()
    {
        const NsDescriptor sol = NsdParser::parseFile(sourceDir() + "/resources/ns/demo-chain.yaml");
        QCOMPARE(sol.format, QString("sol001"));
        QCOMPARE(sol.name, QString("demo-chain"));
        QCOMPARE(sol.chain().size(), 3);
        QCOMPARE(sol.chain().first().label, QString("Traffic Monitor"));
        QCOMPARE(sol.vnffgs.first().path.at(2).cp, QString("echo_ext"));
        QCOMPARE(sol.vnf("forwarder")->position, QPointF(220, 0));
        NsDescriptor again = NsdParser::parse(NsdParser::toSol001(sol), "export.yaml");
        QCOMPARE(again.toJson(), sol.toJson());

        const NsDescriptor tacker = NsdParser::parseFile(sourceDir() + "/resources/ns/tacker-vnffgd.yaml");
        QCOMPARE(tacker.format, QString("tacker"));
        QCOMPARE(tacker.descriptorId, QString("tacker-fw-echo"));
        QCOMPARE(tacker.name, QString("tacker-fw-echo"));   // Tacker's template_name
        QCOMPARE(tacker.vnffgs.first().name, QString("VNFFG1"));
        QCOMPARE(tacker.chain().size(), 2);
        QCOMPARE(tacker.chain().at(1).vnfd, QString("Echo Sink"));
        again = NsdParser::parse(NsdParser::toTacker(tacker), "export.yaml");
        QCOMPARE(again.toJson(), tacker.toJson());
        // SOL001 written as Tacker and read back keeps the path.
        const NsDescriptor crossed = NsdParser::parse(NsdParser::toTacker(sol), "x.yaml");
        QCOMPARE(crossed.chain().size(), 3);
        QCOMPARE(crossed.chain().at(0).vnfd, sol.chain().at(0).vnfd);

        // Persisted in the catalog, exported back from it.
        QString error;
        const auto idResult = m_core->nsCatalog().importFile(sourceDir() + "/resources/ns/demo-chain.yaml");
        VERIFY_OK(idResult);
        const QString id = *idResult;
        QCOMPARE(NsdParser::parse(m_core->nsCatalog().exportYaml(id, "sol001"), "e.yaml").toJson(), sol.toJson());
        error = refusal(m_core->nsCatalog().importFile(sourceDir() + "/resources/ns/demo-chain.yaml"));
        QVERIFY2(error.contains("already in the catalog"), qPrintable(error));
        VERIFY_OK(m_core->nsCatalog().importFile(sourceDir() + "/resources/ns/tacker-vnffgd.yaml"));
    }

    void badDescriptorsNameFieldAndLine_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        const QByteArray good = readFile(sourceDir() + "/resources/ns/demo-chain.yaml");
        QTest::newRow("syntax") << QByteArray("tosca_definitions_version: x\ntopology_template: [unclosed\n") << "bad.yaml:3: YAML syntax error";
        QTest::newRow("no-version") << QByteArray("topology_template: {}\n") << "[tosca_definitions_version]: is required";
        QTest::newRow("group-without-path") << QByteArray(good).replace("members: [ chain_path, ", "members: [ ")
                                            << "the VNFFG has no forwarding path";
        QTest::newRow("unknown-hop") << QByteArray(good).replace("node: forwarder, capability", "node: forwarderr, capability")
                                     << "bad.yaml:63 [topology_template.node_templates.chain_path.requirements[1].forwarding]: 'forwarderr' is not a VNF";
        QTest::newRow("loop") << QByteArray(good).replace("node: sink, capability", "node: monitor, capability")
                              << "the path comes back to monitor: a forwarding path cannot loop";
        QTest::newRow("no-vnfd") << QByteArray(good).replace("        descriptor_id: 6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01\n", "").replace("        product_name: Forwarder\n", "")
                                 << "[topology_template.node_templates.forwarder.properties.descriptor_id]: is required";
        QTest::newRow("bad-member") << QByteArray(good).replace("members: [ chain_path, monitor", "members: [ chain_path, ghost")
                                    << "'ghost' is not a node template";
        QTest::newRow("not-a-map") << QByteArray("- just\n- a list\n") << "must be a YAML mapping";
    }

    void badDescriptorsNameFieldAndLine()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        try {
            NsdParser::parse(yaml, "bad.yaml");
            QFAIL("accepted a bad descriptor");
        } catch (const PackageException &e) {
            QVERIFY2(e.error().toString().contains(expected), qPrintable(e.error().toString()));
        }
        QString error;
        error = refusal(m_core->nsCatalog().importYaml(yaml, "bad.yaml"));
        QVERIFY(!error.isEmpty());
    }

    void survivesMutatedDescriptors()
    {
        // Random byte flips, cuts and duplications of a good NSD: every result is either a
        // descriptor or a clear refusal, never a crash or a stray exception.
        const QByteArray good = readFile(sourceDir() + "/resources/ns/demo-chain.yaml");
        QRandomGenerator rng(20261125);
        int accepted = 0, refused = 0;
        for (int i = 0; i < 3000; ++i) {
            QByteArray y = good;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const int pos = int(rng.bounded(y.size()));
                switch (rng.bounded(4)) {
                case 0: y[pos] = char(rng.bounded(256)); break;
                case 1: y.remove(pos, int(rng.bounded(40))); break;
                case 2: y.insert(pos, y.mid(int(rng.bounded(y.size())), int(rng.bounded(60)))); break;
                default: y.insert(pos, "\n  - [{: "); break;
                }
            }
            try {
                NsdParser::parse(y, "mutant.yaml");
                ++accepted;
            } catch (const PackageException &e) {
                QVERIFY(e.error().toString().startsWith("mutant.yaml"));
                ++refused;
            }
        }
        QVERIFY(refused > 0);
        qInfo("mutated NSDs: %d accepted, %d refused with a message", accepted, refused);
    }

    void refusesChainsThatCannotWork()
    {
        QString error;
        error = refusal(m_core->nsCatalog().importYaml(QByteArray(readFile(sourceDir() + "/resources/ns/demo-chain.yaml"))
                                                   .replace("9a3c55e1-7f2b-4c6d-8e1a-3d4b5c6d7e03", "00000000-not-onboarded"), "x.yaml"));
        QVERIFY2(error.contains("[topology_template.node_templates.monitor]: VNFD '00000000-not-onboarded' is not in the VNF catalog"), qPrintable(error));
        const auto idResult = m_core->nsCatalog().add(chainOf("echo-first", {"Echo Sink", "Forwarder"}));
        VERIFY_OK(idResult);
        const QString id = *idResult;
        error = refusal(instantiateNs(m_core->nfvo(), id, "bad-chain"));
        QVERIFY2(error.contains("VNF 1 (Echo Sink, echo) cannot forward traffic"), qPrintable(error));
        error = refusal(instantiateNs(m_core->nfvo(), id, "bad name!"));
        QVERIFY(error.contains("network service name"));
    }

    void chainsOfTwoToFiveVnfsCarryRealTraffic_data()
    {
        QTest::addColumn<QStringList>("products");
        QTest::newRow("2") << QStringList{"Forwarder", "Echo Sink"};
        QTest::newRow("3") << QStringList{"Traffic Monitor", "Forwarder", "Echo Sink"};
        QTest::newRow("4") << QStringList{"Forwarder", "Firewall", "Forwarder", "Echo Sink"};
        QTest::newRow("5") << QStringList{"Traffic Monitor", "Forwarder", "Forwarder", "Forwarder", "Echo Sink"};
    }

    void chainsOfTwoToFiveVnfsCarryRealTraffic()
    {
        QFETCH(QStringList, products);
        const QString name = QStringLiteral("chain%1").arg(products.size());
        QString error, nsId;
        const auto nsdResult = m_core->nsCatalog().add(chainOf(name, products));
        VERIFY_OK(nsdResult);
        const QString nsd = *nsdResult;
        auto chainVnfs = [&]() { return int(m_core->instances().list().size()) - (m_core->nfvo().routerInstanceId().isEmpty() ? 0 : 1); };
        const int vnfsBefore = chainVnfs();
        const OperationRecord op = waitOp(instantiateNs(m_core->nfvo(), nsd, name, &nsId));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error));
        QCOMPARE(op.operation, QString("INSTANTIATE_NS"));
        NsInstanceRecord r = ns(nsId);
        QCOMPARE(r.state, NsState::Instantiated);
        QCOMPARE(r.vnfInstanceIds.size(), products.size());
        QVERIFY(r.publicAddress.startsWith("127.82.0."));
        // Composition: VNF i forwards to VNF i+1; the public address is on the last VNF; the router redirects to the first.
        for (int i = 0; i + 1 < products.size(); ++i) {
            InstanceRecord v;
            m_core->instances().get(r.vnfInstanceIds[i], &v);
            QCOMPARE(v.config.value("next_hop").toString(), m_core->nfvo().dataAddress(r.vnfInstanceIds[i + 1]));
        }
        InstanceRecord last;
        m_core->instances().get(r.vnfInstanceIds.last(), &last);
        QCOMPARE(last.publicAddress, r.publicAddress);
        bool routed = false;
        for (const auto &route : routerRoutes())
            routed |= route.toObject().value("publicAddress").toString() == r.publicAddress
                      && route.toObject().value("target").toString() == m_core->nfvo().dataAddress(r.vnfInstanceIds.first());
        QVERIFY(routed);
        // Real traffic, from a client, to the chain's public address: the last VNF answers.
        QCOMPARE(tcpExchange(r.publicAddress, 9000, "hello chain " + name.toUtf8()), "hello chain " + name.toUtf8());
        QCOMPARE(udpExchange(r.publicAddress, 9000, "udp " + name.toUtf8()), "udp " + name.toUtf8());
        QByteArray big(256 * 1024, 'x');
        for (int i = 0; i < big.size(); ++i) big[i] = char('a' + i % 26);
        QCOMPARE(tcpExchange(r.publicAddress, 9000, big, {}, 10000), big);
        // Every VNF of the chain saw the traffic.
        for (const QString &id : r.vnfInstanceIds) {
            InstanceRecord vnf;
            m_core->instances().get(id, &vnf);
            const HttpReply m = signedCall("GET", QStringLiteral("http://%1/metrics").arg(vnf.mgmtAddress), vnf.platformSecret);
            QVERIFY2(m.object().value("bytesIn").toDouble() > 0, qPrintable(id));
        }

        const OperationRecord t = waitOp(m_core->nfvo().terminate(nsId));
        QVERIFY2(t.state == OpState::Completed, qPrintable(t.error));
        QCOMPARE(ns(nsId).state, NsState::NotInstantiated);
        QCOMPARE(chainVnfs(), vnfsBefore);
        QVERIFY(tcpExchange(r.publicAddress, 9000, "gone", {}, 500).isEmpty());
        for (const auto &route : routerRoutes())
            QVERIFY(route.toObject().value("publicAddress").toString() != r.publicAddress);
        VERIFY_OK(m_core->nfvo().deleteNs(nsId));
    }

    void classifierProtocolIsHonoured()
    {
        // A Tacker-style classifier selecting TCP (ip_proto 6): the virtual router diverts TCP to
        // the chain and UDP is not carried; the rest of the classifier is kept and exported.
        NsDescriptor d = chainOf("tcponly", {"Forwarder", "Echo Sink"});
        d.vnffgs[0].policyType = "ACL";
        d.vnffgs[0].criteria << FlowCriterion{"web", {{"ip_proto", "6"}, {"destination_port_range", "9000-9000"}}};
        QVERIFY(d.vnffgs[0].dataPlaneNotes().join('\n').contains("diverts only tcp"));
        QVERIFY(d.vnffgs[0].dataPlaneNotes().join('\n').contains("not enforced"));
        QString error, nsId;
        const auto nsdResult = m_core->nsCatalog().add(d);
        VERIFY_OK(nsdResult);
        const QString nsd = *nsdResult;
        const OperationRecord op = waitOp(instantiateNs(m_core->nfvo(), nsd, "tcponly", &nsId));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        const NsInstanceRecord r = ns(nsId);
        QJsonArray protocols;
        for (const auto &route : routerRoutes())
            if (route.toObject().value("publicAddress").toString() == r.publicAddress)
                protocols = route.toObject().value("protocols").toArray();
        QCOMPARE(protocols, QJsonArray{"tcp"});
        QCOMPARE(tcpExchange(r.publicAddress, 9000, "tcp passes"), QByteArray("tcp passes"));
        QVERIFY(udpExchange(r.publicAddress, 9000, "udp does not", {}, 500).isEmpty());
        // The catalog keeps the classifier.
        NsdRecord stored;
        QVERIFY(m_core->nsCatalog().descriptor(nsd, &stored));
        QCOMPARE(stored.nsd.vnffgs[0].criteria.size(), 1);
        QCOMPARE(stored.nsd.vnffgs[0].criteria[0].match.value("destination_port_range"), QString("9000-9000"));
        const OperationRecord t = waitOp(m_core->nfvo().terminate(nsId));
        QVERIFY2(t.state == OpState::Completed, qPrintable(t.error));
        VERIFY_OK(m_core->nfvo().deleteNs(nsId));
    }

    void measuresLatencyAndThroughputOffTheUiThread()
    {
        QString error, nsId;
        const QString nsd = must(m_core->nsCatalog().add(chainOf("measured", {"Forwarder", "Forwarder", "Echo Sink"})));
        QCOMPARE(waitOp(instantiateNs(m_core->nfvo(), nsd, "measured", &nsId)).state, OpState::Completed);
        const NsInstanceRecord r = ns(nsId);
        const QString last = m_core->nfvo().dataAddress(r.vnfInstanceIds.last());
        ChainMeasurementJob job({{"chain of 3", 3, r.publicAddress, 9000}, {"direct", 0, host(last), 9000}}, {200, 64, 4 * 1024 * 1024});
        QSignalSpy progress(&job, &ChainMeasurementJob::progress);
        QSignalSpy done(&job, &ChainMeasurementJob::finished);
        QElapsedTimer loop;
        int ticks = 0;
        QTimer ticker;   // the event loop must keep turning while the job runs
        connect(&ticker, &QTimer::timeout, [&]() { ++ticks; });
        ticker.start(10);
        job.start();
        QVERIFY(done.wait(60000));
        QVERIFY(ticks > 3);
        QVERIFY(progress.size() >= 2);
        const auto results = done.first().first().value<QList<ChainMeasurement>>();
        QCOMPARE(results.size(), 2);
        for (const ChainMeasurement &m : results) {
            QVERIFY2(m.latency.failures == 0, qPrintable(m.latency.error));
            QCOMPARE(m.latency.rttMs.size(), 200);
            QVERIFY(m.latency.percentile(50) > 0);
            QVERIFY(m.latency.percentile(99) >= m.latency.percentile(50));
            QVERIFY2(m.throughput.error.isEmpty(), qPrintable(m.throughput.error));
            QCOMPARE(m.throughput.bytes, qint64(4 * 1024 * 1024));
            QVERIFY(m.throughput.mbitPerS() > 0);
        }
        // Three relays cost more than none.
        QVERIFY(results[0].latency.percentile(50) > results[1].latency.percentile(50));
        const QByteArray csv = ChainMeter::toCsv(results);
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY(lines.first().startsWith("label,chain_length,target,probes"));
        QVERIFY(lines.at(1).startsWith("\"chain of 3\",3," + r.publicAddress.toUtf8() + ":9000,200,0,"));
        QCOMPARE(csv.count("\"direct\",0,"), 1 + 200);   // summary row + one per probe
        QCOMPARE(waitOp(m_core->nfvo().terminate(nsId)).state, OpState::Completed);
    }

    void modifiesARunningChainWithoutTearingItDown()
    {
        QString error, nsId;
        const QString nsd = must(m_core->nsCatalog().add(chainOf("modify", {"Forwarder", "Echo Sink"})));
        QCOMPARE(waitOp(instantiateNs(m_core->nfvo(), nsd, "modify", &nsId)).state, OpState::Completed);
        NsInstanceRecord r = ns(nsId);
        const QStringList original = r.vnfInstanceIds;
        QHash<QString, qint64> pids;
        for (const QString &id : original) {
            InstanceRecord v;
            m_core->instances().get(id, &v);
            pids.insert(id, m_core->localVim().pidOf(v.vimInstanceId));
        }
        // Insert a monitor in front: the router now sends traffic to it.
        OperationRecord op = waitOp(m_core->nfvo().insertVnf(nsId, 0, m_pkg.value("Traffic Monitor")));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        r = ns(nsId);
        QCOMPARE(r.vnfInstanceIds.size(), 3);
        QCOMPARE(r.vnfInstanceIds.mid(1), original);
        QCOMPARE(tcpExchange(r.publicAddress, 9000, "via monitor"), QByteArray("via monitor"));
        InstanceRecord head;
        m_core->instances().get(r.vnfInstanceIds.first(), &head);
        const HttpReply m = signedCall("GET", QStringLiteral("http://%1/metrics").arg(head.mgmtAddress), head.platformSecret);
        QVERIFY(m.object().value("bytesIn").toDouble() >= 11);
        // Insert a second forwarder in the middle: the VNF before it is re-pointed.
        op = waitOp(m_core->nfvo().insertVnf(nsId, 2, m_pkg.value("Forwarder")));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        r = ns(nsId);
        QCOMPARE(r.vnfInstanceIds.size(), 4);
        InstanceRecord first;
        m_core->instances().get(r.vnfInstanceIds[1], &first);
        QCOMPARE(first.config.value("next_hop").toString(), m_core->nfvo().dataAddress(r.vnfInstanceIds[2]));
        QCOMPARE(tcpExchange(r.publicAddress, 9000, "four hops"), QByteArray("four hops"));
        // Appending after the echo sink is refused: it cannot forward.
        error = refusal(m_core->nfvo().insertVnf(nsId, 4, m_pkg.value("Echo Sink")));
        QVERIFY2(error.contains("cannot forward"), qPrintable(error));
        error = refusal(m_core->nfvo().insertVnf(nsId, 9, m_pkg.value("Forwarder")));
        QVERIFY(error.contains("outside the chain"));
        // Remove the middle forwarder, then the monitor in front.
        op = waitOp(m_core->nfvo().removeVnf(nsId, 2));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        op = waitOp(m_core->nfvo().removeVnf(nsId, 0));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        r = ns(nsId);
        QCOMPARE(r.vnfInstanceIds, original);
        QCOMPARE(tcpExchange(r.publicAddress, 9000, "back to two"), QByteArray("back to two"));
        error = refusal(m_core->nfvo().removeVnf(nsId, int(r.vnfInstanceIds.size()) - 1));
        QVERIFY(error.contains("last VNF answers"));
        // The original VNFs were never torn down.
        for (const QString &id : original) {
            InstanceRecord v;
            if (!m_core->instances().get(id, &v))
                continue;
            QCOMPARE(m_core->localVim().pidOf(v.vimInstanceId), pids.value(id));
        }
        QCOMPARE(waitOp(m_core->nfvo().terminate(nsId)).state, OpState::Completed);
    }

    // A chain is only as alive as its members: the health says which hop is gone and why, the
    // confirmation before terminating a member names the service it breaks, and a service with a
    // dead hop can still be terminated cleanly.
    void deadMemberTakesTheServiceDown()
    {
        QString error, nsId;
        const QString nsd = must(m_core->nsCatalog().add(chainOf("fragile", {"Forwarder", "Echo Sink"})));
        QCOMPARE(waitOp(instantiateNs(m_core->nfvo(), nsd, "fragile", &nsId)).state, OpState::Completed);
        NsInstanceRecord r = ns(nsId);
        NsHealth h = NsHealth::assess(r, m_core->instances(), {});
        QCOMPARE(h.label(), QString("healthy"));
        QVERIFY(h.problems.isEmpty());
        const QString sink = r.vnfInstanceIds.last();
        // The EMS's fault monitor says the sink's NF is down; another member has a major alarm.
        AlarmInfo down{"a1", sink, "NF_DOWN", "CRITICAL", "ACTIVE", "UNACKNOWLEDGED", "NF exited", {}, {}};
        AlarmInfo hot{"a2", r.vnfInstanceIds.first(), "THRESHOLD_CROSSED", "MAJOR", "ACTIVE", "UNACKNOWLEDGED", "cpu", {}, {}};
        QCOMPARE(NsHealth::assess(r, m_core->instances(), {hot}).label(), QString("degraded"));
        h = NsHealth::assess(r, m_core->instances(), {hot, down});
        QCOMPARE(h.label(), QString("down"));
        QVERIFY2(h.problems.join('\n').contains("VNF 2 of 2") && h.problems.join('\n').contains("NF_DOWN"), qPrintable(h.problems.join('\n')));
        AlarmInfo cleared = down;
        cleared.state = "CLEARED";
        QCOMPARE(NsHealth::assess(r, m_core->instances(), {cleared}).label(), QString("healthy"));
        // What the operator is told before terminating a member, and what the health says after.
        const QString impact = chainImpact(sink, m_core->nsCatalog(), "terminate it");
        QVERIFY2(impact.contains("'fragile' (it is VNF 2 of 2)"), qPrintable(impact));
        QVERIFY(chainImpact(r.routerInstanceId, m_core->nsCatalog(), "stop it").contains("its virtual router"));
        QCOMPARE(waitOp(m_core->vnfm().terminate(sink)).state, OpState::Completed);
        h = NsHealth::assess(ns(nsId), m_core->instances(), {});
        QCOMPARE(h.label(), QString("down"));
        QVERIFY2(h.problems.join('\n').contains("VNF 2 of 2") && h.problems.join('\n').contains("not instantiated"), qPrintable(h.problems.join('\n')));
        QCOMPARE(waitOp(m_core->nfvo().terminate(nsId)).state, OpState::Completed);
        QCOMPARE(NsHealth::assess(ns(nsId), m_core->instances(), {}).label(), QString());
        VERIFY_OK(m_core->nfvo().deleteNs(nsId));
    }

    // A member's platform really dies (its Leaf process killed): the EMS alarms the VNF, the service
    // raises NS_DOWN naming the hop (model and SOL005 /nsfm), heal brings it back and clears it.
    void killedMemberRaisesAServiceAlarm()
    {
        QString error, nsId;
        const QString nsd = must(m_core->nsCatalog().add(chainOf("watched", {"Forwarder", "Echo Sink"})));
        QCOMPARE(waitOp(instantiateNs(m_core->nfvo(), nsd, "watched", &nsId)).state, OpState::Completed);
        ServiceAlarms &alarms = m_core->serviceAlarms();
        auto active = [&]() {
            for (const AlarmInfo &a : alarms.alarms())
                if (a.vnfId == nsId && a.state == QLatin1String("ACTIVE"))
                    return a;
            return AlarmInfo{};
        };
        alarms.assessNow();
        QVERIFY(active().id.isEmpty());
        const QString sink = ns(nsId).vnfInstanceIds.last();
        InstanceRecord v;
        QVERIFY(m_core->instances().get(sink, &v));
        const qint64 pid = m_core->localVim().pidOf(v.vimInstanceId);
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(!active().id.isEmpty(), 30000);
        const AlarmInfo raised = active();
        QCOMPARE(raised.type, QString("NS_DOWN"));
        QCOMPARE(raised.severity, QString("CRITICAL"));
        QVERIFY2(raised.description.contains("watched") && raised.description.contains("VNF 2 of 2"), qPrintable(raised.description));
        QCOMPARE(waitOp(m_core->vnfm().heal(sink)).state, OpState::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(active().id.isEmpty(), 30000);
        bool cleared = false;
        for (const AlarmInfo &a : alarms.alarms())
            cleared = cleared || (a.id == raised.id && a.state == QLatin1String("CLEARED") && a.clearedAt.isValid());
        QVERIFY(cleared);
        QCOMPARE(waitOp(m_core->nfvo().terminate(nsId)).state, OpState::Completed);
        VERIFY_OK(m_core->nfvo().deleteNs(nsId));
    }

    void rollsBackWhenAVnfFailsMidChain()
    {
        // A forwarder whose install script fails, in the middle of a 3-VNF chain.
        auto files = sampleSources("forwarder");
        files["Scripts/install.sh"] = "#!/bin/sh\necho 'broken on purpose' >&2\nexit 3\n";
        for (auto it = files.begin(); it != files.end(); ++it)
            if (it.key().endsWith(".yaml") && it.value().contains("6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01"))
                it.value().replace("6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01", "bad0bad0-0000-4000-8000-000000000001").replace("product_name: Forwarder", "product_name: Broken Forwarder");
        refreshManifest(files);
        QString error, nsId;
        const auto brokenResult = m_core->packages().onboardFile(writeZip(m_tmp.path(), "broken.csar", files));
        VERIFY_OK(brokenResult);
        const QString broken = *brokenResult;
        m_pkg.insert("Broken Forwarder", broken);
        const int vnfsBefore = int(m_core->instances().list().size());
        const int addressesBefore = allocatedAddresses();
        const int routesBefore = int(routerRoutes().size());
        const QString nsd = must(m_core->nsCatalog().add(chainOf("doomed", {"Forwarder", "Broken Forwarder", "Echo Sink"})));
        const OperationRecord op = waitOp(instantiateNs(m_core->nfvo(), nsd, "doomed", &nsId));
        QCOMPARE(op.state, OpState::RolledBack);
        QVERIFY2(op.error.contains("Instantiate 3 VNFs") && op.error.contains("exited with code 3"), qPrintable(op.error));
        QCOMPARE(ns(nsId).state, NsState::NotInstantiated);
        QVERIFY(ns(nsId).vnfInstanceIds.isEmpty());
        QCOMPARE(int(m_core->instances().list().size()), vnfsBefore);   // the two good VNFs went away too
        QCOMPARE(allocatedAddresses(), addressesBefore);
        QCOMPARE(int(routerRoutes().size()), routesBefore);
        VERIFY_OK(m_core->nfvo().deleteNs(nsId));
    }

    // A console killed in the middle of instantiating a network service: on the next start the
    // half-made service is rolled back, its VNFs terminated and deleted, its address released.
    void rollsBackAnInterruptedInstantiationOnRestart()
    {
        QString error;
        const int vnfsBefore = int(m_core->instances().list().size());
        const int addressesBefore = allocatedAddresses();
        // What the interrupted INSTANTIATE_NS left: two running VNFs, recorded in a NOT_INSTANTIATED service.
        QStringList ids;
        for (const char *product : {"Forwarder", "Echo Sink"}) {
            QString id;
            QCOMPARE(waitOp(instantiateVnf(m_core->vnfm(), m_pkg.value(product), QStringLiteral("half-%1").arg(ids.size()), {}, {}, &id)).state,
                     OpState::Completed);
            ids << id;
        }
        const QString nsd = must(m_core->nsCatalog().add(chainOf("half-made", {"Forwarder", "Echo Sink"})));
        NsInstanceRecord half;
        half.id = QStringLiteral("half-made-ns");
        half.name = QStringLiteral("half-made");
        half.nsdId = nsd;
        half.vnfInstanceIds = ids;
        VERIFY_OK(m_core->nsCatalog().insertInstance(half));
        const QStringList report = m_core->nfvo().recover();
        QVERIFY2(report.join('\n').contains("'half-made' was left half-made"), qPrintable(report.join('\n')));
        QTRY_VERIFY_WITH_TIMEOUT(ns(half.id).vnfInstanceIds.isEmpty(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(int(m_core->instances().list().size()), vnfsBefore, 10000);
        QCOMPARE(allocatedAddresses(), addressesBefore);
        VERIFY_OK(m_core->nfvo().deleteNs(half.id));
    }

    // A demo interrupted part-way (some packages onboarded, its service rolled back to an empty
    // record) does not make the next --demo fail: the missing packages are onboarded and the
    // demo chain made again.
    void demoStartsAgainAfterAnInterruptedOne()
    {
        QTemporaryDir dir;
        ConsoleCore core(consoleOptions(dir.filePath("demo"), "127.43", "127.44.0"));
        QString error;
        VERIFY_OK(openCore(core));
        VERIFY_OK(core.packages().onboardFile(samplePackage("echo")));   // what the first run got to
        const QString samples = QFileInfo(samplePackage("echo")).absolutePath();
        QVERIFY2(!core.nsCatalog().importFile(QDir(samples).filePath("../ns/demo-chain.yaml")), "the demo NSD needs the packages the first run did not onboard");
        // One --demo start: what it reports when it is done.
        auto runDemo = [&core, &samples](int timeoutMs) {
            DemoContent demo(core, samples);
            QSignalSpy finished(&demo, &DemoContent::finished);
            demo.start();
            [&]() { QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, timeoutMs); }();
            return finished.isEmpty() ? QString() : finished.first().first().toString();
        };
        QString said = runDemo(60000);
        QVERIFY2(said.startsWith("Demo chain ready"), qPrintable(said));
        QCOMPARE(core.packages().list().size(), qsizetype(QDir(samples).entryList({"*.csar"}).size()));
        // Interrupted while making its chain: what the restart's rollback leaves is an empty "demo" record.
        NsInstanceRecord made = core.nsCatalog().instances().first();
        const QString term = must(core.nfvo().terminate(made.id));
        OperationRecord t;
        QTRY_VERIFY_WITH_TIMEOUT(core.operations().get(term, &t) && isFinal(t.state), 60000);
        QCOMPARE(t.state, OpState::Completed);
        said = runDemo(60000);
        QVERIFY2(said.startsWith("Demo chain ready"), qPrintable(said));
        QCOMPARE(core.nsCatalog().instances().size(), qsizetype(1));
        // Started again with the chain running: everything kept, nothing onboarded twice.
        said = runDemo(30000);
        QVERIFY2(said.contains("kept"), qPrintable(said));
        QCOMPARE(core.packages().list().size(), qsizetype(QDir(samples).entryList({"*.csar"}).size()));
        // Killed while instantiating (found by tst_robustness): the restart's rollback of the
        // half-made service is still running when the demo looks; it waits for it and makes the
        // chain again instead of "keeping" a service that is being torn down.
        NsInstanceRecord half = core.nsCatalog().instances().first();
        half.state = NsState::NotInstantiated;
        QVERIFY(core.nsCatalog().updateInstance(half));
        QVERIFY(core.nfvo().recover().join('\n').contains("half-made"));
        QVERIFY(core.nfvo().recovering());
        said = runDemo(90000);
        QVERIFY2(said.startsWith("Demo chain ready"), qPrintable(said));
        QCOMPARE(core.nsCatalog().instances().size(), qsizetype(1));
        QVERIFY(core.nsCatalog().instances().first().instantiated());
        QVERIFY(!core.nfvo().recovering());
    }

    // Two consoles with their own data directories on one machine, one public pool (as two
    // --demo --data-dir runs have): the second skips the address the first one's chain serves.
    void twoConsolesDoNotClashOnPublicAddresses()
    {
        QTemporaryDir dir;
        const QString samples = QFileInfo(samplePackage("echo")).absolutePath();
        std::vector<std::unique_ptr<ConsoleCore>> cores;
        QStringList addresses;
        for (int i = 0; i < 2; ++i) {
            cores.push_back(std::make_unique<ConsoleCore>(consoleOptions(dir.filePath(QStringLiteral("c%1").arg(i)), QStringLiteral("127.4%1").arg(5 + i), "127.47.0")));
            QString error;
            VERIFY_OK(openCore(*cores.back()));
            DemoContent demo(*cores.back(), samples);
            QSignalSpy finished(&demo, &DemoContent::finished);
            demo.start();
            QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
            const QString said = finished.first().first().toString();
            QVERIFY2(said.startsWith("Demo chain ready"), qPrintable(said));
            QCOMPARE(cores.back()->nsCatalog().instances().size(), qsizetype(1));
            addresses << cores.back()->nsCatalog().instances().first().publicAddress;
        }
        QVERIFY2(addresses[0] != addresses[1], qPrintable(addresses.join(", ")));
        for (const QString &a : addresses)
            QCOMPARE(tcpExchange(a, 9000, "both chains answer"), QByteArray("both chains answer"));
    }
};

QTEST_GUILESS_MAIN(TstNfvo)
#include "tst_nfvo.moc"
