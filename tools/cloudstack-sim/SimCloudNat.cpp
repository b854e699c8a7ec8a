// The simulated virtual router's rules in the data plane. CloudStack programs the VR's iptables
// from the network rules (port forwarding: DNAT public ip:port -> vm ip:port, let in by its
// firewall rule); here each forwarded public port is a relay in one vines-leaf process bound to
// the router's public side, so traffic really takes those paths.
#include "SimCloud.h"
#include "net/LeafClient.h"
#include "net/RequestSigning.h"
#include <QHash>
#include <QJsonArray>

namespace vines::sim {

namespace {
constexpr int kMaxRelayedRange = 64;   // ports per rule turned into relays (a whole-address range is not relayed)

bool firewallOpens(const QHash<QString, QJsonObject> &fw, const QString &ipId, const QString &protocol, int port)
{
    for (const QJsonObject &r : fw)
        if (r.value("ipaddressid").toString() == ipId && r.value("protocol").toString() == protocol
            && r.value("startport").toInt() <= port && port <= r.value("endport").toInt())
            return true;
    return false;
}
} // namespace

QJsonArray SimCloud::natRoutes() const
{
    struct Route { QString address; int port; QString target; QStringList protocols; };
    QList<Route> routes;
    auto add = [&](const QString &address, int port, const QString &target, const QString &protocol) {
        for (Route &r : routes)
            if (r.address == address && r.port == port) {
                if (r.target == target && !r.protocols.contains(protocol))
                    r.protocols << protocol;   // tcp and udp to the same place: one relay
                return;                        // tcp and udp to different VMs: the first rule wins (not modelled)
            }
        routes << Route{address, port, target, {protocol}};
    };
    // Port forwarding: ingress is let in by the rule's firewall rule (openfirewall) or another one.
    for (const QJsonObject &r : m_pfRules) {
        const QString ipId = r.value("ipaddressid").toString(), proto = r.value("protocol").toString();
        const int from = r.value("publicport").toString().toInt(), to = r.value("publicendport").toString().toInt();
        const int privateFrom = r.value("privateport").toString().toInt();
        if (to - from >= kMaxRelayedRange || (proto != QLatin1String("tcp") && proto != QLatin1String("udp")))
            continue;
        for (int port = from; port <= to; ++port)
            if (firewallOpens(m_fwRules, ipId, proto, port))
                add(r.value("ipaddress").toString(), port, QStringLiteral("%1:%2").arg(r.value("vmguestip").toString()).arg(privateFrom + port - from), proto);
    }
    // Static NAT is not relayed: in this simulator the addresses it maps belong to consoles that
    // lend the virtual router, whose agent (a Leaf on the router's guest side) serves them itself.
    QJsonArray out;
    for (const Route &r : routes)
        out.append(QJsonObject{{"publicAddress", r.address}, {"port", r.port}, {"target", r.target}, {"protocols", QJsonArray::fromStringList(r.protocols)}});
    return out;
}

void SimCloud::bootNat()
{
    m_nat.id = m_router.id + "-public";
    m_nat.name = m_router.name + "-public";
    m_nat.ip = m_opt.publicPrefix + ".1";
    m_nat.offering = QStringLiteral("9c9d5e1c-0001-4000-8000-000000000001");
    m_nam = new QNetworkAccessManager(this);
    m_natSecret = signing::randomToken(32);
    writeUserData(m_nat.id, "VINES_LEAF_SECRET=" + m_natSecret + "\n");
    bootLeaf(m_nat, m_nat.ip, [this](bool ok, const QString &why) {
        if (!ok)
            return natApplied(false, QStringLiteral("the virtual router's public side did not boot: %1").arg(why));
        LeafClient leaf(m_nam, m_nat.ip, 7780, m_natSecret);
        leaf.install("vr-rules", "router", QJsonObject{{"routes", QJsonArray{}}}, {}, [this](const HttpResult &r) {
            if (!r)
                return natApplied(false, r.errorMessage());
            LeafClient(m_nam, m_nat.ip, 7780, m_natSecret).start([this](const HttpResult &s) {
                m_natReady = s.ok();
                natApplied(s.ok(), s.errorMessage());
            });
        });
    });
}

// Rule changes are applied in order; a change made while another is being applied is sent with
// the next application. `then` runs once the router carries the change (the job finishes then).
void SimCloud::applyNat(std::function<void()> then)
{
    if (m_natBusy || !m_natReady) {
        m_natDirty = true;
        m_natNext << std::move(then);
        return;
    }
    m_natBusy = true;
    m_natWaiting << std::move(then);
    LeafClient(m_nam, m_nat.ip, 7780, m_natSecret).configure(QJsonObject{{"routes", natRoutes()}}, [this](const HttpResult &r) { natApplied(r.ok(), r.errorMessage()); });
}

void SimCloud::natApplied(bool ok, const QString &why)
{
    m_natBusy = false;
    m_natError = ok ? QString() : why;
    if (!ok)
        qWarning("vines-cloudstack-sim: virtual router rules not applied: %s", qPrintable(why));
    for (auto &fn : std::exchange(m_natWaiting, {}))
        fn();
    if (m_natDirty && m_natReady) {
        m_natDirty = false;
        auto next = std::exchange(m_natNext, {});
        applyNat([next]() { for (const auto &fn : next) fn(); });
    } else if (!m_natReady) {   // the router never came up: nobody waits for it
        for (auto &fn : std::exchange(m_natNext, {}))
            fn();
    }
}

} // namespace vines::sim
