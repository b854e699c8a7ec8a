// The EMS as a real vines-ems process, managing real vines-leaf processes on loopback: access
// control (HMAC, bearer tokens, roles), malformed requests, NF operations through the Leaf
// driver, alarms for an NF killed behind the EMS's back and for a dead platform (pushed to a
// real notification subscriber), PM thresholds, an EMS restart that resumes monitoring, TLS.
#include "TestSupport.h"
#include "ems/EmsClient.h"
#include "ems/NotificationListener.h"
#include "net/RequestSigning.h"
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace vines;
using namespace vines::test;

namespace {
const QByteArray VnfmSecret = "vnfm-test-secret-0123456789";
const QByteArray OssSecret = "oss-test-secret-0123456789";
constexpr int PollMs = 400;

// Children of a process (from /proc), e.g. the NF process a Leaf agent runs.
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> out;
    for (const QString &e : QDir("/proc").entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 p = e.toLongLong(&ok);
        if (!ok) continue;
        QFile f("/proc/" + e + "/stat");
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QByteArray stat = f.readAll();
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid && fields.at(0) != "Z")
            out << p;
    }
    return out;
}
} // namespace

class TstEms : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<EmsProcess> m_ems;
    std::unique_ptr<LeafProcess> m_leaf1, m_leaf2;
    QString m_addr1, m_addr2;
    QNetworkAccessManager m_nam;
    std::unique_ptr<EmsClient> m_vnfm, m_oss;
    NotificationListener m_listener;
    QList<QJsonObject> m_notes;

    QJsonObject config() const
    {
        return {{"defaultPollIntervalMs", PollMs},
                {"clients", QJsonArray{QJsonObject{{"id", "vnfm-test"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(VnfmSecret)}},
                                       QJsonObject{{"id", "oss-test"}, {"role", "oss"}, {"secret", QString::fromLatin1(OssSecret)},
                                                   {"callbackHosts", QJsonArray{"127.0.0.1", "localhost"}}}}}};
    }
    EmsEndpoint endpoint(const QString &id, const QByteArray &secret, const QString &iface = "/vevnfm-em/v1") const
    {
        EmsEndpoint e;
        e.baseUrl = QUrl(m_ems->url());
        e.clientId = id;
        e.secret = secret;
        e.interfacePath = iface;
        return e;
    }
    void connectClients()
    {
        m_vnfm = std::make_unique<EmsClient>(&m_nam, endpoint("vnfm-test", VnfmSecret));
        m_oss = std::make_unique<EmsClient>(&m_nam, endpoint("oss-test", OssSecret, "/os-em/v1"));
    }
    QJsonObject registration(const QString &id, const QString &addr, const QString &expected = "unknown") const
    {
        return {{"vnfInstanceId", id}, {"vnfExp", "leaf"}, {"managementAddress", addr + ":7780"}, {"expectedState", expected},
                {"driverOptions", QJsonObject{{"leafSecret", QString::fromLatin1(LeafProcess::secret())}}},
                {"monitoringPolicy", QJsonObject{{"intervalMs", PollMs}}}};
    }
    // Waits for a notification of this type (and alarm type) about this VNF; returns it and when it came.
    QJsonObject waitNote(const QString &type, const QString &vnfId, const QString &alarmType, int timeoutMs, qint64 *atMs = nullptr)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            for (const QJsonObject &n : std::as_const(m_notes))
                if (n.value("notificationType").toString() == type && n.value("vnfInstanceId").toString() == vnfId
                    && (alarmType.isEmpty() || n.value("alarm").toObject().value("alarmType").toString() == alarmType)) {
                    if (atMs) *atMs = n.value("_receivedMs").toVariant().toLongLong();
                    return n;
                }
            QTest::qWait(10);
        }
        return {};
    }
    HttpReply call(const std::function<void(HttpJsonClient::Callback)> &f) { return awaitReply(f); }
    QByteArray execNf() const { return "#!/bin/sh\necho started\nexec sleep 300\n"; }
    void installExec(const QString &vnfId)
    {
        const HttpReply r = call([&](auto cb) {
            m_vnfm->installNf(vnfId, "sleeper", "exec", {{"command", "Files/bin/nf.sh"}}, {{"Files/bin/nf.sh", execNf()}}, cb);
        });
        QVERIFY2(r.ok, qPrintable(r.error));
        const HttpReply s = call([&](auto cb) { m_vnfm->nfAction(vnfId, "start", cb); });
        QVERIFY2(s.ok, qPrintable(s.error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_ems = std::make_unique<EmsProcess>(m_tmp.filePath("ems"), config());
        VERIFY_OK(m_ems->start());
        connectClients();
        m_addr1 = freeLoopback(61, 0);
        m_leaf1 = std::make_unique<LeafProcess>(m_addr1, m_tmp.filePath("leaf1"), "leaf-1");
        QVERIFY(m_leaf1->start());
        m_addr2 = freeLoopback(61, 1);
        m_leaf2 = std::make_unique<LeafProcess>(m_addr2, m_tmp.filePath("leaf2"), "leaf-2");
        QVERIFY(m_leaf2->start());
        VERIFY_OK(m_listener.listen(QHostAddress::LocalHost));
        connect(&m_listener, &NotificationListener::notification, this, [this](QJsonObject n) {
            n.insert("_receivedMs", double(QDateTime::currentMSecsSinceEpoch()));
            m_notes << n;
        });
        const HttpReply sub = call([&](auto cb) { m_vnfm->subscribe(m_listener.callbackUrl(), {}, m_listener.pendingSecret(), cb); });
        QVERIFY2(sub.ok, qPrintable(sub.error));
        m_listener.trustPending(sub.object().value("id").toString());
    }

    void healthNeedsNoCredentials()
    {
        const HttpReply r = httpCall("GET", m_ems->url("/health"));
        QVERIFY(r.ok);
        QCOMPARE(r.object().value("status").toString(), QString("ok"));
    }

    void refusesMissingOrWrongCredentials()
    {
        HttpReply r = httpCall("GET", m_ems->url("/vevnfm-em/v1/vnfs"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.object().value("error").toObject().value("code").toString(), QString("unauthorized"));

        const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QUrl url(m_ems->url("/vevnfm-em/v1/vnfs"));
        const QByteArray good = signing::sign(VnfmSecret, signing::stringToSign("GET", url, ts, {}));
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Signature", good}});
        QVERIFY2(r.ok, qPrintable(r.error));   // the hand-made signature is right...
        // ...once: the same signed request again is a replay.
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Signature", good}});
        QCOMPARE(r.status, 401);
        QVERIFY2(r.object().value("error").toObject().value("message").toString().contains("replayed"), r.body.constData());
        // A nonce makes otherwise identical requests distinct (and is signed: it cannot be swapped).
        for (const QByteArray nonce : {QByteArray("n-1"), QByteArray("n-2")}) {
            r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Nonce", nonce},
                                                    {"X-Vines-Signature", signing::sign(VnfmSecret, signing::stringToSign("GET", url, ts, {}, nonce))}});
            QVERIFY2(r.ok, qPrintable(r.error));
        }
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Nonce", "n-3"},
                                                {"X-Vines-Signature", signing::sign(VnfmSecret, signing::stringToSign("GET", url, ts, {}, "n-2"))}});
        QCOMPARE(r.status, 401);
        QByteArray bad = good;
        bad[3] = bad[3] == 'A' ? 'B' : 'A';
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Signature", bad}});
        QCOMPARE(r.status, 401);   // ...and one changed character is not
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "nobody"}, {"X-Vines-Timestamp", ts}, {"X-Vines-Signature", good}});
        QCOMPARE(r.status, 401);
        const QByteArray old = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 3600);
        r = httpRaw("GET", url.toString(), {}, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", old},
                                                {"X-Vines-Signature", signing::sign(VnfmSecret, signing::stringToSign("GET", url, old, {}))}});
        QCOMPARE(r.status, 401);
        QVERIFY(r.object().value("error").toObject().value("message").toString().contains("Timestamp"));
        // A signature over another body does not authorize this one.
        const QByteArray body = R"({"vnfInstanceId":"x","vnfExp":"leaf","managementAddress":"127.0.0.1:1"})";
        r = httpRaw("POST", url.toString(), body, {{"X-Vines-Key", "vnfm-test"}, {"X-Vines-Timestamp", ts},
                                                  {"X-Vines-Signature", signing::sign(VnfmSecret, signing::stringToSign("POST", url, ts, "{}"))}});
        QCOMPARE(r.status, 401);
        EmsClient wrong(&m_nam, endpoint("vnfm-test", "not-the-secret-at-all"));
        QCOMPARE(call([&](auto cb) { wrong.listVnfs(cb); }).status, 401);
    }

    void ossIsReadOnlyAndOffTheVnfmInterface()
    {
        QVERIFY(call([&](auto cb) { m_oss->listVnfs(cb); }).ok);
        EmsClient ossOnVnfm(&m_nam, endpoint("oss-test", OssSecret));
        HttpReply r = call([&](auto cb) { ossOnVnfm.listVnfs(cb); });
        QCOMPARE(r.status, 403);
        r = call([&](auto cb) { m_oss->registerVnf(registration("oss-try", m_addr1), cb); });
        QCOMPARE(r.status, 403);
        QVERIFY(r.object().value("error").toObject().value("message").toString().contains("read-only"));
        // ...but it may subscribe to notifications: at a receiver that answers, on a host it may name.
        r = call([&](auto cb) { m_oss->subscribe(m_listener.callbackUrl(), {"AlarmNotification"}, {}, cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(call([&](auto cb) { m_oss->unsubscribe(r.object().value("id").toString(), cb); }).ok);
        // Not as a weapon (request forgery): not at a managed VNF's agent, not at a host outside its
        // list, not at something that does not answer as a receiver; nothing is subscribed then.
        const int before = int(call([&](auto cb) { m_oss->subscriptions(cb); }).json.toArray().size());
        r = call([&](auto cb) { m_oss->subscribe(QUrl(QStringLiteral("http://%1:7780/nf/stop").arg(m_addr1)), {"AlarmNotification"}, {}, cb); });
        QCOMPARE(r.status, 422);
        QVERIFY2(r.error.contains("host '" + m_addr1 + "'"), qPrintable(r.error));
        QVERIFY(call([&](auto cb) { m_vnfm->registerVnf(registration("ssrf-target", m_addr1), cb); }).ok);
        r = call([&](auto cb) { m_vnfm->subscribe(QUrl(QStringLiteral("http://%1:7780/nf/stop").arg(m_addr1)), {}, {}, cb); });
        QCOMPARE(r.status, 422);
        QVERIFY2(r.error.contains("management agent of VNF ssrf-target"), qPrintable(r.error));
        QVERIFY(call([&](auto cb) { m_vnfm->deregisterVnf("ssrf-target", cb); }).ok);
        r = call([&](auto cb) { m_oss->subscribe(QUrl("http://127.0.0.1:9/cb"), {"AlarmNotification"}, {}, cb); });
        QCOMPARE(r.status, 422);
        QVERIFY2(r.error.contains("did not answer GET"), qPrintable(r.error));
        QCOMPARE(int(call([&](auto cb) { m_oss->subscriptions(cb); }).json.toArray().size()), before);
    }

    void bearerTokens()
    {
        HttpReply r = httpCall("POST", m_ems->url("/auth/token"), {{"clientId", "vnfm-test"}, {"clientSecret", "wrong-secret-wrong"}});
        QCOMPARE(r.status, 401);
        r = httpCall("POST", m_ems->url("/auth/token"), {{"clientId", "oss-test"}, {"clientSecret", QString::fromLatin1(OssSecret)}});
        QCOMPARE(r.status, 201);
        const QByteArray token = r.object().value("access_token").toString().toLatin1();
        QCOMPARE(r.object().value("role").toString(), QString("oss"));
        r = httpRaw("GET", m_ems->url("/os-em/v1/alarms"), {}, {{"Authorization", "Bearer " + token}});
        QVERIFY2(r.ok, qPrintable(r.error));
        r = httpRaw("GET", m_ems->url("/os-em/v1/alarms"), {}, {{"Authorization", "Bearer " + token + "x"}});
        QCOMPARE(r.status, 401);
        r = httpRaw("DELETE", m_ems->url("/os-em/v1/vnfs/whatever"), {}, {{"Authorization", "Bearer " + token}});
        QCOMPARE(r.status, 403);
        // Authorisation follows the routes: a VNF id that merely contains "subscriptions" is no subscription.
        r = httpRaw("DELETE", m_ems->url("/os-em/v1/vnfs/subscriptions-evil"), {}, {{"Authorization", "Bearer " + token}});
        QCOMPARE(r.status, 403);
    }

    void malformedAndInvalidRequests()
    {
        QNetworkAccessManager nam;
        HttpJsonClient raw(&nam);
        const EmsEndpoint ep = endpoint("vnfm-test", VnfmSecret);
        raw.setDecorator(EmsClient::signingDecorator(ep));
        const QUrl vnfs(m_ems->url("/vevnfm-em/v1/vnfs"));
        HttpReply r = awaitReply([&](auto cb) { raw.send("POST", vnfs, "{\"vnfInstanceId\": ", cb); });
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object().value("error").toObject().value("code").toString(), QString("malformed_json"));
        r = awaitReply([&](auto cb) { raw.send("POST", vnfs, "[1,2]", cb); });
        QCOMPARE(r.status, 400);

        auto reg = [&](const QJsonObject &o) { return call([&](auto cb) { m_vnfm->registerVnf(o, cb); }); };
        r = reg({{"vnfExp", "leaf"}, {"managementAddress", "127.0.0.1:1"}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("vnfInstanceId"));
        r = reg({{"vnfInstanceId", "a"}, {"vnfExp", "toaster"}, {"managementAddress", "127.0.0.1:1"}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("vnfExp"));
        r = reg({{"vnfInstanceId", "a"}, {"vnfExp", "leaf"}, {"managementAddress", "no-port"}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("managementAddress"));
        r = reg({{"vnfInstanceId", "a"}, {"vnfExp", "leaf"}, {"managementAddress", "127.0.0.1:1"}, {"monitoringPolicy", QJsonObject{{"intervalMs", 5}}}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("monitoringPolicy.intervalMs"));
        r = reg({{"vnfInstanceId", "a"}, {"vnfExp", "coven"}, {"managementAddress", "127.0.0.1:1"}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("no extended driver for VNF-ExP 'coven'"));
        r = reg({{"vnfInstanceId", "a"}, {"vnfExp", "generic-ssh"}, {"managementAddress", "127.0.0.1:22"}, {"credentialsRef", "nope"}});
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("credentialsRef 'nope'"));
        r = call([&](auto cb) { m_vnfm->createPmJob({{"thresholds", QJsonArray{QJsonObject{{"metric", "cpuPercent"}, {"operator", "~"}, {"value", 1}}}}}, cb); });
        QCOMPARE(r.status, 422);
        QVERIFY(r.error.contains("thresholds[0].operator"));
        QCOMPARE(call([&](auto cb) { m_vnfm->subscribe(QUrl("ftp://x/"), {}, {}, cb); }).status, 422);
        r = awaitReply([&](auto cb) { raw.send("PUT", QUrl(m_ems->url("/vevnfm-em/v1/vnfs/nope")), "{}", cb); });
        QCOMPARE(r.status, 404);
        QCOMPARE(httpCall("GET", m_ems->url("/nowhere")).status, 404);
        QVERIFY(httpCall("GET", m_ems->url("/health")).ok);   // still alive
    }

    void survivesGarbageRequests()
    {
        // Authenticated requests with random methods, paths and bodies: every one gets an HTTP
        // answer, errors come as JSON, and the daemon is still there afterwards.
        QNetworkAccessManager nam;
        HttpJsonClient raw(&nam, 5000);
        const EmsEndpoint ep = endpoint("vnfm-test", VnfmSecret);
        raw.setDecorator(EmsClient::signingDecorator(ep));
        const QStringList paths{"/vnfs", "/vnfs/%1", "/vnfs/%1/status", "/vnfs/%1/nf", "/vnfs/%1/nf/start", "/vnfs/%1/config",
                                "/vnfs/%1/metrics", "/vnfs/%1/metrics/history", "/vnfs/%1/logs", "/alarms", "/alarms/%1", "/pm_jobs",
                                "/pm_jobs/%1", "/pm_jobs/%1/reports", "/subscriptions", "/subscriptions/%1", "/ems"};
        const QList<QByteArray> verbs{"GET", "POST", "PUT", "PATCH", "DELETE"};
        const QList<QByteArray> bodies{"", "{", "[]", "null", "{\"vnfInstanceId\": 5}", "{\"config\": []}", "{\"filter\": 7}",
                                       "{\"thresholds\": [{\"value\": \"x\"}]}", QByteArray(5000, 'z'), "{\"vnfExp\": null, \"x\": {}}",
                                       "{\"files\": {\"a\": \"!!notbase64\"}, \"name\": \"n\", \"type\": \"echo\"}"};
        QRandomGenerator rng(7);
        int answered = 0;
        for (int i = 0; i < 300; ++i) {
            const QString path = "/vevnfm-em/v1" + paths[int(rng.bounded(paths.size()))].arg(rng.bounded(3) ? "ghost" : "%00..%2F");
            const QByteArray verb = verbs[int(rng.bounded(verbs.size()))];
            const QByteArray body = bodies[int(rng.bounded(bodies.size()))];
            const HttpReply r = awaitReply([&](auto cb) { raw.send(verb, QUrl(m_ems->url(path)), body, cb); }, 6000);
            QVERIFY2(r.status > 0, qPrintable(verb + " " + path + ": " + r.error));
            if (r.status >= 400)
                QVERIFY2(r.object().value("error").toObject().contains("message"), qPrintable(verb + " " + path + " -> " + r.body.left(200)));
            ++answered;
        }
        QCOMPARE(answered, 300);
        QVERIFY(httpCall("GET", m_ems->url("/health")).ok);
        QCOMPARE(m_ems->process().state(), QProcess::Running);
    }

    void unknownVnfIs404()
    {
        for (const auto &f : std::initializer_list<std::function<void(HttpJsonClient::Callback)>>{
                 [&](auto cb) { m_vnfm->vnf("ghost", cb); }, [&](auto cb) { m_vnfm->status("ghost", cb); },
                 [&](auto cb) { m_vnfm->nfAction("ghost", "start", cb); }, [&](auto cb) { m_vnfm->metrics("ghost", false, cb); },
                 [&](auto cb) { m_vnfm->deregisterVnf("ghost", cb); }}) {
            const HttpReply r = call(f);
            QCOMPARE(r.status, 404);
            QCOMPARE(r.object().value("error").toObject().value("code").toString(), QString("unknown_vnf"));
        }
    }

    void nfOperationsThroughTheLeafDriver()
    {
        HttpReply r = call([&](auto cb) { m_vnfm->registerVnf(registration("echo-1", m_addr1), cb); });
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value("registeredBy").toString(), QString("vnfm-test"));
        QCOMPARE(call([&](auto cb) { m_vnfm->registerVnf(registration("echo-1", m_addr1), cb); }).status, 409);
        QVERIFY(!waitNote("VnfRegistrationNotification", "echo-1", {}, 3000).isEmpty());
        r = call([&](auto cb) { m_vnfm->installNf("echo-1", "echo", "echo", {{"listen_port", 9100}}, {}, cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        r = call([&](auto cb) { m_vnfm->nfAction("echo-1", "start", cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(tcpExchange(m_addr1, 9100, "through the ems"), QByteArray("through the ems"));
        r = call([&](auto cb) { m_vnfm->status("echo-1", cb); });
        QCOMPARE(r.object().value("nfState").toString(), QString("running"));
        r = call([&](auto cb) { m_vnfm->config("echo-1", cb); });
        QCOMPARE(r.object().value("config").toObject().value("listen_port").toInt(), 9100);
        r = call([&](auto cb) { m_vnfm->configure("echo-1", {{"listen_port", 9101}}, cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(tcpExchange(m_addr1, 9101, "reconfigured"), QByteArray("reconfigured"));
        r = call([&](auto cb) { m_vnfm->configure("echo-1", {{"listen_port", "nine"}}, cb); });
        QCOMPARE(r.status, 400);   // the platform's own refusal, passed on
        r = call([&](auto cb) { m_vnfm->logs("echo-1", 50, cb); });
        QVERIFY(r.ok && !r.object().value("lines").toArray().isEmpty());
        // Monitoring: the EMS polls on its own; traffic shows up in the counters.
        QTRY_VERIFY_WITH_TIMEOUT(call([&](auto cb) { m_vnfm->metrics("echo-1", false, cb); }).object().value("values").toObject()
                                     .value("bytesIn").toDouble() >= 12, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!waitNote("NfStatusChangeNotification", "echo-1", {}, 100).isEmpty(), 3000);
        r = call([&](auto cb) { m_vnfm->metricsHistory("echo-1", 5, cb); });
        QVERIFY(!r.object().value("samples").toArray().isEmpty());
        QVERIFY(r.object().value("samples").toArray().size() <= 5);
        r = call([&](auto cb) { m_vnfm->nfAction("echo-1", "stop", cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(tcpExchange(m_addr1, 9101, "x", {}, 300).isEmpty());
        QCOMPARE(call([&](auto cb) { m_vnfm->nfAction("echo-1", "explode", cb); }).status, 404);
        QVERIFY(call([&](auto cb) { m_vnfm->uninstallNf("echo-1", cb); }).ok);
        QVERIFY(call([&](auto cb) { m_vnfm->deregisterVnf("echo-1", cb); }).ok);
    }

    void nfKilledBehindTheEmsBackRaisesAlarmWithinTwoIntervals()
    {
        QVERIFY(call([&](auto cb) { m_vnfm->registerVnf(registration("victim", m_addr1), cb); }).ok);
        installExec("victim");
        QTRY_COMPARE_WITH_TIMEOUT(call([&](auto cb) { m_vnfm->vnf("victim", cb); }).object().value("expectedState").toString(),
                                  QString("running"), 3000);
        QList<qint64> kids;
        QTRY_VERIFY((kids = childrenOf(m_leaf1->process().processId())).size() == 1);
        QTest::qWait(PollMs);   // at least one healthy poll first
        QVERIFY(call([&](auto cb) { m_vnfm->alarms("ACTIVE", cb); }).json.toArray().isEmpty());
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        ::kill(pid_t(kids.first()), SIGKILL);
        qint64 at = 0;
        const QJsonObject note = waitNote("AlarmNotification", "victim", "NF_DOWN", 4 * PollMs, &at);
        QVERIFY2(!note.isEmpty(), "no NF_DOWN alarm notification");
        const qint64 lag = at - killedAt;
        qInfo("NF_DOWN notification %lld ms after the kill (polling interval %d ms)", lag, PollMs);
        QVERIFY2(lag <= 2 * PollMs, qPrintable(QString("alarm came %1 ms after the kill").arg(lag)));
        const QJsonObject alarm = note.value("alarm").toObject();
        QCOMPARE(alarm.value("perceivedSeverity").toString(), QString("CRITICAL"));
        QVERIFY(alarm.value("description").toString().contains("failed"));
        // The alarm is in the EMS's fault list and can be acknowledged.
        const QString alarmId = alarm.value("id").toString();
        HttpReply r = call([&](auto cb) { m_vnfm->acknowledgeAlarm(alarmId, cb); });
        QCOMPARE(r.object().value("ackState").toString(), QString("ACKNOWLEDGED"));
        QCOMPARE(r.object().value("acknowledgedBy").toString(), QString("vnfm-test"));
        // Restarting the NF clears it.
        QVERIFY(call([&](auto cb) { m_vnfm->nfAction("victim", "restart", cb); }).ok);
        const QJsonObject cleared = waitNote("AlarmClearedNotification", "victim", "NF_DOWN", 4 * PollMs);
        QVERIFY(!cleared.isEmpty());
        QCOMPARE(cleared.value("alarmId").toString(), alarmId);
        QVERIFY(!cleared.value("alarm").toObject().value("alarmClearedTime").toString().isEmpty());
    }

    void deadPlatformRaisesUnreachable()
    {
        QVERIFY(call([&](auto cb) { m_vnfm->registerVnf(registration("doomed", m_addr2, "running"), cb); }).ok);
        QTest::qWait(PollMs);
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        ::kill(pid_t(m_leaf2->process().processId()), SIGKILL);
        qint64 at = 0;
        const QJsonObject note = waitNote("AlarmNotification", "doomed", "VNF_UNREACHABLE", 4 * PollMs, &at);
        QVERIFY2(!note.isEmpty(), "no VNF_UNREACHABLE notification");
        QVERIFY2(at - killedAt <= 2 * PollMs, qPrintable(QString("%1 ms").arg(at - killedAt)));
        QCOMPARE(note.value("alarm").toObject().value("perceivedSeverity").toString(), QString("MAJOR"));
        // The driver error reaches an API caller as a clear 502.
        const HttpReply r = call([&](auto cb) { m_vnfm->nfAction("doomed", "start", cb); });
        QCOMPARE(r.status, 502);
        QCOMPARE(r.object().value("error").toObject().value("code").toString(), QString("unreachable"));
        // Deregistering clears the VNF's alarms.
        QVERIFY(call([&](auto cb) { m_vnfm->deregisterVnf("doomed", cb); }).ok);
        QVERIFY(!waitNote("AlarmClearedNotification", "doomed", "VNF_UNREACHABLE", 2000).isEmpty());
    }

    void thresholdsRaiseAndClear()
    {
        // Leaf's resident memory is well above 1 MB: the threshold is crossed at the first sample.
        HttpReply r = call([&](auto cb) {
            m_vnfm->createPmJob({{"objectInstanceIds", QJsonArray{"victim"}},
                                 {"criteria", QJsonObject{{"performanceMetric", QJsonArray{"memoryRssKb", "cpuPercent"}}, {"reportingPeriodMs", 500}}},
                                 {"thresholds", QJsonArray{QJsonObject{{"id", "mem"}, {"metric", "memoryRssKb"}, {"operator", ">"},
                                                                       {"value", 1024}, {"perceivedSeverity", "MINOR"}}}}}, cb);
        });
        QCOMPARE(r.status, 201);
        const QString job = r.object().value("id").toString();
        const QJsonObject crossed = waitNote("ThresholdCrossedNotification", "victim", {}, 3000);
        QCOMPARE(crossed.value("crossingDirection").toString(), QString("UP"));
        QVERIFY(crossed.value("performanceValue").toDouble() > 1024);
        QVERIFY(!waitNote("AlarmNotification", "victim", "THRESHOLD_CROSSED:" + job + ":mem", 2000).isEmpty());
        // Reports carry only the selected metrics.
        QJsonObject report;
        QTRY_VERIFY_WITH_TIMEOUT(!(report = [&]() {
            for (const QJsonObject &n : std::as_const(m_notes))
                if (n.value("notificationType").toString() == "PerformanceInformationAvailableNotification" && n.value("pmJobId").toString() == job)
                    return n;
            return QJsonObject();
        }()).isEmpty(), 3000);
        const QJsonObject values = report.value("entries").toArray().first().toObject().value("values").toObject();
        QVERIFY(values.contains("memoryRssKb"));
        QVERIFY(!values.contains("bytesIn"));
        QVERIFY(httpCall("GET", m_ems->url("/health")).ok);
        r = call([&](auto cb) { m_vnfm->alarms("ACTIVE", cb); });
        bool found = false;
        for (const auto &a : r.json.toArray())
            found |= a.toObject().value("alarmType").toString() == "THRESHOLD_CROSSED:" + job + ":mem";
        QVERIFY(found);
        // Deleting the job clears what it raised.
        QVERIFY(call([&](auto cb) { m_vnfm->deletePmJob(job, cb); }).ok);
        QVERIFY(!waitNote("AlarmClearedNotification", "victim", "THRESHOLD_CROSSED:" + job + ":mem", 2000).isEmpty());
    }

    void restartedEmsResumesMonitoring()
    {
        m_ems->stop();
        QVERIFY(httpCall("GET", m_ems->url("/health"), {}, 500).status == 0);
        QString error;
        VERIFY_OK(m_ems->start());
        connectClients();
        // The VIB, the PM job and the subscription came back from the EMS's database.
        HttpReply r = call([&](auto cb) { m_vnfm->vnf("victim", cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.object().value("expectedState").toString(), QString("running"));
        QCOMPARE(call([&](auto cb) { m_vnfm->subscriptions(cb); }).json.toArray().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(call([&](auto cb) { m_vnfm->vnf("victim", cb); }).object().value("monitoring").toObject()
                                      .value("nfState").toString(), QString("running"), 3000);
        m_notes.clear();
        QList<qint64> kids = childrenOf(m_leaf1->process().processId());
        QCOMPARE(kids.size(), 1);
        ::kill(pid_t(kids.first()), SIGKILL);
        QVERIFY2(!waitNote("AlarmNotification", "victim", "NF_DOWN", 4 * PollMs).isEmpty(), "monitoring did not resume after the restart");
    }

    void tlsWithTrustedCertificate()
    {
        const QString dir = m_tmp.filePath("tls");
        QDir().mkpath(dir);
        QProcess ssl;
        ssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem"});
        QVERIFY(ssl.waitForFinished(30000));
        QCOMPARE(ssl.exitCode(), 0);
        QJsonObject cfg = config();
        cfg.insert("tls", QJsonObject{{"certificate", dir + "/cert.pem"}, {"key", dir + "/key.pem"}});
        EmsProcess tls(m_tmp.filePath("ems-tls"), cfg);
        QString error;
        VERIFY_OK(tls.start());
        EmsEndpoint ep;
        ep.baseUrl = QUrl(tls.url());
        ep.clientId = "vnfm-test";
        ep.secret = VnfmSecret;
        EmsClient untrusting(&m_nam, ep);
        HttpReply r = call([&](auto cb) { untrusting.about(cb); });
        QVERIFY2(!r.ok && r.status == 0, "a self-signed EMS certificate must not be trusted by default");
        ep.caFile = dir + "/cert.pem";
        QNetworkAccessManager fresh;
        EmsClient trusting(&fresh, ep);
        r = call([&](auto cb) { trusting.about(cb); });
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.object().value("tls").toBool(), true);
        QCOMPARE(httpCall("GET", QStringLiteral("http://127.0.0.1:%1/health").arg(tls.port()), {}, 2000).status, 0);   // no plain HTTP
    }

    void refusesBadConfiguration()
    {
        const QString dir = m_tmp.filePath("badcfg");
        QDir().mkpath(dir);
        QFile f(dir + "/ems.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"dataDir": ".", "clients": [{"id": "x", "role": "admin", "secret": "0123456789abcdefgh"}]})");
        f.close();
        QProcess p;
        p.start(emsBinary(), {"--config", dir + "/ems.json"});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("ems.json: clients[0].role: 'admin' is not a role"), qPrintable(err));
    }

    // A garbage ems.sqlite does not keep the EMS down: it is set aside with a message, the EMS
    // starts empty, and the consoles register their VNFs again.
    void garbageDatabaseIsSetAside()
    {
        const QString dir = m_tmp.filePath("ems-garbage");
        QDir().mkpath(dir);
        QFile g(QDir(dir).filePath("ems.sqlite"));
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(16384, '\x07'));
        g.close();
        EmsProcess ems(dir, config());
        QString error;
        VERIFY_OK(ems.start());
        QByteArray told;
        QTRY_VERIFY2((told += ems.stderrText()).contains("was damaged"), told.constData());
        QVERIFY(!QDir(dir).entryList({"ems.sqlite.damaged-*"}).isEmpty());
        QVERIFY(httpCall("GET", ems.url("/health")).ok);
        ems.stop();
    }
};

QTEST_GUILESS_MAIN(TstEms)
#include "tst_ems.moc"
