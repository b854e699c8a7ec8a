#include "RouterNf.h"
#include <QJsonArray>
#include <QHostAddress>
#include <QSet>

namespace vines::leaf {

QString RouterNf::validate(const QJsonObject &c)
{
    if (!c.value("routes").isArray() && c.contains("routes"))
        return QStringLiteral("config.routes must be a list of {publicAddress, port, target}");
    const QJsonArray routes = c.value("routes").toArray();
    QSet<QString> seen;
    for (int i = 0; i < routes.size(); ++i) {
        const QJsonObject r = routes.at(i).toObject();
        const QString f = QStringLiteral("config.routes[%1]").arg(i);
        if (QHostAddress(r.value("publicAddress").toString()).isNull())
            return f + QStringLiteral(".publicAddress must be an IP address");
        const int port = r.value("port").toInt(-1);
        if (port < 1 || port > 65535)
            return f + QStringLiteral(".port must be a port number from 1 to 65535");
        const QString t = r.value("target").toString();
        const int colon = t.lastIndexOf(':');
        const int tport = t.mid(colon + 1).toInt();
        if (colon <= 0 || QHostAddress(t.left(colon)).isNull() || tport < 1 || tport > 65535)
            return f + QStringLiteral(".target must be 'address:port' (got '%1')").arg(t);
        const QString k = r.value("publicAddress").toString() + ':' + QString::number(port);
        if (seen.contains(k))
            return f + QStringLiteral(": %1 is routed twice").arg(k);
        seen.insert(k);
    }
    return {};
}

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

bool RouterNf::start(const QString &, const QJsonObject &config, QString *error)
{
    stop();
    return reconfigure(config, error);
}

void RouterNf::stop()
{
    for (auto &[k, relay] : m_relays) {
        relay->stop();
        m_retired += relay->counters();   // a stopped relay has no open connections
    }
    m_relays.clear();
    m_routes.clear();
}

bool RouterNf::reconfigure(const QJsonObject &config, QString *error)
{
    const QString why = validate(config);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    QHash<QString, Route> wanted;
    for (const Route &r : parse(config))
        wanted.insert(key(r), r);
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
            if (m_routes.value(key(r)).target != r.target && !it->second->reconfigure(relayConfig, error))
                return false;
        } else {
            auto relay = std::make_unique<RelayNf>(RelayNf::Mode::Forward);
            connect(relay.get(), &NetworkFunction::log, this, &NetworkFunction::log);
            if (!relay->start(r.publicAddress, relayConfig, error)) {
                *error = QStringLiteral("route %1: %2").arg(key(r), *error);
                return false;
            }
            m_relays.emplace(key(r), std::move(relay));
        }
        if (m_routes.value(key(r)).target != r.target)
            Q_EMIT log(QStringLiteral("route %1 -> %2").arg(key(r), r.target));
        m_routes.insert(key(r), r);
    }
    return true;
}

NfCounters RouterNf::counters() const
{
    NfCounters sum = m_retired;
    for (const auto &[k, relay] : m_relays)
        sum += relay->counters();
    return sum;
}

QJsonObject RouterNf::extraMetrics() const
{
    QJsonArray routes;
    for (const auto &[k, relay] : m_relays) {
        const NfCounters c = relay->counters();
        routes.append(QJsonObject{{"route", k}, {"target", m_routes.value(k).target}, {"bytesIn", double(c.bytesIn)},
                                  {"connections", double(c.connections)}});
    }
    return {{"routes", routes}};
}

} // namespace vines::leaf
