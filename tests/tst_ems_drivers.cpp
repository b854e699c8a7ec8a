// The EMS's extended drivers against real peers: the generic-ssh driver against a real OpenSSH
// server the test starts on a loopback port (commands, SFTP upload/download, host key pinning
// and known_hosts, refused keys), the Click driver against a scripted ControlSocket peer, and
// both end to end through a real vines-ems process.
#include "TestSupport.h"
#include "drivers/ClickDriver.h"
#include "drivers/SshDriver.h"
#include "ems/EmsClient.h"
#include "drivers/SshSession.h"
#include <QDir>
#include <QElapsedTimer>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

using namespace vines;
using namespace vines::ems;
using namespace vines::test;

namespace {

DriverResult await(const std::function<void(DriverCallback)> &call, int timeoutMs = 20000)
{
    DriverResult out = driverError(0, "test_timeout", "no answer");
    bool done = false;
    call([&](const DriverResult &r) { out = r; done = true; });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < timeoutMs)
        QTest::qWait(5);
    return out;
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// A scripted Click ControlSocket peer (the protocol of Click's ControlSocket element).
class ClickPeer : public QObject {
public:
    QTcpServer server;
    QHash<QString, QByteArray> handlers{{"version", "2.1.0\n"}, {"in.count", "42\n"}, {"in.byte_count", "4200\n"},
                                        {"config", "FromDevice(eth0) -> Queue -> ToDevice(eth1);\n"}};
    QList<QPair<QString, QByteArray>> writes;   // handler, data
    QByteArray banner = "Click::ControlSocket/1.3\r\n";

    ClickPeer()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                s->write(banner);
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, s, [this, s, buf]() {
                    *buf += s->readAll();
                    serve(s, *buf);
                });
            }
        });
    }
    quint16 port() const { return server.serverPort(); }

    void serve(QTcpSocket *s, QByteArray &buf)
    {
        for (;;) {
            const int nl = buf.indexOf('\n');
            if (nl < 0)
                return;
            const QByteArray line = buf.left(nl).trimmed();
            const QList<QByteArray> parts = line.split(' ');
            const QByteArray cmd = parts.value(0).toUpper();
            const QString h = QString::fromUtf8(parts.value(1));
            if (cmd == "WRITEDATA") {
                const int n = parts.value(2).toInt();
                if (buf.size() < nl + 1 + n)
                    return;
                writes << qMakePair(h, buf.mid(nl + 1, n));
                buf.remove(0, nl + 1 + n);
                s->write("200 Write handler '" + h.toUtf8() + "' OK\r\n");
                continue;
            }
            buf.remove(0, nl + 1);
            if (cmd == "READ") {
                if (!handlers.contains(h)) {
                    s->write("511 No handler named '" + h.toUtf8() + "'\r\n");
                    continue;
                }
                const QByteArray d = handlers.value(h);
                s->write("200-Read handler '" + h.toUtf8() + "'\r\n200 OK\r\nDATA " + QByteArray::number(d.size()) + "\r\n" + d);
            } else if (cmd == "WRITE") {
                writes << qMakePair(h, parts.mid(2).join(' '));
                s->write("200 Write handler '" + h.toUtf8() + "' OK\r\n");
            } else {
                s->write("500 Syntax error\r\n");
            }
        }
    }
};

} // namespace

class TstEmsDrivers : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QProcess m_sshd;
    quint16 m_sshPort = 0;
    QString m_fingerprint, m_user, m_hostPub;
    QThreadPool m_pool;

    PlatformCredential cred() const
    {
        PlatformCredential c;
        c.name = "lab";
        c.username = m_user;
        c.privateKeyFile = m_tmp.filePath("client_key");
        c.hostKeySha256 = m_fingerprint;
        return c;
    }
    QJsonObject sshOptions() const
    {
        return {{"installDir", m_tmp.filePath("remote/opt/vnf")},
                {"commands", QJsonObject{
                    {"install", "chmod +x {installDir}/Files/bin/nf.sh"},
                    {"start", "cd {installDir} && { nohup Files/bin/nf.sh > nf.log 2>&1 < /dev/null & echo $! > nf.pid; }"},
                    {"stop", "kill $(cat {installDir}/nf.pid) && rm -f {installDir}/nf.pid"},
                    {"status", "test -f {installDir}/nf.pid && kill -0 $(cat {installDir}/nf.pid) 2>/dev/null || exit 3"},
                    {"metrics", "echo packetsIn 7; echo cpuPercent 1.5; echo not-a-metric line here"},
                    {"logs", "tail -n {lines} {installDir}/nf.log"}}}};
    }
    std::unique_ptr<SshDriver> sshDriver(const PlatformCredential &c, quint16 port = 0)
    {
        return std::make_unique<SshDriver>(&m_pool, std::make_shared<SshLink>("127.0.0.1", port ? port : m_sshPort, c), sshOptions(), 10000);
    }

    // Established client connections to a local port, from the kernel's table (IPv4 loopback).
    static int establishedTo(quint16 port)
    {
        QFile f("/proc/net/tcp");
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        int n = 0;
        const QByteArray remote = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.simplified().split(' ');
            if (cols.size() > 3 && cols.at(2).endsWith(remote) && cols.at(3) == "01")
                ++n;
        }
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_user = QString::fromLocal8Bit(getpwuid(getuid())->pw_name);
        const QString d = m_tmp.path();
        QVERIFY(QProcess::execute("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", d + "/host_key"}) == 0);
        QVERIFY(QProcess::execute("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", d + "/client_key"}) == 0);
        QVERIFY(QProcess::execute("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", d + "/stranger_key"}) == 0);
        QFile::copy(d + "/client_key.pub", d + "/authorized_keys");
        m_fingerprint = run("ssh-keygen", {"-lf", d + "/host_key.pub"}).section(' ', 1, 1);
        QVERIFY(m_fingerprint.startsWith("SHA256:"));
        QFile hp(d + "/host_key.pub");
        QVERIFY(hp.open(QIODevice::ReadOnly));
        m_hostPub = QString::fromUtf8(hp.readAll()).section(' ', 0, 1);
        {
            QTcpServer probe;   // a free port for sshd
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_sshPort = probe.serverPort();
        }
        QFile cfg(d + "/sshd_config");
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_key\nAuthorizedKeysFile %2/authorized_keys\n"
                                 "PidFile %2/sshd.pid\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                                 "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin yes\n"
                                 "Subsystem sftp internal-sftp\nLogLevel ERROR\n"
                                 // Explicit, not the distribution's defaults: a test run must not depend on how many
                                 // unauthenticated connections sshd tolerates. One session channel per connection
                                 // (OpenSSH allows 10): the EMS keeps one connection per VNF and must give each
                                 // channel back (the server's close awaited) before it opens the next; a driver that
                                 // opens them faster than sshd ends them is refused "no more sessions" here at once.
                                 "MaxStartups 50:30:100\nMaxSessions 1\nMaxAuthTries 6\n").arg(m_sshPort).arg(d).toUtf8());
        cfg.close();
        if (getuid() == 0)
            QDir().mkpath("/run/sshd");   // sshd's privilege separation directory
        m_sshd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_sshd.start("/usr/sbin/sshd", {"-D", "-e", "-f", d + "/sshd_config"});
        QVERIFY2(m_sshd.waitForStarted(5000), "cannot start /usr/sbin/sshd (package openssh-server)");
        QTRY_VERIFY_WITH_TIMEOUT([&]() { QTcpSocket s; s.connectToHost("127.0.0.1", m_sshPort); return s.waitForConnected(200); }(), 10000);
    }

    // A platform that drops SSH connections is not hammered (sshd's MaxStartups): after a failed
    // connect the session reports the last failure until its back-off has passed.
    void sshReconnectsBackOff()
    {
        QTcpServer dropper;   // accepts and hangs up, like an sshd over MaxStartups
        QVERIFY(dropper.listen(QHostAddress::LocalHost, 0));
        int accepted = 0;
        connect(&dropper, &QTcpServer::newConnection, this, [&]() {
            while (QTcpSocket *c = dropper.nextPendingConnection()) {
                ++accepted;
                c->close();
                c->deleteLater();
            }
        });
        PlatformCredential cred;
        cred.username = "nobody";
        SshSession session("127.0.0.1", dropper.serverPort(), cred, 2000);
        // The blocking connect runs on a worker thread while this one accepts.
        auto attempt = [&]() -> SshError {
            SshError e;
            QFuture<bool> f = QtConcurrent::run([&]() { return session.connect(&e); });
            QElapsedTimer t;
            t.start();
            while (!f.isFinished() && t.elapsed() < 10000)
                QTest::qWait(10);
            return e;
        };
        SshError first = attempt();
        QVERIFY(!first.message.isEmpty());
        QTRY_COMPARE(accepted, 1);
        const SshError second = attempt();   // at once: no new connection, the same reason
        QVERIFY2(second.message.contains("next attempt in"), qPrintable(second.message));
        QCOMPARE(second.code, first.code);
        QTest::qWait(100);
        QCOMPARE(accepted, 1);
        QTest::qWait(300);   // past the first back-off (0.2 s): a real attempt again
        attempt();
        QTRY_COMPARE(accepted, 2);
    }

    void cleanupTestCase()
    {
        m_sshd.terminate();
        m_sshd.waitForFinished(3000);
    }

    void sshInstallsRunsAndConfiguresAnNf()
    {
        auto d = sshDriver(cred());
        NfBundle nf;
        nf.name = "sleeper";
        nf.type = "exec";
        nf.config = {{"greeting", "hello"}};
        nf.files = {{"Files/bin/nf.sh", "#!/bin/sh\necho ssh nf up\nexec sleep 300\n"}, {"Files/data/readme.txt", "data"}};
        DriverResult r = await([&](auto cb) { d->install(nf, cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->value("files").toInt(), 2);
        QFile uploaded(m_tmp.filePath("remote/opt/vnf/Files/data/readme.txt"));
        QVERIFY(uploaded.open(QIODevice::ReadOnly));
        QCOMPARE(uploaded.readAll(), QByteArray("data"));   // really went over SFTP into the directory tree
        QVERIFY(QFileInfo(m_tmp.filePath("remote/opt/vnf/Files/bin/nf.sh")).isExecutable());

        r = await([&](auto cb) { d->status(cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->value("nfState").toString(), QString("stopped"));
        QCOMPARE(r->value("hostKey").toString(), m_fingerprint);
        r = await([&](auto cb) { d->start(cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        r = await([&](auto cb) { d->sample(cb); });
        QCOMPARE(r->value("nfState").toString(), QString("running"));
        QCOMPARE(r->value("metrics").toObject().value("packetsIn").toDouble(), 7.0);
        QCOMPARE(r->value("metrics").toObject().value("cpuPercent").toDouble(), 1.5);
        QVERIFY(!r->value("metrics").toObject().contains("not-a-metric"));
        QTRY_VERIFY(await([&](auto cb) { d->logs(10, cb); }).valueOr({}).value("lines").toArray().contains(QJsonValue("ssh nf up")));

        r = await([&](auto cb) { d->configure({{"greeting", "bonjour"}, {"rate", 5}}, cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        r = await([&](auto cb) { d->readConfig(cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->value("config").toObject().value("greeting").toString(), QString("bonjour"));
        QCOMPARE(r->value("config").toObject().value("rate").toInt(), 5);

        QVERIFY(await([&](auto cb) { d->stop(cb); }).ok());
        QCOMPARE(await([&](auto cb) { d->status(cb); }).valueOr({}).value("nfState").toString(), QString("stopped"));
        r = await([&](auto cb) { d->stop(cb); });   // nothing to stop: the command's failure is reported
        QVERIFY(!r);
        QCOMPARE(driverCode(r.error()), QString("command_failed"));
        NfBundle evil;
        evil.name = "evil";
        evil.files = {{"../../escape.sh", "x"}};
        r = await([&](auto cb) { d->install(evil, cb); });
        QCOMPARE(r.error().code(), 422);
    }

    void sshVerifiesHostKeys()
    {
        PlatformCredential c = cred();
        c.hostKeySha256 = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        auto d1 = sshDriver(c);
        DriverResult r = await([&](auto cb) { d1->status(cb); });
        QCOMPARE(driverCode(r.error()), QString("host_key_mismatch"));
        QVERIFY(r.errorMessage().contains(m_fingerprint));
        c.hostKeySha256.clear();
        auto d2 = sshDriver(c);
        r = await([&](auto cb) { d2->status(cb); });
        QCOMPARE(driverCode(r.error()), QString("host_key_unverified"));
        QFile kh(m_tmp.filePath("known_hosts"));
        QVERIFY(kh.open(QIODevice::WriteOnly));
        kh.write(QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_sshPort).arg(m_hostPub).toUtf8());
        kh.close();
        c.knownHostsFile = kh.fileName();
        auto d3 = sshDriver(c);
        r = await([&](auto cb) { d3->status(cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    }

    void sshRefusedKeyAndDeadHost()
    {
        PlatformCredential c = cred();
        c.privateKeyFile = m_tmp.filePath("stranger_key");
        auto d1 = sshDriver(c);
        DriverResult r = await([&](auto cb) { d1->status(cb); });
        QCOMPARE(driverCode(r.error()), QString("auth_failed"));
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 dead = probe.serverPort();
        probe.close();
        auto d2 = sshDriver(cred(), dead);
        r = await([&](auto cb) { d2->status(cb); });
        QCOMPARE(driverCode(r.error()), QString("unreachable"));
        QVERIFY(unreachable(r));
    }

    void clickReadsMetricsAndWritesConfiguration()
    {
        ClickPeer peer;
        const QJsonObject opt{{"metricHandlers", QJsonObject{{"packetsIn", "in.count"}, {"bytesIn", "in.byte_count"}, {"drops", "q.drops"}}},
                              {"commands", QJsonObject{{"stop", "src.active false"}}}};
        ClickDriver d("127.0.0.1", peer.port(), opt, 3000);
        DriverResult r = await([&](auto cb) { d.sample(cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->value("nfState").toString(), QString("running"));
        QCOMPARE(r->value("metrics").toObject().value("packetsIn").toDouble(), 42.0);
        QCOMPARE(r->value("metrics").toObject().value("bytesIn").toDouble(), 4200.0);
        QVERIFY(r->value("errors").toObject().value("drops").toString().contains("511"));   // reported, not fatal
        r = await([&](auto cb) { d.status(cb); });
        QCOMPARE(r->value("protocol").toString(), QString("1.3"));
        QCOMPARE(r->value("version").toString(), QString("2.1.0"));

        const QString newConfig = "FromDevice(eth0) -> Counter -> Queue(100) -> ToDevice(eth1);\n";
        r = await([&](auto cb) { d.configure({{"clickConfig", newConfig}, {"q.capacity", 100}}, cb); });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(peer.writes.size(), 2);
        QCOMPARE(peer.writes.at(0).first, QString("hotconfig"));
        QCOMPARE(peer.writes.at(0).second, newConfig.toUtf8());   // byte-exact through WRITEDATA
        QCOMPARE(peer.writes.at(1), qMakePair(QString("q.capacity"), QByteArray("100")));
        r = await([&](auto cb) { d.readConfig(cb); });
        QVERIFY(r->value("config").toObject().value("clickConfig").toString().startsWith("FromDevice(eth0)"));
        QVERIFY(await([&](auto cb) { d.stop(cb); }).ok());
        QCOMPARE(peer.writes.last(), qMakePair(QString("src.active"), QByteArray("false")));
        r = await([&](auto cb) { d.start(cb); });
        QCOMPARE(r.error().code(), 501);
        r = await([&](auto cb) { d.configure({{"nodot", 1}}, cb); });
        QCOMPARE(r.error().code(), 422);
        r = await([&](auto cb) { d.configure({{"bad handler", 1}}, cb); });
        QVERIFY(!r);
    }

    void clickErrorsAreClear()
    {
        ClickPeer peer;
        ClickDriver d("127.0.0.1", peer.port(), {{"statusHandler", "nonexistent"}}, 2000);
        DriverResult r = await([&](auto cb) { d.status(cb); });
        QCOMPARE(r.error().code(), 404);
        QCOMPARE(driverCode(r.error()), QString("click_511"));
        peer.banner = "SSH-2.0-OpenSSH_9.2\r\n";
        ClickDriver wrongPeer("127.0.0.1", peer.port(), {}, 2000);
        r = await([&](auto cb) { wrongPeer.status(cb); });
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains("is not a Click ControlSocket"), qPrintable(r.errorMessage()));
        const quint16 port = peer.port();
        peer.server.close();
        ClickDriver gone("127.0.0.1", port, {}, 2000);
        r = await([&](auto cb) { gone.sample(cb); });
        QVERIFY(unreachable(r));
    }

    void driversEndToEndThroughTheEms()
    {
        ClickPeer peer;
        const QByteArray secret = "drivers-test-secret-0123";
        QJsonObject cfg{{"defaultPollIntervalMs", 300},
                        {"clients", QJsonArray{QJsonObject{{"id", "t"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(secret)}}}},
                        {"credentials", QJsonObject{{"lab", QJsonObject{{"username", m_user}, {"privateKeyFile", m_tmp.filePath("client_key")},
                                                                         {"hostKeySha256", m_fingerprint}}}}}};
        EmsProcess ems(m_tmp.filePath("ems"), cfg);
        QString error;
        VERIFY_OK(ems.start());
        QNetworkAccessManager nam;
        EmsEndpoint ep;
        ep.baseUrl = QUrl(ems.url());
        ep.clientId = "t";
        ep.secret = secret;
        EmsClient c(&nam, ep);
        HttpReply r = awaitReply([&](auto cb) {
            c.registerVnf({{"vnfInstanceId", "router"}, {"vnfExp", "click-on-osv"}, {"managementAddress", QStringLiteral("127.0.0.1:%1").arg(peer.port())},
                           {"driverOptions", QJsonObject{{"metricHandlers", QJsonObject{{"packetsIn", "in.count"}}}}}}, cb);
        });
        QCOMPARE(r.status, 201);
        r = awaitReply([&](auto cb) { c.status("router", cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.object().value("protocol").toString(), QString("1.3"));
        QTRY_COMPARE_WITH_TIMEOUT(awaitReply([&](auto cb) { c.metrics("router", false, cb); }).object().value("values").toObject()
                                      .value("packetsIn").toDouble(), 42.0, 3000);

        r = awaitReply([&](auto cb) {
            c.registerVnf({{"vnfInstanceId", "ssh-vnf"}, {"vnfExp", "generic-ssh"}, {"credentialsRef", "lab"},
                           {"managementAddress", QStringLiteral("127.0.0.1:%1").arg(m_sshPort)}, {"driverOptions", sshOptions()}}, cb);
        });
        QCOMPARE(r.status, 201);
        r = awaitReply([&](auto cb) { c.installNf("ssh-vnf", "sleeper", "exec", {}, {{"Files/bin/nf.sh", "#!/bin/sh\nexec sleep 300\n"}}, cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        r = awaitReply([&](auto cb) { c.nfAction("ssh-vnf", "start", cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QTRY_COMPARE_WITH_TIMEOUT(awaitReply([&](auto cb) { c.vnf("ssh-vnf", cb); }).object().value("monitoring").toObject()
                                      .value("nfState").toString(), QString("running"), 5000);
        // Polls (every 300 ms) and the install/start operations went over one SSH connection.
        QTest::qWait(700);
        const QJsonObject ssh = awaitReply([&](auto cb) { c.about(cb); }).object().value("ssh").toObject();
        QCOMPARE(ssh.value("sshLinks").toInt(), 1);
        QCOMPARE(ssh.value("sshConnects").toInt(), 1);
        QCOMPARE(establishedTo(m_sshPort), 1);
        // Kill the NF behind the EMS's back: the fault monitor notices over SSH.
        QFile pidFile(m_tmp.filePath("remote/opt/vnf/nf.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        ::kill(pid_t(pidFile.readAll().trimmed().toLongLong()), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT([&]() {
            for (const auto &a : awaitReply([&](auto cb) { c.alarms("ACTIVE", cb); }).json.toArray())
                if (a.toObject().value("managedObjectId").toString() == "ssh-vnf" && a.toObject().value("alarmType").toString() == "NF_DOWN")
                    return true;
            return false;
        }(), 5000);
        QVERIFY(awaitReply([&](auto cb) { c.deregisterVnf("ssh-vnf", cb); }).ok);
    }
};

QTEST_GUILESS_MAIN(TstEmsDrivers)
#include "tst_ems_drivers.moc"
