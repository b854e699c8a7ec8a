// VNF Packages in the shapes vendors and other MANO stacks write (tests/data/vendor-vnf: a
// top-level VNFD importing a types file and one file per deployment flavour from a subfolder,
// artifacts named relative to the file that names them, TOSCA.meta artifact blocks, a manifest
// of the entry's name with SHA-384 digests), and every way such a package can be wrong: each
// refused with the file, field and line at fault, never a bare parser message, never a crash.
#include "TestSupport.h"
#include "package/CsarArchive.h"
#include "package/PackageReader.h"
#include "package/ToscaMeta.h"
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

namespace {

using Files = QMap<QString, QByteArray>;

QByteArray hex(const QByteArray &data, QCryptographicHash::Algorithm a) { return QCryptographicHash::hash(data, a).toHex(); }

// TOSCA.meta written as Tacker's samples write it ("Created-by"), with an artifact block whose
// SHA-512 digest is checked, and a SOL004 manifest named after the entry file listing every file.
void seal(Files &f)
{
    f.remove("acme_fw_top.mf");
    f["TOSCA-Metadata/TOSCA.meta"] =
        "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-by: ACME Networks\n"
        "Entry-Definitions: Definitions/acme_fw_top.yaml\n\n"
        "Name: Scripts/install.sh\nContent-Type: application/x-sh\nAlgorithm: SHA-512\nHash: "
        + hex(f.value("Scripts/install.sh"), QCryptographicHash::Sha512) + "\n";
    QByteArray mf = "metadata:\n  vnf_provider_id: ACME Networks\n  vnf_product_name: ACME vFirewall\n"
                    "  vnf_release_date_time: 2026-11-01T00:00:00+00:00\n  vnf_package_version: '2.1'\n\n";
    for (auto it = f.begin(); it != f.end(); ++it)
        mf += "Source: " + it.key().toUtf8() + "\nAlgorithm: SHA-384\nHash: " + hex(it.value(), QCryptographicHash::Sha384) + "\n\n";
    f["acme_fw_top.mf"] = mf;
}

} // namespace

class TstVendorPackages : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    Files m_src;

    Result<VnfPackage> read(const Files &f)
    {
        static int n = 0;
        return PackageReader::read(writeZip(m_tmp.path(), QStringLiteral("vendor-%1.csar").arg(++n), f));
    }
    PackageError refuse(const Files &f)
    {
        const Result<VnfPackage> r = read(f);
        if (r.ok())
            qWarning("package unexpectedly accepted");
        return r.ok() ? PackageError{"<accepted>", {}, 0, {}} : asPackageError(r.error());
    }
    Files with(const QString &file, const QByteArray &from, const QByteArray &to, bool reseal = true)
    {
        Files f = m_src;
        if (!f.value(file).contains(from))
            qFatal("fixture %s has no '%s'", qPrintable(file), from.constData());
        f[file].replace(from, to);
        if (reseal)
            seal(f);
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto src = CsarWriter::readDirectory(QStringLiteral(VINES_SOURCE_DIR "/tests/data/vendor-vnf"));
        VERIFY_OK(src);
        QVERIFY(!src->isEmpty());
        m_src = *src;
        seal(m_src);
    }

    void vendorShapeOnboardsCompletely()
    {
        const Result<VnfPackage> r = read(m_src);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const VnfPackage &p = *r;
        QCOMPARE(p.createdBy, QString("ACME Networks"));            // "Created-by" read as Created-By
        QCOMPARE(p.manifestFile, QString("acme_fw_top.mf"));         // found by the entry's name
        QVERIFY(p.manifestVerified);                                  // every file listed, SHA-384 checked
        QVERIFY(p.findings.isEmpty());
        for (const Artifact &a : p.artifacts)
            QVERIFY2(a.digestChecked || a.path == "acme_fw_top.mf" || a.path == ToscaMeta::Path, qPrintable(a.path));
        const VnfDescriptor &d = p.vnfd;
        QCOMPARE(d.productName, QString("ACME vFirewall"));
        QCOMPARE(d.provider, QString("ACME Networks"));              // from the type's default
        QCOMPARE(d.vnfmInfo, QStringList({"etsivnfm:v2.6.1", "Tacker"}));
        QCOMPARE(d.descriptorVersion, QString("2.1"));
        QCOMPARE(d.flavourIds(), QStringList({"large", "small"}));    // the input's default first
        const DeploymentFlavour &large = *d.flavour("large");
        QCOMPARE(large.file, QString("Definitions/df/acme_fw_df_large.yaml"));
        QCOMPARE(large.description, QString("Load balancer and two to five workers"));
        QCOMPARE(large.vdus.size(), 2);
        QCOMPARE(large.vdu("worker")->initialInstances, 2);
        QCOMPARE(large.vdu("worker")->memoryMb, 4096);
        QCOMPARE(large.vdu("worker")->storages, QStringList{"worker_disk"});
        QCOMPARE(large.storages.first().sizeGb, 20);
        QCOMPARE(large.vdu("lb")->swImage, QString("Files/images/acme-fw.qcow2"));   // ../../ from Definitions/df/
        QCOMPARE(large.externalPoints.size(), 2);
        QCOMPARE(large.externalPoints.first().node, QString("lb_untrusted"));
        QCOMPARE(large.aspect("worker_pool")->maxScaleLevel, 3);
        QCOMPARE(large.defaultLevel, QString("base"));
        QCOMPARE(large.vduInstances(large.scaleLevelsAt("peak")).value("worker"), 5);
        QCOMPARE(large.vduInstances(large.scaleLevelsAt("base")).value("worker"), 2);
        QStringList kept;
        for (const ToscaEntity &e : large.others)
            kept << e.kind + ':' + e.name + ':' + e.type;
        QCOMPARE(kept, QStringList({"node:telemetry:acme.nodes.TelemetryAgent", "policy:spread_workers:acme.policies.Spread"}));
        const DeploymentFlavour &small = *d.flavour("small");
        QCOMPARE(small.vdus.size(), 1);
        QCOMPARE(small.vdu("fw")->memoryMb, 2048);
        QVERIFY(small.aspects.isEmpty());
    }

    void refusedForTheirFault_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<bool>("reseal");
        QTest::addColumn<QString>("expectFile");
        QTest::addColumn<QString>("expectField");
        QTest::addColumn<QString>("expectMessage");
        const QString large = "Definitions/df/acme_fw_df_large.yaml";
        QTest::newRow("invalid-instantiation-level") << large << QByteArray("            peak: { number_of_instances: 5 }")
            << QByteArray("            burst: { number_of_instances: 5 }") << true << large
            << "topology_template.policies[4].worker_levels.properties.levels.burst" << "invalid instantiation level 'burst': flavour large declares base, peak";
        QTest::newRow("level-above-max-scale-level") << large << QByteArray("scale_info: { worker_pool: { scale_level: 3 } }")
            << QByteArray("scale_info: { worker_pool: { scale_level: 4 } }") << true << large
            << "topology_template.policies[3].levels.properties.levels.peak.scale_info.worker_pool.scale_level" << "above its max_scale_level 3";
        QTest::newRow("default-level-unknown") << large << QByteArray("default_level: base") << QByteArray("default_level: normal") << true
            << large << "topology_template.policies[3].levels.properties.default_level" << "default_level 'normal' is not one of the levels";
        QTest::newRow("deltas-for-unknown-aspect") << large << QByteArray("aspect: worker_pool") << QByteArray("aspect: workers_pool") << true
            << large << "topology_template.policies[2].worker_deltas.properties.aspect" << "scaling aspect 'workers_pool' is not declared";
        QTest::newRow("policy-target-not-a-vdu") << large << QByteArray("targets: [ worker ]\n\n    - worker_deltas")
            << QByteArray("targets: [ wrker ]\n\n    - worker_deltas") << true << large
            << "topology_template.policies[1].worker_initial.targets" << "target 'wrker' is not a VDU of flavour large";
        QTest::newRow("max-scale-level-not-a-number") << large << QByteArray("max_scale_level: 3") << QByteArray("max_scale_level: lots") << true
            << large << "topology_template.policies[0].workers.properties.aspects.worker_pool.max_scale_level" << "must be a whole number";
        QTest::newRow("missing-vnfd-info") << "Definitions/acme_fw_top.yaml"
            << QByteArray("        descriptor_id: 0c2a6b1e-acme-4f00-9000-00000000f001\n") << QByteArray() << true << "Definitions/acme_fw_top.yaml"
            << "topology_template.node_templates.ACME_FW.properties.descriptor_id" << "required VNF property descriptor_id is missing";
        QTest::newRow("artifact-relative-to-root") << large << QByteArray("file: ../../Files/images/acme-fw.qcow2")
            << QByteArray("file: Files/images/acme-fw.qcow2") << true << large
            << "topology_template.node_templates.lb.artifacts.image.file" << "is not in the package (paths are relative to Definitions/df/acme_fw_df_large.yaml)";
        QTest::newRow("storage-not-declared") << large << QByteArray("- virtual_storage: worker_disk") << QByteArray("- virtual_storage: disk")
            << true << large << "topology_template.node_templates.worker.requirements.virtual_storage" << "'disk', which is not a virtual storage node";
        QTest::newRow("mapping-to-missing-node") << "Definitions/df/acme_fw_df_small.yaml" << QByteArray("trusted: [ fw_trusted, virtual_link ]")
            << QByteArray("trusted: [ fw_inside, virtual_link ]") << true << "Definitions/df/acme_fw_df_small.yaml"
            << "topology_template.substitution_mappings.requirements.trusted" << "'fw_inside', which is not a node of flavour small";
        QTest::newRow("two-flavours-same-id") << "Definitions/df/acme_fw_df_small.yaml" << QByteArray("flavour_id: small")
            << QByteArray("flavour_id: large") << true << "Definitions/df/acme_fw_df_large.yaml"
            << "topology_template.substitution_mappings.properties.flavour_id" << "deployment flavour 'large' is also defined in";
        QTest::newRow("yaml-syntax-in-flavour") << "Definitions/df/acme_fw_df_small.yaml" << QByteArray("virtual_cpu: { num_virtual_cpu: 2 }")
            << QByteArray("virtual_cpu: { num_virtual_cpu: 2 ") << true << "Definitions/df/acme_fw_df_small.yaml" << "" << "YAML syntax error";
        QTest::newRow("policies-not-a-list") << large << QByteArray("  policies:\n    - workers:") << QByteArray("  policies: 7\n  ignored:\n    - workers:")
            << true << large << "topology_template.policies" << "policies must be a list";
        QTest::newRow("vdu-memory-garbage") << large << QByteArray("virtual_mem_size: 4 GB") << QByteArray("virtual_mem_size: [ 4, GB ]") << true
            << large << "topology_template.node_templates.worker.capabilities.virtual_compute.properties.virtual_memory.virtual_mem_size"
            << "virtual_mem_size must be a size";
        QTest::newRow("meta-hash-wrong") << "Scripts/install.sh" << QByteArray("installing") << QByteArray("installng") << false
            << QString(ToscaMeta::Path) << "Hash" << "SHA-512 digest of Scripts/install.sh is wrong";
        QTest::newRow("manifest-hash-wrong") << "Files/images/acme-fw.qcow2" << QByteArray("0001") << QByteArray("0002") << false
            << "acme_fw_top.mf" << "Hash" << "SHA-384 digest of Files/images/acme-fw.qcow2 is wrong";
        QTest::newRow("meta-key-case-duplicate") << "TOSCA-Metadata/TOSCA.meta" << QByteArray("Created-by: ACME Networks\n")
            << QByteArray("Created-by: ACME Networks\nCREATED-BY: someone\n") << false << QString(ToscaMeta::Path) << "CREATED-BY" << "key repeated";
        QTest::newRow("meta-block-without-name") << "TOSCA-Metadata/TOSCA.meta" << QByteArray("Name: Scripts/install.sh\n")
            << QByteArray() << false << QString(ToscaMeta::Path) << "Content-Type" << "an artifact block must start with Name";
    }
    void refusedForTheirFault()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(bool, reseal);
        QFETCH(QString, expectFile);
        QFETCH(QString, expectField);
        QFETCH(QString, expectMessage);
        const PackageError e = refuse(with(file, from, to, reseal));
        QVERIFY2(e.file.endsWith(expectFile), qPrintable(e.toString()));
        if (!expectField.isEmpty())
            QCOMPARE(e.field, expectField);
        QVERIFY2(e.message.contains(expectMessage), qPrintable(e.toString()));
        QVERIFY2(e.line > 0, qPrintable(e.toString()));
    }

    void withoutToscaMetadata()
    {
        // SOL004 option 2: one YAML at the root (the entry), a same-name .mf with SHA-512 digests.
        Files f;
        f["Files/images/acme-fw.qcow2"] = m_src.value("Files/images/acme-fw.qcow2");
        QByteArray vnfd = m_src.value("Definitions/df/acme_fw_df_small.yaml");
        vnfd.replace("  - ../acme_fw_types.yaml", "  - Definitions/acme_fw_types.yaml")
            .replace("file: ../../Files/images/acme-fw.qcow2", "file: Files/images/acme-fw.qcow2")
            .replace("        flavour_description: One firewall instance",
                     "        flavour_description: One firewall instance\n        descriptor_id: 0c2a6b1e-acme-4f00-9000-0000000000f2\n"
                     "        descriptor_version: '1.0'\n        product_name: ACME vFirewall Lite\n        software_version: '7.4.2'");
        vnfd.replace("tosca_definitions_version: tosca_simple_yaml_1_2\n",
                     "tosca_definitions_version: tosca_simple_yaml_1_2\nmetadata:\n  template_name: acme-fw-lite\n  template_author: ACME Networks\n  template_version: '1.0'\n");
        f["acme_fw_lite.yaml"] = vnfd;
        f["Definitions/acme_fw_types.yaml"] = m_src.value("Definitions/acme_fw_types.yaml");
        QByteArray mf;
        for (auto it = f.begin(); it != f.end(); ++it)
            mf += "Source: " + it.key().toUtf8() + "\nAlgorithm: SHA-512\nHash: " + hex(it.value(), QCryptographicHash::Sha512) + "\n\n";
        f["acme_fw_lite.mf"] = mf;
        Result<VnfPackage> r = read(f);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(!r->hasToscaMetadata);
        QCOMPARE(r->entryDefinitions, QString("acme_fw_lite.yaml"));
        QCOMPARE(r->createdBy, QString("ACME Networks"));
        QCOMPARE(r->manifestFile, QString("acme_fw_lite.mf"));
        QVERIFY(r->manifestVerified);
        QCOMPARE(r->vnfd.productName, QString("ACME vFirewall Lite"));
        QCOMPARE(r->vnfd.flavourIds(), QStringList{"small"});

        // Two YAML files at the root: the entry cannot be told.
        f["other.yaml"] = "tosca_definitions_version: tosca_simple_yaml_1_2\n";
        r = read(f);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains("exactly one YAML file"), qPrintable(r.errorMessage()));
    }

    void unsignedOrPartialManifestIsNotVerified()
    {
        Files f = m_src;
        QByteArray &mf = f["acme_fw_top.mf"];
        const int cut = mf.indexOf("Source: Files/images/acme-fw.qcow2");
        mf = mf.left(cut) + mf.mid(mf.indexOf("Source:", cut + 10));   // drop one entry
        mf += "-----BEGIN CMS-----\nMIIBfake\n-----END CMS-----\n";
        const Result<VnfPackage> r = read(f);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(!r->manifestVerified);
        QVERIFY(r->findings.join('\n').contains("not covered by a digest"));
        QVERIFY(r->findings.join('\n').contains("signature, which the console does not verify"));

        // Complete but signed: the signature cannot be checked, so it is not shown as verified either.
        f = m_src;
        f["acme_fw_top.mf"] += "-----BEGIN CMS-----\nMIIBfake\n-----END CMS-----\n";
        const Result<VnfPackage> s = read(f);
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QVERIFY(!s->manifestVerified);
    }

    void aliasBombsAreRefusedQuickly()
    {
        // Billion laughs and a self-referencing alias in the (Vines) vnf_exp config.
        const QByteArray laughs = "        vnf_exp:\n          platform: leaf\n          nf_type: echo\n          config:\n"
                                  "            a: &a [x, x, x, x, x, x, x, x, x, x]\n            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                  "            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                  "            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                                  "            g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        QElapsedTimer t;
        t.start();
        PackageError e = refuse(with("Definitions/acme_fw_top.yaml", "        software_version: '7.4.2'\n",
                                     "        software_version: '7.4.2'\n" + laughs));
        // Refused when the document is loaded (every document is walked within bounds), at the line
        // where the expansion passes the bound.
        QVERIFY2(e.message.contains("more than 1000000 YAML nodes"), qPrintable(e.toString()));
        QCOMPARE(e.file, QString("Definitions/acme_fw_top.yaml"));
        QVERIFY(e.line > 0);
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        const QByteArray self = "        vnf_exp:\n          platform: leaf\n          nf_type: echo\n          config: &loop\n            again: *loop\n";
        e = refuse(with("Definitions/acme_fw_top.yaml", "        software_version: '7.4.2'\n", "        software_version: '7.4.2'\n" + self));
        QVERIFY2(!e.message.isEmpty() && e.file == "Definitions/acme_fw_top.yaml", qPrintable(e.toString()));
    }

    void manySmallZeroEntriesAreABomb()
    {
        // 48 entries of 1 MiB of zeros, each under the per-entry ratio check's 1 MiB floor: the
        // package as a whole is held to the ratio and refused long before its inflation limit.
        Files f = m_src;
        const QByteArray zeros(1024 * 1024, '\0');
        for (int i = 0; i < 48; ++i)
            f[QStringLiteral("Files/pad/%1.bin").arg(i)] = zeros;
        const PackageError e = refuse(f);
        QVERIFY2(e.message.contains("inflates to more than 200 times"), qPrintable(e.toString()));
    }

    void mutatedDescriptorsNeverEscape()
    {
        // Random edits to the flavour file: each result is accepted or refused with a message
        // naming a file; no exception escapes, no crash.
        QRandomGenerator rng(20261125);
        const QByteArray base = m_src.value("Definitions/df/acme_fw_df_large.yaml");
        const QByteArray alphabet = " :-[]{}&*!|>'\"#\n\t,0123456789abcdefghijklmnopqrstuvwxyz";
        int refused = 0;
        for (int i = 0; i < 300; ++i) {
            QByteArray text = base;
            for (int k = 0; k < 1 + i % 5; ++k) {
                const int at = rng.bounded(text.size());
                switch (rng.bounded(3)) {
                case 0: text[at] = alphabet[rng.bounded(alphabet.size())]; break;
                case 1: text.remove(at, 1 + rng.bounded(12)); break;
                default: text.insert(at, text.mid(rng.bounded(text.size()), 1 + rng.bounded(40))); break;
                }
            }
            Files f = m_src;
            f["Definitions/df/acme_fw_df_large.yaml"] = text;
            seal(f);
            const Result<VnfPackage> r = read(f);
            if (!r.ok()) {
                ++refused;
                QVERIFY2(!r.error().location().file.isEmpty() && !r.errorMessage().isEmpty(), qPrintable(r.errorMessage()));
                QVERIFY2(!r.errorMessage().contains("invalid node") && !r.errorMessage().contains("bad conversion"),
                         qPrintable(r.errorMessage()));
            }
        }
        QVERIFY(refused > 50);
    }
};

QTEST_GUILESS_MAIN(TstVendorPackages)
#include "tst_vendor_packages.moc"
