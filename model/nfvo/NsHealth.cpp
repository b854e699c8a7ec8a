#include "NsHealth.h"
#include "catalog/InstanceStore.h"

namespace vines {

QString NsHealth::label() const
{
    switch (level) {
    case Level::Healthy: return QStringLiteral("healthy");
    case Level::Degraded: return QStringLiteral("degraded");
    case Level::Down: return QStringLiteral("down");
    case Level::NotInstantiated: break;
    }
    return {};
}

NsHealth NsHealth::assess(const NsInstanceRecord &ns, const InstanceStore &instances, const QList<AlarmInfo> &alarms)
{
    NsHealth h;
    if (!ns.instantiated())
        return h;
    h.level = Level::Healthy;
    auto worsen = [&h](Level l, const QString &problem) {
        if (int(l) > int(h.level))
            h.level = l;
        h.problems << problem;
    };
    QList<QPair<QString, QString>> members;   // id, where it sits
    const int n = int(ns.vnfInstanceIds.size());
    for (int i = 0; i < n; ++i)
        members.append({ns.vnfInstanceIds[i], QStringLiteral("VNF %1 of %2").arg(i + 1).arg(n)});
    if (!ns.routerInstanceId.isEmpty())
        members.append({ns.routerInstanceId, QStringLiteral("the virtual router")});
    for (const auto &[id, where] : members) {
        InstanceRecord r;
        if (!instances.get(id, &r)) {
            worsen(Level::Down, QStringLiteral("%1 no longer exists").arg(where));
            continue;
        }
        const QString who = QStringLiteral("%1 (%2)").arg(where, r.name);
        if (!r.instantiated()) {
            worsen(Level::Down, QStringLiteral("%1 is not instantiated").arg(who));
            continue;
        }
        if (r.vnfState == VnfState::Stopped)
            worsen(Level::Down, QStringLiteral("%1 is stopped").arg(who));
        for (const AlarmInfo &a : alarms) {
            if (a.vnfId != id || a.state != QLatin1String("ACTIVE"))
                continue;
            // The EMS's fault monitor: NF_DOWN (the NF stopped behind our back), VNF_UNREACHABLE (its platform is gone).
            const bool dead = a.type == QLatin1String("NF_DOWN") || a.type == QLatin1String("VNF_UNREACHABLE");
            if (dead)
                worsen(Level::Down, QStringLiteral("%1: %2 alarm (%3)").arg(who, a.type, a.description));
            else if (a.severity == QLatin1String("CRITICAL") || a.severity == QLatin1String("MAJOR"))
                worsen(Level::Degraded, QStringLiteral("%1: %2 %3 alarm").arg(who, a.severity, a.type));
        }
    }
    return h;
}

QString chainImpact(const QString &vnfInstanceId, const NsCatalog &ns, const QString &action)
{
    QStringList hits;
    for (const NsInstanceRecord &r : ns.instances()) {
        if (!r.instantiated())
            continue;
        const int at = int(r.vnfInstanceIds.indexOf(vnfInstanceId));
        if (at >= 0)
            hits << QStringLiteral("'%1' (it is VNF %2 of %3)").arg(r.name).arg(at + 1).arg(r.vnfInstanceIds.size());
        else if (r.routerInstanceId == vnfInstanceId)
            hits << QStringLiteral("'%1' (its virtual router)").arg(r.name);
    }
    if (hits.isEmpty())
        return {};
    return QStringLiteral("It carries the traffic of network service %1: to %2 it breaks that chain, which will be down until the VNF "
                          "is back (start or heal it) or the service is modified or terminated.")
        .arg(hits.join(QStringLiteral(", ")), action);
}

} // namespace vines
