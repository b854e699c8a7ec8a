#include "DemoContent.h"
#include "ConsoleCore.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "package/PackageOnboarder.h"
#include <QDir>

namespace vines {

namespace {
struct DemoVnf { const char *product; const char *name; };
const DemoVnf kChain[] = {{"Echo Sink", "demo-sink"}, {"Forwarder", "demo-forwarder"}, {"Traffic Monitor", "demo-monitor"}};
}

DemoContent::DemoContent(ConsoleCore &core, QString packagesDir, QObject *parent)
    : QObject(parent), m_core(core), m_dir(std::move(packagesDir))
{
}

void DemoContent::start()
{
    const QDir dir(m_dir);
    if (m_core.packages().list().isEmpty())   // a later demo start keeps what the first one onboarded
        for (const QString &f : dir.entryList({"*.csar"}, QDir::Files, QDir::Name))
            m_toOnboard << dir.filePath(f);
    connect(&m_core.onboarder(), &PackageOnboarder::onboarded, this, [this]() { onboardNext(); });
    connect(&m_core.onboarder(), &PackageOnboarder::failed, this, [this]() { onboardNext(); });
    onboardNext();
}

QString DemoContent::packageFor(const QString &product) const
{
    for (const PackageRecord &p : m_core.packages().list())
        if (p.package.vnfd.productName == product)
            return p.id;
    return {};
}

void DemoContent::onboardNext()
{
    if (!m_toOnboard.isEmpty()) {
        m_core.onboarder().onboard(m_toOnboard.takeFirst());
        return;
    }
    disconnect(&m_core.onboarder(), nullptr, this, nullptr);
    if (!m_core.instances().list().isEmpty()) {
        Q_EMIT finished(tr("Demo: catalog ready; existing VNFs kept"));
        return;
    }
    connect(&m_core.vnfm(), &Vnfm::operationFinished, this, [this](const QString &, const QString &state, const QString &error) {
        if (state != QLatin1String("COMPLETED")) {
            Q_EMIT finished(tr("Demo stopped: %1").arg(error));
            disconnect(&m_core.vnfm(), nullptr, this, nullptr);
            return;
        }
        instantiateNext();
    });
    instantiateNext();
}

void DemoContent::instantiateNext()
{
    if (m_step > 0) {
        for (const InstanceRecord &r : m_core.instances().list())
            if (r.name == QLatin1String(kChain[m_step - 1].name))
                m_lastAddress = r.mgmtAddress.section(':', 0, 0) + ":9000";
    }
    if (m_step >= int(std::size(kChain))) {
        disconnect(&m_core.vnfm(), nullptr, this, nullptr);
        Q_EMIT finished(tr("Demo chain ready: send TCP or UDP to %1 (monitor → forwarder → echo)").arg(m_lastAddress));
        return;
    }
    const DemoVnf &v = kChain[m_step++];
    QJsonObject config;
    if (!m_lastAddress.isEmpty())
        config.insert("next_hop", m_lastAddress);
    QString error;
    if (m_core.vnfm().instantiate(packageFor(QLatin1String(v.product)), QLatin1String(v.name), {}, config, &error).isEmpty()) {
        disconnect(&m_core.vnfm(), nullptr, this, nullptr);
        Q_EMIT finished(tr("Demo stopped: %1").arg(error));
    }
}

} // namespace vines
