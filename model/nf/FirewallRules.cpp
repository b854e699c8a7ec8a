#include "FirewallRules.h"
#include <QJsonArray>

namespace vines {

Result<> FirewallRules::validate(const QJsonObject &c)
{
    const QString def = c.value("default_action").toString("allow");
    if (def != QLatin1String("allow") && def != QLatin1String("deny"))
        return Error::invalid(QStringLiteral("config.default_action must be 'allow' or 'deny'"));
    if (c.contains("rules") && !c.value("rules").isArray())
        return Error::invalid(QStringLiteral("config.rules must be a list"));
    const QJsonArray rules = c.value("rules").toArray();
    for (int i = 0; i < rules.size(); ++i) {
        const QJsonObject r = rules.at(i).toObject();
        const QString a = r.value("action").toString();
        if (a != QLatin1String("allow") && a != QLatin1String("deny"))
            return Error::invalid(QStringLiteral("config.rules[%1].action must be 'allow' or 'deny'").arg(i));
        const QString src = r.value("source").toString();
        if (!src.isEmpty() && QHostAddress::parseSubnet(src).first.isNull())
            return Error::invalid(QStringLiteral("config.rules[%1].source '%2' is not an address or CIDR").arg(i).arg(src));
        const QString p = r.value("protocol").toString("any");
        if (p != QLatin1String("any") && p != QLatin1String("tcp") && p != QLatin1String("udp"))
            return Error::invalid(QStringLiteral("config.rules[%1].protocol must be tcp, udp or any").arg(i));
    }
    return {};
}

void FirewallRules::load(const QJsonObject &c)
{
    m_rules.clear();
    m_defaultAllow = c.value("default_action").toString("allow") == QLatin1String("allow");
    for (const auto &v : c.value("rules").toArray()) {
        const QJsonObject r = v.toObject();
        const QString src = r.value("source").toString();
        m_rules.append({r.value("action").toString() == QLatin1String("allow"),
                        src.isEmpty() ? QPair<QHostAddress, int>() : QHostAddress::parseSubnet(src), src.isEmpty(),
                        r.value("protocol").toString("any")});
    }
}

bool FirewallRules::allows(const QHostAddress &source, const QString &protocol) const
{
    const QHostAddress v4(source.toIPv4Address());
    for (const Rule &r : m_rules) {
        if (r.protocol != QLatin1String("any") && r.protocol != protocol)
            continue;
        if (!r.anySource && !v4.isInSubnet(r.subnet))
            continue;
        return r.allow;
    }
    return m_defaultAllow;
}

} // namespace vines
