#pragma once
// Service-level alarms: a network service whose health (NsHealth, from its members and the EMS's
// alarms) turns down raises NS_DOWN (CRITICAL), degraded raises NS_DEGRADED (MAJOR), each naming
// the hops at fault; back to healthy, terminated or deleted clears it. Reassessed when members,
// services or alarms change (once per burst). Shown next to the EMS's VNF alarms and served as
// SOL005 NS fault management alarms.
#include "ems/EmsLink.h"
#include <QHash>
#include <QObject>
#include <QTimer>

namespace vines {

class NsCatalog;
class InstanceStore;

class ServiceAlarms : public QObject {
    Q_OBJECT
public:
    ServiceAlarms(NsCatalog &ns, InstanceStore &instances, EmsLink &ems, QObject *parent = nullptr);
    // Active ones first, then the last 200 cleared, newest first. vnfId holds the NS instance id.
    QList<AlarmInfo> alarms() const;
    QString serviceName(const QString &nsId) const { return m_names.value(nsId); }
    void assessNow();

Q_SIGNALS:
    void changed();

private:
    NsCatalog &m_ns;
    InstanceStore &m_instances;
    EmsLink &m_ems;
    QHash<QString, AlarmInfo> m_active;   // NS id -> its active alarm
    QList<AlarmInfo> m_cleared;
    QHash<QString, QString> m_names;
    QTimer m_coalesce;
};

} // namespace vines
