// SOL003 VNF lifecycle management: /vnflcm/v1 (VNF instances, their operations, the operation
// occurrences and the subscriptions).
#include "ApiSupport.h"
#include "LcmSubscriptions.h"
#include "NorthboundApi.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/Nfvo.h"

namespace vines::api {

namespace {
const QString kBase = QStringLiteral("/vnflcm/v1");

HttpResponse noInstance(const QString &id) { return problem(404, QStringLiteral("no VNF instance %1").arg(id)); }

} // namespace

void NorthboundApi::addLcmRoutes()
{
    JsonHttpServer &s = *m_server;
    auto packageOf = [this](const InstanceRecord &r, PackageRecord *p) { return m_ctx.packages.get(r.packageId, p); };
    auto show = [this, packageOf](const InstanceRecord &r) {
        PackageRecord p;
        const bool known = packageOf(r, &p);
        return vnfInstance(r, known ? &p : nullptr, QString(), m_links);
    };

    s.route("GET", kBase + "/vnf_instances", [this, show](const HttpRequest &r) {
        QJsonArray all;
        for (const InstanceRecord &rec : m_ctx.instances.list())
            all.append(show(rec));
        return filteredList(r, all);
    });
    s.route("POST", kBase + "/vnf_instances", [this, show](const HttpRequest &r) {
        QJsonObject body, metadata;
        if (auto bad = readRequest(r, {"vnfdId", "vnfInstanceName", "vnfInstanceDescription", "metadata"}, "CreateVnfRequest", &body))
            return *bad;
        QString vnfdId, name, description;
        if (auto bad = requireString(body, "vnfdId", &vnfdId))
            return *bad;
        if (auto bad = requireString(body, "vnfInstanceName", &name, false))
            return *bad;
        if (auto bad = requireString(body, "vnfInstanceDescription", &description, false))
            return *bad;
        if (auto bad = optionalObject(body, "metadata", &metadata))
            return *bad;
        // The newest enabled package of that VNFD (a VNFD id names one product; versions may differ).
        PackageRecord chosen;
        bool any = false;
        for (const PackageRecord &p : m_ctx.packages.list()) {
            if (p.package.vnfd.descriptorId != vnfdId)
                continue;
            const bool enabled = p.operationalState == OperationalState::Enabled;
            const bool chosenEnabled = any && chosen.operationalState == OperationalState::Enabled;
            if (!any || (enabled && !chosenEnabled) || (enabled == chosenEnabled && p.createdAt > chosen.createdAt)) {
                chosen = p;
                any = true;
            }
        }
        if (!any)
            return problem(422, QStringLiteral("field 'vnfdId': no onboarded VNF package has VNFD %1").arg(vnfdId));
        if (name.isEmpty())
            name = QStringLiteral("vnf-") + newId().left(8);
        const Result<QString> id = m_ctx.vnfm.createInstance(chosen.id, name);
        if (!id)
            return problem(id.error().is(Error::Kind::Conflict) ? 409 : 422, id.errorMessage());
        InstanceRecord rec;
        m_ctx.instances.get(*id, &rec);
        m_subs->instanceCreated(*id);
        return created(show(rec), m_links(kBase + "/vnf_instances/" + *id));
    });
    s.route("GET", kBase + "/vnf_instances/{id}", [this, show](const HttpRequest &r) {
        InstanceRecord rec;
        if (!m_ctx.instances.get(r.params.value("id"), &rec))
            return noInstance(r.params.value("id"));
        return HttpResponse::json(show(rec));
    });
    s.route("DELETE", kBase + "/vnf_instances/{id}", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        InstanceRecord rec;
        if (!m_ctx.instances.get(id, &rec))
            return noInstance(id);
        if (Result<> deleted = m_ctx.vnfm.deleteInstance(id); !deleted)
            return problem(409, deleted.errorMessage());
        m_subs->instanceDeleted(id);
        return noContent();
    });

    // The task resources, one route each, from the operations' table: the request is checked by
    // its kind, the kind starts it (halting on failure, as SOL003 asks), 202 with the occurrence.
    for (const QString &route : LcmKinds::routes()) {
        s.route("POST", kBase + "/vnf_instances/{id}/" + route, [this, route](const HttpRequest &r) {
            const QString id = r.params.value("id");
            QJsonObject body;
            if (auto bad = readBody(r, &body))
                return *bad;
            const LcmKind *first = nullptr;
            for (const LcmKind &k : LcmKinds::all())
                if (k.route && route == QLatin1String(k.route) && !first)
                    first = &k;
            if (first->parse)
                if (const Result<QJsonObject> checked = first->parse(body); !checked)
                    return problem(400, checked.errorMessage());
            const LcmKind *kind = LcmKinds::byRoute(route, body);
            if (!kind)
                return problem(400, QStringLiteral("the request does not say which operation of %1 it asks for").arg(route));
            InstanceRecord rec;
            if (!m_ctx.instances.get(id, &rec))
                return noInstance(id);
            if (Result<> may = m_ctx.vnfm.mayRun(kind->op, id); !may)
                return problem(409, may.errorMessage());
            Vnfm::Invoking as(m_ctx.vnfm, {QStringLiteral("api:") + r.principal, true});
            const Result<QString> op = kind->start(m_ctx.vnfm, id, body);
            if (!op)
                return problem(op.error().is(Error::Kind::Conflict) ? 409 : 422, op.errorMessage());
            return accepted(m_links(kBase + "/vnf_lcm_op_occs/" + *op));
        });
    }

    // ---- operation occurrences ----
    auto occurrence = [this](const QString &id, OperationRecord *op) {
        return m_ctx.operations.get(id, op) && !isNsOperation(op->operation);
    };
    s.route("GET", kBase + "/vnf_lcm_op_occs", [this](const HttpRequest &r) {
        QJsonArray all;
        for (const OperationRecord &op : m_ctx.operations.list(5000))
            if (!isNsOperation(op.operation))
                all.append(vnfLcmOpOcc(op, m_links));
        return filteredList(r, all);
    });
    s.route("GET", kBase + "/vnf_lcm_op_occs/{id}", [this, occurrence](const HttpRequest &r) {
        OperationRecord op;
        if (!occurrence(r.params.value("id"), &op))
            return problem(404, QStringLiteral("no VNF LCM operation occurrence %1").arg(r.params.value("id")));
        return HttpResponse::json(vnfLcmOpOcc(op, m_links));
    });
    using Decision = Result<> (Vnfm::*)(const QString &);
    const QList<std::pair<QString, Decision>> decisions{{QStringLiteral("retry"), &Vnfm::retryOperation},
                                                       {QStringLiteral("rollback"), &Vnfm::rollbackOperation},
                                                       {QStringLiteral("fail"), &Vnfm::failOperation},
                                                       {QStringLiteral("cancel"), &Vnfm::cancelOperation}};
    for (const auto &[verb, decide] : decisions) {
        s.route("POST", kBase + "/vnf_lcm_op_occs/{id}/" + verb, [this, occurrence, verb = verb, decide = decide](const HttpRequest &r) {
            const QString id = r.params.value("id");
            OperationRecord op;
            if (!occurrence(id, &op))
                return problem(404, QStringLiteral("no VNF LCM operation occurrence %1").arg(id));
            Vnfm::Invoking as(m_ctx.vnfm, {QStringLiteral("api:") + r.principal, true});
            if (Result<> decided = (m_ctx.vnfm.*decide)(id); !decided)
                return problem(decided.error().is(Error::Kind::NotFound) ? 404 : 409, decided.errorMessage());
            if (verb == QLatin1String("fail")) {   // SOL003: fail answers with the occurrence, now FAILED
                m_ctx.operations.get(id, &op);
                return HttpResponse::json(vnfLcmOpOcc(op, m_links));
            }
            return accepted(m_links(kBase + "/vnf_lcm_op_occs/" + id));
        });
    }

    // ---- subscriptions ----
    s.route("GET", kBase + "/subscriptions", [this](const HttpRequest &r) {
        QJsonArray all;
        for (const LcmSubscription &sub : m_subs->list())
            all.append(sub.toJson(m_links));
        return filteredList(r, all);
    });
    s.routeAsync("POST", kBase + "/subscriptions", [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        QJsonObject body;
        if (auto bad = readBody(r, &body))
            return respond(*bad);
        if (const QString why = m_subs->validate(body); !why.isEmpty())
            return respond(problem(400, why));
        m_subs->create(body, [this, respond](const LcmSubscription &sub, const QString &error) {
            if (!error.isEmpty())
                return respond(problem(400, error));
            respond(created(sub.toJson(m_links), m_links(kBase + "/subscriptions/" + sub.id)));
        });
    });
    s.route("GET", kBase + "/subscriptions/{id}", [this](const HttpRequest &r) {
        LcmSubscription sub;
        if (!m_subs->find(r.params.value("id"), &sub))
            return problem(404, QStringLiteral("no subscription %1").arg(r.params.value("id")));
        return HttpResponse::json(sub.toJson(m_links));
    });
    s.route("DELETE", kBase + "/subscriptions/{id}", [this](const HttpRequest &r) {
        LcmSubscription sub;
        if (!m_subs->find(r.params.value("id"), &sub))
            return problem(404, QStringLiteral("no subscription %1").arg(r.params.value("id")));
        if (Result<> removed = m_subs->remove(sub.id); !removed)
            return problem(removed.error());
        return noContent();
    });
    s.route("GET", "/vnflcm/api_versions", [](const HttpRequest &) {
        return HttpResponse::json(QJsonObject{{"uriPrefix", "/vnflcm"}, {"apiVersions", QJsonArray{QJsonObject{{"version", "1.3.0"}, {"isDeprecated", false}}}}});
    });
    s.route("GET", kBase + "/api_versions", [](const HttpRequest &) {
        return HttpResponse::json(QJsonObject{{"uriPrefix", "/vnflcm/v1"}, {"apiVersions", QJsonArray{QJsonObject{{"version", "1.3.0"}, {"isDeprecated", false}}}}});
    });
}

} // namespace vines::api
