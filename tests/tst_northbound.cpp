// The console's northbound API from outside, against a real headless vines-console process:
// authentication and roles (401/403 with SOL013 ProblemDetails, nothing changed), invalid
// requests (bad JSON, unknown paths and methods, oversize and non-zip uploads), token revocation
// taking effect at once, vinesctl, and OpenStack Tacker's own client library (Debian
// python3-tackerclient) driving packages, VNF lifecycle, FAILED_TEMP decisions, subscriptions,
// the NFVO and 100 concurrent clients (tests/tacker/drive_api.py).
#include "TestSupport.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace vines;
using namespace vines::test;

namespace {
QString binary(const char *name) { return QStringLiteral(VINES_BIN_DIR "/") + QLatin1String(name); }
}

class TstNorthbound : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QProcess m_console;
    QString m_url, m_dir;
    QByteArray m_rw, m_ro;

    QByteArray tokenCommand(const QStringList &args, int *code = nullptr)
    {
        QProcess p;
        p.start(binary("vines-console"), QStringList{"--data-dir", m_dir} + args);
        p.waitForFinished(30000);
        if (code)
            *code = p.exitCode();
        return p.readAllStandardOutput().trimmed();
    }
    HttpReply call(const QByteArray &verb, const QString &path, const QByteArray &token, const QByteArray &body = {},
                   const QByteArray &type = "application/json")
    {
        QMap<QByteArray, QByteArray> h{{"Content-Type", type}};
        if (!token.isEmpty())
            h.insert("X-Auth-Token", token);
        return httpRaw(verb, m_url + path, body, h, 30000);
    }
    int instanceCount() { return int(call("GET", "/vnflcm/v1/vnf_instances", m_rw).json.toArray().size()); }
    static void verifyProblem(const HttpReply &r, int status, const QString &needle)
    {
        QCOMPARE(r.status, status);
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(o.value("status").toInt(), status);
        QVERIFY2(!o.value("title").toString().isEmpty(), r.body.constData());
        QVERIFY2(o.value("detail").toString().contains(needle), r.body.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.filePath("console");
        m_rw = tokenCommand({"--create-api-token", "ci", "--api-role", "read-write"});
        m_ro = tokenCommand({"--create-api-token", "viewer"});
        QVERIFY2(m_rw.startsWith("vns_") && m_ro.startsWith("vns_") && m_rw != m_ro, m_rw.constData());
        int code = 0;
        tokenCommand({"--create-api-token", "ci"}, &code);
        QCOMPARE(code, 1);   // names are unique
        QFile tokens(QDir(m_dir).filePath("api-tokens.json"));
        QVERIFY(tokens.open(QIODevice::ReadOnly));
        const QByteArray stored = tokens.readAll();
        QVERIFY2(!stored.contains(m_rw.mid(4)) && !stored.contains(m_ro.mid(4)), "tokens are stored as digests only");
        QCOMPARE(QFile::permissions(tokens.fileName()) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        const QString portFile = m_tmp.filePath("port");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", m_tmp.filePath("config"));
        m_console.setProcessEnvironment(env);
        m_console.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_console.start(binary("vines-console"), {"--headless", "--data-dir", m_dir, "--api-port", "0", "--api-port-file", portFile,
                                                  "--api-max-upload", "2", "--stop-vnfs-on-exit"});
        QVERIFY(m_console.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(portFile), 30000);
        QFile pf(portFile);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        m_url = QStringLiteral("http://127.0.0.1:%1").arg(pf.readAll().trimmed().toInt());
        QTRY_VERIFY_WITH_TIMEOUT(call("GET", "/vnflcm/v1/vnf_instances", m_ro).status == 200, 10000);
    }

    void cleanupTestCase()
    {
        if (m_console.state() == QProcess::Running) {
            ::kill(pid_t(m_console.processId()), SIGTERM);
            QVERIFY(m_console.waitForFinished(60000));
            QCOMPARE(m_console.exitCode(), 0);
        }
    }

    void authenticationAndRoles()
    {
        verifyProblem(call("GET", "/vnflcm/v1/vnf_instances", {}), 401, "X-Auth-Token");
        verifyProblem(call("GET", "/vnfpkgm/v1/vnf_packages", "vns_forged"), 401, "not a token of this console");
        QCOMPARE(call("GET", "/vnflcm/v1/vnf_instances", {}).body.isEmpty(), false);
        const int before = instanceCount();
        const HttpReply denied = call("POST", "/vnfpkgm/v1/vnf_packages", m_ro, "{}");
        verifyProblem(denied, 403, "read-only");
        QCOMPARE(denied.status, 403);
        verifyProblem(call("POST", "/vnfpkgm/v1/vnf_packages", {}, "{}"), 401, "X-Auth-Token");
        QCOMPARE(call("GET", "/vnfpkgm/v1/vnf_packages", m_rw).json.toArray().size(), 0);   // nothing was created
        QCOMPARE(instanceCount(), before);
        const HttpReply ok = call("GET", "/vnfpkgm/v1/vnf_packages", m_ro);
        QCOMPARE(ok.status, 200);
    }

    void invalidRequestsChangeNothing()
    {
        verifyProblem(call("POST", "/vnfpkgm/v1/vnf_packages", m_rw, "{\"userDefinedData\": "), 400, "malformed JSON");
        verifyProblem(call("POST", "/vnfpkgm/v1/vnf_packages", m_rw, "{\"userDefinedData\": 7}"), 400, "userDefinedData");
        verifyProblem(call("GET", "/vnflcm/v1/nothing_here", m_rw), 404, "nothing_here");
        verifyProblem(call("PUT", "/vnflcm/v1/vnf_instances", m_rw, "{}"), 405, "PUT");
        verifyProblem(call("GET", "/vnflcm/v1/vnf_instances/unknown-id", m_rw), 404, "unknown-id");
        verifyProblem(call("GET", "/vnflcm/v1/vnf_instances?filter=(like,a,b)", m_rw), 400, "filter");
        const HttpReply made = call("POST", "/vnfpkgm/v1/vnf_packages", m_rw, "{}");
        QCOMPARE(made.status, 201);
        const QString id = made.object().value("id").toString();
        verifyProblem(call("PUT", "/vnfpkgm/v1/vnf_packages/" + id + "/package_content", m_rw, "not a zip at all", "application/zip"),
                      400, "not a ZIP");
        verifyProblem(call("PUT", "/vnfpkgm/v1/vnf_packages/" + id + "/package_content", m_rw, "PK..", "image/png"), 415, "application/zip");
        verifyProblem(call("PUT", "/vnfpkgm/v1/vnf_packages/" + id + "/package_content", m_rw, "PK" + QByteArray(3 * 1024 * 1024, 'x'),
                           "application/zip"),
                      413, "exceeds");
        // Still there, still CREATED, nothing onboarded.
        const HttpReply after = call("GET", "/vnfpkgm/v1/vnf_packages/" + id, m_rw);
        QCOMPARE(after.object().value("onboardingState").toString(), QStringLiteral("CREATED"));
        // A zip that is no VNF package: refused when processed, the resource says why and stays CREATED.
        QMap<QString, QByteArray> junk{{"hello.txt", "hello"}};
        QFile zf(writeZip(m_tmp.path(), "junk.zip", junk));
        QVERIFY(zf.open(QIODevice::ReadOnly));
        QCOMPARE(call("PUT", "/vnfpkgm/v1/vnf_packages/" + id + "/package_content", m_rw, zf.readAll(), "application/zip").status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(call("GET", "/vnfpkgm/v1/vnf_packages/" + id, m_rw).object().contains("onboardingFailureDetails"), 15000);
        const QJsonObject refused = call("GET", "/vnfpkgm/v1/vnf_packages/" + id, m_rw).object();
        QCOMPARE(refused.value("onboardingState").toString(), QStringLiteral("CREATED"));
        QVERIFY2(!refused.value("onboardingFailureDetails").toObject().value("detail").toString().isEmpty(), "the refusal says why");
        QCOMPARE(call("DELETE", "/vnfpkgm/v1/vnf_packages/" + id, m_rw).status, 204);
        QCOMPARE(call("GET", "/vnfpkgm/v1/vnf_packages", m_rw).json.toArray().size(), 0);
    }

    void revokedTokenIsRefusedAtOnce()
    {
        const QByteArray temp = tokenCommand({"--create-api-token", "temporary", "--api-role", "rw"});
        QCOMPARE(call("GET", "/vnflcm/v1/vnf_instances", temp).status, 200);   // made by another process, honoured at once
        const QByteArray listed = tokenCommand({"--list-api-tokens"});
        QVERIFY2(listed.contains("temporary\tread-write") && !listed.contains(temp), listed.constData());
        int code = -1;
        tokenCommand({"--revoke-api-token", "temporary"}, &code);
        QCOMPARE(code, 0);
        verifyProblem(call("GET", "/vnflcm/v1/vnf_instances", temp), 401, "unknown or revoked");
    }

    void tackerClientDrivesTheApi()
    {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {"-c", "import tackerclient.v1_0.client, requests"});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
            QSKIP("python3-tackerclient is not installed (scripts/install-deps installs it)");
        // A package whose install script fails: its instantiation halts in FAILED_TEMP.
        auto f = sampleSources("echo");
        f["Definitions/echo.yaml"].replace("3e2d1c0b-9a8f-4e7d-6c5b-4a3928171604", "broken-echo-0001");
        f["Scripts/install.sh"] = "#!/bin/sh\necho 'cannot install: licence server unreachable'\nexit 7\n";
        refreshManifest(f);
        const QString broken = writeZip(m_tmp.path(), "broken.csar", f);
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(VINES_SOURCE_DIR "/tests/tacker/drive_api.py"), m_url,
                                                     QString::fromLatin1(m_rw), QString::fromLatin1(m_ro), packageDir(), broken,
                                                     QStringLiteral(VINES_SOURCE_DIR "/resources/ns/demo-chain.yaml")});
        QVERIFY(p.waitForFinished(280000));
        const QString out = QString::fromUtf8(p.readAll());
        qInfo("%s", qPrintable(out));
        QVERIFY2(p.exitCode() == 0 && out.contains("10 passed, 0 failed"), qPrintable(out));
    }

    void vinesctl()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("VINES_API_URL", m_url);
        env.insert("VINES_API_TOKEN", QString::fromLatin1(m_ro));
        p.setProcessEnvironment(env);
        p.start(binary("vinesctl"), {"--json", "packages", "list"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray pkgs = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QCOMPARE(pkgs.size(), call("GET", "/vnfpkgm/v1/vnf_packages", m_rw).json.toArray().size());
        p.start(binary("vinesctl"), {"vnfs", "create", "whatever"});   // read-only token: refused, says why
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("HTTP 403"));
        if (pkgs.isEmpty())
            QSKIP("no package onboarded (the tackerclient step was skipped)");
        env.insert("VINES_API_TOKEN", QString::fromLatin1(m_rw));
        p.setProcessEnvironment(env);
        const QString echoVnfd = QStringLiteral("3e2d1c0b-9a8f-4e7d-6c5b-4a3928171604");   // the sample echo's VNFD id
        p.start(binary("vinesctl"), {"vnfs", "create", echoVnfd, "ctl-echo"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString id = QString::fromUtf8(p.readAllStandardOutput().trimmed());
        auto ctl = [&](const QStringList &args) {
            p.start(binary("vinesctl"), args);
            const bool done = p.waitForFinished(120000);
            const QByteArray out = p.readAllStandardOutput();
            if (!done || p.exitCode() != 0)
                qWarning("vinesctl %s: %s%s", qPrintable(args.join(' ')), p.readAllStandardError().constData(), out.constData());
            return done && p.exitCode() == 0 ? out : QByteArray("FAILED");
        };
        QVERIFY(ctl({"--wait", "vnfs", "instantiate", id, "simple"}) != "FAILED");
        // Its platform agent dies: the EMS raises an alarm, the FM API shows it, an operator acknowledges it.
        const QJsonObject vnf = call("GET", "/vnflcm/v1/vnf_instances/" + id, m_rw).object();
        const QString vm = vnf.value("instantiatedVnfInfo").toObject().value("vnfcResourceInfo").toArray().first().toObject()
                               .value("computeResource").toObject().value("resourceId").toString();
        QVERIFY(!vm.isEmpty());
        const QByteArray servers = QFile::encodeName(m_dir) + "/local-vim/servers/" + vm.toUtf8();
        qint64 leafPid = 0;
        for (const QString &entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile f("/proc/" + entry + "/cmdline");
            if (entry.toLongLong() > 0 && f.open(QIODevice::ReadOnly) && f.readAll().contains(servers))
                leafPid = entry.toLongLong();
        }
        QVERIFY2(leafPid > 0, servers.constData());
        ::kill(pid_t(leafPid), SIGKILL);
        QJsonObject raised;
        QTRY_VERIFY_WITH_TIMEOUT([&]() {
            for (const QJsonValue &a : call("GET", "/vnffm/v1/alarms?filter=(eq,managedObjectId," + id + ")", m_ro).json.toArray())
                if (a.toObject().value("perceivedSeverity").toString() != QLatin1String("CLEARED"))
                    raised = a.toObject();
            return !raised.isEmpty();
        }(), 30000);
        QCOMPARE(raised.value("ackState").toString(), QStringLiteral("UNACKNOWLEDGED"));
        QVERIFY(ctl({"alarms", "list"}).contains(raised.value("id").toString().toUtf8()));
        QVERIFY(ctl({"alarms", "ack", raised.value("id").toString()}) != "FAILED");
        QCOMPARE(call("GET", "/vnffm/v1/alarms/" + raised.value("id").toString(), m_ro).object().value("ackState").toString(),
                 QStringLiteral("ACKNOWLEDGED"));
        verifyProblem(call("PATCH", "/vnffm/v1/alarms/no-such-alarm", m_rw, "{\"ackState\":\"ACKNOWLEDGED\"}"), 404, "no-such-alarm");
        QVERIFY(ctl({"--wait", "vnfs", "heal", id}) != "FAILED");   // heal brings the agent back
        QCOMPARE(call("GET", "/vnflcm/v1/vnf_instances/" + id, m_rw).object().value("instantiatedVnfInfo").toObject().value("vnfState").toString(),
                 QStringLiteral("STARTED"));
        for (const QStringList &args : {QStringList{"--wait", "vnfs", "stop", id}, QStringList{"--wait", "vnfs", "terminate", id},
                                        QStringList{"vnfs", "delete", id}})
            QVERIFY(ctl(args) != "FAILED");
        QCOMPARE(call("GET", "/vnflcm/v1/vnf_instances/" + id, m_rw).status, 404);
        p.start(binary("vinesctl"), {"ops", "list"});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.readAllStandardOutput().contains("api:ci"));
    }

    // TLS on request: a second console serves HTTPS only; vinesctl reaches it (certificate not
    // verified: self-signed), plain HTTP on that port gets no answer, and a bad key file is named.
    void servesHttpsWhenAsked()
    {
        const QString cert = m_tmp.filePath("api.crt"), key = m_tmp.filePath("api.key");
        QCOMPARE(QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                                               "-keyout", key, "-out", cert}), 0);
        const QString dir = m_tmp.filePath("tls-console"), portFile = m_tmp.filePath("tls-port");
        QProcess token;
        token.start(binary("vines-console"), {"--data-dir", dir, "--create-api-token", "tls", "--api-role", "ro"});
        QVERIFY(token.waitForFinished(30000));
        const QByteArray t = token.readAllStandardOutput().trimmed();
        QProcess bad;
        bad.start(binary("vines-console"), {"--headless", "--data-dir", dir, "--api-port", "0", "--api-tls-cert", cert, "--api-tls-key", cert});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY2(bad.readAllStandardError().contains("tls.key"), "a certificate given as the key is refused, naming tls.key");
        QProcess tls;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", m_tmp.filePath("config-tls"));
        tls.setProcessEnvironment(env);
        tls.start(binary("vines-console"), {"--headless", "--data-dir", dir, "--api-port", "0", "--api-port-file", portFile,
                                            "--api-tls-cert", cert, "--api-tls-key", key, "--stop-vnfs-on-exit"});
        QVERIFY(tls.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(portFile), 30000);
        QFile pf(portFile);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const QString port = QString::fromLatin1(pf.readAll().trimmed());
        QProcess ctl;
        ctl.start(binary("vinesctl"), {"--insecure", "--url", "https://127.0.0.1:" + port, "--token", QString::fromLatin1(t), "--json", "vnfs", "list"});
        QVERIFY(ctl.waitForFinished(30000));
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());
        QVERIFY(QJsonDocument::fromJson(ctl.readAllStandardOutput()).isArray());
        QMap<QByteArray, QByteArray> h{{"X-Auth-Token", t}};
        QVERIFY(httpRaw("GET", "http://127.0.0.1:" + port + "/vnflcm/v1/vnf_instances", {}, h, 3000).status != 200);
        ::kill(pid_t(tls.processId()), SIGTERM);
        QVERIFY(tls.waitForFinished(30000));
        QCOMPARE(tls.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TstNorthbound)
#include "tst_northbound.moc"
