// The NFVO after a restart: services whose instantiation was cut short are rolled back (their
// diversion removed, their VNFs terminated and deleted), and public addresses Vines allocated
// that nothing holds any more are released.
#include "Nfvo.h"
#include "catalog/InstanceStore.h"
#include "util/Guarded.h"
#include "vim/Vim.h"
#include <QSet>
#include <QTimer>

namespace vines {

QStringList Nfvo::recover()
{
    QStringList report;
    QSet<QString> held;
    QList<NsInstanceRecord> halfMade;
    for (NsInstanceRecord &r : m_ns.instances()) {
        if (r.instantiated()) {
            held.insert(r.publicAddress);
            continue;
        }
        r.vnfInstanceIds.removeAll(QString());   // places reserved for VNFs never made
        if (!r.vnfInstanceIds.isEmpty() || !r.publicAddress.isEmpty()) {   // an instantiation that never finished
            halfMade << r;
            report << QStringLiteral("network service '%1' was left half-made: rolling back its %2 VNFs").arg(r.name).arg(r.vnfInstanceIds.size());
            r.publicAddress.clear();
            (void)m_ns.updateInstance(r);
        }
    }
    // After the VNFM's own recovery (its interrupted operations are ended first, in this event loop turn).
    m_rollbacks += int(halfMade.size());
    QTimer::singleShot(0, this, [this, halfMade]() {
        for (const NsInstanceRecord &r : halfMade) {
            QList<Step> vnfs;
            for (const QString &id : r.vnfInstanceIds)
                vnfs << terminateAndDeleteStep(QStringLiteral("VNF %1").arg(id), id);
            QList<Step> steps;
            if (!r.publicAddress.isEmpty() && (r.diversion == ChainDiversion::NetworkRules || !routerInstanceId().isEmpty()))
                steps << task::leaf(QStringLiteral("Remove the diversion"), [this, r](const task::Run &, Done done) {
                    divertTo(r, {}, [done](const Result<> &) { done({}); });   // best effort
                });
            steps << task::parallel(QStringLiteral("Take the VNFs away"), vnfs);
            task::run(this, task::sequence(QStringLiteral("Roll back %1").arg(r.name), steps), [this, id = r.id](const Result<> &) {
                NsInstanceRecord now;
                if (m_ns.instance(id, &now)) {
                    now.vnfInstanceIds.clear();
                    (void)m_ns.updateInstance(now);
                }
                if (--m_rollbacks == 0)
                    Q_EMIT recovered();
            });
        }
    });
    for (const InstanceRecord &r : m_instances.listSummaries())
        if (r.instantiated() && !r.publicAddress.isEmpty())
            held.insert(r.publicAddress);
    m_vim.listPublicAddresses(guarded(this, [this, held](const Result<QList<PublicAddress>> &r) {
        if (!r)
            return;
        for (const PublicAddress &a : *r)
            if (a.managed && !held.contains(a.address))
                m_vim.releasePublicAddress(a.address, [](const Result<> &) {});
    }));
    return report;
}

} // namespace vines
