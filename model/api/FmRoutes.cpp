// SOL003 VNF fault management: /vnffm/v1/alarms, from the EMS the console runs (or uses); SOL005
// NS fault management: /nsfm/v1/alarms, the console's service alarms.
#include "ApiSupport.h"
#include "NorthboundApi.h"
#include "ems/EmsClient.h"
#include "nfvo/ServiceAlarms.h"

namespace vines::api {

namespace {
const QString kBase = QStringLiteral("/vnffm/v1/alarms");
HttpResponse emsDown(const HttpReply &reply)
{
    return problem(503, QStringLiteral("the EMS did not answer: %1").arg(reply.error));
}
QJsonArray emsAlarms(const HttpReply &reply)
{
    return reply.json.isArray() ? reply.json.toArray() : reply.object().value("alarms").toArray();
}
} // namespace

void NorthboundApi::addFmRoutes()
{
    JsonHttpServer &s = *m_server;
    s.routeAsync("GET", kBase, [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        m_ctx.ems.alarms(QStringLiteral("ALL"), [this, r, respond](const HttpReply &reply) {
            if (!reply.ok)
                return respond(emsDown(reply));
            QJsonArray all;
            for (const QJsonValue &a : emsAlarms(reply))
                all.append(alarm(a.toObject(), m_links));
            if (auto bad = applyFilter(r, &all))
                return respond(*bad);
            respond(HttpResponse::json(all));
        });
    });
    s.routeAsync("GET", kBase + "/{id}", [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const QString id = r.params.value("id");
        m_ctx.ems.alarms(QStringLiteral("ALL"), [this, id, respond](const HttpReply &reply) {
            if (!reply.ok)
                return respond(emsDown(reply));
            for (const QJsonValue &a : emsAlarms(reply))
                if (a.toObject().value("id").toString() == id)
                    return respond(HttpResponse::json(alarm(a.toObject(), m_links)));
            respond(problem(404, QStringLiteral("no alarm %1").arg(id)));
        });
    });
    // SOL005 NS fault management: the console's own service alarms (NS_DOWN, NS_DEGRADED).
    auto nsAlarm = [this](const AlarmInfo &a) {
        QJsonObject o{{"id", a.id}, {"managedObjectId", a.vnfId}, {"alarmRaisedTime", a.raisedAt.toString(Qt::ISODateWithMs)},
                      {"ackState", a.ackState}, {"perceivedSeverity", a.state == QLatin1String("CLEARED") ? QStringLiteral("CLEARED") : a.severity},
                      {"eventTime", (a.clearedAt.isValid() ? a.clearedAt : a.raisedAt).toString(Qt::ISODateWithMs)},
                      {"eventType", "COMMUNICATIONS_ALARM"}, {"faultType", a.type}, {"probableCause", a.description}, {"isRootCause", false},
                      {"faultDetails", QJsonArray{a.description}},
                      {"_links", QJsonObject{{"self", href(m_links("/nsfm/v1/alarms/" + a.id))},
                                             {"objectInstance", href(m_links("/nslcm/v1/ns_instances/" + a.vnfId))}}}};
        if (a.clearedAt.isValid())
            o.insert("alarmClearedTime", a.clearedAt.toString(Qt::ISODateWithMs));
        return o;
    };
    s.route("GET", "/nsfm/v1/alarms", [this, nsAlarm](const HttpRequest &r) {
        QJsonArray all;
        for (const AlarmInfo &a : m_ctx.serviceAlarms.alarms())
            all.append(nsAlarm(a));
        if (auto bad = applyFilter(r, &all))
            return *bad;
        return HttpResponse::json(all);
    });
    s.route("GET", "/nsfm/v1/alarms/{id}", [this, nsAlarm](const HttpRequest &r) {
        for (const AlarmInfo &a : m_ctx.serviceAlarms.alarms())
            if (a.id == r.params.value("id"))
                return HttpResponse::json(nsAlarm(a));
        return problem(404, QStringLiteral("no NS alarm %1").arg(r.params.value("id")));
    });
    s.routeAsync("PATCH", kBase + "/{id}", [this](const HttpRequest &r, JsonHttpServer::Responder respond) {
        QJsonObject body;
        if (auto bad = readBody(r, &body))
            return respond(*bad);
        if (auto bad = onlyFields(body, {"ackState"}, "AlarmModifications"))
            return respond(*bad);
        if (body.value("ackState").toString() != QLatin1String("ACKNOWLEDGED"))
            return respond(problem(400, QStringLiteral("field 'ackState' must be ACKNOWLEDGED")));
        const QString id = r.params.value("id");
        m_ctx.ems.acknowledgeAlarm(id, [id, body, respond](const HttpReply &reply) {
            if (reply.status == 404)
                return respond(problem(404, QStringLiteral("no alarm %1").arg(id)));
            if (reply.status == 409)
                return respond(problem(409, QStringLiteral("alarm %1 is already ACKNOWLEDGED").arg(id)));
            if (!reply.ok)
                return respond(emsDown(reply));
            respond(HttpResponse::json(body));
        });
    });
}

} // namespace vines::api
