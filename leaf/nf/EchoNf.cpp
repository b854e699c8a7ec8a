#include "EchoNf.h"
#include <QJsonArray>
#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

namespace vines::leaf {

namespace {
const NfFactory::Registration echo("echo", [](const NfFactory::Where &) { return std::make_unique<EchoNf>(); });
} // namespace

Result<> EchoNf::start(const QString &address, const QJsonObject &config)
{
    stop();
    m_address = address;
    const quint16 port = static_cast<quint16>(config.value("listen_port").toInt());
    QStringList protos;
    for (const auto &p : config.value("protocols").toArray({"tcp", "udp"}))
        protos << p.toString();
    if (protos.contains("tcp")) {
        m_tcp = new QTcpServer(this);
        // A chain's end takes bursts of connections: Qt's default backlog (50) overflows under
        // load and the kernel then drops handshakes, which the hops before see as resets (found
        // by tst_leaf's 300 streams through five hops on a loaded machine).
        m_tcp->setListenBacklogSize(1024);
        m_tcp->setMaxPendingConnections(1024);
        if (!m_tcp->listen(QHostAddress(address), port)) {
            const QString why = QStringLiteral("cannot listen on tcp %1:%2: %3").arg(address).arg(port).arg(m_tcp->errorString());
            stop();
            return Error::unavailable(why);
        }
        connect(m_tcp, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *s = m_tcp->nextPendingConnection()) {
                s->setParent(this);
                ++m_counters.connections;
                ++m_counters.active;
                // Bounded per connection: a client that stops reading its echo stops being read
                // (the rest waits in the kernel and TCP holds the sender back), so this agent
                // holds at most the read buffer and MaxPendingEcho bytes for it.
                s->setReadBufferSize(ReadBufferBytes);
                auto pump = [this, s]() {
                    while (s->bytesAvailable() > 0 && s->bytesToWrite() < MaxPendingEcho) {
                        const QByteArray d = s->read(ReadBufferBytes);
                        ++m_counters.packetsIn;
                        m_counters.bytesIn += static_cast<quint64>(d.size());
                        s->write(d);
                        ++m_counters.packetsOut;
                        m_counters.bytesOut += static_cast<quint64>(d.size());
                    }
                };
                connect(s, &QTcpSocket::readyRead, this, pump);
                connect(s, &QTcpSocket::bytesWritten, this, pump);
                connect(s, &QTcpSocket::disconnected, this, [this, s]() {
                    --m_counters.active;
                    s->disconnect(this);
                    s->deleteLater();
                });
            }
        });
    }
    if (protos.contains("udp")) {
        m_udp = new QUdpSocket(this);
        if (!m_udp->bind(QHostAddress(address), port)) {
            const QString why = QStringLiteral("cannot bind udp %1:%2: %3").arg(address).arg(port).arg(m_udp->errorString());
            stop();
            return Error::unavailable(why);
        }
        connect(m_udp, &QUdpSocket::readyRead, this, [this]() {
            while (m_udp->hasPendingDatagrams()) {
                const QNetworkDatagram d = m_udp->receiveDatagram();
                ++m_counters.packetsIn;
                m_counters.bytesIn += static_cast<quint64>(d.data().size());
                m_udp->writeDatagram(d.makeReply(d.data()));
                ++m_counters.packetsOut;
                m_counters.bytesOut += static_cast<quint64>(d.data().size());
            }
        });
    }
    Q_EMIT log(QStringLiteral("echoing %1 on %2:%3").arg(protos.join('+'), address).arg(port));
    return {};
}

void EchoNf::stop()
{
    delete m_tcp;
    m_tcp = nullptr;
    delete m_udp;
    m_udp = nullptr;
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets)
        s->abort();
    qDeleteAll(sockets);
    m_counters.active = 0;
}

Result<> EchoNf::reconfigure(const QJsonObject &config)
{
    if (Result<> valid = NfTypes::validate("echo", config); !valid)
        return valid;
    return start(m_address, config);
}

} // namespace vines::leaf
