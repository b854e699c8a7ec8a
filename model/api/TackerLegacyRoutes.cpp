// Tacker's legacy NFVO resources, for clients that speak them (python-tackerclient's
// create_vnffgd/create_vnffg): /v1.0/vnffgds.json and /v1.0/vnffgs.json. A VNFFGD is an NSD of
// the catalog (Tacker's VNFFGD template is one of the forms NsCatalog reads); a VNFFG is a
// network service made from it. Unlike Tacker, whose VNFFG chains VNFs that already run
// (vnf_mapping), the console's NFVO instantiates the chain's VNFs itself: vnf_mapping is refused.
#include "ApiSupport.h"
#include "NorthboundApi.h"
#include "catalog/OperationStore.h"
#include "nfvo/Nfvo.h"
#include <QJsonDocument>

namespace vines::api {

namespace {
const QString kVnffgds = QStringLiteral("/v1.0/vnffgds");
const QString kVnffgs = QStringLiteral("/v1.0/vnffgs");

QJsonObject legacyVnffgd(const NsdRecord &d)
{
    return {{"id", d.id}, {"name", d.nsd.name}, {"description", d.nsd.description}, {"template_source", "onboarded"},
            {"tenant_id", "vines"}, {"template", QJsonObject{{"vnffgd", QJsonObject{{"source", d.sourceYaml}}}}}};
}
} // namespace

void NorthboundApi::addTackerLegacyRoutes()
{
    JsonHttpServer &s = *m_server;
    // A VNFFG's status from its network service and the NFVO's last operation on it.
    auto status = [this](const NsInstanceRecord &ns) {
        const QString active = m_ctx.operations.activeFor(ns.id);
        if (!active.isEmpty()) {
            OperationRecord op;
            m_ctx.operations.get(active, &op);
            return op.operation == QLatin1String("TERMINATE_NS") ? QStringLiteral("PENDING_DELETE") : QStringLiteral("PENDING_CREATE");
        }
        if (ns.instantiated())
            return QStringLiteral("ACTIVE");
        return QStringLiteral("ERROR");   // not instantiated and nothing running: its instantiation failed
    };
    auto vnffg = [status](const NsInstanceRecord &ns) {
        return QJsonObject{{"id", ns.id}, {"name", ns.name}, {"description", ""}, {"vnffgd_id", ns.nsdId}, {"tenant_id", "vines"},
                           {"status", status(ns)}, {"vnf_mapping", QJsonObject{}}, {"symmetrical", false},
                           {"attributes", QJsonObject{{"vines.publicAddress", ns.publicAddress}, {"vines.servicePort", ns.servicePort}}},
                           {"vnf_instance_ids", QJsonArray::fromStringList(ns.vnfInstanceIds)}};
    };

    s.route("GET", kVnffgds + ".json", [this](const HttpRequest &) {
        QJsonArray all;
        for (const NsdRecord &d : m_ctx.nsCatalog.descriptors())
            all.append(legacyVnffgd(d));
        return HttpResponse::json(QJsonObject{{"vnffgds", all}});
    });
    s.route("POST", kVnffgds + ".json", [this](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readBody(r, &body))
            return *bad;
        const QJsonObject v = body.value("vnffgd").toObject();
        const QJsonValue tmpl = v.value("template").toObject().value("vnffgd");
        if (!tmpl.isObject())
            return problem(400, QStringLiteral("field 'vnffgd.template.vnffgd' must be the VNFFGD template (an object)"));
        // The template arrives parsed; as JSON it is YAML again (YAML 1.2 takes JSON), for the NSD reader.
        const QByteArray yaml = QJsonDocument(tmpl.toObject()).toJson(QJsonDocument::Indented);
        const Result<QString> id = m_ctx.nsCatalog.importYaml(yaml, QStringLiteral("vnffgd '%1'").arg(v.value("name").toString()));
        if (!id)
            return problem(id.error().is(Error::Kind::Conflict) ? 409 : 422, id.errorMessage());
        NsdRecord d;
        m_ctx.nsCatalog.descriptor(*id, &d);
        return created(QJsonObject{{"vnffgd", legacyVnffgd(d)}}, m_links(kVnffgds + '/' + *id + ".json"));
    });
    s.route("GET", kVnffgds + "/{id}.json", [this](const HttpRequest &r) {
        NsdRecord d;
        if (!m_ctx.nsCatalog.descriptor(r.params.value("id"), &d))
            return problem(404, QStringLiteral("no VNFFGD %1").arg(r.params.value("id")));
        return HttpResponse::json(QJsonObject{{"vnffgd", legacyVnffgd(d)}});
    });
    s.route("DELETE", kVnffgds + "/{id}.json", [this](const HttpRequest &r) {
        NsdRecord d;
        if (!m_ctx.nsCatalog.descriptor(r.params.value("id"), &d))
            return problem(404, QStringLiteral("no VNFFGD %1").arg(r.params.value("id")));
        if (Result<> removed = m_ctx.nsCatalog.removeDescriptor(d.id); !removed)
            return problem(409, removed.errorMessage());
        return noContent();
    });

    s.route("GET", kVnffgs + ".json", [this, vnffg](const HttpRequest &) {
        QJsonArray all;
        for (const NsInstanceRecord &ns : m_ctx.nsCatalog.instances())
            all.append(vnffg(ns));
        return HttpResponse::json(QJsonObject{{"vnffgs", all}});
    });
    s.route("POST", kVnffgs + ".json", [this, vnffg](const HttpRequest &r) {
        QJsonObject body;
        if (auto bad = readBody(r, &body))
            return *bad;
        const QJsonObject v = body.value("vnffg").toObject();
        if (!v.value("vnf_mapping").toObject().isEmpty())
            return problem(400, QStringLiteral("field 'vnffg.vnf_mapping' is not supported: the console's NFVO instantiates the "
                                               "chain's VNFs itself (leave it out)"));
        if (v.contains("vnffgd_template"))
            return problem(400, QStringLiteral("field 'vnffg.vnffgd_template' is not supported: onboard the VNFFGD first and give vnffgd_id"));
        QString nsdId, name;
        if (auto bad = requireString(v, "vnffgd_id", &nsdId))
            return problem(400, QStringLiteral("field 'vnffg.vnffgd_id' is required"));
        if (auto bad = requireString(v, "name", &name))
            return problem(400, QStringLiteral("field 'vnffg.name' is required"));
        const Result<Nfvo::Started> made = m_ctx.nfvo.instantiate(nsdId, name);
        if (!made)
            return problem(made.error().is(Error::Kind::Conflict) ? 409 : made.error().is(Error::Kind::NotFound) ? 404 : 422, made.errorMessage());
        NsInstanceRecord ns;
        m_ctx.nsCatalog.instance(made->nsId, &ns);
        return created(QJsonObject{{"vnffg", vnffg(ns)}}, m_links(kVnffgs + '/' + made->nsId + ".json"));
    });
    s.route("GET", kVnffgs + "/{id}.json", [this, vnffg](const HttpRequest &r) {
        NsInstanceRecord ns;
        if (!m_ctx.nsCatalog.instance(r.params.value("id"), &ns))
            return problem(404, QStringLiteral("no VNFFG %1").arg(r.params.value("id")));
        return HttpResponse::json(QJsonObject{{"vnffg", vnffg(ns)}});
    });
    // Tacker deletes a VNFFG asynchronously: 204 now, PENDING_DELETE until it is gone.
    s.route("DELETE", kVnffgs + "/{id}.json", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        NsInstanceRecord ns;
        if (!m_ctx.nsCatalog.instance(id, &ns))
            return problem(404, QStringLiteral("no VNFFG %1").arg(id));
        if (!ns.instantiated()) {
            if (Result<> deleted = m_ctx.nfvo.deleteNs(id); !deleted)
                return problem(409, deleted.errorMessage());
            return noContent();
        }
        const Result<QString> op = m_ctx.nfvo.terminate(id);
        if (!op)
            return problem(409, op.errorMessage());
        m_ctx.nfvo.whenFinished(*op, this, [this, id](OpState state, const QString &) {
            if (state == OpState::Completed)
                (void)m_ctx.nfvo.deleteNs(id);
        });
        return noContent();
    });
}

} // namespace vines::api
