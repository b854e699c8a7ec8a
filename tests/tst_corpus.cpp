// Real VNF Packages and NSD/VNFFGD files written by other projects (../shared/corpus/packages,
// mostly OpenStack Tacker's samples): every valid one onboards with the identity, flavours,
// VDUs, CPs, links, aspects and levels its files declare; every invalid one is refused for its
// own fault. Skips with a message when the corpus folder is not there.
#include "TestSupport.h"
#include "catalog/Database.h"
#include "catalog/PackageCatalog.h"
#include "nfvo/NsdParser.h"
#include "package/PackageReader.h"
#include "package/ToscaMeta.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

namespace {

QString corpusDir() { return QDir(QStringLiteral(VINES_SOURCE_DIR "/../shared/corpus/packages")).absolutePath(); }

QJsonObject manifestEntry(const QString &id)
{
    QFile f(corpusDir() + "/manifest.json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const auto &e : QJsonDocument::fromJson(f.readAll()).array())
        if (e.toObject().value("id").toString() == id)
            return e.toObject();
    return {};
}

QStringList nodes(const QList<Vdu> &vdus)
{
    QStringList out;
    for (const Vdu &v : vdus)
        out << v.nodeName;
    return out;
}

} // namespace

class TstCorpus : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // The corpus replaces VM images it could not carry by a 50-byte dummy, so a manifest digest
    // over such an image cannot match. The archive as shipped must be refused for exactly that
    // image; the same archive with that manifest entry dropped must onboard.
    QString withoutSubstitutedDigests(const QString &id, const QString &zip)
    {
        const QJsonArray substituted = manifestEntry(id).value("substituted").toArray();
        const CsarArchive a = CsarArchive::read(zip);
        QMap<QString, QByteArray> files = a.files();
        bool changed = false;
        for (const QString &name : a.names()) {
            if (!name.endsWith(QLatin1String(".mf")))
                continue;
            QList<QByteArray> blocks = files[name].split('\n');
            QByteArray out;
            for (int i = 0; i < blocks.size(); ++i) {
                bool drop = false;
                for (const auto &s : substituted)
                    if (blocks[i].trimmed() == "Source: " + s.toString().toUtf8())
                        drop = true;
                if (drop) {
                    i += 2;   // Algorithm and Hash lines
                    changed = true;
                    continue;
                }
                out += blocks[i] + '\n';
            }
            files[name] = out;
        }
        return changed ? writeZip(m_tmp.path(), id + "-nosubst.zip", files) : zip;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(corpusDir()).exists())
            QSKIP(qPrintable("no corpus at " + corpusDir() + ": real-package tests skipped"));
        QVERIFY(m_tmp.isValid());
    }

    void validPackagesOnboard_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("descriptorId");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("descriptorVersion");
        QTest::addColumn<bool>("toscaMetadata");
        // flavour -> "VDUs|CPs|VLs|ext points+ext CPs|aspect:max,..|levels (default first)"
        QTest::addColumn<QStringList>("flavours");
        QTest::newRow("V01") << "V01-tacker-helloworld3" << "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177" << "Company" << "Sample VNF" << "1.0" << true
                             << QStringList{"simple|VDU1,VDU2|3|1|1|worker_instance:2|instantiation_level_1,instantiation_level_2"};
        QTest::newRow("V02") << "V02-tacker-getting-started" << "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177" << "Company" << "Sample VNF" << "1.0" << true
                             << QStringList{"simple|VDU1|1|1|0||"};
        QTest::newRow("V03") << "V03-tacker-practical" << "75aaa9fa-9c79-dcf5-bda2-5b98a08c9f54" << "Sample" << "Node" << "1.0" << true
                             << QStringList{"ha|VDU_0,VDU_1|2|1|8||", "scalable|VDU_0,VDU_1,VDU_2|6|1|3|VDU_2:1|r-node-min,r-node-max"};
        QTest::newRow("V04") << "V04-tacker-ansible" << "72700000-0000-0000-0000-202101690304" << "SAMPLE" << "VNF" << "VNF_1.0" << true
                             << QStringList{"default|VDU1|2|1|0|VDU1:49|n-vnf-min,n-vnf-two,n-vnf-max"};
        QTest::newRow("V05") << "V05-tacker-v2-basic-lcms-max" << "b1bb0ce7-ebca-4fa7-95ed-4840d7000000" << "Company" << "Sample VNF" << "1.0" << true
                             << QStringList{"simple|VDU1,VDU2|11|3|5|VDU1_scale:2|instantiation_level_1,instantiation_level_2"};
        QTest::newRow("V06") << "V06-tacker-nometa-single-yaml" << "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177" << "NTT NS lab" << "Sample VNF" << "1.0" << false
                             << QStringList{"simple|VDU1,VDU2|3|1|1|worker_instance:2|instantiation_level_1,instantiation_level_2"};
        QTest::newRow("V07") << "V07-tacker-nometa-with-mf" << "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177" << "Company Provider" << "Sample VNF" << "1.0" << false
                             << QStringList{"simple|VDU1,VDU2|3|1|1|worker_instance:2|instantiation_level_1,instantiation_level_2"};
        QTest::newRow("V08") << "V08-tacker-meta-and-manifest" << "5189df9e-7018-11ea-b97a-000c292ec2ea" << "DemoLabs" << "Demo VNF" << "1.0" << true
                             << QStringList{"simple|VDU1,VDU2|3|1|1|worker_instance:2|instantiation_level_1,instantiation_level_2"};
        QTest::newRow("V09") << "V09-tacker-vnflcm3" << "b1bb0ce7-ebca-4fa7-95ed-4840d7000022" << "NTT NS lab" << "Sample VNF No 22 functional" << "1.0" << true
                             << QStringList{"simple|VDU1|3|1|1||"};
    }
    void validPackagesOnboard()
    {
        QFETCH(QString, id);
        QFETCH(QString, descriptorId);
        QFETCH(QString, provider);
        QFETCH(QString, product);
        QFETCH(QString, descriptorVersion);
        QFETCH(bool, toscaMetadata);
        QFETCH(QStringList, flavours);
        const QString zip = corpusDir() + "/csar/" + id + ".zip";
        QVERIFY2(QFile::exists(zip), qPrintable(zip));

        Result<VnfPackage> r = PackageReader::read(zip);
        const QString path = withoutSubstitutedDigests(id, zip);
        if (path != zip) {
            // Shipped with a digest over a substituted image: refused for that image, precisely.
            QVERIFY(!r.ok());
            QCOMPARE(r.error().location().field, QString("Hash"));
            QVERIFY2(r.errorMessage().contains("digest of Files/images/cirros-0.5.2-x86_64-disk.img is wrong"), qPrintable(r.errorMessage()));
            QVERIFY(r.error().location().line > 0);
            r = PackageReader::read(path);
        }
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const VnfPackage &p = *r;
        QCOMPARE(p.hasToscaMetadata, toscaMetadata);
        QCOMPARE(p.vnfd.descriptorId, descriptorId);
        QCOMPARE(p.vnfd.provider, provider);
        QCOMPARE(p.vnfd.productName, product);
        QCOMPARE(p.vnfd.softwareVersion, id.startsWith("V03") ? QString("10.1") : QString("1.0"));
        QCOMPARE(p.vnfd.descriptorVersion, descriptorVersion);
        QVERIFY(p.vnfd.vnfmInfo.contains("Tacker"));
        QCOMPARE(p.vnfd.flavours.size(), flavours.size());
        for (const QString &spec : flavours) {
            const QStringList f = spec.split('|');
            const DeploymentFlavour *df = p.vnfd.flavour(f[0]);
            QVERIFY2(df, qPrintable("no flavour " + f[0] + " in " + p.vnfd.flavourIds().join(",")));
            QCOMPARE(nodes(df->vdus).join(','), f[1]);
            QCOMPARE(df->vduCps.size(), f[2].toInt());
            QCOMPARE(df->virtualLinks.size(), f[3].toInt());
            QCOMPARE(df->externalPoints.size() + df->extCps.size(), f[4].toInt());
            QStringList aspects;
            for (const ScalingAspect &a : df->aspects)
                aspects << QStringLiteral("%1:%2").arg(a.id).arg(a.maxScaleLevel);
            QCOMPARE(aspects.join(','), f[5]);
            QStringList levels;
            for (const InstantiationLevel &l : df->levels)
                levels << l.id;
            QCOMPARE(levels.join(','), f[6]);
            if (!df->levels.isEmpty())
                QCOMPARE(df->initialLevel(), df->levels.first().id);
            for (const VduCp &cp : df->vduCps)
                QVERIFY2(df->vdu(cp.vdu), qPrintable(cp.nodeName + " bound to unknown " + cp.vdu));
        }
        // Onboarded through the catalog (real SQLite, package store) and read back the same.
        Database db(m_tmp.filePath(id + ".db"));
        VERIFY_OK(db.open());
        PackageCatalog catalog(db, m_tmp.filePath(id + "-store"));
        const Result<QString> pkgId = catalog.onboardFile(path);
        VERIFY_OK(pkgId);
        PackageRecord rec;
        QVERIFY(catalog.get(*pkgId, &rec));
        QCOMPARE(rec.package.vnfd.flavourIds(), p.vnfd.flavourIds());
        QCOMPARE(rec.package.toJson(), p.toJson());
    }

    void scalingFollowsTheDescriptor()
    {
        // helloworld3: VDU2 starts with 1 instance, +1 per worker_instance step, level 2 = 3 instances.
        const Result<VnfPackage> r = PackageReader::read(corpusDir() + "/csar/V01-tacker-helloworld3.zip");
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const DeploymentFlavour &f = r->vnfd.defaultFlavour();
        QCOMPARE(f.vdu("VDU2")->initialInstances, 1);
        QCOMPARE(f.vduInstances(f.scaleLevelsAt("instantiation_level_1")).value("VDU2"), 1);
        QCOMPARE(f.vduInstances(f.scaleLevelsAt("instantiation_level_2")).value("VDU2"), 3);
        QCOMPARE(f.vduInstances(f.scaleLevelsAt("instantiation_level_2")).value("VDU1"), 1);
        QCOMPARE(f.level("instantiation_level_2")->vduInstances.value("VDU2"), 3);   // VduInstantiationLevels agrees
        QCOMPARE(f.aspect("worker_instance")->vduInstancesAt("VDU2", 2), 2);
        QCOMPARE(f.storages.size(), 1);
        QCOMPARE(f.vdu("VDU2")->storages, QStringList{"VirtualStorage"});
        QCOMPARE(f.vdu("VDU1")->swImage, QString("Files/images/cirros-0.5.2-x86_64-disk.img"));   // ../ from Definitions/
    }

    void invalidPackagesRefusedForTheirFault()
    {
        Result<VnfPackage> r = PackageReader::read(corpusDir() + "/csar/X01-tacker-false-hash.zip");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().location().file, QString(ToscaMeta::Path));
        QCOMPARE(r.error().location().field, QString("Hash"));
        QVERIFY2(r.errorMessage().contains("digest of Scripts/install.sh is wrong"), qPrintable(r.errorMessage()));
        QVERIFY(r.errorMessage().contains("63 hex digits"));   // the truncated hash
        QVERIFY(r.error().location().line > 0);

        r = PackageReader::read(corpusDir() + "/csar/X02-tacker-without-vnfd-info.zip");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().location().file, QString("Definitions/main_tosca.yaml"));
        QCOMPARE(r.error().location().field, QString("topology_template.node_templates.VNF.properties"));
        QVERIFY2(r.errorMessage().contains("VNF properties are mandatory"), qPrintable(r.errorMessage()));
        QVERIFY(r.error().location().line > 0);
    }

    void validDescriptorsImport_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("paths");      // "group/path: hop,hop"
        QTest::addColumn<int>("criteria");
        QTest::addColumn<bool>("symmetrical");
        QTest::addColumn<QString>("correlation");
        QTest::newRow("D01") << "D01-vnffgd-sample" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 1 << false << "";
        QTest::newRow("D02") << "D02-vnffgd-legacy" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 1 << false << "";
        QTest::newRow("D03") << "D03-vnffgd-multi-classifier" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 2 << false << "";
        QTest::newRow("D04") << "D04-vnffgd-symmetrical" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 1 << true << "";
        QTest::newRow("D05") << "D05-vnffgd-no-classifier" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 0 << false << "";
        QTest::newRow("D06") << "D06-vnffgd-param" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 1 << false << "";
        QTest::newRow("D07") << "D07-vnffgd-correlation" << QStringList{"VNFFG1/Forwarding_path1: VNFD1,VNFD2"} << 1 << false << "mpls";
        QTest::newRow("D08") << "D08-vnffgd-sample-vnf1" << QStringList{"VNFFG1/Forwarding_path1: VNFD1"} << 1 << false << "";
        QTest::newRow("D09") << "D09-nsd-single-vnffg" << QStringList{"VNFFG1/Forwarding_path1: sample-vnfd1,sample-vnfd2"} << 1 << true << "";
        QTest::newRow("D10") << "D10-nsd-multiple-vnffg"
                             << QStringList{"VNFFG1/Forwarding_path1: sample-vnfd1,sample-vnfd2", "VNFFG2/Forwarding_path2: sample-vnfd1"} << 2 << true << "";
    }
    void validDescriptorsImport()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, paths);
        QFETCH(int, criteria);
        QFETCH(bool, symmetrical);
        QFETCH(QString, correlation);
        NsDescriptor d;
        try {
            d = NsdParser::parseFile(corpusDir() + "/nsd/" + id + ".yaml");
        } catch (const PackageException &e) {
            QFAIL(qPrintable(e.error().toString()));
        }
        QStringList got;
        int nCriteria = 0;
        for (const Vnffg &g : d.vnffgs) {
            QStringList hops;
            for (const NsdHop &h : g.path)
                hops << h.node;
            got << QStringLiteral("%1/%2: %3").arg(g.name, g.pathName, hops.join(','));
            nCriteria += g.criteria.size();
        }
        QCOMPARE(got, paths);
        QCOMPARE(nCriteria, criteria);
        QCOMPARE(d.vnffgs.first().symmetrical, symmetrical);
        QCOMPARE(d.vnffgs.first().correlation, correlation);
        if (criteria > 0)
            QVERIFY(d.vnffgs.first().criteria.first().match.contains("ip_proto"));
        const QStringList protocols = criteria == 0 ? QStringList() : id.startsWith("D03") ? QStringList({"tcp", "udp"}) : QStringList({"tcp"});
        QCOMPARE(d.vnffgs.first().protocols(), protocols);

        // Both export forms read back to the same paths and classifiers.
        for (const QByteArray &text : {NsdParser::toSol001(d), NsdParser::toTacker(d)}) {
            NsDescriptor back;
            try {
                back = NsdParser::parse(text, "export.yaml");
            } catch (const PackageException &e) {
                QFAIL(qPrintable(e.error().toString() + "\n" + QString::fromUtf8(text)));
            }
            QCOMPARE(back.vnffgs.size(), d.vnffgs.size());
            for (int i = 0; i < d.vnffgs.size(); ++i) {
                QCOMPARE(back.vnffgs[i].name, d.vnffgs[i].name);
                QCOMPARE(back.vnffgs[i].path.size(), d.vnffgs[i].path.size());
                QCOMPARE(back.vnffgs[i].symmetrical, d.vnffgs[i].symmetrical);
                QCOMPARE(back.vnffgs[i].correlation, d.vnffgs[i].correlation);
                QCOMPARE(back.vnffgs[i].criteria.size(), d.vnffgs[i].criteria.size());
                for (int c = 0; c < d.vnffgs[i].criteria.size(); ++c)
                    QCOMPARE(back.vnffgs[i].criteria[c].match, d.vnffgs[i].criteria[c].match);
            }
        }
    }

    void invalidDescriptorRefused()
    {
        try {
            NsdParser::parseFile(corpusDir() + "/nsd/Y01-vnffgd-invalid.yaml");
            QFAIL("Y01 accepted");
        } catch (const PackageException &e) {
            QCOMPARE(e.error().field, QString("topology_template.node_templates.Forwarding_path1.properties.policy.criteria[0].blah"));
            QVERIFY(e.error().line > 0);
            QVERIFY(e.error().message.contains("not a classifier match field"));
        }
        // Its VNF1 CP11 -> VNF1 CP12 pair alone is not the fault: without 'blah' it imports, VNF1 as one hop.
        QFile f(corpusDir() + "/nsd/Y01-vnffgd-invalid.yaml");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const NsDescriptor d = NsdParser::parse(f.readAll().replace("blah: tenant1_net", "network_name: tenant1_net"), "Y01-fixed.yaml");
        QCOMPARE(d.vnffgs.first().path.size(), 2);
        QCOMPARE(d.vnffgs.first().path.first().node, QString("VNF1"));
        QCOMPARE(d.vnffgs.first().path.first().cp, QString("CP11"));
        QCOMPARE(d.vnffgs.first().path.first().egressCp, QString("CP12"));
    }

    void checkToolReportsEveryPackage()
    {
        // vines-pack --check: the headless onboarding validation, one verdict per file.
        QProcess p;
        QStringList files;
        for (const QString &f : QDir(corpusDir() + "/csar").entryList({"*.zip"}))
            files << corpusDir() + "/csar/" + f;
        p.start(QStringLiteral(VINES_BIN_DIR "/vines-pack"), QStringList{"--check"} + files);
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 1);   // X01, X02 and the two substituted-image manifests fail
        QVERIFY2(out.contains(QStringLiteral("%1 checked, 4 failed").arg(files.size())), qPrintable(out));
        QVERIFY(out.contains("OK   " + corpusDir() + "/csar/V03-tacker-practical.zip"));
        QVERIFY(out.contains("flavour scalable: 3 VDU"));
        QVERIFY(out.contains("VNF properties are mandatory"));
    }
};

QTEST_GUILESS_MAIN(TstCorpus)
#include "tst_corpus.moc"
