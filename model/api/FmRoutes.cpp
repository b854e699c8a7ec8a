// SOL003 VNF fault management: /vnffm/v1/alarms, from the EMS the console runs (or uses); SOL005
// NS fault management: /nsfm/v1/alarms, the console's service alarms.
#include "ApiSupport.h"
#include "NorthboundApi.h"
#include "ems/EmsClient.h"
#include "nfvo/ServiceAlarms.h"

namespace vines::api {

namespace {
const QString kBase = QStringLiteral("/vnffm/v1/alarms");
HttpResponse emsDown(const HttpResult &reply)
{
    return problem(503, QStringLiteral("the EMS did not answer: %1").arg(reply.errorMessage()));
}
} // namespace

void NorthboundApi::addFmRoutes()
{
    JsonHttpServer &s = *m_server;
    s.routeAsync("GET", kBase, [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        m_ctx.ems.alarms(QStringLiteral("ALL"), [this, r, respond](const HttpResult &reply) {
            if (!reply)
                return respond(emsDown(reply));
            QJsonArray all;
            for (const QJsonValue &a : reply->json.toArray())
                all.append(alarm(a.toObject(), m_links));
            respond(filteredList(r, all));
        });
    });
    s.routeAsync("GET", kBase + "/{id}", [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const QString id = r.params.value("id");
        m_ctx.ems.alarms(QStringLiteral("ALL"), [this, id, respond](const HttpResult &reply) {
            if (!reply)
                return respond(emsDown(reply));
            for (const QJsonValue &a : reply->json.toArray())
                if (a.toObject().value("id").toString() == id)
                    return respond(HttpResponse::json(alarm(a.toObject(), m_links)));
            respond(problem(404, QStringLiteral("no alarm %1").arg(id)));
        });
    });
    // SOL005 NS fault management: the console's own service alarms (NS_DOWN, NS_DEGRADED).
    s.route("GET", "/nsfm/v1/alarms", [this](const HttpRequest &r) {
        QJsonArray all;
        for (const AlarmInfo &a : m_ctx.serviceAlarms.alarms())
            all.append(nsAlarm(a, m_links));
        return filteredList(r, all);
    });
    s.route("GET", "/nsfm/v1/alarms/{id}", [this](const HttpRequest &r) {
        for (const AlarmInfo &a : m_ctx.serviceAlarms.alarms())
            if (a.id == r.params.value("id"))
                return HttpResponse::json(nsAlarm(a, m_links));
        return problem(404, QStringLiteral("no NS alarm %1").arg(r.params.value("id")));
    });
    s.routeAsync("PATCH", kBase + "/{id}", [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        QJsonObject body;
        if (auto bad = readRequest(r, {"ackState"}, "AlarmModifications", &body))
            return respond(*bad);
        if (body.value("ackState").toString() != QLatin1String("ACKNOWLEDGED"))
            return respond(problem(400, QStringLiteral("field 'ackState' must be ACKNOWLEDGED")));
        const QString id = r.params.value("id");
        m_ctx.ems.acknowledgeAlarm(id, [id, body, respond](const HttpResult &reply) {
            if (httpStatus(reply) == 404)
                return respond(problem(404, QStringLiteral("no alarm %1").arg(id)));
            if (httpStatus(reply) == 409)
                return respond(problem(409, QStringLiteral("alarm %1 is already ACKNOWLEDGED").arg(id)));
            if (!reply)
                return respond(emsDown(reply));
            respond(HttpResponse::json(body));
        });
    });
}

} // namespace vines::api
