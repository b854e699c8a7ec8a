#pragma once
// Answers every TCP byte stream and UDP datagram with what it received: the sink at the end
// of a service chain, and a target for probes.
#include "NetworkFunction.h"

class QTcpServer;
class QUdpSocket;

namespace vines::leaf {

class EchoNf : public NetworkFunction {
    Q_OBJECT
public:
    static constexpr qint64 ReadBufferBytes = 256 * 1024;   // per connection, read from the kernel at most
    static constexpr qint64 MaxPendingEcho = 1024 * 1024;   // per connection, written but not yet taken by the kernel
    ~EchoNf() override { stop(); }
    Result<> start(const QString &address, const QJsonObject &config) override;
    void stop() override;
    Result<> reconfigure(const QJsonObject &config) override;
private:
    QString m_address;
    QTcpServer *m_tcp = nullptr;
    QUdpSocket *m_udp = nullptr;
};

} // namespace vines::leaf
