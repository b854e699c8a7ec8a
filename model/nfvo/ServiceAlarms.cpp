#include "ServiceAlarms.h"
#include "NsHealth.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/Records.h"

namespace vines {

ServiceAlarms::ServiceAlarms(NsCatalog &ns, InstanceStore &instances, EmsLink &ems, QObject *parent)
    : QObject(parent), m_ns(ns), m_instances(instances), m_ems(ems)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(300);
    connect(&m_coalesce, &QTimer::timeout, this, &ServiceAlarms::assessNow);
    auto later = [this]() { if (!m_coalesce.isActive()) m_coalesce.start(); };
    connect(&m_ns, &NsCatalog::instanceChanged, this, later);
    connect(&m_instances, &InstanceStore::changed, this, later);
    connect(&m_ems, &EmsLink::alarmsChanged, this, later);
    assessNow();
}

QList<AlarmInfo> ServiceAlarms::alarms() const
{
    QList<AlarmInfo> out = m_active.values();
    std::sort(out.begin(), out.end(), [](const AlarmInfo &a, const AlarmInfo &b) { return a.raisedAt > b.raisedAt; });
    return out + m_cleared;
}

void ServiceAlarms::assessNow()
{
    const QList<AlarmInfo> vnfAlarms = m_ems.alarms();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool changedAny = false;
    QHash<QString, AlarmInfo> wanted;
    m_names.clear();
    for (const NsInstanceRecord &r : m_ns.instances()) {
        m_names.insert(r.id, r.name);
        const NsHealth h = NsHealth::assess(r, m_instances, vnfAlarms);
        if (h.level != NsHealth::Level::Down && h.level != NsHealth::Level::Degraded)
            continue;
        AlarmInfo a;
        a.vnfId = r.id;
        a.type = h.level == NsHealth::Level::Down ? QStringLiteral("NS_DOWN") : QStringLiteral("NS_DEGRADED");
        a.severity = h.level == NsHealth::Level::Down ? QStringLiteral("CRITICAL") : QStringLiteral("MAJOR");
        a.state = QStringLiteral("ACTIVE");
        a.ackState = QStringLiteral("UNACKNOWLEDGED");
        a.description = tr("network service %1 is %2: %3").arg(r.name, h.label(), h.problems.join(QStringLiteral("; ")));
        wanted.insert(r.id, a);
    }
    // Cleared: what is no longer wanted, or wanted as another kind.
    for (auto it = m_active.begin(); it != m_active.end();) {
        const auto w = wanted.constFind(it.key());
        if (w != wanted.constEnd() && w->type == it->type) {
            if (it->description != w->description) {   // same fault, other hops: say so, keep its time
                it->description = w->description;
                changedAny = true;
            }
            ++it;
            continue;
        }
        AlarmInfo done = *it;
        done.state = QStringLiteral("CLEARED");
        done.clearedAt = now;
        m_cleared.prepend(done);
        if (m_cleared.size() > 200)
            m_cleared.removeLast();
        it = m_active.erase(it);
        changedAny = true;
    }
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        if (m_active.contains(it.key()))
            continue;
        AlarmInfo a = it.value();
        a.id = QStringLiteral("ns-") + newId();
        a.raisedAt = now;
        m_active.insert(it.key(), a);
        changedAny = true;
    }
    if (changedAny)
        Q_EMIT changed();
}

} // namespace vines
