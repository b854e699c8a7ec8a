// VNFM lifecycle steps that act on the NF, all through the EMS (Ve-Vnfm-em): register the VNF
// with the EMS, wait for its execution platform, install/configure/start/stop/restart the NF,
// verify its state, deregister. The EMS's extended driver speaks the platform's protocol.
#include "LcmOperation.h"
#include "Vnfm.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "ems/EmsClient.h"
#include "package/CsarArchive.h"
#include "package/PackageError.h"
#include "util/Background.h"
#include "util/Guarded.h"
#include <QTimer>

namespace vines {

namespace {
struct NfFiles {
    bool ok = false;
    QString error;
    QMap<QString, QByteArray> files;
};

NfFiles loadNfFiles(const QString &csarPath)
{
    NfFiles out;
    try {
        const CsarArchive a = CsarArchive::read(csarPath);
        for (const QString &n : a.names())
            if (n.startsWith(QLatin1String("Scripts/")) || n.startsWith(QLatin1String("Files/")))
                out.files.insert(n, a.file(n));
        out.ok = true;
    } catch (const PackageException &e) {
        out.error = e.error().toString();
    }
    return out;
}

HttpJsonClient::Callback finish(StepDone done) { return [done](const HttpReply &r) { done(r.ok, r.error); }; }
} // namespace

QJsonObject Vnfm::registration(const InstanceRecord &r) const
{
    PackageRecord p;
    m_packages.get(r.packageId, &p);
    const QString platform = p.package.vnfd.exp.platform.isEmpty() ? QStringLiteral("leaf") : p.package.vnfd.exp.platform;
    QJsonObject options;
    if (platform == QLatin1String("leaf"))
        options.insert("leafSecret", QString::fromUtf8(r.platformSecret));
    return {{"vnfInstanceId", r.id}, {"name", r.name}, {"vnfExp", platform}, {"driverOptions", options},
            {"managementAddress", r.mgmtAddress},
            {"expectedState", r.instantiated() && r.vnfState == InstanceState::Started ? "running" : "unknown"},
            {"monitoringPolicy", QJsonObject{{"intervalMs", m_opt.monitorIntervalMs}}}};
}

void Vnfm::adopt(const InstanceRecord &r)
{
    m_ems.registerVnf(registration(r), [](const HttpReply &) {});
}

LcmStep Vnfm::holdFaultAlarmsStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Hold the EMS's fault alarms (maintenance)");
    s.run = [this, ctx](StepDone done) {
        // Best effort: an EMS that cannot be told does not stop the repair.
        m_ems.updateVnf(ctx->id, {{"monitoringPolicy", QJsonObject{{"faults", false}}}}, [done](const HttpReply &) { done(true, {}); });
    };
    // No undo: the heal's end resumes the alarms whatever the outcome (resumeFaultAlarms).
    return s;
}

void Vnfm::resumeFaultAlarms(const QString &instanceId)
{
    m_ems.updateVnf(instanceId, {{"monitoringPolicy", QJsonObject{{"faults", true}}}}, [](const HttpReply &) {});
}

LcmStep Vnfm::registerStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Register with EMS");
    s.run = [this, ctx](StepDone done) {
        QJsonObject reg = registration(*ctx);
        reg.insert("expectedState", "unknown");   // nothing runs yet: no NF_DOWN alarm while we install
        m_ems.registerVnf(reg, guarded(this, [this, ctx, reg, done](const HttpReply &r) {
            if (r.status != 409)
                return done(r.ok, r.error);
            QJsonObject update = reg;   // already known (a heal, or a retry): point it at the new platform
            update.remove("vnfInstanceId");
            m_ems.updateVnf(ctx->id, update, finish(done));
        }));
    };
    s.undo = [this, ctx](StepDone done) {
        m_ems.deregisterVnf(ctx->id, [done](const HttpReply &r) { done(r.ok || r.status == 404, r.error); });
    };
    return s;
}

LcmStep Vnfm::deregisterStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Deregister from EMS");
    s.run = [this, ctx](StepDone done) {
        // Terminate goes on whatever the EMS says; an unknown VNF is already what we want.
        m_ems.deregisterVnf(ctx->id, [done](const HttpReply &) { done(true, {}); });
    };
    return s;
}

LcmStep Vnfm::waitPlatformStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Connect to VNF execution platform (via EMS)");
    s.run = [this, ctx](StepDone done) {
        auto attempt = std::make_shared<std::function<void(int)>>();
        *attempt = [this, ctx, done, attempt](int left) {
            m_ems.status(ctx->id, guarded(this, [this, done, attempt, left](const HttpReply &r) {
                if (r.ok || left <= 0) {
                    auto keep = *attempt;   // outlive the reset below
                    *attempt = nullptr;
                    return done(r.ok, r.error);
                }
                QTimer::singleShot(100, this, [attempt, left]() { if (*attempt) (*attempt)(left - 1); });
            }));
        };
        (*attempt)(150);
    };
    return s;
}

LcmStep Vnfm::takeOverStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Take over the platform's running NF, if any");
    s.run = [this, ctx](StepDone done) {
        PackageRecord p;
        m_packages.get(ctx->packageId, &p);
        const QString type = p.package.vnfd.exp.nfType;
        m_ems.status(ctx->id, guarded(this, [this, ctx, type, done](const HttpReply &r) {
            const QJsonObject nf = r.object().value("nf").toObject();
            if (!r.ok || nf.value("state").toString() != QLatin1String("running") || nf.value("type").toString() != type)
                return done(true, {});   // nothing to keep: install as usual
            // A platform adopted again (e.g. a shared virtual router): keep its NF and configuration.
            m_ems.config(ctx->id, guarded(this, [this, ctx, done](const HttpReply &c) {
                if (!c.ok)
                    return done(false, c.error);
                QJsonObject config = c.object().value("config").toObject();
                config.insert("vines.adopted", true);
                config.insert("vines.reuseNf", true);
                ctx->config = config;
                save(ctx);
                done(true, {});
            }));
        }));
    };
    return s;
}

LcmStep Vnfm::installStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Install NF");
    s.run = [this, ctx](StepDone done) {
        if (ctx->config.value("vines.reuseNf").toBool())
            return done(true, {});
        PackageRecord p;
        if (!m_packages.get(ctx->packageId, &p))
            return done(false, QStringLiteral("package %1 is no longer in the catalog").arg(ctx->packageId));
        const QString path = p.filePath;
        const VnfExp exp = p.package.vnfd.exp;
        inBackground<NfFiles>(this, [path]() { return loadNfFiles(path); }, [this, ctx, exp, done](const NfFiles &f) {
            if (!f.ok)
                return done(false, f.error);
            m_ems.installNf(ctx->id, ctx->name, exp.nfType, ctx->config, f.files, finish(done));
        });
    };
    return s;
}

LcmStep Vnfm::configureStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Configure NF");
    s.run = [this, ctx](StepDone done) {
        if (ctx->config.value("vines.reuseNf").toBool())
            return done(true, {});
        m_ems.configure(ctx->id, ctx->config, finish(done));
    };
    return s;
}

LcmStep Vnfm::startNfStep(Ctx ctx, bool withUndo)
{
    LcmStep s;
    s.name = QStringLiteral("Start NF");
    s.run = [this, ctx](StepDone done) {
        if (ctx->config.value("vines.reuseNf").toBool())   // already running: just make the EMS expect it to
            return m_ems.updateVnf(ctx->id, {{"expectedState", "running"}}, finish(done));
        m_ems.nfAction(ctx->id, "start", finish(done));
    };
    if (withUndo)
        s.undo = [this, ctx](StepDone done) {
            if (ctx->config.value("vines.reuseNf").toBool())
                return done(true, {});   // it ran before we came: leave it running
            m_ems.nfAction(ctx->id, "stop", finish(done));
        };
    return s;
}

LcmStep Vnfm::restartNfStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Restart NF");
    s.run = [this, ctx](StepDone done) { m_ems.nfAction(ctx->id, "restart", finish(done)); };
    return s;
}

LcmStep Vnfm::stopNfStep(Ctx ctx, bool tolerant)
{
    LcmStep s;
    s.name = tolerant ? QStringLiteral("Stop NF gracefully") : QStringLiteral("Stop NF");
    s.timeoutMs = tolerant ? m_opt.gracefulStopTimeoutMs + 1000 : 0;
    s.run = [this, ctx, tolerant](StepDone done) {
        if (ctx->mgmtAddress.isEmpty())
            return done(tolerant, QStringLiteral("no management address"));
        // Terminate goes on to the forced path (destroying the VIM instance) whatever happens here.
        m_ems.nfAction(ctx->id, "stop", [done, tolerant](const HttpReply &r) { done(r.ok || tolerant, r.error); });
    };
    return s;
}

LcmStep Vnfm::verifyStep(Ctx ctx, const QString &expected)
{
    LcmStep s;
    s.name = QStringLiteral("Verify NF %1").arg(expected);
    s.run = [this, ctx, expected](StepDone done) {
        m_ems.status(ctx->id, guarded(this, [this, ctx, expected, done](const HttpReply &r) {
            if (!r.ok)
                return done(false, r.error);
            const QJsonObject nf = r.object().value("nf").toObject();
            const QString state = r.object().value("nfState").toString();
            const QString why = nf.value("error").toString();
            setNf(ctx->id, state, why);
            if (state != expected)
                return done(false, QStringLiteral("NF is %1, expected %2%3").arg(state, expected, why.isEmpty() ? QString() : ": " + why));
            done(true, {});
        }));
    };
    return s;
}

} // namespace vines
