// The NFVO northbound: SOL005 NSD management (/nsd/v1/ns_descriptors) and NS lifecycle
// management (/nslcm/v1/ns_instances, ns_lcm_op_occs).
#include "ApiSupport.h"
#include "NorthboundApi.h"
#include "catalog/Database.h"
#include "catalog/OperationStore.h"
#include "nfvo/Nfvo.h"
#include <QJsonDocument>

namespace vines::api {

namespace {
const QString kNsd = QStringLiteral("/nsd/v1/ns_descriptors");
const QString kNs = QStringLiteral("/nslcm/v1");
const QString kKind = QStringLiteral("nsd");
}

void NorthboundApi::addNfvoRoutes()
{
    JsonHttpServer &s = *m_server;
    auto pendingNsd = [](const PendingPackage &p, const Links &links) {
        const QString self = links(kNsd + '/' + p.id);
        QJsonObject o{{"id", p.id}, {"nsdOnboardingState", p.state}, {"nsdOperationalState", "DISABLED"}, {"nsdUsageState", "NOT_IN_USE"},
                      {"userDefinedData", p.userDefinedData},
                      {"_links", QJsonObject{{"self", href(self)}, {"nsd_content", href(self + "/nsd_content")}}}};
        if (!p.failure.isEmpty())
            o.insert("onboardingFailureDetails", QJsonObject{{"status", 422}, {"title", "Onboarding failed"}, {"detail", p.failure}});
        return o;
    };
    s.route("GET", kNsd, [this, pendingNsd](const HttpRequest &r) {
        QJsonArray all;
        for (const NsdRecord &d : m_ctx.nsCatalog.descriptors())
            all.append(nsdInfo(d, m_links));
        for (const PendingPackage &p : pending(kKind))
            all.append(pendingNsd(p, m_links));
        return filteredList(r, all);
    });
    s.route("POST", kNsd, [this, pendingNsd](const HttpRequest &r) {
        PendingPackage p;
        if (auto bad = createPending(kKind, r, QStringLiteral("CreateNsdInfoRequest"), &p))
            return *bad;
        return created(pendingNsd(p, m_links), m_links(kNsd + '/' + p.id));
    });
    s.route("GET", kNsd + "/{id}", [this, pendingNsd](const HttpRequest &r) {
        const QString id = r.params.value("id");
        NsdRecord d;
        if (m_ctx.nsCatalog.descriptor(id, &d))
            return HttpResponse::json(nsdInfo(d, m_links));
        PendingPackage p;
        if (pendingResource(kKind, id, &p))
            return HttpResponse::json(pendingNsd(p, m_links));
        return problem(404, QStringLiteral("no NSD %1").arg(id));
    });
    s.route("PUT", kNsd + "/{id}/nsd_content", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        NsdRecord d;
        if (m_ctx.nsCatalog.descriptor(id, &d))
            return problem(409, QStringLiteral("NSD %1 is already ONBOARDED").arg(id));
        PendingPackage p;
        if (!pendingResource(kKind, id, &p))
            return problem(404, QStringLiteral("no NSD %1").arg(id));
        if (r.body.size() > 4 * 1024 * 1024)
            return problem(413, QStringLiteral("an NSD is at most 4 MiB"));
        if (const Result<QString> imported = m_ctx.nsCatalog.importYaml(r.body, QStringLiteral("nsd_content"), id); !imported) {
            setPendingState(id, QStringLiteral("CREATED"), imported.errorMessage());
            return problem(422, imported.errorMessage());
        }
        (void)m_ctx.db.exec(QStringLiteral("DELETE FROM api_pending WHERE id = ?"), {id});
        return noContent();
    });
    s.route("GET", kNsd + "/{id}/nsd_content", [this](const HttpRequest &r) {
        NsdRecord d;
        if (!m_ctx.nsCatalog.descriptor(r.params.value("id"), &d))
            return problem(404, QStringLiteral("no onboarded NSD %1").arg(r.params.value("id")));
        return HttpResponse::text(d.sourceYaml.toUtf8());
    });
    s.route("DELETE", kNsd + "/{id}", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        NsdRecord d;
        if (m_ctx.nsCatalog.descriptor(id, &d)) {
            if (Result<> removed = m_ctx.nsCatalog.removeDescriptor(id); !removed)
                return problem(409, removed.errorMessage());
            return noContent();
        }
        PendingPackage p;
        if (!pendingResource(kKind, id, &p))
            return problem(404, QStringLiteral("no NSD %1").arg(id));
        (void)m_ctx.db.exec(QStringLiteral("DELETE FROM api_pending WHERE id = ?"), {id});
        return noContent();
    });

    // ---- NS instances ----
    auto noNs = [](const QString &id) { return problem(404, QStringLiteral("no NS instance %1").arg(id)); };
    s.route("GET", kNs + "/ns_instances", [this](const HttpRequest &r) {
        QJsonArray all;
        for (const NsInstanceRecord &ns : m_ctx.nsCatalog.instances())
            all.append(nsInstance(ns, ns.nsdId, m_links));
        return filteredList(r, all);
    });
    s.route("POST", kNs + "/ns_instances", [this](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"nsdId", "nsName", "nsDescription"}, "CreateNsRequest", &body))
            return *bad;
        QString nsdId, name, description;
        if (auto bad = requireString(body, "nsdId", &nsdId))
            return *bad;
        if (auto bad = requireString(body, "nsName", &name))
            return *bad;
        if (auto bad = requireString(body, "nsDescription", &description, false))
            return *bad;
        // SOL005 names the NSD by its nsdId; the catalog's NsdInfo id is accepted too.
        QString infoId;
        for (const NsdRecord &d : m_ctx.nsCatalog.descriptors())
            if (d.id == nsdId || d.nsd.descriptorId == nsdId)
                infoId = d.id;
        if (infoId.isEmpty())
            return problem(422, QStringLiteral("field 'nsdId': no onboarded NSD %1").arg(nsdId));
        const Result<QString> id = m_ctx.nfvo.createNs(infoId, name);
        if (!id)
            return problem(id.error().is(Error::Kind::Conflict) ? 409 : 422, id.errorMessage());
        NsInstanceRecord ns;
        m_ctx.nsCatalog.instance(*id, &ns);
        return created(nsInstance(ns, ns.nsdId, m_links), m_links(kNs + "/ns_instances/" + *id));
    });
    s.route("GET", kNs + "/ns_instances/{id}", [this, noNs](const HttpRequest &r) {
        NsInstanceRecord ns;
        if (!m_ctx.nsCatalog.instance(r.params.value("id"), &ns))
            return noNs(r.params.value("id"));
        return HttpResponse::json(nsInstance(ns, ns.nsdId, m_links));
    });
    s.route("DELETE", kNs + "/ns_instances/{id}", [this, noNs](const HttpRequest &r) {
        const QString id = r.params.value("id");
        NsInstanceRecord ns;
        if (!m_ctx.nsCatalog.instance(id, &ns))
            return noNs(id);
        if (Result<> deleted = m_ctx.nfvo.deleteNs(id); !deleted)
            return problem(409, deleted.errorMessage());
        return noContent();
    });
    auto nsOperation = [this, noNs](const HttpRequest &r, NsOp operation, const QStringList &fields,
                                    const std::function<Result<QString>(const QString &)> &start) {
        const QString id = r.params.value("id");
        QJsonObject body;
        if (auto bad = readRequest(r, fields, operation == NsOp::Instantiate ? "InstantiateNsRequest" : "TerminateNsRequest", &body))
            return *bad;
        NsInstanceRecord ns;
        if (!m_ctx.nsCatalog.instance(id, &ns))
            return noNs(id);
        if (Result<> may = m_ctx.nfvo.mayRun(operation, id); !may)
            return problem(409, may.errorMessage());
        const Result<QString> op = start(id);
        if (!op)
            return problem(422, op.errorMessage());
        return accepted(m_links(kNs + "/ns_lcm_op_occs/" + *op));
    };
    s.route("POST", kNs + "/ns_instances/{id}/instantiate", [this, nsOperation](const HttpRequest &r) {
        return nsOperation(r, NsOp::Instantiate,
                           {"nsFlavourId", "nsInstantiationLevelId", "sapData", "additionalParamsForNs", "additionalParamsForVnf",
                            "startTime", "locationConstraints"},
                           [this](const QString &id) { return m_ctx.nfvo.instantiateNs(id); });
    });
    s.route("POST", kNs + "/ns_instances/{id}/terminate", [this, nsOperation](const HttpRequest &r) {
        return nsOperation(r, NsOp::Terminate, {"terminationTime", "terminateVnfs"}, [this](const QString &id) { return m_ctx.nfvo.terminate(id); });
    });
    s.route("GET", kNs + "/ns_lcm_op_occs", [this](const HttpRequest &r) {
        QJsonArray all;
        for (const OperationRecord &op : m_ctx.operations.list(5000))
            if (isNsOperation(op.operation))
                all.append(nsLcmOpOcc(op, m_links));
        return filteredList(r, all);
    });
    s.route("GET", kNs + "/ns_lcm_op_occs/{id}", [this](const HttpRequest &r) {
        OperationRecord op;
        if (!m_ctx.operations.get(r.params.value("id"), &op) || !isNsOperation(op.operation))
            return problem(404, QStringLiteral("no NS LCM operation occurrence %1").arg(r.params.value("id")));
        return HttpResponse::json(nsLcmOpOcc(op, m_links));
    });
}

} // namespace vines::api
