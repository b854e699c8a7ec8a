// The Leaf agent as a real process: REST lifecycle, real TCP/UDP relaying through the
// forwarder to an echo NF, firewall filtering by source address, metrics that count real
// traffic, lifecycle scripts, restore after a platform restart, and clear JSON errors.
#include "TestSupport.h"
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;

class TstLeaf : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_fwdAddr, m_echoAddr;
    std::unique_ptr<LeafProcess> m_fwd, m_echo;

    static QJsonObject filesOf(const QString &sample)
    {
        QJsonObject files;
        const auto src = sampleSources(sample);
        for (auto it = src.begin(); it != src.end(); ++it)
            if (it.key().startsWith("Scripts/") || it.key().startsWith("Files/"))
                files.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
        return files;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_echoAddr = freeLoopback(10, 201);
        m_echo = std::make_unique<LeafProcess>(m_echoAddr, m_tmp.filePath("echo"), "leaf-echo");
        QVERIFY(m_echo->start());
        m_fwdAddr = freeLoopback(10, 202);
        m_fwd = std::make_unique<LeafProcess>(m_fwdAddr, m_tmp.filePath("fwd"), "leaf-fwd");
        QVERIFY(m_fwd->start());
    }

    void statusBeforeInstall()
    {
        const HttpReply r = httpCall("GET", m_echo->url("/status"));
        QVERIFY(r.ok);
        QCOMPARE(r.object().value("instanceId").toString(), QString("leaf-echo"));
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("none"));
        const HttpReply s = httpCall("POST", m_echo->url("/nf/start"));
        QCOMPARE(s.status, 409);
        QCOMPARE(s.object().value("error").toObject().value("code").toString(), QString("no_nf"));
    }

    void installRunsScriptsAndStarts()
    {
        HttpReply r = httpCall("POST", m_echo->url("/nf"), {{"name", "sink"}, {"type", "echo"},
                                                            {"config", QJsonObject{{"listen_port", 9000}}}, {"files", filesOf("echo")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("installed"));
        QVERIFY(QFile::exists(m_tmp.filePath("echo/nf/installed-at")));   // written by Scripts/install.sh
        r = httpCall("POST", m_echo->url("/nf/start"));
        QVERIFY(r.ok);
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("running"));
        QCOMPARE(tcpExchange(m_echoAddr, 9000, "ping"), QByteArray("ping"));
        QCOMPARE(udpExchange(m_echoAddr, 9000, "datagram"), QByteArray("datagram"));
        const HttpReply logs = httpCall("GET", m_echo->url("/logs?lines=50"));
        const QString all = logs.object().value("lines").toVariant().toStringList().join('\n');
        QVERIFY2(all.contains("[install.sh] echo install: nf=sink"), qPrintable(all));
        QVERIFY(all.contains("[start.sh]"));
    }

    void forwarderRelaysTcpAndUdp()
    {
        const QString hop = m_echoAddr + ":9000";
        HttpReply r = httpCall("POST", m_fwd->url("/nf"), {{"name", "fwd"}, {"type", "forwarder"},
                                                           {"config", QJsonObject{{"listen_port", 9100}, {"next_hop", hop}}},
                                                           {"files", filesOf("forwarder")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(httpCall("POST", m_fwd->url("/nf/start")).ok);
        const QByteArray big(256 * 1024, 'x');
        QCOMPARE(tcpExchange(m_fwdAddr, 9100, big).size(), big.size());
        QCOMPARE(udpExchange(m_fwdAddr, 9100, "through-the-hop"), QByteArray("through-the-hop"));
        const QJsonObject m = httpCall("GET", m_fwd->url("/metrics")).object();
        QVERIFY(m.value("bytesIn").toDouble() >= 2 * big.size());   // both directions pass the relay
        QVERIFY(m.value("bytesOut").toDouble() >= 2 * big.size());
        QVERIFY(m.value("packetsIn").toDouble() >= 4);
        QCOMPARE(m.value("connections").toInt(), 1);
        QVERIFY(m.value("memoryRssKb").toDouble() > 1000);
        QCOMPARE(m.value("nf").toObject().value("nextHop").toString(), hop);
    }

    void liveReconfigureAndValidation()
    {
        HttpReply r = httpCall("PUT", m_fwd->url("/nf/config"), {{"config", QJsonObject{{"listen_port", 70000}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.error.contains("listen_port"));
        r = httpCall("PUT", m_fwd->url("/nf/config"), {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", "nowhere"}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.error.contains("next_hop"));
        // Point the forwarder at nothing: flows are dropped and counted, the NF keeps running.
        r = httpCall("PUT", m_fwd->url("/nf/config"), {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", ""}}}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(tcpExchange(m_fwdAddr, 9100, "lost", {}, 500).isEmpty());
        QVERIFY(httpCall("GET", m_fwd->url("/metrics")).object().value("dropped").toInt() >= 1);
        r = httpCall("PUT", m_fwd->url("/nf/config"), {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", m_echoAddr + ":9000"}}}});
        QVERIFY(r.ok);
        QCOMPARE(tcpExchange(m_fwdAddr, 9100, "back"), QByteArray("back"));
        QCOMPARE(httpCall("GET", m_fwd->url("/nf/config")).object().value("config").toObject().value("next_hop").toString(),
                 m_echoAddr + ":9000");
    }

    void firewallFiltersBySource()
    {
        QVERIFY(httpCall("POST", m_fwd->url("/nf/stop")).ok);
        const QJsonObject cfg{{"listen_port", 9200}, {"next_hop", m_echoAddr + ":9000"}, {"default_action", "allow"},
                              {"rules", QJsonArray{QJsonObject{{"action", "deny"}, {"source", "127.66.0.0/16"}}}}};
        HttpReply r = httpCall("POST", m_fwd->url("/nf"), {{"name", "fw"}, {"type", "firewall"}, {"config", cfg}, {"files", filesOf("firewall")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(httpCall("POST", m_fwd->url("/nf/start")).ok);
        QCOMPARE(tcpExchange(m_fwdAddr, 9200, "allowed", "127.0.0.1"), QByteArray("allowed"));
        QVERIFY(tcpExchange(m_fwdAddr, 9200, "denied", "127.66.1.1", 500).isEmpty());
        QVERIFY(udpExchange(m_fwdAddr, 9200, "denied", "127.66.1.1", 500).isEmpty());
        QCOMPARE(udpExchange(m_fwdAddr, 9200, "ok-udp", "127.0.0.1"), QByteArray("ok-udp"));
        QCOMPARE(httpCall("GET", m_fwd->url("/metrics")).object().value("dropped").toInt(), 2);
    }

    void badRequestsGetJsonErrors()
    {
        const struct { QByteArray verb; QString path; QJsonObject body; int status; QString needle; } cases[] = {
            {"POST", "/nf", {{"type", "echo"}}, 400, "name"},
            {"POST", "/nf", {{"name", "x"}, {"type", "quantum"}, {"config", QJsonObject{}}}, 400, "unknown NF type"},
            {"POST", "/nf", {{"name", "x"}, {"type", "echo"}, {"config", "nope"}}, 400, "config"},
            {"POST", "/nf", {{"name", "x"}, {"type", "echo"}, {"config", QJsonObject{{"listen_port", 9}}}, {"files", QJsonObject{{"../../x", "aGk="}}}}, 400, "escapes"},
            {"POST", "/nf", {{"name", "x"}, {"type", "echo"}, {"config", QJsonObject{{"listen_port", 9}}}, {"files", QJsonObject{{"Files/a", "@@@"}}}}, 400, "base64"},
            {"POST", "/nf", {{"name", "x"}, {"type", "echo"}, {"config", QJsonObject{{"listen_port", 9}}}}, 409, "running"},
            {"PUT", "/nf/config", {{"config", 5}}, 400, "config"},
            {"GET", "/logs?lines=-4", {}, 400, "lines"},
            {"GET", "/no/such/thing", {}, 404, "no such resource"},
            {"DELETE", "/metrics", {}, 405, "not allowed"},
        };
        for (const auto &c : cases) {
            const HttpReply r = httpCall(c.verb, m_fwd->url(c.path), c.body);
            QVERIFY2(r.status == c.status, qPrintable(QStringLiteral("%1 %2 -> %3 %4").arg(QString::fromLatin1(c.verb), c.path).arg(r.status).arg(r.error)));
            QVERIFY2(r.error.contains(c.needle), qPrintable(r.error));
            QVERIFY(r.object().value("error").toObject().contains("code"));
        }
        // Raw malformed JSON body.
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(m_fwd->url("/nf")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = nam.post(req, QByteArray("{\"name\": \"x\", oops"));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(reply->readAll().contains("malformed_json"));
        delete reply;
        QVERIFY(httpCall("GET", m_fwd->url("/status")).ok);   // still alive
    }

    void failingInstallScriptLeavesNothing()
    {
        QVERIFY(httpCall("POST", m_fwd->url("/nf/stop")).ok);
        QJsonObject files = filesOf("forwarder");
        files.insert("Scripts/install.sh", QString::fromLatin1(QByteArray("#!/bin/sh\necho disk full >&2\nexit 3\n").toBase64()));
        const HttpReply r = httpCall("POST", m_fwd->url("/nf"), {{"name", "f2"}, {"type", "forwarder"},
                                                                 {"config", QJsonObject{{"listen_port", 9300}}}, {"files", files}});
        QCOMPARE(r.status, 500);
        QVERIFY2(r.error.contains("install.sh exited with code 3") && r.error.contains("disk full"), qPrintable(r.error));
        QCOMPARE(httpCall("GET", m_fwd->url("/status")).object().value("nf").toObject().value("state").toString(), QString("none"));
        QVERIFY(!QDir(m_tmp.filePath("fwd/nf")).exists());
    }

    void restoresRunningNfAfterRestart()
    {
        QVERIFY(httpCall("GET", m_echo->url("/status")).object().value("nf").toObject().value("state").toString() == "running");
        m_echo->terminate();
        QVERIFY(tcpExchange(m_echoAddr, 9000, "down", {}, 300).isEmpty());
        m_echo = std::make_unique<LeafProcess>(m_echoAddr, m_tmp.filePath("echo"), "leaf-echo");
        QVERIFY(m_echo->start());
        QCOMPARE(httpCall("GET", m_echo->url("/status")).object().value("nf").toObject().value("state").toString(), QString("running"));
        QCOMPARE(tcpExchange(m_echoAddr, 9000, "up again"), QByteArray("up again"));
    }

    void execNfRunsPackagedExecutable()
    {
        QVERIFY(httpCall("POST", m_echo->url("/nf/stop")).ok);
        const QByteArray nf = "#!/bin/sh\necho \"exec nf on $VINES_ADDRESS\"\nexec sleep 30\n";
        HttpReply r = httpCall("POST", m_echo->url("/nf"), {{"name", "sleeper"}, {"type", "exec"},
                                                            {"config", QJsonObject{{"command", "Files/bin/nf.sh"}}},
                                                            {"files", QJsonObject{{"Files/bin/nf.sh", QString::fromLatin1(nf.toBase64())}}}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(httpCall("POST", m_echo->url("/nf/start")).ok);
        QTRY_VERIFY(httpCall("GET", m_echo->url("/logs")).body.contains("exec nf on " + m_echoAddr.toUtf8()));
        QVERIFY(httpCall("POST", m_echo->url("/nf/stop")).ok);
        QCOMPARE(httpCall("GET", m_echo->url("/status")).object().value("nf").toObject().value("state").toString(), QString("stopped"));
    }
};

QTEST_GUILESS_MAIN(TstLeaf)
#include "tst_leaf.moc"
