#include "RelayNf.h"
#include <QDateTime>
#include <QJsonArray>
#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <algorithm>

namespace vines::leaf {

static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

RelayNf::RelayNf(Mode mode) : m_mode(mode) {}

RelayNf::~RelayNf() { stop(); }

void RelayNf::apply(const QJsonObject &config)
{
    const QString hop = config.value("next_hop").toString();
    const int colon = hop.lastIndexOf(':');
    m_nextHost = colon > 0 ? QHostAddress(hop.left(colon)) : QHostAddress();
    m_nextPort = colon > 0 ? static_cast<quint16>(hop.mid(colon + 1).toUInt()) : 0;
    m_rules.load(m_mode == Mode::Firewall ? config : QJsonObject());
    m_idleTimeoutMs = qBound(1, config.value("idle_timeout_s").toInt(300), 86400) * 1000;
}

namespace {
constexpr qint64 kReadBuffer = 64 * 1024;    // what Qt may hold of one side's unread data
constexpr qint64 kHighWater = 256 * 1024;    // unsent data on a side before the other side is no longer read
} // namespace

bool RelayNf::start(const QString &address, const QJsonObject &config, QString *error)
{
    stop();
    m_address = address;
    apply(config);
    const quint16 port = static_cast<quint16>(config.value("listen_port").toInt());
    QStringList protos;
    for (const auto &p : config.value("protocols").toArray({"tcp", "udp"}))
        protos << p.toString();
    if (protos.contains("tcp")) {
        m_tcp = new QTcpServer(this);
        if (!m_tcp->listen(QHostAddress(address), port)) {
            *error = QStringLiteral("cannot listen on tcp %1:%2: %3").arg(address).arg(port).arg(m_tcp->errorString());
            stop();
            return false;
        }
        connect(m_tcp, &QTcpServer::newConnection, this, &RelayNf::onTcpConnection);
    }
    if (protos.contains("udp")) {
        m_udp = new QUdpSocket(this);
        if (!m_udp->bind(QHostAddress(address), port)) {
            *error = QStringLiteral("cannot bind udp %1:%2: %3").arg(address).arg(port).arg(m_udp->errorString());
            stop();
            return false;
        }
        connect(m_udp, &QUdpSocket::readyRead, this, &RelayNf::onUdpDatagram);
        m_expiry = new QTimer(this);
        connect(m_expiry, &QTimer::timeout, this, &RelayNf::expireUdp);
        m_expiry->start(5000);
    }
    Q_EMIT log(QStringLiteral("relaying %1 on %2:%3 to %4").arg(protos.join('+'), address).arg(port)
                   .arg(m_nextPort ? QStringLiteral("%1:%2").arg(m_nextHost.toString()).arg(m_nextPort) : QStringLiteral("(no next hop)")));
    return true;
}

void RelayNf::stop()
{
    delete m_tcp;
    m_tcp = nullptr;
    delete m_udp;
    m_udp = nullptr;
    delete m_expiry;
    m_expiry = nullptr;
    for (const UdpSession &s : std::as_const(m_udpSessions))
        delete s.socket;
    m_udpSessions.clear();
    // Open TCP pairs are children of this object and close with it or on their own.
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets)
        s->abort();
    qDeleteAll(sockets);
    m_counters.active = 0;
}

bool RelayNf::reconfigure(const QJsonObject &config, QString *error)
{
    const QString why = NetworkFunction::validate(m_mode == Mode::Firewall ? "firewall" : m_mode == Mode::Monitor ? "monitor" : "forwarder", config);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    const quint16 port = static_cast<quint16>(config.value("listen_port").toInt());
    const quint16 current = m_tcp ? m_tcp->serverPort() : m_udp ? m_udp->localPort() : 0;
    if (port != current)
        return start(m_address, config, error);
    apply(config);   // next hop and rules change live, open flows keep going
    Q_EMIT log(QStringLiteral("reconfigured: next hop %1:%2").arg(m_nextHost.toString()).arg(m_nextPort));
    return true;
}

bool RelayNf::admit(const QHostAddress &src, const QString &proto)
{
    if (m_mode == Mode::Firewall && !m_rules.allows(src, proto)) {
        ++m_counters.dropped;
        return false;
    }
    if (!m_nextPort) {
        ++m_counters.dropped;
        return false;
    }
    return true;
}

void RelayNf::account(const QHostAddress &src, qint64 bytes)
{
    if (m_mode != Mode::Monitor)
        return;
    Flow &f = m_flows[QHostAddress(src.toIPv4Address()).toString()];
    ++f.packets;
    f.bytes += static_cast<quint64>(bytes);
    f.lastSeenMs = nowMs();
}

void RelayNf::onTcpConnection()
{
    while (QTcpSocket *client = m_tcp->nextPendingConnection()) {
        client->setParent(this);
        const QHostAddress src = client->peerAddress();
        if (!admit(src, "tcp")) {
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_counters.connections;
        ++m_counters.active;
        auto *upstream = new QTcpSocket(this);
        upstream->bind(QHostAddress(m_address));   // leave from our own address, as a real hop would
        client->setReadBufferSize(kReadBuffer);
        upstream->setReadBufferSize(kReadBuffer);
        QPointer<QTcpSocket> c(client), u(upstream);
        auto *idle = new QTimer(client);
        idle->setSingleShot(true);
        idle->setInterval(m_idleTimeoutMs);
        auto closeBoth = [this, c, u]() {
            if (c && u) --m_counters.active;
            if (c) { c->disconnect(this); c->close(); c->deleteLater(); }
            if (u) { u->disconnect(this); u->close(); u->deleteLater(); }
        };
        connect(idle, &QTimer::timeout, this, [this, closeBoth]() {
            Q_EMIT log(QStringLiteral("closing a TCP flow idle for %1 s").arg(m_idleTimeoutMs / 1000));
            closeBoth();
        });
        idle->start();
        // Moves what the other side can take now; the rest waits in the kernel (TCP flow control).
        auto pump = [this, src, idle](QTcpSocket *from, QTcpSocket *to, bool fromClient) {
            if (to->state() != QAbstractSocket::ConnectedState)
                return;
            const qint64 room = kHighWater - to->bytesToWrite();
            if (room <= 0)
                return;   // resumed by the other side's bytesWritten
            const QByteArray data = from->read(qMin(room, from->bytesAvailable()));
            if (data.isEmpty())
                return;
            idle->start();
            ++m_counters.packetsIn;
            m_counters.bytesIn += static_cast<quint64>(data.size());
            if (fromClient)
                account(src, data.size());
            to->write(data);
            ++m_counters.packetsOut;
            m_counters.bytesOut += static_cast<quint64>(data.size());
        };
        // A side that sent its backlog may take more of the other side.
        connect(upstream, &QTcpSocket::bytesWritten, this, [c, u, pump]() { if (c && u) pump(c, u, true); });
        connect(client, &QTcpSocket::bytesWritten, this, [c, u, pump]() { if (c && u) pump(u, c, false); });
        connect(upstream, &QTcpSocket::connected, this, [c, u, pump]() {
            if (c && u && c->bytesAvailable())
                pump(c, u, true);
        });
        connect(client, &QTcpSocket::readyRead, this, [c, u, pump]() {
            if (c && u && u->state() == QAbstractSocket::ConnectedState)
                pump(c, u, true);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [c, u, pump]() { if (c && u) pump(u, c, false); });
        connect(client, &QTcpSocket::disconnected, this, [u, closeBoth]() {
            if (u && u->bytesToWrite() > 0)
                u->waitForBytesWritten(1000);
            closeBoth();
        });
        connect(upstream, &QTcpSocket::disconnected, this, [c, u, closeBoth]() {
            if (c && u && c->state() == QAbstractSocket::ConnectedState)
                c->write(u->readAll());   // the last answer (at most the read buffer)
            if (c && c->bytesToWrite() > 0)
                c->waitForBytesWritten(1000);
            closeBoth();
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, u, closeBoth](QAbstractSocket::SocketError e) {
            if (e == QAbstractSocket::RemoteHostClosedError)
                return;
            ++m_counters.dropped;
            Q_EMIT log(QStringLiteral("next hop %1:%2 error: %3").arg(m_nextHost.toString()).arg(m_nextPort).arg(u ? u->errorString() : QString()));
            closeBoth();
        });
        upstream->connectToHost(m_nextHost, m_nextPort);
    }
}

void RelayNf::onUdpDatagram()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram d = m_udp->receiveDatagram();
        ++m_counters.packetsIn;
        m_counters.bytesIn += static_cast<quint64>(d.data().size());
        account(d.senderAddress(), d.data().size());
        if (!admit(d.senderAddress(), "udp"))
            continue;
        const QString key = QStringLiteral("%1:%2").arg(d.senderAddress().toString()).arg(d.senderPort());
        UdpSession &s = m_udpSessions[key];
        if (!s.socket) {
            s.socket = new QUdpSocket(this);
            s.socket->bind(QHostAddress(m_address), 0);
            s.peer = d.senderAddress();
            s.port = static_cast<quint16>(d.senderPort());
            QUdpSocket *sock = s.socket;
            connect(sock, &QUdpSocket::readyRead, this, [this, sock, key]() {
                while (sock->hasPendingDatagrams()) {
                    const QNetworkDatagram reply = sock->receiveDatagram();
                    ++m_counters.packetsIn;
                    m_counters.bytesIn += static_cast<quint64>(reply.data().size());
                    const UdpSession sess = m_udpSessions.value(key);
                    if (!m_udp || !sess.socket)
                        continue;
                    m_udp->writeDatagram(reply.data(), sess.peer, sess.port);
                    ++m_counters.packetsOut;
                    m_counters.bytesOut += static_cast<quint64>(reply.data().size());
                    m_udpSessions[key].lastMs = nowMs();
                }
            });
        }
        s.lastMs = nowMs();
        s.socket->writeDatagram(d.data(), m_nextHost, m_nextPort);
        ++m_counters.packetsOut;
        m_counters.bytesOut += static_cast<quint64>(d.data().size());
    }
}

void RelayNf::expireUdp()
{
    const qint64 cutoff = nowMs() - 60000;
    for (auto it = m_udpSessions.begin(); it != m_udpSessions.end();) {
        if (it->lastMs < cutoff) {
            it->socket->deleteLater();
            it = m_udpSessions.erase(it);
        } else {
            ++it;
        }
    }
}

QJsonObject RelayNf::extraMetrics() const
{
    QJsonObject o{{"nextHop", m_nextPort ? QStringLiteral("%1:%2").arg(m_nextHost.toString()).arg(m_nextPort) : QString()},
                  {"udpSessions", static_cast<int>(m_udpSessions.size())}};
    if (m_mode == Mode::Monitor) {
        QList<QPair<QString, Flow>> flows;
        for (auto it = m_flows.begin(); it != m_flows.end(); ++it)
            flows.append({it.key(), it.value()});
        std::sort(flows.begin(), flows.end(), [](const auto &a, const auto &b) { return a.second.bytes > b.second.bytes; });
        QJsonArray top;
        for (int i = 0; i < flows.size() && i < 10; ++i)
            top.append(QJsonObject{{"source", flows[i].first}, {"packets", double(flows[i].second.packets)},
                                   {"bytes", double(flows[i].second.bytes)},
                                   {"lastSeen", QDateTime::fromMSecsSinceEpoch(flows[i].second.lastSeenMs, Qt::UTC).toString(Qt::ISODate)}});
        o.insert("flows", static_cast<int>(m_flows.size()));
        o.insert("topTalkers", top);
    }
    return o;
}

} // namespace vines::leaf
