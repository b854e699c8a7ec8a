#include "TestSupport.h"
#include "net/RequestSigning.h"
#include <QNetworkRequest>
#include <QJsonArray>
#include "util/DaemonStart.h"
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include "package/CsarArchive.h"
#include "package/ToscaMeta.h"
#include <QDir>
#include <QFileInfo>
#include <QTcpServer>
#include <QTest>

namespace vines::test {

QString sourceDir() { return QStringLiteral(VINES_SOURCE_DIR); }
QString packageDir() { return QStringLiteral(VINES_PACKAGE_DIR); }
QString leafBinary() { return QStringLiteral(VINES_BIN_DIR) + QStringLiteral("/vines-leaf"); }
QString simBinary() { return QStringLiteral(VINES_BIN_DIR) + QStringLiteral("/vines-cloudstack-sim"); }
QString emsBinary() { return QStringLiteral(VINES_BIN_DIR) + QStringLiteral("/vines-ems"); }
QString samplePackage(const QString &name) { return packageDir() + "/vines-" + name + ".csar"; }

QMap<QString, QByteArray> sampleSources(const QString &name)
{
    QMap<QString, QByteArray> files;
    for (const QString &d : {sourceDir() + "/resources/packages/common", sourceDir() + "/resources/packages/" + name}) {
        const auto more = CsarWriter::readDirectory(d);
        if (!more)
            qFatal("%s", qPrintable(more.errorMessage()));
        for (auto it = more->begin(); it != more->end(); ++it)
            files.insert(it.key(), it.value());
    }
    refreshManifest(files);
    return files;
}

LocalVim::Options localVimOptions(const QString &workDir)
{
    LocalVim::Options o;
    o.leafBinary = leafBinary();
    o.workDir = workDir;
    return o;
}

void refreshManifest(QMap<QString, QByteArray> &files)
{
    const ToscaMeta meta = ToscaMeta::parse(files.value(ToscaMeta::Path));
    const QString mf = meta.value("ETSI-Entry-Manifest");
    if (mf.isEmpty())
        return;
    files.remove(mf);
    files.insert(mf, CsarWriter::manifestFor(files, mf, {{"vnf_provider_id", "Vines"}}));
}

QString writeZip(const QString &dir, const QString &fileName, const QMap<QString, QByteArray> &files)
{
    const QString path = QDir(dir).filePath(fileName);
    if (const Result<> written = CsarWriter::write(path, files); !written)
        qFatal("writeZip: %s", qPrintable(written.errorMessage()));
    return path;
}

QByteArray damagedCopy(const QByteArray &good, int i, QRandomGenerator &rng)
{
    QByteArray bad = good;
    if (i % 3 == 0)
        bad.truncate(rng.bounded(bad.size()));
    else
        for (int k = 0; k < 1 + i % 7; ++k)
            bad[rng.bounded(bad.size())] = char(rng.bounded(256));
    return bad;
}

Result<VnfPackage> readPackageBytes(const QString &dir, const QByteArray &bytes)
{
    const QString path = QDir(dir).filePath("damaged.csar");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(bytes) != bytes.size())
        qFatal("readPackageBytes: cannot write %s", qPrintable(path));
    out.close();
    return PackageReader::read(path);
}

QString freeLoopback(int a, int b)
{
    for (int c = 1; c < 255; ++c) {
        const QString addr = QStringLiteral("127.%1.%2.%3").arg(a).arg(b).arg(c);
        QTcpServer probe;
        if (probe.listen(QHostAddress(addr), 7780))
            return addr;
    }
    return {};
}

} // namespace vines::test

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace vines::test {

qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

qint64 residentKb(qint64 pid) { return statusKb(pid, "VmRSS"); }

HttpReply HttpReply::from(const HttpResult &r)
{
    HttpReply out;
    out.ok = r.ok();
    if (r) {
        out.status = r->status;
        out.json = r->json;
        out.body = r->body;
        return out;
    }
    out.status = r.error().code();
    out.timedOut = r.error().is(Error::Kind::Timeout);
    out.error = r.errorMessage();
    if (!r.error().details().isEmpty()) {
        out.json = r.error().details();
        out.body = QJsonDocument(r.error().details()).toJson(QJsonDocument::Compact);
    }
    return out;
}

namespace {
// One request on a fresh manager, the answer as it came (the product's client is not the judge here).
HttpReply exchange(const QByteArray &verb, const QString &url, const QByteArray &body, int timeoutMs,
                   const std::function<void(QNetworkRequest &)> &decorate)
{
    QNetworkAccessManager nam;
    QNetworkRequest req{QUrl(url)};
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setTransferTimeout(timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (decorate)
        decorate(req);
    QNetworkReply *reply = nam.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpReply out;
    if (!reply->isFinished()) {
        reply->abort();
        out.timedOut = true;
        out.error = QStringLiteral("%1 %2: no answer within %3 ms").arg(QString::fromLatin1(verb), url).arg(timeoutMs);
        delete reply;
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(out.body);
    if (doc.isObject())
        out.json = doc.object();
    else if (doc.isArray())
        out.json = doc.array();
    out.ok = out.status >= 200 && out.status < 300;
    if (out.status == 0) {
        out.timedOut = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError;
        out.error = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(verb), url, reply->errorString());
    } else if (!out.ok) {   // the far side's own words: the EMS's and Leaf's {"error": {"message"}}, a problem's "detail"
        QString said = out.object().value("error").toObject().value("message").toString();
        if (said.isEmpty())
            said = out.object().value("detail").toString();
        out.error = QStringLiteral("%1 %2 answered %3%4").arg(QString::fromLatin1(verb), url).arg(out.status).arg(said.isEmpty() ? QString() : ": " + said);
    }
    delete reply;
    return out;
}
} // namespace

HttpReply signedCall(const QByteArray &verb, const QString &url, const QByteArray &secret, const QJsonObject &body, int timeoutMs)
{
    return httpCall(verb, url, body, timeoutMs, secret);
}

HttpReply httpCall(const QByteArray &verb, const QString &url, const QJsonObject &body, int timeoutMs, const QByteArray &secret)
{
    const bool hasBody = verb == "POST" || verb == "PUT" || verb == "PATCH";
    const QByteArray payload = hasBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray();
    return exchange(verb, url, payload, timeoutMs, [&](QNetworkRequest &req) {
        if (!secret.isEmpty())
            signing::signRequest(req, "test", secret, verb, payload);
    });
}

HttpReply httpRaw(const QByteArray &verb, const QString &url, const QByteArray &body, const QMap<QByteArray, QByteArray> &headers,
                  int timeoutMs)
{
    return exchange(verb, url, body, timeoutMs, [&](QNetworkRequest &req) {
        for (auto it = headers.begin(); it != headers.end(); ++it)
            req.setRawHeader(it.key(), it.value());
    });
}

HttpReply awaitReply(const std::function<void(HttpJsonClient::Callback)> &call, int timeoutMs)
{
    auto out = std::make_shared<HttpReply>();
    auto done = std::make_shared<bool>(false);
    QEventLoop loop;
    QPointer<QEventLoop> guard(&loop);
    call([out, done, guard](const HttpResult &r) { *out = HttpReply::from(r); *done = true; if (guard) guard->quit(); });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!*done)
        loop.exec();
    if (!*done)
        out->error = QStringLiteral("no reply within %1 ms").arg(timeoutMs);
    return *out;
}

Result<QString> instantiateVnf(Vnfm &vnfm, const QString &packageId, const QString &name, const QString &computeFlavour,
                               const QJsonObject &config, QString *instanceId)
{
    InstantiateRequest q;
    q.packageId = packageId;
    q.name = name;
    q.computeFlavour = computeFlavour;
    q.config = config;
    return instantiateVnf(vnfm, q, instanceId);
}

Result<QString> instantiateVnf(Vnfm &vnfm, const InstantiateRequest &request, QString *instanceId)
{
    const Result<LcmStarted> s = vnfm.instantiate(request);
    if (!s)
        return s.error();
    if (instanceId)
        *instanceId = s->instanceId;
    return s->operationId;
}

Result<QString> instantiateNs(Nfvo &nfvo, const QString &nsdId, const QString &name, QString *nsId)
{
    const Result<Nfvo::Started> s = nfvo.instantiate(nsdId, name);
    if (!s)
        return s.error();
    if (nsId)
        *nsId = s->nsId;
    return s->operationId;
}

EmsProcess::EmsProcess(const QString &dir, const QJsonObject &config) : m_dir(dir), m_config(config) {}
EmsProcess::~EmsProcess() { stop(); }
QString EmsProcess::configPath() const { return QDir(m_dir).filePath("ems.json"); }

Result<> EmsProcess::start()
{
    QDir().mkpath(m_dir);
    QJsonObject c = m_config;
    c.insert("dataDir", m_dir);
    c.insert("portFile", QDir(m_dir).filePath("ems.port"));
    if (!c.contains("port"))
        c.insert("port", 0);
    QFile f(configPath());
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(c).toJson());
    f.close();
    m_proc.setProcessChannelMode(QProcess::SeparateChannels);
    const Result<quint16> port = startDaemon(m_proc, emsBinary(), {"--config", configPath()}, QDir(m_dir).filePath("ems.port"), 10000);
    if (!port)
        return port.error().withMessage(port.errorMessage() + QStringLiteral(": ") + QString::fromUtf8(m_proc.readAllStandardError()));
    m_port = *port;
    return {};
}

void EmsProcess::stop()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.terminate();
    if (!m_proc.waitForFinished(5000)) {
        m_proc.kill();
        m_proc.waitForFinished(2000);
    }
}

void EmsProcess::kill()
{
    m_proc.kill();
    m_proc.waitForFinished(2000);
}

QString EmsProcess::url(const QString &path) const
{
    const bool tls = m_config.contains("tls");
    return QStringLiteral("%1://127.0.0.1:%2%3").arg(tls ? "https" : "http").arg(m_port).arg(path);
}

QByteArray EmsProcess::stderrText() { return m_proc.readAllStandardError(); }

CloudStackSim::CloudStackSim(const QString &dir, const QString &guestPrefix, const QString &publicPrefix, int jobDelayMs, const QJsonObject &extra)
    : m_dir(dir)
{
    m_config = extra;
    m_config.insert("apiKey", QString::fromLatin1(apiKey()));
    m_config.insert("secretKey", QString::fromLatin1(secretKey()));
    if (!m_config.contains("accounts"))
        m_config.insert("accounts", QJsonArray{QJsonObject{{"name", "tenant"}, {"role", "User"}, {"apiKey", QString::fromLatin1(userApiKey())},
                                                           {"secretKey", QString::fromLatin1(userSecretKey())}}});
    m_config.insert("leafBinary", leafBinary());
    if (!m_config.contains("routerSecret"))
        m_config.insert("routerSecret", QString::fromLatin1(routerSecret()));
    m_config.insert("workDir", QDir(dir).filePath("vms"));
    m_config.insert("guestPrefix", guestPrefix);
    m_config.insert("publicPrefix", publicPrefix);
    m_config.insert("jobDelayMs", jobDelayMs);
    m_config.insert("portFile", QDir(dir).filePath("sim.port"));
}

CloudStackSim::~CloudStackSim()
{
    m_proc.terminate();
    if (!m_proc.waitForFinished(8000))
        m_proc.kill();
    m_proc.waitForFinished(2000);
}

Result<> CloudStackSim::start()
{
    QDir().mkpath(m_dir);
    QFile f(QDir(m_dir).filePath("sim.json"));
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(m_config).toJson());
    f.close();
    m_proc.setProcessChannelMode(QProcess::ForwardedChannels);
    const Result<quint16> port = startDaemon(m_proc, simBinary(), {"--config", f.fileName()}, QDir(m_dir).filePath("sim.port"), 10000);
    if (!port)
        return port;
    m_port = *port;
    return {};
}

QString CloudStackSim::apiUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2/client/api").arg(m_config.contains("tls") ? "https" : "http").arg(m_port);
}

QString CloudStackSim::adminUrl(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path); }

QByteArray tcpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from, int timeoutMs)
{
    QTcpSocket s;
    if (!from.isEmpty())
        s.bind(QHostAddress(from));
    s.connectToHost(host, port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(data);
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (got.size() < data.size() && t.elapsed() < timeoutMs && s.state() == QAbstractSocket::ConnectedState) {
        if (s.waitForReadyRead(100))
            got += s.readAll();
    }
    got += s.readAll();
    return got;
}

QByteArray udpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from, int timeoutMs)
{
    QUdpSocket s;
    // From loopback to loopback targets; to any other (a namespace's, over a bridge) from whatever routes there.
    const QHostAddress any = QHostAddress(host).isLoopback() ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(QHostAddress::AnyIPv4);
    s.bind(from.isEmpty() ? any : QHostAddress(from), 0);
    s.writeDatagram(data, QHostAddress(host), port);
    if (!s.waitForReadyRead(timeoutMs))
        return {};
    return s.receiveDatagram().data();
}

LeafProcess::LeafProcess(const QString &address, const QString &dataDir, const QString &instanceId)
    : m_address(address), m_dataDir(dataDir), m_id(instanceId)
{
    m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

LeafProcess::~LeafProcess()
{
    if (m_proc.state() != QProcess::NotRunning) {
        m_proc.kill();
        m_proc.waitForFinished(3000);
    }
}

bool LeafProcess::start()
{
    QDir().mkpath(m_dataDir);
    QFile userData(QDir(m_dataDir).filePath("user-data"));
    if (!userData.open(QIODevice::WriteOnly) || userData.write("VINES_LEAF_SECRET=" + secret() + "\n") <= 0)
        return false;
    userData.close();
    const QStringList command = m_launcher + QStringList{leafBinary(), "--address", m_address, "--port", "7780", "--instance-id", m_id,
                                                         "--data-dir", m_dataDir, "--user-data", userData.fileName()};
    m_proc.start(command.first(), command.mid(1));
    if (!m_proc.waitForStarted(5000))
        return false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        if (call("GET", "/status", {}, 500).ok)
            return true;
        if (m_proc.state() == QProcess::NotRunning)
            return false;
        QTest::qWait(50);
    }
    return false;
}

void LeafProcess::terminate()
{
    m_proc.terminate();
    m_proc.waitForFinished(5000);
}

QString LeafProcess::url(const QString &path) const { return QStringLiteral("http://%1:7780%2").arg(m_address, path); }

HttpReply LeafProcess::call(const QByteArray &verb, const QString &path, const QJsonObject &body, int timeoutMs) const
{
    return signedCall(verb, url(path), secret(), body, timeoutMs);
}

} // namespace vines::test
