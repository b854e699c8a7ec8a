#pragma once
// Shared helpers for the Qt Test suites: sample package sources and built CSARs, writing
// (deliberately broken) real zip files, and finding the built daemons.
#include <QByteArray>
#include <QMap>
#include <QString>

namespace vines::test {

QString sourceDir();                 // repository root
QString packageDir();                // built sample .csar files
QString leafBinary();
QString emsBinary();
QString samplePackage(const QString &name);     // e.g. "forwarder" -> .../vines-forwarder.csar

// Sources of a sample package (common types + its own directory), keyed by archive path.
QMap<QString, QByteArray> sampleSources(const QString &name);
// Recomputes the SOL004 manifest named in TOSCA.meta.
void refreshManifest(QMap<QString, QByteArray> &files);
// Writes files as a zip at dir/fileName and returns its path (fails the test on error).
QString writeZip(const QString &dir, const QString &fileName, const QMap<QString, QByteArray> &files);

// A free loopback address in 127.<a>.<b>.x not used by anything else on this machine.
QString freeLoopback(int a, int b);

} // namespace vines::test

#include "net/HttpJsonClient.h"
#include <QProcess>

namespace vines::test {

// Blocking HTTP for tests: spins an event loop until the reply (or timeout).
HttpReply httpCall(const QByteArray &verb, const QString &url, const QJsonObject &body = {}, int timeoutMs = 10000);
// Sends data over TCP from an optional source address and returns what comes back.
QByteArray tcpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from = {}, int timeoutMs = 3000);
QByteArray udpExchange(const QString &host, quint16 port, const QByteArray &data, const QString &from = {}, int timeoutMs = 3000);

// A vines-leaf process for the duration of a test.
class LeafProcess {
public:
    LeafProcess(const QString &address, const QString &dataDir, const QString &instanceId = QStringLiteral("test-leaf"));
    ~LeafProcess();
    bool start();               // waits until /status answers
    void terminate();           // SIGTERM and wait
    QString url(const QString &path) const;
    QProcess &process() { return m_proc; }
private:
    QString m_address, m_dataDir, m_id;
    QProcess m_proc;
};

} // namespace vines::test
