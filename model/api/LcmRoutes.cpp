// SOL003 VNF lifecycle management: /vnflcm/v1 (VNF instances, their operations, the operation
// occurrences and the subscriptions).
#include "ApiSupport.h"
#include "LcmSubscriptions.h"
#include "NorthboundApi.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"

namespace vines::api {

namespace {
const QString kBase = QStringLiteral("/vnflcm/v1");

HttpResponse noInstance(const QString &id) { return problem(404, QStringLiteral("no VNF instance %1").arg(id)); }

std::optional<HttpResponse> positiveInt(const QJsonObject &o, const QString &field, int *out, int fallback)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull()) {
        *out = fallback;
        return std::nullopt;
    }
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1)
        return problem(400, QStringLiteral("field '%1' must be a positive integer").arg(field));
    *out = v.toInt();
    return std::nullopt;
}

std::optional<HttpResponse> oneOf(const QJsonObject &o, const QString &field, const QStringList &values, QString *out, bool required)
{
    if (auto bad = requireString(o, field, out, required))
        return bad;
    if (!out->isEmpty() && !values.contains(*out))
        return problem(400, QStringLiteral("field '%1' must be one of %2, not '%3'").arg(field, values.join(", "), *out));
    return std::nullopt;
}
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
    // Starts a lifecycle operation of the VNFM as this request's, halting on failure (SOL003).
    auto launch = [this](const HttpRequest &r, const QString &operation, const std::function<QString(QString *)> &start) {
        const QString id = r.params.value("id");
        InstanceRecord rec;
        if (!m_ctx.instances.get(id, &rec))
            return noInstance(id);
        if (const QString why = m_ctx.vnfm.whyNot(operation, id); !why.isEmpty())
            return problem(409, why);
        Vnfm::Invoking as(m_ctx.vnfm, {QStringLiteral("api:") + r.principal, true});
        QString error;
        const QString op = start(&error);
        if (op.isEmpty())
            return problem(422, error);
        return accepted(m_links(kBase + "/vnf_lcm_op_occs/" + op));
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
            const bool enabled = p.operationalState == PackageState::Enabled;
            const bool chosenEnabled = any && chosen.operationalState == PackageState::Enabled;
            if (!any || (enabled && !chosenEnabled) || (enabled == chosenEnabled && p.createdAt > chosen.createdAt)) {
                chosen = p;
                any = true;
            }
        }
        if (!any)
            return problem(422, QStringLiteral("field 'vnfdId': no onboarded VNF package has VNFD %1").arg(vnfdId));
        if (name.isEmpty())
            name = QStringLiteral("vnf-") + newId().left(8);
        QString error;
        const QString id = m_ctx.vnfm.createInstance(chosen.id, name, &error);
        if (id.isEmpty())
            return problem(error.contains(QLatin1String("already exists")) ? 409 : 422, error);
        InstanceRecord rec;
        m_ctx.instances.get(id, &rec);
        m_subs->instanceCreated(id);
        return created(show(rec), m_links(kBase + "/vnf_instances/" + id));
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
        if (const QString why = m_ctx.vnfm.whyNot(QStringLiteral("DELETE"), id); !why.isEmpty())
            return problem(409, why);
        QString error;
        if (!m_ctx.vnfm.deleteInstance(id, &error))
            return problem(409, error);
        m_subs->instanceDeleted(id);
        return noContent();
    });

    s.route("POST", kBase + "/vnf_instances/{id}/instantiate", [this, launch](const HttpRequest &r) {
        QJsonObject body, extra;
        if (auto bad = readRequest(r, {"flavourId", "instantiationLevelId", "extVirtualLinks", "extManagedVirtualLinks", "vimConnectionInfo",
                                       "localizationLanguage", "additionalParams", "extensions", "vnfConfigurableProperties"},
                                   "InstantiateVnfRequest", &body))
            return *bad;
        InstantiateRequest req;
        if (auto bad = requireString(body, "flavourId", &req.deploymentFlavour))
            return *bad;
        if (auto bad = requireString(body, "instantiationLevelId", &req.instantiationLevel, false))
            return *bad;
        if (auto bad = optionalObject(body, "additionalParams", &extra))
            return *bad;
        // Vines' own parameters: the VIM flavour (compute offering) and NF configuration overrides.
        if (auto bad = requireString(extra, "computeFlavour", &req.computeFlavour, false))
            return problem(400, QStringLiteral("field 'additionalParams.computeFlavour' must be a string"));
        if (auto bad = optionalObject(extra, "config", &req.config))
            return problem(400, QStringLiteral("field 'additionalParams.config' must be an object"));
        return launch(r, QStringLiteral("INSTANTIATE"), [this, &r, req](QString *e) { return m_ctx.vnfm.instantiateInstance(r.params.value("id"), req, e); });
    });
    s.route("POST", kBase + "/vnf_instances/{id}/terminate", [this, launch](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"terminationType", "gracefulTerminationTimeout", "additionalParams"}, "TerminateVnfRequest", &body))
            return *bad;
        QString type;
        if (auto bad = oneOf(body, "terminationType", {"FORCEFUL", "GRACEFUL"}, &type, true))
            return *bad;
        int timeout = 0;
        if (auto bad = positiveInt(body, "gracefulTerminationTimeout", &timeout, 1))
            return *bad;
        return launch(r, QStringLiteral("TERMINATE"), [this, &r](QString *e) { return m_ctx.vnfm.terminate(r.params.value("id"), e); });
    });
    s.route("POST", kBase + "/vnf_instances/{id}/scale", [this, launch](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"type", "aspectId", "numberOfSteps", "additionalParams"}, "ScaleVnfRequest", &body))
            return *bad;
        QString type, aspect;
        if (auto bad = oneOf(body, "type", {"SCALE_OUT", "SCALE_IN"}, &type, true))
            return *bad;
        if (auto bad = requireString(body, "aspectId", &aspect))
            return *bad;
        int steps = 1;
        if (auto bad = positiveInt(body, "numberOfSteps", &steps, 1))
            return *bad;
        const ScaleDirection dir = type == QLatin1String("SCALE_OUT") ? ScaleDirection::Out : ScaleDirection::In;
        return launch(r, QStringLiteral("SCALE"), [this, &r, aspect, dir, steps](QString *e) {
            return m_ctx.vnfm.scaleAspect(r.params.value("id"), aspect, dir, steps, e);
        });
    });
    s.route("POST", kBase + "/vnf_instances/{id}/heal", [this, launch](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"cause", "vnfcInstanceId", "additionalParams", "healScript"}, "HealVnfRequest", &body))
            return *bad;
        QString cause;
        if (auto bad = requireString(body, "cause", &cause, false))
            return *bad;
        return launch(r, QStringLiteral("HEAL"), [this, &r](QString *e) { return m_ctx.vnfm.heal(r.params.value("id"), e); });
    });
    s.route("POST", kBase + "/vnf_instances/{id}/operate", [this, launch](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"changeStateTo", "stopType", "gracefulStopTimeout", "additionalParams"}, "OperateVnfRequest", &body))
            return *bad;
        QString to, stopType;
        if (auto bad = oneOf(body, "changeStateTo", {"STARTED", "STOPPED"}, &to, true))
            return *bad;
        if (auto bad = oneOf(body, "stopType", {"FORCEFUL", "GRACEFUL"}, &stopType, false))
            return *bad;
        const bool start = to == QLatin1String("STARTED");
        return launch(r, start ? QStringLiteral("START") : QStringLiteral("STOP"), [this, &r, start](QString *e) {
            return start ? m_ctx.vnfm.start(r.params.value("id"), e) : m_ctx.vnfm.stop(r.params.value("id"), e);
        });
    });

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
    using Decision = bool (Vnfm::*)(const QString &, QString *);
    const QList<std::pair<QString, Decision>> decisions{{QStringLiteral("retry"), &Vnfm::retryOperation},
                                                       {QStringLiteral("rollback"), &Vnfm::rollbackOperation},
                                                       {QStringLiteral("fail"), &Vnfm::failOperation}};
    for (const auto &[verb, decide] : decisions) {
        s.route("POST", kBase + "/vnf_lcm_op_occs/{id}/" + verb, [this, occurrence, verb = verb, decide = decide](const HttpRequest &r) {
            const QString id = r.params.value("id");
            OperationRecord op;
            if (!occurrence(id, &op))
                return problem(404, QStringLiteral("no VNF LCM operation occurrence %1").arg(id));
            QString error;
            if (!(m_ctx.vnfm.*decide)(id, &error))
                return problem(409, error);
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
        QString error;
        if (!m_subs->find(r.params.value("id"), &sub))
            return problem(404, QStringLiteral("no subscription %1").arg(r.params.value("id")));
        if (!m_subs->remove(sub.id, &error))
            return problem(500, error);
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
