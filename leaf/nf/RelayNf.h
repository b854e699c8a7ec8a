#pragma once
// Relays TCP connections and UDP datagrams from listen_port to next_hop and back. The same
// engine is the forwarder, the firewall (FirewallRules once per new connection or UDP session)
// and the traffic monitor (per-source counts, payload untouched). The bytes move on a
// SpliceRelay thread (splice(2) for TCP, recvmmsg/sendmmsg for UDP), never on Qt's event loop;
// this object is the NF's control side: configuration, counters, metrics.
// Where the agent may program the kernel (CAP_NET_ADMIN, an address that is not loopback) the
// NF forwards in the kernel instead (KernelPath: nftables DNAT/SNAT, as the original Vines
// does); config data_path "auto" (the default), "kernel" or "splice" chooses, and the metrics
// say which runs and why.
#include "nf/FirewallRules.h"
#include "KernelPath.h"
#include "NetworkFunction.h"
#include "SpliceRelay.h"
#include <QHostAddress>
#include <memory>
#include <mutex>

namespace vines::leaf {

class RelayNf : public NetworkFunction {
    Q_OBJECT
public:
    enum class Mode { Forward, Firewall, Monitor };
    explicit RelayNf(Mode mode);
    ~RelayNf() override;

    Result<> start(const QString &address, const QJsonObject &config) override;
    void stop() override;
    Result<> reconfigure(const QJsonObject &config) override;
    QJsonObject extraMetrics() const override;
    NfCounters counters() const override;

private:
    void apply(const QJsonObject &config);
    Result<> applyKernel(const QJsonObject &config);
    QString typeName() const;

    Mode m_mode;
    QString m_address;
    quint16 m_port = 0;
    QHostAddress m_nextHost;
    quint16 m_nextPort = 0;
    std::mutex m_rulesMutex;   // m_rules is replaced here and read on the relay thread
    std::shared_ptr<const FirewallRules> m_rules = std::make_shared<FirewallRules>();
    std::unique_ptr<SpliceRelay> m_relay;
    std::unique_ptr<KernelPath> m_kernel;
    QStringList m_protocols;   // as a set (protocolsOf)
    QString m_pathNote;   // why the splice relay runs where the kernel could have
    NfCounters m_retired;   // what relays stopped since this NF was made had counted
};

} // namespace vines::leaf
