// The console's own documents judged by a parser nobody here wrote: OpenStack tosca-parser
// (Debian python3-tosca-parser, run through tests/tosca/validate.py, which serves the type
// definitions Debian's build lacks). The sample VNF Packages, NSD exports in SOL001 form and
// VNFFGD exports in Tacker's form must all be accepted; a broken document must not be.
#include "TestSupport.h"
#include "nfvo/NsdParser.h"
#include "package/CsarArchive.h"
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

class TstIndependentParser : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    // Runs the validator; returns its output, exit code in *code.
    QString validate(const QStringList &files, int *code)
    {
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral(VINES_SOURCE_DIR "/tests/tosca/validate.py")} + files);
        if (!p.waitForFinished(120000))
            qWarning("validator did not finish");
        *code = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    }
    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_tmp.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(name));
        f.write(text);
        return f.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        int code = 0;
        const QString out = validate({}, &code);
        if (code == 77 || !QFile::exists("/usr/bin/python3"))
            QSKIP(qPrintable("tosca-parser not available (install python3-tosca-parser): " + out));
    }

    void samplePackagesAreValidTosca()
    {
        QStringList files;
        for (const QString &n : {"echo", "firewall", "forwarder", "monitor", "router"})
            files << samplePackage(n);
        int code = -1;
        const QString out = validate(files, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(out.count(QStringLiteral("OK   ")), files.size());
    }

    void exportsAreValidTosca()
    {
        // A designed chain with a classifier and an ingress/egress pair, in both forms.
        NsDescriptor d;
        d.descriptorId = "5d1f0c2e-0000-4c3d-9e2f-1a0b9c8d7e99";
        d.name = "exported";
        d.designer = "Vines";
        d.vnfs << NsdVnf{"fw", "0f4e7a52-54d9-4a0e-8f7e-2b9c1b3f5a02", "Firewall", {}};
        d.vnfs << NsdVnf{"sink", "3e2d1c0b-9a8f-4e7d-6c5b-4a3928171604", "Echo Sink", {}};
        for (NsdVnf &v : d.vnfs) {
            v.provider = "Vines";
            v.descriptorVersion = "1.0";
            v.softwareVersion = "1.0.0";
            v.flavourId = "simple";
            v.flavourDescription = "One Leaf VDU";
            v.vnfmInfo = {"vines-vnfm"};
        }
        Vnffg g{"sfc", "web traffic", "web_path", {NsdHop{"fw", "fw_ingress", "fw_egress"}, NsdHop{"sink", "sink_ingress", {}}},
                "ACL", {FlowCriterion{"web", {{"ip_proto", "6"}, {"destination_port_range", "80-1024"}, {"ip_dst_prefix", "10.0.0.0/24"}}}},
                true, "mpls"};
        d.vnffgs << g;
        QStringList files{write("exported-sol001.yaml", NsdParser::toSol001(d)), write("exported-tacker.yaml", NsdParser::toTacker(d)),
                          QStringLiteral(VINES_SOURCE_DIR "/resources/ns/demo-chain.yaml"),
                          QStringLiteral(VINES_SOURCE_DIR "/resources/ns/tacker-vnffgd.yaml")};
        // The corpus's VNFFGDs, re-exported in their own (Tacker) form, when the corpus is there. (Their
        // SOL001 form needs each VNF's VNFD identity, which only the VNF catalog can supply.)
        const QString corpus = QStringLiteral(VINES_SOURCE_DIR "/../shared/corpus/packages/nsd");
        for (const QString &f : QDir(corpus).entryList({"D*.yaml"})) {
            const NsDescriptor c = NsdParser::parseFile(corpus + '/' + f);
            files << write("tacker-" + f, NsdParser::toTacker(c));
        }
        int code = -1;
        const QString out = validate(files, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(out.count(QStringLiteral("OK   ")), files.size());
    }

    void theJudgeCanSayNo()
    {
        // The same parser refuses a sample package whose VDU lost a required property, and an
        // NSD naming an undefined type, so the passes above mean something.
        QString error;
        QMap<QString, QByteArray> f = CsarArchive::read(samplePackage("echo")).files();
        f["Definitions/echo_df_simple.yaml"].replace("        name: echo-vdu\n", "");
        refreshManifest(f);
        QByteArray nsd = NsdParser::toSol001(NsdParser::parseFile(QStringLiteral(VINES_SOURCE_DIR "/resources/ns/demo-chain.yaml")));
        nsd.replace("type: tosca.nodes.nfv.NFP", "type: tosca.nodes.nfv.NotAType");
        int code = -1;
        const QString out = validate({writeZip(m_tmp.path(), "broken.csar", f), write("broken-nsd.yaml", nsd)}, &code);
        QCOMPARE(code, 1);
        QCOMPARE(out.count(QStringLiteral("FAIL ")), 2);
        QVERIFY2(out.contains("name"), qPrintable(out));
        QVERIFY2(out.contains("NotAType"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstIndependentParser)
#include "tst_independent_parser.moc"
