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
    ~EchoNf() override { stop(); }
    bool start(const QString &address, const QJsonObject &config, QString *error) override;
    void stop() override;
    bool reconfigure(const QJsonObject &config, QString *error) override;
private:
    QString m_address;
    QTcpServer *m_tcp = nullptr;
    QUdpSocket *m_udp = nullptr;
};

} // namespace vines::leaf
