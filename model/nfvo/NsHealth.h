#pragma once
// How an instantiated network service is doing, derived from its members: a chain is only as
// alive as its weakest hop. Down: a member (or the virtual router that diverts to the first one)
// is gone, not instantiated, stopped, or its NF is reported down or unreachable by the EMS.
// Degraded: a member has another active major or critical alarm. Each problem names the VNF
// and its place in the chain, in the operator's words.
#include "catalog/NsCatalog.h"
#include "ems/EmsLink.h"
#include <QStringList>

namespace vines {

class InstanceStore;

struct NsHealth {
    enum class Level { NotInstantiated, Healthy, Degraded, Down };
    Level level = Level::NotInstantiated;
    QStringList problems;
    QString label() const;   // "healthy", "degraded", "down", "" (not instantiated)

    static NsHealth assess(const NsInstanceRecord &ns, const InstanceStore &instances, const QList<AlarmInfo> &alarms);
};

// The instantiated network services a VNF instance is part of (a chain member, or the router
// that diverts their traffic), with a sentence for a confirmation dialog; empty if none.
QString chainImpact(const QString &vnfInstanceId, const NsCatalog &ns, const QString &action);

} // namespace vines
