#include "RelayNf.h"
#include <QDateTime>
#include <QJsonArray>
#include <QPointer>
#include <arpa/inet.h>
#include <algorithm>
#include <chrono>

namespace vines::leaf {

namespace {
sockaddr_in socketAddress(const QHostAddress &host, quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(host.toIPv4Address());
    return a;
}
} // namespace

namespace {
const NfFactory::Registration forwarder("forwarder", [](const NfFactory::Where &) { return std::make_unique<RelayNf>(RelayNf::Mode::Forward); });
const NfFactory::Registration firewall("firewall", [](const NfFactory::Where &) { return std::make_unique<RelayNf>(RelayNf::Mode::Firewall); });
const NfFactory::Registration monitor("monitor", [](const NfFactory::Where &) { return std::make_unique<RelayNf>(RelayNf::Mode::Monitor); });
} // namespace

RelayNf::RelayNf(Mode mode) : m_mode(mode) {}

RelayNf::~RelayNf() { stop(); }

QString RelayNf::typeName() const
{
    return m_mode == Mode::Firewall ? QStringLiteral("firewall") : m_mode == Mode::Monitor ? QStringLiteral("monitor") : QStringLiteral("forwarder");
}

void RelayNf::apply(const QJsonObject &config)
{
    const QString hop = config.value("next_hop").toString();
    const int colon = hop.lastIndexOf(':');
    m_nextHost = colon > 0 ? QHostAddress(hop.left(colon)) : QHostAddress();
    m_nextPort = colon > 0 ? static_cast<quint16>(hop.mid(colon + 1).toUInt()) : 0;
    auto rules = std::make_shared<FirewallRules>();
    rules->load(m_mode == Mode::Firewall ? config : QJsonObject());
    {
        std::lock_guard<std::mutex> lock(m_rulesMutex);
        m_rules = rules;
    }
    if (m_relay) {
        m_relay->setNextHop(socketAddress(m_nextHost, m_nextPort));
        m_relay->setIdleTimeoutMs(qBound(1, config.value("idle_timeout_s").toInt(300), 86400) * 1000);
    }
}

Result<> RelayNf::applyKernel(const QJsonObject &config)
{
    apply(config);
    KernelPath::Route route{QHostAddress(m_address), m_port, m_nextHost, m_nextPort, m_protocols.contains("tcp"), m_protocols.contains("udp")};
    return m_kernel->apply({route}, m_mode == Mode::Firewall ? config : QJsonObject(), m_mode == Mode::Monitor);
}

Result<> RelayNf::start(const QString &address, const QJsonObject &config)
{
    stop();
    m_address = address;
    m_port = static_cast<quint16>(config.value("listen_port").toInt());
    const QStringList protos = protocolsOf(config.value("protocols"));
    m_protocols = protos;
    const Result<KernelPath::Choice> path = KernelPath::choose(config, QHostAddress(address));
    if (!path)
        return path.error();
    m_pathNote = path->note;
    if (path->kernel) {
        m_kernel = std::make_unique<KernelPath>(QStringLiteral("vines_%1_%2").arg(QString(address).replace('.', '_')).arg(m_port));
        if (Result<> applied = applyKernel(config); !applied) {
            m_kernel.reset();
            return applied;
        }
        Q_EMIT log(QStringLiteral("forwarding %1 for %2:%3 to %4 in the kernel (nftables table %5)").arg(protos.join('+'), address).arg(m_port)
                       .arg(m_nextPort ? QStringLiteral("%1:%2").arg(m_nextHost.toString()).arg(m_nextPort) : QStringLiteral("(no next hop)"),
                            m_kernel->table()));
        return {};
    }
    m_relay = std::make_unique<SpliceRelay>();
    apply(config);
    m_relay->setPerSourceStats(m_mode == Mode::Monitor);
    if (m_mode == Mode::Firewall) {
        // Once per new connection or UDP session, on the relay thread.
        m_relay->setAdmit([this](uint32_t source, bool tcp) {
            std::shared_ptr<const FirewallRules> rules;
            {
                std::lock_guard<std::mutex> lock(m_rulesMutex);
                rules = m_rules;
            }
            return rules->allows(QHostAddress(source), tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
        });
    }
    QPointer<RelayNf> self(this);
    m_relay->setLog([self](const std::string &line) {
        // From the relay thread to this object's: a queued call, never a wait.
        QMetaObject::invokeMethod(self, [self, text = QString::fromStdString(line)]() { if (self) Q_EMIT self->log(text); }, Qt::QueuedConnection);
    });
    std::string why;
    if (!m_relay->start(socketAddress(QHostAddress(address), m_port), protos.contains("tcp"), protos.contains("udp"), &why)) {
        m_relay.reset();
        return Error::unavailable(QString::fromStdString(why));
    }
    Q_EMIT log(QStringLiteral("relaying %1 on %2:%3 to %4 (splice/epoll data path)").arg(protos.join('+'), address).arg(m_port)
                   .arg(m_nextPort ? QStringLiteral("%1:%2").arg(m_nextHost.toString()).arg(m_nextPort) : QStringLiteral("(no next hop)")));
    return {};
}

void RelayNf::stop()
{
    if (m_kernel) {
        m_kernel->remove();
        m_retired = counters();   // a removed table has no open connections
        m_kernel.reset();
    }
    if (!m_relay)
        return;
    m_relay->stop();   // joins the relay thread: nothing runs on it after this
    m_retired = counters();
    m_retired.active = 0;
    m_relay.reset();
}

NfCounters RelayNf::counters() const
{
    if (m_kernel) {
        NfCounters n = m_retired;
        n += m_kernel->counters();
        return n;
    }
    if (!m_relay)
        return m_retired;
    const SpliceRelay::Counters &c = m_relay->counters();
    NfCounters n = m_retired;   // its open connections are zero: the live relay's are the NF's
    n += NfCounters{c.packetsIn.load(), c.packetsOut.load(), c.bytesIn.load(), c.bytesOut.load(), c.dropped.load(),
                    c.connections.load(), c.active.load()};
    return n;
}

Result<> RelayNf::reconfigure(const QJsonObject &config)
{
    if (Result<> valid = NfTypes::validate(typeName(), config); !valid)
        return valid;
    const quint16 port = static_cast<quint16>(config.value("listen_port").toInt());
    const Result<KernelPath::Choice> path = KernelPath::choose(config, QHostAddress(m_address));
    const bool kernelWanted = path && path->kernel;
    if ((!m_relay && !m_kernel) || port != m_port || protocolsOf(config.value("protocols")) != m_protocols || kernelWanted != bool(m_kernel))
        return start(m_address, config);
    if (m_kernel)   // one transaction: the old table stays if it fails
        if (Result<> applied = applyKernel(config); !applied)
            return applied;
    if (!m_kernel)
        apply(config);   // next hop and rules change live, open flows keep going
    Q_EMIT log(QStringLiteral("reconfigured: next hop %1:%2").arg(m_nextHost.toString()).arg(m_nextPort));
    return {};
}

QJsonObject RelayNf::extraMetrics() const
{
    QJsonObject o{{"nextHop", m_nextPort ? QStringLiteral("%1:%2").arg(m_nextHost.toString()).arg(m_nextPort) : QString()}};
    if (m_kernel) {
        o.insert("dataPath", "kernel");   // nftables DNAT/SNAT: the kernel forwards every packet
        o.insert("nftTable", m_kernel->table());
        o.insert("countsHeaders", true);  // IP packets and bytes as forwarded, headers included
        o.insert("flowSteering", m_kernel->steersFlows());   // forwarded on the reader's CPU (RFS)
        if (m_mode == Mode::Monitor) {
            int flows = 0;
            const QJsonArray top = m_kernel->topTalkers(10, &flows);
            o.insert("flows", flows);
            o.insert("topTalkers", top);
        }
        return o;
    }
    o.insert("dataPath", "splice");   // TCP through kernel pipes, UDP in recvmmsg/sendmmsg batches, on its own thread
    if (!m_pathNote.isEmpty())
        o.insert("dataPathNote", QStringLiteral("not in the kernel: %1").arg(m_pathNote));
    o.insert("udpSessions", m_relay ? m_relay->udpSessions() : 0);
    o.insert("idleClosed", m_relay ? double(m_relay->counters().idleClosed.load()) : 0.0);
    if (m_mode == Mode::Monitor && m_relay) {
        auto flows = m_relay->sources();
        std::sort(flows.begin(), flows.end(), [](const auto &a, const auto &b) { return a.second.bytes > b.second.bytes; });
        // Steady-clock times of the relay thread, turned into wall-clock ones.
        const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
        const qint64 steadyNow = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
        QJsonArray top;
        for (size_t i = 0; i < flows.size() && i < 10; ++i)
            top.append(QJsonObject{{"source", QHostAddress(flows[i].first).toString()}, {"packets", double(flows[i].second.packets)},
                                   {"bytes", double(flows[i].second.bytes)},
                                   {"lastSeen", QDateTime::fromMSecsSinceEpoch(wallNow - (steadyNow - flows[i].second.lastSeenMs), Qt::UTC).toString(Qt::ISODate)}});
        o.insert("flows", static_cast<int>(flows.size()));
        o.insert("topTalkers", top);
    }
    return o;
}

} // namespace vines::leaf
