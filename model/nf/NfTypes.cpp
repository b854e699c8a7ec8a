#include "NfTypes.h"
#include "FirewallRules.h"
#include <QHostAddress>
#include <QJsonArray>
#include <QSet>

namespace vines {

Result<> NfTypes::checkPort(const QJsonObject &c, const char *key, bool required)
{
    const QJsonValue v = c.value(QLatin1String(key));
    if (v.isUndefined() && !required)
        return {};
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 65535)
        return Error::invalid(QStringLiteral("config.%1 must be a port number from 1 to 65535").arg(QLatin1String(key)));
    return {};
}

Result<> NfTypes::checkHostPort(const QJsonObject &c, const char *key)
{
    const QString hp = c.value(QLatin1String(key)).toString();
    if (hp.isEmpty())
        return {};
    const int colon = hp.lastIndexOf(':');
    bool ok = false;
    const int port = hp.mid(colon + 1).toInt(&ok);
    if (colon <= 0 || !ok || port < 1 || port > 65535 || QHostAddress(hp.left(colon)).isNull())
        return Error::invalid(QStringLiteral("config.%1 must be 'address:port' with an IP address (got '%2')").arg(QLatin1String(key), hp));
    return {};
}

Result<> NfTypes::checkDataPath(const QJsonObject &c)
{
    const QJsonValue v = c.value("data_path");
    if (v.isUndefined() || v.toString() == QLatin1String("auto") || v.toString() == QLatin1String("kernel") || v.toString() == QLatin1String("splice"))
        return {};
    return Error::invalid(QStringLiteral("config.data_path must be 'auto', 'kernel' or 'splice'"));
}

QStringList NfTypes::protocolsOf(const QJsonValue &protocols)
{
    QStringList out;
    for (const auto &p : protocols.toArray({"tcp", "udp"}))
        out << p.toString();
    out.sort();
    out.removeDuplicates();
    return out;
}

namespace {

// What every NF on a listen port checks: the port and the protocols it carries.
Result<> listening(const QJsonObject &c)
{
    if (Result<> r = NfTypes::checkPort(c, "listen_port", true); !r)
        return r;
    if (c.contains("protocols")) {
        if (!c.value("protocols").isArray())
            return Error::invalid(QStringLiteral("config.protocols must be a list of 'tcp' and/or 'udp'"));
        for (const auto &p : c.value("protocols").toArray())
            if (p.toString() != QLatin1String("tcp") && p.toString() != QLatin1String("udp"))
                return Error::invalid(QStringLiteral("config.protocols: unknown protocol '%1'").arg(p.toString()));
    }
    return {};
}

// The relaying NFs': a listen port, a next hop, idle timeout and data path.
Result<> relaying(const QJsonObject &c)
{
    if (Result<> r = listening(c); !r)
        return r;
    if (c.contains("idle_timeout_s") && (!c.value("idle_timeout_s").isDouble() || c.value("idle_timeout_s").toInt() < 1
                                         || c.value("idle_timeout_s").toInt() > 86400))
        return Error::invalid(QStringLiteral("config.idle_timeout_s must be a number of seconds from 1 to 86400"));
    if (Result<> r = NfTypes::checkHostPort(c, "next_hop"); !r)
        return r;
    return NfTypes::checkDataPath(c);
}

Result<> router(const QJsonObject &c)
{
    if (!c.value("routes").isArray() && c.contains("routes"))
        return Error::invalid(QStringLiteral("config.routes must be a list of {publicAddress, port, target}"));
    const QJsonArray routes = c.value("routes").toArray();
    QSet<QString> seen;
    for (int i = 0; i < routes.size(); ++i) {
        const QJsonObject r = routes.at(i).toObject();
        const QString f = QStringLiteral("config.routes[%1]").arg(i);
        if (QHostAddress(r.value("publicAddress").toString()).isNull())
            return Error::invalid(f + QStringLiteral(".publicAddress must be an IP address"));
        const int port = r.value("port").toInt(-1);
        if (port < 1 || port > 65535)
            return Error::invalid(f + QStringLiteral(".port must be a port number from 1 to 65535"));
        const QString t = r.value("target").toString();
        const int colon = t.lastIndexOf(':');
        const int tport = t.mid(colon + 1).toInt();
        if (colon <= 0 || QHostAddress(t.left(colon)).isNull() || tport < 1 || tport > 65535)
            return Error::invalid(f + QStringLiteral(".target must be 'address:port' (got '%1')").arg(t));
        const QString k = r.value("publicAddress").toString() + ':' + QString::number(port);
        if (seen.contains(k))
            return Error::invalid(f + QStringLiteral(": %1 is routed twice").arg(k));
        seen.insert(k);
    }
    return NfTypes::checkDataPath(c);
}

Result<> exec(const QJsonObject &c)
{
    if (c.value("command").toString().isEmpty())
        return Error::invalid(QStringLiteral("config.command is required for exec NFs"));
    if (c.contains("args") && !c.value("args").isArray())
        return Error::invalid(QStringLiteral("config.args must be a list of strings"));
    return {};
}

QList<NfType> declared()
{
    using R = NfType::Role;
    return {
        {QStringLiteral("forwarder"), R::Forwards, "relays its traffic to the next hop", true, false, relaying},
        {QStringLiteral("firewall"), R::Forwards, "relays what its rules allow (source, protocol), per flow", true, false,
         [](const QJsonObject &c) -> Result<> {
             if (Result<> r = relaying(c); !r)
                 return r;
             return FirewallRules::validate(c);
         }},
        {QStringLiteral("monitor"), R::Forwards, "relays its traffic and counts it per source", true, false, relaying},
        {QStringLiteral("echo"), R::Terminates, "answers what it receives (a chain's sink)", false, true, listening},
        {QStringLiteral("router"), R::Routes, "the virtual router: public addresses to the chain's first VNF", true, false, router},
        {QStringLiteral("exec"), R::Runs, "runs the package's own program", false, false, exec},
    };
}

} // namespace

const QList<NfType> &NfTypes::all()
{
    static const QList<NfType> types = declared();
    return types;
}

const NfType *NfTypes::find(const QString &name)
{
    for (const NfType &t : all())
        if (t.name == name)
            return &t;
    return nullptr;
}

QStringList NfTypes::names()
{
    QStringList out;
    for (const NfType &t : all())
        out << t.name;
    return out;
}

Result<> NfTypes::validate(const QString &type, const QJsonObject &config)
{
    const NfType *t = find(type);
    if (!t)
        return Error::invalid(QStringLiteral("unknown NF type '%1' (Leaf runs %2)").arg(type, names().join(", ")));
    return t->validate(config);
}

bool NfTypes::forwards(const QString &type)
{
    const NfType *t = find(type);
    return t && t->role == NfType::Role::Forwards;
}

} // namespace vines
