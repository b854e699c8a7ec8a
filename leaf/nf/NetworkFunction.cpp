#include "NetworkFunction.h"
#include "EchoNf.h"
#include "ExecNf.h"
#include "RelayNf.h"
#include "RouterNf.h"
#include <QHostAddress>
#include <QJsonArray>

namespace vines::leaf {

namespace {

QString checkPort(const QJsonObject &c, const char *key, bool required)
{
    const QJsonValue v = c.value(QLatin1String(key));
    if (v.isUndefined() && !required)
        return {};
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 65535)
        return QStringLiteral("config.%1 must be a port number from 1 to 65535").arg(QLatin1String(key));
    return {};
}

QString checkHostPort(const QJsonObject &c, const char *key)
{
    const QString hp = c.value(QLatin1String(key)).toString();
    if (hp.isEmpty())
        return {};
    const int colon = hp.lastIndexOf(':');
    bool ok = false;
    const int port = hp.mid(colon + 1).toInt(&ok);
    if (colon <= 0 || !ok || port < 1 || port > 65535 || QHostAddress(hp.left(colon)).isNull())
        return QStringLiteral("config.%1 must be 'address:port' with an IP address (got '%2')").arg(QLatin1String(key), hp);
    return {};
}

} // namespace

QString NetworkFunction::checkDataPath(const QJsonObject &c)
{
    const QJsonValue v = c.value("data_path");
    if (v.isUndefined() || v.toString() == QLatin1String("auto") || v.toString() == QLatin1String("kernel") || v.toString() == QLatin1String("splice"))
        return {};
    return QStringLiteral("config.data_path must be 'auto', 'kernel' or 'splice'");
}

QStringList NetworkFunction::protocolsOf(const QJsonValue &protocols)
{
    QStringList out;
    for (const auto &p : protocols.toArray({"tcp", "udp"}))
        out << p.toString();
    out.sort();
    out.removeDuplicates();
    return out;
}

QString NetworkFunction::validate(const QString &type, const QJsonObject &c)
{
    if (type == QLatin1String("exec")) {
        if (c.value("command").toString().isEmpty())
            return QStringLiteral("config.command is required for exec NFs");
        if (c.contains("args") && !c.value("args").isArray())
            return QStringLiteral("config.args must be a list of strings");
        return {};
    }
    if (type == QLatin1String("router"))
        return RouterNf::validate(c);
    if (type != QLatin1String("forwarder") && type != QLatin1String("firewall") && type != QLatin1String("monitor")
        && type != QLatin1String("echo"))
        return QStringLiteral("unknown NF type '%1'").arg(type);
    QString e = checkPort(c, "listen_port", true);
    if (!e.isEmpty())
        return e;
    if (c.contains("protocols")) {
        if (!c.value("protocols").isArray())
            return QStringLiteral("config.protocols must be a list of 'tcp' and/or 'udp'");
        for (const auto &p : c.value("protocols").toArray())
            if (p.toString() != QLatin1String("tcp") && p.toString() != QLatin1String("udp"))
                return QStringLiteral("config.protocols: unknown protocol '%1'").arg(p.toString());
    }
    if (type == QLatin1String("echo"))
        return {};
    if (c.contains("idle_timeout_s") && (!c.value("idle_timeout_s").isDouble() || c.value("idle_timeout_s").toInt() < 1
                                         || c.value("idle_timeout_s").toInt() > 86400))
        return QStringLiteral("config.idle_timeout_s must be a number of seconds from 1 to 86400");
    if (!(e = checkHostPort(c, "next_hop")).isEmpty())
        return e;
    if (!(e = checkDataPath(c)).isEmpty())
        return e;
    if (type == QLatin1String("firewall"))
        return FirewallRules::validate(c);
    return {};
}

std::unique_ptr<NetworkFunction> NetworkFunction::create(const QString &type, const QString &nfDir, int memoryMb)
{
    if (type == QLatin1String("forwarder"))
        return std::make_unique<RelayNf>(RelayNf::Mode::Forward);
    if (type == QLatin1String("firewall"))
        return std::make_unique<RelayNf>(RelayNf::Mode::Firewall);
    if (type == QLatin1String("monitor"))
        return std::make_unique<RelayNf>(RelayNf::Mode::Monitor);
    if (type == QLatin1String("echo"))
        return std::make_unique<EchoNf>();
    if (type == QLatin1String("router"))
        return std::make_unique<RouterNf>();
    if (type == QLatin1String("exec"))
        return std::make_unique<ExecNf>(nfDir, memoryMb);
    return nullptr;
}

} // namespace vines::leaf
