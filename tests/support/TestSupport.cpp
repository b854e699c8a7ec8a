#include "TestSupport.h"
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
QString emsBinary() { return QStringLiteral(VINES_BIN_DIR) + QStringLiteral("/vines-ems"); }
QString samplePackage(const QString &name) { return packageDir() + "/vines-" + name + ".csar"; }

QMap<QString, QByteArray> sampleSources(const QString &name)
{
    QMap<QString, QByteArray> files;
    for (const QString &d : {sourceDir() + "/resources/packages/common", sourceDir() + "/resources/packages/" + name}) {
        QString error;
        const auto more = CsarWriter::readDirectory(d, &error);
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
        for (auto it = more.begin(); it != more.end(); ++it)
            files.insert(it.key(), it.value());
    }
    refreshManifest(files);
    return files;
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
    const QString error = CsarWriter::write(path, files);
    if (!error.isEmpty())
        qFatal("writeZip: %s", qPrintable(error));
    return path;
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

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace vines::test {

HttpReply httpCall(const QByteArray &verb, const QString &url, const QJsonObject &body, int timeoutMs)
{
    QNetworkAccessManager nam;
    HttpJsonClient http(&nam, timeoutMs);
    HttpReply out;
    bool done = false;
    QEventLoop loop;
    auto cb = [&](const HttpReply &r) { out = r; done = true; loop.quit(); };
    if (verb == "GET") http.get(QUrl(url), cb);
    else if (verb == "POST") http.post(QUrl(url), body, cb);
    else if (verb == "PUT") http.put(QUrl(url), body, cb);
    else http.del(QUrl(url), cb);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    return out;
}

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
    s.bind(from.isEmpty() ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(from), 0);
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
    m_proc.start(leafBinary(), {"--address", m_address, "--port", "7780", "--instance-id", m_id, "--data-dir", m_dataDir});
    if (!m_proc.waitForStarted(5000))
        return false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        if (httpCall("GET", url("/status"), {}, 500).ok)
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

} // namespace vines::test
