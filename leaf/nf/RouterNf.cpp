#include "RouterNf.h"
#include <QJsonArray>
#include <QHostAddress>
#include <QSet>

namespace vines::leaf {

namespace {
const NfFactory::Registration router("router", [](const NfFactory::Where &) { return std::make_unique<RouterNf>(); });
} // namespace

QList<RouterNf::Route> RouterNf::parse(const QJsonObject &c)
{
    QList<Route> out;
    for (const auto &v : c.value("routes").toArray()) {
        const QJsonObject r = v.toObject();
        out << Route{r.value("publicAddress").toString(), r.value("port").toInt(), r.value("target").toString(),
                     r.contains("protocols") ? r.value("protocols").toArray() : QJsonArray{"tcp", "udp"}};
    }
    return out;
}

Result<> RouterNf::start(const QString &address, const QJsonObject &config)
{
    stop();
    m_address = address;
    const Result<KernelPath::Choice> path = KernelPath::choose(config, QHostAddress(address));
    if (!path)
        return path.error();
    m_pathNote = path->note;
    if (path->kernel)
        m_kernel = std::make_unique<KernelPath>(QStringLiteral("vines_router_%1").arg(QString(address).replace('.', '_')));
    return reconfigure(config);
}

Result<> RouterNf::takeAddresses(const QHash<QString, Route> &wanted)
{
    for (const Route &r : wanted) {
        if (m_taken.contains(r.publicAddress))
            continue;
        const Result<bool> added = KernelPath::ensureLocalAddress(QHostAddress(r.publicAddress), QHostAddress(m_address));
        if (!added)
            return added.error().prefixed(QStringLiteral("route %1").arg(key(r)));
        if (*added)
            m_taken.insert(r.publicAddress);
    }
    return {};
}

void RouterNf::releaseAddresses(const QHash<QString, Route> &wanted)
{
    QSet<QString> still;
    for (const Route &r : wanted)
        still.insert(r.publicAddress);
    for (auto it = m_taken.begin(); it != m_taken.end();) {
        if (still.contains(*it)) { ++it; continue; }
        KernelPath::dropLocalAddress(QHostAddress(*it));
        it = m_taken.erase(it);
    }
}

Result<> RouterNf::reconfigureKernel(const QHash<QString, Route> &wanted)
{
    QList<KernelPath::Route> routes;
    for (const Route &r : wanted) {
        const int colon = r.target.lastIndexOf(':');
        const QStringList protos = protocolsOf(r.protocols);
        routes.append({QHostAddress(r.publicAddress), quint16(r.port), QHostAddress(r.target.left(colon)), quint16(r.target.mid(colon + 1).toUInt()),
                       protos.contains("tcp"), protos.contains("udp"), QHostAddress(m_address)});
    }
    if (Result<> applied = m_kernel->apply(routes, {}, false); !applied)
        return applied;
    for (auto it = m_routes.begin(); it != m_routes.end(); ++it)
        if (!wanted.contains(it.key()))
            Q_EMIT log(QStringLiteral("route %1 removed").arg(it.key()));
    for (const Route &r : wanted)
        if (m_routes.value(key(r)).target != r.target)
            Q_EMIT log(QStringLiteral("route %1 -> %2 (in the kernel, nftables table %3)").arg(key(r), r.target, m_kernel->table()));
    m_routes = wanted;
    return {};
}

void RouterNf::stop()
{
    if (m_kernel) {
        m_kernel->remove();
        m_retired = counters();
        m_kernel.reset();
    }
    releaseAddresses({});
    for (auto &[k, relay] : m_relays) {
        relay->stop();
        m_retired += relay->counters();   // a stopped relay has no open connections
    }
    m_relays.clear();
    m_routes.clear();
}

Result<> RouterNf::reconfigure(const QJsonObject &config)
{
    if (Result<> valid = NfTypes::validate("router", config); !valid)
        return valid;
    QHash<QString, Route> wanted;
    for (const Route &r : parse(config))
        wanted.insert(key(r), r);
    if (Result<> taken = takeAddresses(wanted); !taken)
        return taken;
    if (m_kernel) {
        if (Result<> applied = reconfigureKernel(wanted); !applied)
            return applied;
        releaseAddresses(wanted);
        return {};
    }
    // Remove routes that went away.
    for (auto it = m_relays.begin(); it != m_relays.end();) {
        if (wanted.contains(it->first)) { ++it; continue; }
        it->second->stop();
        m_retired += it->second->counters();
        Q_EMIT log(QStringLiteral("route %1 removed").arg(it->first));
        m_routes.remove(it->first);
        it = m_relays.erase(it);
    }
    // Add new routes, retarget changed ones (existing connections keep their path).
    for (const Route &r : std::as_const(wanted)) {
        const QJsonObject relayConfig{{"listen_port", r.port}, {"next_hop", r.target}, {"protocols", r.protocols}};
        auto it = m_relays.find(key(r));
        if (it != m_relays.end()) {
            const Route &was = m_routes[key(r)];
            if (was.target != r.target || protocolsOf(was.protocols) != protocolsOf(r.protocols))
                if (Result<> changed = it->second->reconfigure(relayConfig); !changed)
                    return changed;
        } else {
            auto relay = std::make_unique<RelayNf>(RelayNf::Mode::Forward);
            connect(relay.get(), &NetworkFunction::log, this, &NetworkFunction::log);
            if (Result<> started = relay->start(r.publicAddress, relayConfig); !started)
                return started.error().prefixed(QStringLiteral("route %1").arg(key(r)));
            m_relays.emplace(key(r), std::move(relay));
        }
        if (m_routes.value(key(r)).target != r.target)
            Q_EMIT log(QStringLiteral("route %1 -> %2").arg(key(r), r.target));
        m_routes.insert(key(r), r);
    }
    releaseAddresses(wanted);
    return {};
}

NfCounters RouterNf::counters() const
{
    NfCounters sum = m_retired;
    if (m_kernel)
        return sum += m_kernel->counters();
    for (const auto &[k, relay] : m_relays)
        sum += relay->counters();
    return sum;
}

QJsonObject RouterNf::extraMetrics() const
{
    if (m_kernel) {
        QJsonArray routes;
        for (const Route &r : m_routes)
            routes.append(QJsonObject{{"route", key(r)}, {"target", r.target}});
        return {{"routes", routes}, {"dataPath", "kernel"}, {"nftTable", m_kernel->table()}, {"countsHeaders", true},
                {"flowSteering", m_kernel->steersFlows()}};
    }
    QJsonArray routes;
    for (const auto &[k, relay] : m_relays) {
        const NfCounters c = relay->counters();
        routes.append(QJsonObject{{"route", k}, {"target", m_routes.value(k).target}, {"bytesIn", double(c.bytesIn)},
                                  {"connections", double(c.connections)}});
    }
    QJsonObject o{{"routes", routes}, {"dataPath", "splice"}};
    if (!m_pathNote.isEmpty())
        o.insert("dataPathNote", QStringLiteral("not in the kernel: %1").arg(m_pathNote));
    return o;
}

} // namespace vines::leaf
