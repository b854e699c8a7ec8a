#pragma once
// Relays TCP connections and UDP datagrams from listen_port to next_hop and back. The same
// engine is the forwarder, the firewall (FirewallRules on each new flow) and the traffic
// monitor (per-source flow statistics). Memory per TCP flow is bounded: a side is read only
// while the other side's unsent data is below a high-water mark (a slow reader slows the writer
// through TCP, it does not fill the agent's memory), and a flow idle for idle_timeout_s (default
// 300) is closed, half-open ones included.
#include "FirewallRules.h"
#include "NetworkFunction.h"
#include <QHash>
#include <QHostAddress>
#include <QPointer>

class QTcpServer;
class QTcpSocket;
class QUdpSocket;
class QTimer;

namespace vines::leaf {

class RelayNf : public NetworkFunction {
    Q_OBJECT
public:
    enum class Mode { Forward, Firewall, Monitor };
    explicit RelayNf(Mode mode);
    ~RelayNf() override;

    bool start(const QString &address, const QJsonObject &config, QString *error) override;
    void stop() override;
    bool reconfigure(const QJsonObject &config, QString *error) override;
    QJsonObject extraMetrics() const override;

private:
    struct Flow { quint64 packets = 0; quint64 bytes = 0; qint64 lastSeenMs = 0; };
    struct UdpSession { QUdpSocket *socket = nullptr; QHostAddress peer; quint16 port = 0; qint64 lastMs = 0; };
    void apply(const QJsonObject &config);
    void onTcpConnection();
    void onUdpDatagram();
    void expireUdp();
    bool admit(const QHostAddress &src, const QString &proto);
    void account(const QHostAddress &src, qint64 bytes);

    Mode m_mode;
    QString m_address;
    QHostAddress m_nextHost;
    quint16 m_nextPort = 0;
    int m_idleTimeoutMs = 300000;
    FirewallRules m_rules;
    QTcpServer *m_tcp = nullptr;
    QUdpSocket *m_udp = nullptr;
    QTimer *m_expiry = nullptr;
    QHash<QString, UdpSession> m_udpSessions;
    QHash<QString, Flow> m_flows;
};

} // namespace vines::leaf
