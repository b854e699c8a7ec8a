// vines-ems-bench: a real vines-ems monitoring N real vines-leaf agents (default 500) at a 1 s
// polling interval. Prints the EMS's CPU share and memory, its poller statistics, and three
// notification lags measured at a real subscriber:
//   delivery  — from the EMS creating a notification to the subscriber receiving it;
//   sample    — from the poll sample that changed an NF state to the subscriber receiving it;
//   fault     — from an NF being stopped behind the EMS's back to its NF_DOWN alarm arriving
//               (detection within one polling interval + delivery).
// Usage: vines-ems-bench [--vnfs N] [--seconds S] [--interval MS]
#include "ems/EmsClient.h"
#include "ems/NotificationListener.h"
#include "net/HttpJsonClient.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace vines;

#include "BenchSupport.h"
#include "net/RequestSigning.h"
#include <QNetworkRequest>

namespace {
using namespace vines::bench;

HttpResult await(const std::function<void(HttpJsonClient::Callback)> &call, int timeoutMs = 30000)
{
    return awaitResult<JsonReply>(call, timeoutMs);
}
QJsonObject objectOf(const HttpResult &r) { return r ? r->object() : QJsonObject(); }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int nVnfs = 500, seconds = 30, intervalMs = 1000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--vnfs") nVnfs = args[i + 1].toInt();
        if (args[i] == "--seconds") seconds = args[i + 1].toInt();
        if (args[i] == "--interval") intervalMs = args[i + 1].toInt();
    }
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    const QString bin = QStringLiteral(VINES_BIN_DIR);
    QTemporaryDir tmp;
    std::printf("ems-bench: %d Leaf agents, polling interval %d ms, %d s measured, %d cores\n", nVnfs, intervalMs, seconds,
                int(sysconf(_SC_NPROCESSORS_ONLN)));
    std::fflush(stdout);

    // 1. N real Leaf agents, each running an echo NF, on their own loopback addresses.
    QList<qint64> leafPids;
    QStringList addrs;
    QNetworkAccessManager nam;
    HttpJsonClient http(&nam, 20000);
    const QByteArray leafSecret = "bench-leaf-secret-0123456789abcdef";   // every agent verifies requests with it
    http.setDecorator([leafSecret](QNetworkRequest &req, const QByteArray &verb, const QByteArray &body) {
        signing::signRequest(req, "bench", leafSecret, verb, body);
    });
    QElapsedTimer boot;
    boot.start();
    for (int i = 0; i < nVnfs; ++i) {
        const QString addr = QStringLiteral("127.71.%1.%2").arg(i / 250).arg(i % 250 + 1);
        QProcess p;
        p.setProgram(bin + "/vines-leaf");
        QFile userData(tmp.filePath(QStringLiteral("user-data-%1").arg(i)));
        userData.open(QIODevice::WriteOnly);
        userData.write("VINES_LEAF_SECRET=" + leafSecret + "\n");
        userData.close();
        p.setArguments({"--address", addr, "--port", "7780", "--instance-id", QStringLiteral("bench-%1").arg(i),
                        "--data-dir", tmp.filePath(QStringLiteral("leaf-%1").arg(i)), "--user-data", userData.fileName()});
        p.setStandardOutputFile(QProcess::nullDevice());
        p.setStandardErrorFile(QProcess::nullDevice());
        qint64 pid = 0;
        if (!p.startDetached(&pid)) {
            std::fprintf(stderr, "cannot start vines-leaf\n");
            return 1;
        }
        leafPids << pid;
        addrs << addr;
    }
    int ready = 0;
    for (const QString &addr : std::as_const(addrs)) {
        QUrl base(QStringLiteral("http://%1:7780").arg(addr));
        HttpResult r;
        for (int attempt = 0; attempt < 200 && !(r = await([&](auto cb) { http.get(base.resolved(QUrl("/status")), cb); }, 2000)); ++attempt)
            spin([]() { return false; }, 50);
        if (!r) continue;
        await([&](auto cb) { http.post(base.resolved(QUrl("/nf")), {{"name", "echo"}, {"type", "echo"}, {"config", QJsonObject{{"listen_port", 9000}}}}, cb); });
        if (await([&](auto cb) { http.post(base.resolved(QUrl("/nf/start")), {}, cb); }))
            ++ready;
    }
    std::printf("setup    %d/%d Leaf agents up with a running NF in %.1f s\n", ready, nVnfs, boot.elapsed() / 1000.0);
    std::fflush(stdout);

    // 2. A real EMS, and a real subscriber.
    const QByteArray secret = "ems-bench-secret-0123456789";
    const QJsonObject cfg{{"listen", "127.0.0.1"}, {"port", 0}, {"portFile", "ems.port"}, {"dataDir", "."},
                          {"defaultPollIntervalMs", intervalMs},
                          {"clients", QJsonArray{QJsonObject{{"id", "bench"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(secret)}}}}};
    QDir().mkpath(tmp.filePath("ems"));
    QFile cf(tmp.filePath("ems/ems.json"));
    cf.open(QIODevice::WriteOnly);
    cf.write(QJsonDocument(cfg).toJson());
    cf.close();
    QProcess ems;
    ems.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    ems.start(bin + "/vines-ems", {"--config", cf.fileName()});
    spin([&]() { return QFile::exists(tmp.filePath("ems/ems.port")); }, 10000);
    QFile pf(tmp.filePath("ems/ems.port"));
    pf.open(QIODevice::ReadOnly);
    EmsEndpoint ep;
    ep.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(pf.readAll().trimmed())));
    ep.clientId = "bench";
    ep.secret = secret;
    EmsClient client(&nam, ep);
    NotificationListener listener;
    if (const Result<> listening = listener.listen(QHostAddress::LocalHost); !listening) {
        std::fprintf(stderr, "notification listener: %s\n", qPrintable(listening.errorMessage()));
        return 1;
    }
    Stats delivery, sampleLag, faultLag;
    QHash<QString, qint64> stoppedAt;   // vnf id -> when we stopped its NF behind the EMS's back
    QSet<QString> busy;                 // stopped, or restarted too recently to have been seen running again
    quint64 notes = 0;
    QObject::connect(&listener, &NotificationListener::notification, &app, [&](const QJsonObject &n) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        ++notes;
        const QString type = n.value("notificationType").toString();
        const QDateTime created = QDateTime::fromString(n.value("timeStamp").toString(), Qt::ISODateWithMs);
        if (created.isValid())
            delivery.v << double(now - created.toMSecsSinceEpoch());
        if (type == "NfStatusChangeNotification") {
            const QDateTime sampled = QDateTime::fromString(n.value("sampleTime").toString(), Qt::ISODateWithMs);
            if (sampled.isValid())
                sampleLag.v << double(now - sampled.toMSecsSinceEpoch());
        }
        if (type == "AlarmNotification" && n.value("alarm").toObject().value("alarmType").toString() == "NF_DOWN") {
            const QString id = n.value("vnfInstanceId").toString();
            if (stoppedAt.contains(id))
                faultLag.v << double(now - stoppedAt.take(id));
        }
    });
    const HttpResult sub = await([&](auto cb) { client.subscribe(listener.callbackUrl(), {}, listener.pendingSecret(), cb); });
    listener.trustPending(objectOf(sub).value("id").toString());

    // 3. Register every agent with the EMS.
    QElapsedTimer reg;
    reg.start();
    int registered = 0, pending = 0;
    for (int i = 0; i < nVnfs; ++i) {
        ++pending;
        client.registerVnf({{"vnfInstanceId", QStringLiteral("vnf-%1").arg(i)}, {"vnfExp", "leaf"},
                            {"managementAddress", addrs[i] + ":7780"}, {"expectedState", "running"},
                            {"driverOptions", QJsonObject{{"leafSecret", QString::fromLatin1(leafSecret)}}},
                            {"monitoringPolicy", QJsonObject{{"intervalMs", intervalMs}}}},
                           [&](const HttpResult &r) { --pending; registered += r ? 1 : 0; });
    }
    spin([&]() { return pending == 0; }, 60000);
    std::printf("setup    %d VNFs registered with the EMS in %.2f s\n", registered, reg.elapsed() / 1000.0);
    std::fflush(stdout);
    spin([]() { return false; }, 3 * intervalMs);   // every VNF polled at least twice
    delivery.v.clear();
    sampleLag.v.clear();

    // 4. Measure: steady monitoring, with NFs stopped behind the EMS's back ten times a second.
    const QJsonObject before = objectOf(await([&](auto cb) { client.about(cb); }));
    const qint64 emsPid = ems.processId();
    const qint64 t0 = cpuTicks(emsPid);
    QElapsedTimer wall;
    wall.start();
    QTimer faults;
    int injected = 0;
    QObject::connect(&faults, &QTimer::timeout, &app, [&]() {
        const int i = int(QRandomGenerator::global()->bounded(nVnfs));
        const QString id = QStringLiteral("vnf-%1").arg(i);
        if (busy.contains(id))
            return;
        busy.insert(id);
        const QUrl base(QStringLiteral("http://%1:7780").arg(addrs[i]));
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        http.post(base.resolved(QUrl("/nf/stop")), {}, [&, id, at, base](const HttpResult &r) {
            if (!r) return busy.remove(id), void();
            stoppedAt.insert(id, at);
            ++injected;
            // Bring it back after two intervals; the alarm clears by itself once a poll sees it run.
            QTimer::singleShot(2 * intervalMs + 200, &app, [&, base, id]() {
                http.post(base.resolved(QUrl("/nf/start")), {}, [](const HttpResult &) {});
                QTimer::singleShot(2 * intervalMs + 200, &app, [&busy, id]() { busy.remove(id); });
            });
        });
    });
    faults.start(100);
    spin([&]() { return wall.elapsed() >= qint64(seconds) * 1000; }, seconds * 1000 + 1000);
    faults.stop();
    const double cpuS = double(cpuTicks(emsPid) - t0) / double(sysconf(_SC_CLK_TCK));
    const double wallS = wall.elapsed() / 1000.0;
    const QJsonObject after = objectOf(await([&](auto cb) { client.about(cb); }));
    spin([]() { return false; }, 2 * intervalMs + 500);   // let the last alarms arrive
    const QJsonObject pb = before.value("poller").toObject(), pa = after.value("poller").toObject();
    const double polls = pa.value("polls").toDouble() - pb.value("polls").toDouble();

    std::printf("ems      CPU: %.1f%% of one core (%.1f%% of the machine) monitoring %d VNFs at %d ms\n", 100.0 * cpuS / wallS,
                100.0 * cpuS / wallS / double(sysconf(_SC_NPROCESSORS_ONLN)), registered, intervalMs);
    std::printf("ems      RSS: %.1f MiB\n", statusKb(emsPid, "VmRSS:") / 1024.0);
    std::printf("ems      polls: %.0f in %.1f s (%.0f/s, expected %.0f/s), overruns %.0f, failed %.0f, mean poll %.1f ms, max %.0f ms\n",
                polls, wallS, polls / wallS, registered * 1000.0 / intervalMs,
                pa.value("overruns").toDouble() - pb.value("overruns").toDouble(),
                pa.value("failedPolls").toDouble() - pb.value("failedPolls").toDouble(), pa.value("meanPollMs").toDouble(),
                pa.value("maxPollMs").toDouble());
    std::printf("notify   %llu notifications received, %.0f dropped by the EMS\n", static_cast<unsigned long long>(notes),
                after.value("notifications").toObject().value("dropped").toDouble());
    std::printf("lag      delivery (EMS created → subscriber received): %s\n", qPrintable(delivery.tailLine()));
    std::printf("lag      sample (poll sample → NF state notification received): %s\n", qPrintable(sampleLag.tailLine()));
    std::printf("lag      fault (NF stopped behind the EMS's back → NF_DOWN alarm received, %d injected): %s\n", injected,
                qPrintable(faultLag.tailLine()));

    ems.terminate();
    ems.waitForFinished(5000);
    for (qint64 pid : std::as_const(leafPids))
        ::kill(pid_t(pid), SIGTERM);
    return registered == nVnfs ? 0 : 1;
}
