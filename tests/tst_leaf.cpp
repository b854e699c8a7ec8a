// The Leaf agent as a real process: REST lifecycle, real TCP/UDP relaying through the
// forwarder to an echo NF, firewall filtering by source address, metrics that count real
// traffic, lifecycle scripts, restore after a platform restart, and clear JSON errors.
#include "TestSupport.h"
#include "net/RequestSigning.h"
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QRandomGenerator>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <thread>
#include <unistd.h>

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

    // Remote code execution closed: every route answers 401 without a valid signature and does
    // nothing; a stale or foreign signature is refused; the secret rotates and persists (0600);
    // an agent given no secret makes its own instead of running open.
    void managementApiRequiresSignatures()
    {
        const QString addr = freeLoopback(10, 203);
        LeafProcess leaf(addr, m_tmp.filePath("auth"), "leaf-auth");
        QVERIFY(leaf.start());
        struct Attempt { QByteArray verb; QString path; QJsonObject body; };
        const QList<Attempt> attempts{
            {"GET", "/status", {}}, {"GET", "/metrics", {}}, {"GET", "/logs?lines=5", {}}, {"GET", "/nf/config", {}},
            {"POST", "/nf", {{"name", "pwn"}, {"type", "exec"}, {"config", QJsonObject{{"command", "touch pwned"}}}}},
            {"POST", "/nf/start", {}}, {"POST", "/nf/stop", {}}, {"POST", "/nf/restart", {}}, {"DELETE", "/nf", {}},
            {"PUT", "/nf/config", {{"config", QJsonObject{}}}}, {"PUT", "/credentials", {{"secret", "attacker-chosen-secret-123"}}}};
        int refused = 0;
        for (const Attempt &a : attempts) {
            const QString url = leaf.url(a.path);
            const QList<HttpReply> tries{httpCall(a.verb, url, a.body),                                   // unsigned
                                         signedCall(a.verb, url, "a-wrong-secret-0123456789", a.body)};   // wrong secret
            for (const HttpReply &r : tries) {
                QVERIFY2(r.status == 401, qPrintable(a.verb + " " + a.path + ": " + QString::number(r.status)));
                refused += r.status == 401;
            }
        }
        QCOMPARE(refused, 2 * int(attempts.size()));
        // A replay from outside the clock window.
        HttpReply stale = httpRaw("GET", leaf.url("/status"), {}, {{"X-Vines-Key", "x"}, {"X-Vines-Timestamp", "1000"}, {"X-Vines-Signature", "AAAA"}});
        QCOMPARE(stale.status, 401);
        QVERIFY2(stale.body.contains("Timestamp"), stale.body.constData());
        // A captured signed request cannot be sent again.
        const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QMap<QByteArray, QByteArray> captured{{"X-Vines-Key", "vnfm"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Nonce", "once"},
                                                    {"X-Vines-Signature", signing::sign(LeafProcess::secret(), signing::stringToSign("GET", QUrl(leaf.url("/status")), ts, {}, "once"))}};
        QVERIFY(httpRaw("GET", leaf.url("/status"), {}, captured).ok);
        const HttpReply replay = httpRaw("GET", leaf.url("/status"), {}, captured);
        QCOMPARE(replay.status, 401);
        QVERIFY2(replay.body.contains("replayed"), replay.body.constData());
        // Nothing happened: no NF, the secret unchanged.
        QCOMPARE(leaf.call("GET", "/status").object().value("nf").toObject().value("state").toString(), QString("none"));
        QVERIFY(!QFile::exists(QDir(m_tmp.filePath("auth")).filePath("pwned")));

        // Rotation: the new secret works, the old one no longer; it survives a restart, in a file only the user reads.
        const QByteArray rotated = "rotated-secret-abcdefghijklmnop";
        QCOMPARE(leaf.call("PUT", "/credentials", {{"secret", "short"}}).status, 400);
        QVERIFY(leaf.call("PUT", "/credentials", {{"secret", QString::fromLatin1(rotated)}}).ok);
        QCOMPARE(leaf.call("GET", "/status").status, 401);
        QVERIFY(signedCall("GET", leaf.url("/status"), rotated).ok);
        leaf.terminate();
        QProcess again;
        again.start(leafBinary(), {"--address", addr, "--port", "7780", "--data-dir", m_tmp.filePath("auth"),
                                   "--user-data", QDir(m_tmp.filePath("auth")).filePath("user-data")});
        QTRY_VERIFY_WITH_TIMEOUT(signedCall("GET", leaf.url("/status"), rotated, {}, 500).ok, 10000);
        QCOMPARE(QFileInfo(QDir(m_tmp.filePath("auth")).filePath("leaf-secret")).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        again.terminate();
        again.waitForFinished(5000);

        // No secret given at all: the agent generates one (0600) and still refuses unsigned requests.
        const QString bare = freeLoopback(10, 204);
        QProcess open;
        open.start(leafBinary(), {"--address", bare, "--port", "7780", "--data-dir", m_tmp.filePath("bare")});
        const QString generated = QDir(m_tmp.filePath("bare")).filePath("leaf-secret");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(generated), 10000);
        QFile g(generated);
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QByteArray own = g.readAll().trimmed();
        QTRY_VERIFY_WITH_TIMEOUT(signedCall("GET", QStringLiteral("http://%1:7780/status").arg(bare), own, {}, 500).ok, 10000);
        QCOMPARE(httpCall("GET", QStringLiteral("http://%1:7780/status").arg(bare)).status, 401);
        QCOMPARE(QFileInfo(generated).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        open.terminate();
        open.waitForFinished(5000);
        // User data without a usable secret: the agent refuses to start rather than run open.
        QFile badData(m_tmp.filePath("bad-user-data"));
        QVERIFY(badData.open(QIODevice::WriteOnly));
        badData.write("SOMETHING_ELSE=1\n");
        badData.close();
        QProcess refusedStart;
        refusedStart.start(leafBinary(), {"--address", bare, "--port", "7780", "--data-dir", m_tmp.filePath("bad"), "--user-data", badData.fileName()});
        QVERIFY(refusedStart.waitForFinished(10000));
        QCOMPARE(refusedStart.exitCode(), 2);
        QVERIFY(refusedStart.readAllStandardError().contains("VINES_LEAF_SECRET"));
    }

    // Bounded before buffering: a body announced larger than the limit is answered 413 at once
    // (nothing of it kept); connections beyond the limit are closed at once, and the agent answers
    // again when they go.
    void boundsRequestsAndConnections()
    {
        const qint64 pid = m_echo->process().processId();
        auto rssKb = [pid]() { return residentKb(pid); };
        const qint64 before = rssKb();
        QTcpSocket big;
        big.connectToHost(m_echoAddr, 7780);
        QVERIFY(big.waitForConnected(3000));
        big.write("PUT /nf/config HTTP/1.1\r\nHost: leaf\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
        const QByteArray chunk(1024 * 1024, 'x');
        QByteArray answer;
        for (int i = 0; i < 200 && big.state() == QAbstractSocket::ConnectedState && !answer.contains("413"); ++i) {   // up to 200 MB
            big.write(chunk);
            big.waitForBytesWritten(200);
            if (big.waitForReadyRead(5))
                answer += big.readAll();
        }
        answer += big.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("payload_too_large"));
        QVERIFY2(rssKb() - before < 32 * 1024, qPrintable(QStringLiteral("RSS grew by %1 kB").arg(rssKb() - before)));

        QList<QTcpSocket *> flood;
        for (int i = 0; i < 600; ++i) {
            auto *c = new QTcpSocket(this);
            c->connectToHost(m_echoAddr, 7780);
            flood << c;
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(flood.begin(), flood.end(), [](QTcpSocket *c) { return c->state() == QAbstractSocket::ConnectedState; }) <= 512, 10000);
        const qint64 fds = QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size();
        QVERIFY2(fds < 600, qPrintable(QString::number(fds)));
        qDeleteAll(flood);
        QTRY_VERIFY_WITH_TIMEOUT(m_echo->call("GET", "/status", {}, 1000).ok, 10000);
    }

    // A relay's memory does not follow a slow reader: with a next hop that never reads, 200 MB
    // offered stall in TCP flow control while the agent holds well under 32 MB more; an idle
    // flow, even a half-open one, is closed after idle_timeout_s.
    void relayHoldsBackForSlowReadersAndClosesIdleFlows()
    {
        const QString addr = freeLoopback(10, 205);
        LeafProcess relay(addr, m_tmp.filePath("slow"), "leaf-slow");
        QVERIFY(relay.start());
        QTcpServer sink;   // accepts, never reads
        QVERIFY(sink.listen(QHostAddress(m_echoAddr), 0));
        QList<QTcpSocket *> held;
        connect(&sink, &QTcpServer::newConnection, this, [&]() { while (QTcpSocket *s = sink.nextPendingConnection()) { s->setReadBufferSize(1); held << s; } });
        QVERIFY(relay.call("POST", "/nf", {{"name", "fwd"}, {"type", "forwarder"},
                                           {"config", QJsonObject{{"listen_port", 9300}, {"idle_timeout_s", 2},
                                                                  {"next_hop", QStringLiteral("%1:%2").arg(m_echoAddr).arg(sink.serverPort())}}}}).ok);
        QVERIFY(relay.call("POST", "/nf/start").ok);
        const qint64 pid = relay.process().processId();
        auto rssKb = [pid]() { return residentKb(pid); };
        const qint64 before = rssKb();
        QTcpSocket writer;
        writer.connectToHost(addr, 9300);
        QVERIFY(writer.waitForConnected(3000));
        const QByteArray chunk(1024 * 1024, 'z');
        qint64 offered = 0;
        QElapsedTimer t;
        t.start();
        while (offered < 200LL * 1024 * 1024 && t.elapsed() < 8000) {
            if (writer.bytesToWrite() < 4 * 1024 * 1024) {
                writer.write(chunk);
                offered += chunk.size();
            }
            writer.waitForBytesWritten(50);
        }
        const qint64 grown = rssKb() - before;
        QVERIFY2(grown < 32 * 1024, qPrintable(QStringLiteral("agent RSS grew by %1 kB with %2 MB offered").arg(grown).arg(offered >> 20)));
        writer.abort();
        // A half-open flow: connected, nothing sent; the relay closes it after 2 s.
        QTcpSocket quiet;
        quiet.connectToHost(addr, 9300);
        QVERIFY(quiet.waitForConnected(3000));
        QElapsedTimer q;
        q.start();
        QVERIFY(quiet.waitForDisconnected(8000));
        QVERIFY2(q.elapsed() >= 1500, qPrintable(QString::number(q.elapsed())));
        qDeleteAll(held);
        QCOMPARE(relay.call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9300}, {"idle_timeout_s", 0}, {"next_hop", "127.0.0.1:1"}}}}).status, 400);
    }

    void statusBeforeInstall()
    {
        const HttpReply r = m_echo->call("GET", "/status");
        QVERIFY(r.ok);
        QCOMPARE(r.object().value("instanceId").toString(), QString("leaf-echo"));
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("none"));
        const HttpReply s = m_echo->call("POST", "/nf/start");
        QCOMPARE(s.status, 409);
        QCOMPARE(s.object().value("error").toObject().value("code").toString(), QString("no_nf"));
    }

    void installRunsScriptsAndStarts()
    {
        HttpReply r = m_echo->call("POST", "/nf", {{"name", "sink"}, {"type", "echo"},
                                                            {"config", QJsonObject{{"listen_port", 9000}}}, {"files", filesOf("echo")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("installed"));
        QVERIFY(QFile::exists(m_tmp.filePath("echo/nf/installed-at")));   // written by Scripts/install.sh
        r = m_echo->call("POST", "/nf/start");
        QVERIFY(r.ok);
        QCOMPARE(r.object().value("nf").toObject().value("state").toString(), QString("running"));
        QCOMPARE(tcpExchange(m_echoAddr, 9000, "ping"), QByteArray("ping"));
        QCOMPARE(udpExchange(m_echoAddr, 9000, "datagram"), QByteArray("datagram"));
        const HttpReply logs = m_echo->call("GET", "/logs?lines=50");
        const QString all = logs.object().value("lines").toVariant().toStringList().join('\n');
        QVERIFY2(all.contains("[install.sh] echo install: nf=sink"), qPrintable(all));
        QVERIFY(all.contains("[start.sh]"));
    }

    void forwarderRelaysTcpAndUdp()
    {
        const QString hop = m_echoAddr + ":9000";
        HttpReply r = m_fwd->call("POST", "/nf", {{"name", "fwd"}, {"type", "forwarder"},
                                                           {"config", QJsonObject{{"listen_port", 9100}, {"next_hop", hop}}},
                                                           {"files", filesOf("forwarder")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(m_fwd->call("POST", "/nf/start").ok);
        const QByteArray big(256 * 1024, 'x');
        QCOMPARE(tcpExchange(m_fwdAddr, 9100, big).size(), big.size());
        QCOMPARE(udpExchange(m_fwdAddr, 9100, "through-the-hop"), QByteArray("through-the-hop"));
        const QJsonObject m = m_fwd->call("GET", "/metrics").object();
        QVERIFY(m.value("bytesIn").toDouble() >= 2 * big.size());   // both directions pass the relay
        QVERIFY(m.value("bytesOut").toDouble() >= 2 * big.size());
        QVERIFY(m.value("packetsIn").toDouble() >= 4);
        QCOMPARE(m.value("connections").toInt(), 1);
        QVERIFY(m.value("memoryRssKb").toDouble() > 1000);
        QCOMPARE(m.value("nf").toObject().value("nextHop").toString(), hop);
    }

    void liveReconfigureAndValidation()
    {
        HttpReply r = m_fwd->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 70000}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.error.contains("listen_port"));
        r = m_fwd->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", "nowhere"}}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.error.contains("next_hop"));
        // Point the forwarder at nothing: flows are dropped and counted, the NF keeps running.
        r = m_fwd->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", ""}}}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(tcpExchange(m_fwdAddr, 9100, "lost", {}, 500).isEmpty());
        QVERIFY(m_fwd->call("GET", "/metrics").object().value("dropped").toInt() >= 1);
        r = m_fwd->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9100}, {"next_hop", m_echoAddr + ":9000"}}}});
        QVERIFY(r.ok);
        QCOMPARE(tcpExchange(m_fwdAddr, 9100, "back"), QByteArray("back"));
        QCOMPARE(m_fwd->call("GET", "/nf/config").object().value("config").toObject().value("next_hop").toString(),
                 m_echoAddr + ":9000");
    }

    void firewallFiltersBySource()
    {
        QVERIFY(m_fwd->call("POST", "/nf/stop").ok);
        const QJsonObject cfg{{"listen_port", 9200}, {"next_hop", m_echoAddr + ":9000"}, {"default_action", "allow"},
                              {"rules", QJsonArray{QJsonObject{{"action", "deny"}, {"source", "127.66.0.0/16"}}}}};
        HttpReply r = m_fwd->call("POST", "/nf", {{"name", "fw"}, {"type", "firewall"}, {"config", cfg}, {"files", filesOf("firewall")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(m_fwd->call("POST", "/nf/start").ok);
        QCOMPARE(tcpExchange(m_fwdAddr, 9200, "allowed", "127.0.0.1"), QByteArray("allowed"));
        QVERIFY(tcpExchange(m_fwdAddr, 9200, "denied", "127.66.1.1", 500).isEmpty());
        QVERIFY(udpExchange(m_fwdAddr, 9200, "denied", "127.66.1.1", 500).isEmpty());
        QCOMPARE(udpExchange(m_fwdAddr, 9200, "ok-udp", "127.0.0.1"), QByteArray("ok-udp"));
        QCOMPARE(m_fwd->call("GET", "/metrics").object().value("dropped").toInt(), 2);
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
            const HttpReply r = m_fwd->call(c.verb, c.path, c.body);
            QVERIFY2(r.status == c.status, qPrintable(QStringLiteral("%1 %2 -> %3 %4").arg(QString::fromLatin1(c.verb), c.path).arg(r.status).arg(r.error)));
            QVERIFY2(r.error.contains(c.needle), qPrintable(r.error));
            QVERIFY(r.object().value("error").toObject().contains("code"));
        }
        // Raw malformed JSON body.
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(m_fwd->url("/nf")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        const QByteArray malformed("{\"name\": \"x\", oops");
        signing::signRequest(req, "test", LeafProcess::secret(), "POST", malformed);
        QNetworkReply *reply = nam.post(req, malformed);
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(reply->readAll().contains("malformed_json"));
        delete reply;
        QVERIFY(m_fwd->call("GET", "/status").ok);   // still alive
    }

    void failingInstallScriptLeavesNothing()
    {
        QVERIFY(m_fwd->call("POST", "/nf/stop").ok);
        QJsonObject files = filesOf("forwarder");
        files.insert("Scripts/install.sh", QString::fromLatin1(QByteArray("#!/bin/sh\necho disk full >&2\nexit 3\n").toBase64()));
        const HttpReply r = m_fwd->call("POST", "/nf", {{"name", "f2"}, {"type", "forwarder"},
                                                                 {"config", QJsonObject{{"listen_port", 9300}}}, {"files", files}});
        QCOMPARE(r.status, 500);
        QVERIFY2(r.error.contains("install.sh exited with code 3") && r.error.contains("disk full"), qPrintable(r.error));
        QCOMPARE(m_fwd->call("GET", "/status").object().value("nf").toObject().value("state").toString(), QString("none"));
        QVERIFY(!QDir(m_tmp.filePath("fwd/nf")).exists());
    }

    // The data path (splice relays on their own thread) across five forwarders, each its own agent:
    // bytes arrive intact both ways over TCP (a bulk stream, a half-closed stream, 300 streams at
    // once) and UDP (datagrams from 1 byte to 60,000), and every hop counts what it moved.
    void fiveHopsCarryBytesIntact()
    {
        QVERIFY(m_echo->call("GET", "/status").object().value("nf").toObject().value("state").toString() == "running");
        std::vector<std::unique_ptr<LeafProcess>> hops;
        QStringList addrs;
        for (int i = 0; i < 5; ++i)
            addrs << freeLoopback(10, 210 + i);
        for (int i = 4; i >= 0; --i) {
            auto hop = std::make_unique<LeafProcess>(addrs[i], m_tmp.filePath(QStringLiteral("hop%1").arg(i)), QStringLiteral("hop-%1").arg(i));
            QVERIFY(hop->start());
            const QString next = i == 4 ? m_echoAddr + ":9000" : addrs[i + 1] + ":9500";
            QVERIFY(hop->call("POST", "/nf", {{"name", "fwd"}, {"type", "forwarder"}, {"config", QJsonObject{{"listen_port", 9500}, {"next_hop", next}}}}).ok);
            QVERIFY(hop->call("POST", "/nf/start").ok);
            hops.insert(hops.begin(), std::move(hop));
        }
        QRandomGenerator rng(12);
        QByteArray bulk(16 * 1024 * 1024, Qt::Uninitialized);
        for (char &c : bulk)
            c = char(rng.bounded(256));
        const QByteArray back = tcpExchange(addrs[0], 9500, bulk, {}, 30000);
        QCOMPARE(back.size(), bulk.size());
        QVERIFY(back == bulk);
        // Half-closed: the client stops sending; the rest still comes back, then the end of stream.
        // (Qt sockets, the echo NF's among them, drop a connection on the peer's FIN, so for this the
        // last hop forwards to a plain POSIX echo that answers everything and then closes.)
        const QString sinkAddr = freeLoopback(10, 220);
        const int sink = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(9600);
        sa.sin_addr.s_addr = htonl(QHostAddress(sinkAddr).toIPv4Address());
        QVERIFY(::bind(sink, reinterpret_cast<sockaddr *>(&sa), sizeof sa) == 0 && ::listen(sink, 4) == 0);
        std::thread echo([sink]() {
            const int c = ::accept(sink, nullptr, nullptr);
            char buf[65536];
            ssize_t n;
            while (c >= 0 && (n = ::read(c, buf, sizeof buf)) > 0)
                for (ssize_t off = 0; off < n;) {
                    const ssize_t w = ::write(c, buf + off, size_t(n - off));
                    if (w <= 0) break;
                    off += w;
                }
            if (c >= 0) ::close(c);
        });
        QVERIFY(hops[4]->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9500}, {"next_hop", sinkAddr + ":9600"}}}}).ok);
        {
            QTcpSocket s;
            s.connectToHost(addrs[0], 9500);
            QVERIFY(s.waitForConnected(3000));
            const QByteArray part = bulk.left(1024 * 1024);
            s.write(part);
            QVERIFY(s.waitForBytesWritten(5000));
            while (s.bytesToWrite() > 0)
                QVERIFY(s.waitForBytesWritten(5000));
            ::shutdown(int(s.socketDescriptor()), SHUT_WR);
            QByteArray got;
            QElapsedTimer t;
            t.start();
            while (got.size() < part.size() && t.elapsed() < 10000)
                if (s.waitForReadyRead(100))
                    got += s.readAll();
            QCOMPARE(got.size(), part.size());
            QVERIFY(got == part);
            QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000));
        }
        echo.join();
        ::close(sink);
        QVERIFY(hops[4]->call("PUT", "/nf/config", {{"config", QJsonObject{{"listen_port", 9500}, {"next_hop", m_echoAddr + ":9000"}}}}).ok);
        // 300 streams at once.
        QList<QTcpSocket *> streams;
        QList<QByteArray> got;
        const QByteArray chunk = bulk.mid(4096, 64 * 1024);
        for (int i = 0; i < 300; ++i) {
            auto *c = new QTcpSocket(this);
            c->connectToHost(addrs[0], 9500);
            connect(c, &QTcpSocket::connected, c, [c, chunk]() { c->write(chunk); });
            streams << c;
            got << QByteArray();
        }
        QElapsedTimer t;
        t.start();
        auto complete = [&]() {
            int done = 0;
            for (int i = 0; i < streams.size(); ++i) {
                got[i] += streams[i]->readAll();
                done += got[i].size() >= chunk.size();
            }
            return done;
        };
        while (complete() < streams.size() && t.elapsed() < 30000)
            QTest::qWait(20);
        for (const QByteArray &g : std::as_const(got))
            QVERIFY(g == chunk);
        qDeleteAll(streams);
        // UDP, from one byte to 60,000.
        for (const int size : {1, 64, 512, 1472, 8192, 32768, 60000}) {
            const QByteArray d = bulk.mid(size, size);
            QCOMPARE(udpExchange(addrs[0], 9500, d), d);
        }
        // Every hop moved at least the bulk stream both ways, and says how.
        for (const auto &hop : hops) {
            const QJsonObject m = hop->call("GET", "/metrics").object();
            QVERIFY2(m.value("bytesIn").toDouble() >= 2.0 * bulk.size(), qPrintable(QString::number(m.value("bytesIn").toDouble())));
            QCOMPARE(m.value("nf").toObject().value("dataPath").toString(), QString("splice"));
            QVERIFY(m.value("connections").toInt() >= 302);
        }
    }

    void restoresRunningNfAfterRestart()
    {
        QVERIFY(m_echo->call("GET", "/status").object().value("nf").toObject().value("state").toString() == "running");
        m_echo->terminate();
        QVERIFY(tcpExchange(m_echoAddr, 9000, "down", {}, 300).isEmpty());
        m_echo = std::make_unique<LeafProcess>(m_echoAddr, m_tmp.filePath("echo"), "leaf-echo");
        QVERIFY(m_echo->start());
        QCOMPARE(m_echo->call("GET", "/status").object().value("nf").toObject().value("state").toString(), QString("running"));
        QCOMPARE(tcpExchange(m_echoAddr, 9000, "up again"), QByteArray("up again"));
    }

    void execNfRunsPackagedExecutable()
    {
        QVERIFY(m_echo->call("POST", "/nf/stop").ok);
        const QByteArray nf = "#!/bin/sh\necho \"exec nf on $VINES_ADDRESS\"\nexec sleep 30\n";
        HttpReply r = m_echo->call("POST", "/nf", {{"name", "sleeper"}, {"type", "exec"},
                                                            {"config", QJsonObject{{"command", "Files/bin/nf.sh"}}},
                                                            {"files", QJsonObject{{"Files/bin/nf.sh", QString::fromLatin1(nf.toBase64())}}}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(m_echo->call("POST", "/nf/start").ok);
        QTRY_VERIFY(m_echo->call("GET", "/logs").body.contains("exec nf on " + m_echoAddr.toUtf8()));
        QVERIFY(m_echo->call("POST", "/nf/stop").ok);
        QCOMPARE(m_echo->call("GET", "/status").object().value("nf").toObject().value("state").toString(), QString("stopped"));
    }
};

QTEST_GUILESS_MAIN(TstLeaf)
#include "tst_leaf.moc"
