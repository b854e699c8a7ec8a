// VNF Package onboarding checks on real zip files: the sample packages parse completely, and
// every kind of bad package is refused with the file, field and line at fault.
#include "TestSupport.h"
#include "package/PackageReader.h"
#include "package/VnfdParser.h"
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

class TstPackageReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    PackageError refuse(const QMap<QString, QByteArray> &files, const ArchiveLimits &limits = {})
    {
        static int n = 0;
        const QString path = writeZip(m_tmp.path(), QStringLiteral("bad-%1.csar").arg(++n), files);
        const Result<VnfPackage> r = PackageReader::read(path, limits);
        if (r.ok())
            qWarning("package unexpectedly accepted");
        return r.ok() ? PackageError{"<accepted>", {}, 0, {}} : asPackageError(r.error());
    }

    static void replaceIn(QMap<QString, QByteArray> &f, const QString &file, const QByteArray &from, const QByteArray &to)
    {
        QVERIFY2(f.value(file).contains(from), qPrintable(file + ": no " + QString::fromUtf8(from)));
        f[file].replace(from, to);
    }

private Q_SLOTS:
    void samplesParseCompletely_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("nfType");
        QTest::newRow("forwarder") << "forwarder" << "Forwarder" << "forwarder";
        QTest::newRow("firewall") << "firewall" << "Firewall" << "firewall";
        QTest::newRow("monitor") << "monitor" << "Traffic Monitor" << "monitor";
        QTest::newRow("echo") << "echo" << "Echo Sink" << "echo";
    }
    void samplesParseCompletely()
    {
        QFETCH(QString, name);
        QFETCH(QString, product);
        QFETCH(QString, nfType);
        const Result<VnfPackage> r = PackageReader::read(samplePackage(name));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const VnfPackage &p = *r;
        QCOMPARE(p.csarVersion, QString("1.1"));
        QCOMPARE(p.createdBy, QString("Vines"));
        QCOMPARE(p.entryDefinitions, "Definitions/" + name + ".yaml");
        QCOMPARE(p.manifestFile, name + ".mf");
        QVERIFY(p.manifestVerified);
        QCOMPARE(p.vnfd.productName, product);
        QCOMPARE(p.vnfd.provider, QString("Vines"));          // from the node type default
        QCOMPARE(p.vnfd.descriptorVersion, QString("1.0"));
        QCOMPARE(p.vnfd.defaultFlavour().id, QString("simple"));
        QCOMPARE(p.vnfd.vnfmInfo, QStringList{"vines-vnfm"});
        QCOMPARE(p.vnfd.exp.platform, QString("leaf"));
        QCOMPARE(p.vnfd.exp.nfType, nfType);
        QCOMPARE(p.vnfd.exp.config.value("listen_port").toInt(), 9000);
        QCOMPARE(p.vnfd.defaultFlavour().vdus.size(), 1);
        QCOMPARE(p.vnfd.defaultFlavour().vdus[0].numCpus, 1);
        QCOMPARE(p.vnfd.defaultFlavour().vdus[0].memoryMb, 256);
        QCOMPARE(p.vnfd.defaultFlavour().vduCps.size(), 2);
        QCOMPARE(p.vnfd.defaultFlavour().vduCps[0].vdu, name + "_vdu");
        QCOMPARE(p.vnfd.defaultFlavour().virtualLinks.size(), 1);
        QCOMPARE(p.vnfd.defaultFlavour().extCps.size(), 1);
        QCOMPARE(p.vnfd.defaultFlavour().extCps[0].internalVirtualLink, name + "_internal");
        QCOMPARE(p.scripts().size(), 4);
        QVERIFY(p.archiveSha256.size() == 64);
        // JSON round trip keeps everything the catalog stores.
        const VnfPackage back = VnfPackage::fromJson(p.toJson());
        QCOMPARE(back.toJson(), p.toJson());
    }

    void firewallRulesComeThroughAsJson()
    {
        const Result<VnfPackage> r = PackageReader::read(samplePackage("firewall"));
        QVERIFY(r.ok());
        const QJsonArray rules = r->vnfd.exp.config.value("rules").toArray();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules[0].toObject().value("source").toString(), QString("127.66.0.0/16"));
        QCOMPARE(r->vnfd.exp.config.value("next_hop").toString(), QString(""));
    }

    void sizes()
    {
        QCOMPARE(VnfdParser::sizeToMb("512 MB"), 512);
        QCOMPARE(VnfdParser::sizeToMb("2 GiB"), 2048);
        QCOMPARE(VnfdParser::sizeToMb("1048576 KB"), 1024);
        QCOMPARE(VnfdParser::sizeToMb("lots"), -1);
        QCOMPARE(VnfdParser::sizeToMb("5 parsecs"), -1);
    }

    void missingToscaMeta()
    {
        auto f = sampleSources("forwarder");
        f.remove("TOSCA-Metadata/TOSCA.meta");
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("TOSCA-Metadata/TOSCA.meta"));
        QVERIFY2(e.message.contains("not a SOL004 CSAR"), qPrintable(e.message));
    }

    void missingEntryDefinitionsKey()
    {
        auto f = sampleSources("forwarder");
        replaceIn(f, "TOSCA-Metadata/TOSCA.meta", "Entry-Definitions: Definitions/forwarder.yaml\n", "");
        const PackageError e = refuse(f);
        QCOMPARE(e.field, QString("Entry-Definitions"));
        QVERIFY(e.message.contains("missing"));
    }

    void missingEntryFile()
    {
        auto f = sampleSources("forwarder");
        f.remove("Definitions/forwarder.yaml");
        refreshManifest(f);
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("TOSCA-Metadata/TOSCA.meta"));
        QCOMPARE(e.field, QString("Entry-Definitions"));
        QCOMPARE(e.line, 4);
    }

    void yamlSyntaxErrorNamesLine()
    {
        auto f = sampleSources("forwarder");
        QByteArray &y = f["Definitions/forwarder.yaml"];
        QList<QByteArray> lines = y.split('\n');
        lines.insert(11, "        product_name: [unclosed");     // becomes line 12
        y = lines.join('\n');
        refreshManifest(f);
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("Definitions/forwarder.yaml"));
        QVERIFY2(e.message.contains("YAML syntax error"), qPrintable(e.toString()));
        QVERIFY2(e.line >= 12 && e.line <= 13, qPrintable(e.toString()));
    }

    void missingRequiredProperty()
    {
        auto f = sampleSources("forwarder");
        // Neither the node template nor its type's default gives descriptor_id.
        replaceIn(f, "Definitions/forwarder.yaml", "        descriptor_id: 6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01\n", "");
        replaceIn(f, "Definitions/forwarder_types.yaml", "        constraints: [ valid_values: [ 6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01 ] ]\n"
                                                         "        default: 6c6b1f1e-0d2a-4d1b-9a53-5f0f3c1c0a01\n", "");
        refreshManifest(f);
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("Definitions/forwarder.yaml"));
        QCOMPARE(e.field, QString("topology_template.node_templates.forwarder.properties.descriptor_id"));
        const int nodeLine = f.value("Definitions/forwarder.yaml").left(f.value("Definitions/forwarder.yaml").indexOf("    forwarder:\n")).count('\n') + 2;
        QCOMPARE(e.line, nodeLine);   // the node template's first line
        QVERIFY(e.toString().contains(QStringLiteral("forwarder.yaml:%1").arg(nodeLine)));
    }

    void badMemorySize()
    {
        auto f = sampleSources("echo");
        replaceIn(f, "Definitions/echo_df_simple.yaml", "virtual_mem_size: 256 MB", "virtual_mem_size: plenty");
        refreshManifest(f);
        const PackageError e = refuse(f);
        QVERIFY(e.field.endsWith("virtual_memory.virtual_mem_size"));
        QVERIFY(e.line > 0);
        QVERIFY(e.message.contains("plenty"));
    }

    void unknownPlatformAndNfType()
    {
        auto f = sampleSources("echo");
        replaceIn(f, "Definitions/echo.yaml", "platform: leaf", "platform: mainframe");
        refreshManifest(f);
        PackageError e = refuse(f);
        QVERIFY(e.field.endsWith("vnf_exp.platform"));
        QVERIFY(e.message.contains("mainframe"));

        f = sampleSources("echo");
        replaceIn(f, "Definitions/echo.yaml", "nf_type: echo", "nf_type: teleporter");
        refreshManifest(f);
        e = refuse(f);
        QVERIFY(e.field.endsWith("vnf_exp.nf_type"));
    }

    void danglingReferences()
    {
        auto f = sampleSources("forwarder");
        replaceIn(f, "Definitions/forwarder_df_simple.yaml", "- virtual_binding: forwarder_vdu\n        - virtual_link: forwarder_internal\n\n    forwarder_egress",
                  "- virtual_binding: no_such_vdu\n        - virtual_link: forwarder_internal\n\n    forwarder_egress");
        refreshManifest(f);
        const PackageError e = refuse(f);
        QVERIFY2(e.field.endsWith("forwarder_ingress.requirements.virtual_binding"), qPrintable(e.toString()));
        QVERIFY(e.message.contains("no_such_vdu"));
    }

    void missingImport()
    {
        auto f = sampleSources("forwarder");
        f.remove("Definitions/vines_types.yaml");
        refreshManifest(f);
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("Definitions/forwarder.yaml"));
        QCOMPARE(e.field, QString("imports"));
        QCOMPARE(e.line, 7);   // "- vines_types.yaml", after the two ETSI type addresses
    }

    void checksumMismatch()
    {
        auto f = sampleSources("forwarder");
        f["Scripts/start.sh"].append("rm -rf / # tampered\n");   // manifest not refreshed
        const PackageError e = refuse(f);
        QCOMPARE(e.file, QString("forwarder.mf"));   // the file that states the digest, at the entry's Hash line
        QCOMPARE(e.field, QString("Hash"));
        QVERIFY2(e.message.contains("digest of Scripts/start.sh is wrong"), qPrintable(e.message));
        QVERIFY(e.line > 0);
    }

    void zipSlip()
    {
        auto f = sampleSources("forwarder");
        f.insert("../../etc/evil.sh", "#!/bin/sh\n");
        PackageError e = refuse(f);
        QVERIFY2(e.message.contains("zip slip"), qPrintable(e.toString()));
        f.remove("../../etc/evil.sh");
        f.insert("Scripts/../../evil.sh", "x");
        e = refuse(f);
        QVERIFY(e.message.contains("zip slip"));
        f.remove("Scripts/../../evil.sh");
        f.insert("/etc/passwd", "x");
        e = refuse(f);
        QVERIFY(e.message.contains("zip slip"));
    }

    void zipBomb()
    {
        auto f = sampleSources("forwarder");
        f.insert("Files/zeros.bin", QByteArray(64 * 1024 * 1024, '\0'));   // ~1000:1
        refreshManifest(f);
        PackageError e = refuse(f);
        QVERIFY2(e.message.contains("zip bomb"), qPrintable(e.toString()));
        QCOMPARE(e.file, QString("Files/zeros.bin"));
        // Total-size guard, independent of the ratio.
        ArchiveLimits small;
        small.maxTotalBytes = 2 * 1024;
        e = refuse(sampleSources("forwarder"), small);
        QVERIFY(e.message.contains("limit"));
        ArchiveLimits few;
        few.maxEntries = 3;
        e = refuse(sampleSources("forwarder"), few);
        QVERIFY(e.message.contains("entries"));
    }

    void notAZip()
    {
        for (const QByteArray &content : {QByteArray(), QByteArray("hello, I am not a zip"), QByteArray(4096, 'P')}) {
            const QString path = m_tmp.filePath("junk.csar");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
            f.close();
            const Result<VnfPackage> r = PackageReader::read(path);
            QVERIFY(!r.ok());
            QVERIFY(r.errorMessage().contains("zip"));
        }
        QVERIFY(!PackageReader::read(m_tmp.filePath("does-not-exist.csar")).ok());
    }

    void truncatedAndMutatedArchivesNeverCrash()
    {
        QFile in(samplePackage("firewall"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray good = in.readAll();
        QRandomGenerator rng = QRandomGenerator::securelySeeded();
        int refused = 0;
        for (int i = 0; i < 300; ++i) {
            const Result<VnfPackage> r = readPackageBytes(m_tmp.path(), damagedCopy(good, i, rng));
            if (!r.ok()) {
                ++refused;
                QVERIFY(!r.errorMessage().isEmpty());
            }
        }
        QVERIFY(refused > 100);   // most mutations must be caught (CRC, manifest, structure)
    }
};

QTEST_GUILESS_MAIN(TstPackageReader)
#include "tst_package_reader.moc"
