#pragma once
// Shared helpers for the Qt Test suites: sample package sources and built CSARs, writing
// (deliberately broken) real zip files, and finding the built daemons.
#include "package/PackageReader.h"
#include "vim/LocalVim.h"
#include <QByteArray>
#include <QRandomGenerator>
#include <QMap>
#include <QString>
#include <QTest>

namespace vines::test {

QString sourceDir();                 // repository root
QString packageDir();                // built sample .csar files
QString leafBinary();
// A local VIM's options for a test: the built Leaf agent, servers under workDir; the rest as the test sets it.
LocalVim::Options localVimOptions(const QString &workDir);
QString emsBinary();
QString simBinary();
QString samplePackage(const QString &name);     // e.g. "forwarder" -> .../vines-forwarder.csar

// Sources of a sample package (common types + its own directory), keyed by archive path.
QMap<QString, QByteArray> sampleSources(const QString &name);
// Recomputes the SOL004 manifest named in TOSCA.meta.
void refreshManifest(QMap<QString, QByteArray> &files);
// Writes files as a zip at dir/fileName and returns its path (fails the test on error).
QString writeZip(const QString &dir, const QString &fileName, const QMap<QString, QByteArray> &files);

// A damaged copy of an archive for the i-th try: every third one cut short at random, the others
// with 1..7 random bytes changed.
QByteArray damagedCopy(const QByteArray &good, int i, QRandomGenerator &rng);
// Reads bytes as a VNF Package (written to dir/damaged.csar first).
Result<VnfPackage> readPackageBytes(const QString &dir, const QByteArray &bytes);

// A refusal seen as the package reader's own error: where (file, field, line) and the whole message.
inline PackageError asPackageError(const Error &e) { return {e.location().file, e.location().field, e.location().line, e.message()}; }

// The value of a success; a failure fails the test (with its message, where must() was called)
// and gives T{}, so the checks after it fail too.
template <typename T>
T must(const Result<T> &r, const char *file = __builtin_FILE(), int line = __builtin_LINE())
{
    if (r)
        return *r;
    QTest::qFail(qPrintable(r.errorMessage()), file, line);
    return T{};
}

// The message of a refusal, for checks on its wording ("<accepted>" when the call was accepted,
// so those checks fail).
template <typename T>
QString refusal(const Result<T> &r)
{
    return r ? QStringLiteral("<accepted>") : r.errorMessage();
}

// A free loopback address in 127.<a>.<b>.x not used by anything else on this machine.
QString freeLoopback(int a, int b);

} // namespace vines::test

#include "net/HttpJsonClient.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/Nfvo.h"
#include <QJsonObject>
#include <QProcess>
#include <QEventLoop>
#include <QPointer>
#include <QTest>
#include <QTimer>
#include <functional>
#include <optional>

// Fails the test with the error's message unless the Result is a success.
#define VERIFY_OK(expr)                                                                        \
    do {                                                                                       \
        const auto vinesResult_ = (expr);                                                      \
        QVERIFY2(vinesResult_.ok(), qPrintable(vinesResult_.errorMessage()));                  \
    } while (false)

namespace vines::test {

// An HTTP exchange as the wire carried it, for tests: any status (2xx or not) with its body.
struct HttpReply {
    bool ok = false;          // answered with 2xx
    bool timedOut = false;    // no answer within the timeout
    int status = 0;           // 0: no answer
    QJsonValue json;          // the body parsed (object or array), undefined if not JSON
    QByteArray body;
    QString error;            // why not ok
    QJsonObject object() const { return json.toObject(); }
    // A product client's result seen the same way (an error's status and the far side's answer).
    static HttpReply from(const HttpResult &r);
};

// Blocking HTTP for tests: spins an event loop until the reply (or timeout).
// A process's resident memory (VmRSS) in kB, -1 when it cannot be read.
qint64 residentKb(qint64 pid);
// Any field of /proc/<pid>/status in kB, e.g. "VmHWM" (peak resident memory); -1 when unreadable.
qint64 statusKb(qint64 pid, const QByteArray &field);
HttpReply httpCall(const QByteArray &verb, const QString &url, const QJsonObject &body = {}, int timeoutMs = 10000, const QByteArray &secret = {});
// The same, signed (X-Vines-Key/-Timestamp/-Signature) with a secret, as Leaf agents require.
HttpReply signedCall(const QByteArray &verb, const QString &url, const QByteArray &secret, const QJsonObject &body = {}, int timeoutMs = 10000);
// Sends data over TCP from an optional source address and returns what comes back.
QByteArray tcpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from = {}, int timeoutMs = 3000);
QByteArray udpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from = {}, int timeoutMs = 3000);

// HTTP with raw body and extra headers (for authentication tests).
HttpReply httpRaw(const QByteArray &verb, const QString &url, const QByteArray &body, const QMap<QByteArray, QByteArray> &headers,
                  int timeoutMs = 10000);
// Runs an asynchronous call and waits for its reply (an empty reply with an error on timeout).
HttpReply awaitReply(const std::function<void(HttpJsonClient::Callback)> &call, int timeoutMs = 20000);
// Runs an asynchronous call that reports a Result<T> and waits for it (a Timeout error if it does not come).
template <typename T>
Result<T> awaitResult(const std::function<void(std::function<void(const Result<T> &)>)> &call, int timeoutMs = 20000)
{
    auto out = std::make_shared<std::optional<Result<T>>>();
    QEventLoop loop;
    QPointer<QEventLoop> guard(&loop);
    call([out, guard](const Result<T> &r) {
        if (!*out)
            *out = r;
        if (guard)
            guard->quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!*out)
        loop.exec();
    if (!*out)
        return Error::timeout(QStringLiteral("no answer within %1 ms").arg(timeoutMs));
    return **out;
}
inline Result<> awaitDone(const std::function<void(std::function<void(const Result<> &)>)> &call, int timeoutMs = 20000)
{
    return awaitResult<void>(call, timeoutMs);
}

// Vnfm::instantiate with the request's fields in a row: the operation occurrence's id, and the
// new instance's into *instanceId.
Result<QString> instantiateVnf(Vnfm &vnfm, const QString &packageId, const QString &name, const QString &computeFlavour = {},
                               const QJsonObject &config = {}, QString *instanceId = nullptr);
Result<QString> instantiateVnf(Vnfm &vnfm, const InstantiateRequest &request, QString *instanceId = nullptr);
// Nfvo::instantiate: the operation occurrence's id, and the new network service's into *nsId.
Result<QString> instantiateNs(Nfvo &nfvo, const QString &nsdId, const QString &name, QString *nsId = nullptr);

// A vines-ems process started from a given configuration (dataDir, portFile and port are filled in).
class EmsProcess {
public:
    EmsProcess(const QString &dir, const QJsonObject &config);
    ~EmsProcess();
    Result<> start();                // waits until it listens
    void stop();                     // SIGTERM and wait
    void kill();                     // SIGKILL
    QString url(const QString &path = {}) const;
    quint16 port() const { return m_port; }
    QString configPath() const;
    QProcess &process() { return m_proc; }
    QByteArray stderrText();
private:
    QString m_dir;
    QJsonObject m_config;
    QProcess m_proc;
    quint16 m_port = 0;
};

// A vines-cloudstack-sim process (the CloudStack API simulator) for the duration of a test.
class CloudStackSim {
public:
    CloudStackSim(const QString &dir, const QString &guestPrefix, const QString &publicPrefix, int jobDelayMs = 50,
                  const QJsonObject &extra = {});
    ~CloudStackSim();
    Result<> start();
    QString apiUrl() const;
    QString adminUrl(const QString &path) const;
    static QByteArray apiKey() { return "sim-api-key-0123456789"; }
    static QByteArray secretKey() { return "sim-secret-key-abcdefghijklmnop"; }
    // An ordinary account (role User) of the same cloud.
    static QByteArray userApiKey() { return "sim-user-key-9876543210"; }
    static QByteArray userSecretKey() { return "sim-user-secret-zyxwvutsrqponmlk"; }
    // The secret the simulated virtual router's Leaf agent was set up with.
    static QByteArray routerSecret() { return "sim-router-agent-secret-0123456789"; }
private:
    QString m_dir;
    QJsonObject m_config;
    QProcess m_proc;
    quint16 m_port = 0;
};

// A vines-leaf process for the duration of a test.
class LeafProcess {
public:
    LeafProcess(const QString &address, const QString &dataDir, const QString &instanceId = QStringLiteral("test-leaf"));
    ~LeafProcess();
    bool start();               // waits until /status answers
    // A command line put before the agent's (e.g. ip netns exec NS): it must exec the agent, keeping the pid.
    void setLauncher(const QStringList &prefix) { m_launcher = prefix; }
    void terminate();           // SIGTERM and wait
    QString url(const QString &path) const;
    // A management request signed with the agent's secret.
    HttpReply call(const QByteArray &verb, const QString &path, const QJsonObject &body = {}, int timeoutMs = 10000) const;
    static QByteArray secret() { return "test-leaf-secret-0123456789abcdef"; }
    QProcess &process() { return m_proc; }
private:
    QString m_address, m_dataDir, m_id;
    QStringList m_launcher;
    QProcess m_proc;
};

} // namespace vines::test
