#include "DemoContent.h"
#include "ConsoleCore.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "catalog/NsCatalog.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/Nfvo.h"
#include "package/PackageOnboarder.h"
#include "package/PackageReader.h"
#include <QSet>
#include <QDir>

namespace vines {

DemoContent::DemoContent(ConsoleCore &core, QString packagesDir, QObject *parent)
    : QObject(parent), m_core(core), m_dir(std::move(packagesDir))
{
}

void DemoContent::start()
{
    const QDir dir(m_dir);
    // A later demo start keeps what an earlier one onboarded and adds what it did not get to
    // (an interrupted demo): sample packages are small, reading their identity is quick.
    QSet<QString> have;
    for (const PackageRecord &p : m_core.packages().list())
        have.insert(p.package.vnfd.descriptorId);
    for (const QString &f : dir.entryList({"*.csar"}, QDir::Files, QDir::Name)) {
        const Result<VnfPackage> r = PackageReader::read(dir.filePath(f));
        if (!r || !have.contains(r->vnfd.descriptorId))
            m_toOnboard << dir.filePath(f);
    }
    connect(&m_core.onboarder(), &PackageOnboarder::onboarded, this, [this]() { onboardNext(); });
    connect(&m_core.onboarder(), &PackageOnboarder::failed, this, [this]() { onboardNext(); });
    onboardNext();
}

void DemoContent::onboardNext()
{
    if (!m_toOnboard.isEmpty()) {
        m_core.onboarder().onboard(m_toOnboard.takeFirst());
        return;
    }
    disconnect(&m_core.onboarder(), nullptr, this, nullptr);
    // A demo service an interrupted start left half-made is being rolled back: decide after that.
    if (m_core.nfvo().recovering()) {
        connect(&m_core.nfvo(), &Nfvo::recovered, this, &DemoContent::makeChain, Qt::SingleShotConnection);
        return;
    }
    makeChain();
}

void DemoContent::makeChain()
{
    // The demo network service: monitor -> forwarder -> echo sink behind a public address.
    QString nsdId;
    for (const NsdRecord &r : m_core.nsCatalog().descriptors())
        if (r.nsd.name == QLatin1String("demo-chain"))
            nsdId = r.id;
    if (nsdId.isEmpty()) {
        const Result<QString> imported = m_core.nsCatalog().importFile(QDir(m_dir).filePath("../ns/demo-chain.yaml"));
        if (!imported)
            return Q_EMIT finished(tr("Demo stopped: %1").arg(imported.errorMessage()));
        nsdId = *imported;
        for (const QString &extra : {QStringLiteral("../ns/tacker-vnffgd.yaml")})
            (void)m_core.nsCatalog().importFile(QDir(m_dir).filePath(extra));
    }
    // The demo service an interrupted demo left (rolled back at start: no VNFs) is made again.
    for (const NsInstanceRecord &r : m_core.nsCatalog().instances())
        if (r.name == QLatin1String("demo") && !r.instantiated() && r.vnfInstanceIds.isEmpty())
            (void)m_core.nfvo().deleteNs(r.id);
    if (!m_core.nsCatalog().instances().isEmpty())
        return Q_EMIT finished(tr("Demo: catalog ready; existing network services kept"));
    const Result<Nfvo::Started> made = m_core.nfvo().instantiate(nsdId, "demo");
    if (!made)
        return Q_EMIT finished(tr("Demo stopped: %1").arg(made.errorMessage()));
    m_op = made->operationId;
    const QString nsId = made->nsId;
    m_core.nfvo().whenFinished(m_op, this, [this, nsId](OpState state, const QString &err) {
        if (state != OpState::Completed) {
            (void)m_core.nfvo().deleteNs(nsId);   // rolled back: no empty 'demo' record left for the next start to trip on
            return Q_EMIT finished(tr("Demo stopped: %1").arg(err));
        }
        NsInstanceRecord r;
        m_core.nsCatalog().instance(nsId, &r);
        Q_EMIT finished(tr("Demo chain ready: send TCP or UDP to %1:%2 (router → monitor → forwarder → echo)").arg(r.publicAddress).arg(r.servicePort));
    });
}

} // namespace vines
