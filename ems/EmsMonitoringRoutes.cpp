// Fault (alarms), performance (PM jobs, thresholds, reports) and subscription routes.
#include "EmsCore.h"
#include <QJsonArray>

namespace vines::ems {

namespace {
HttpResponse notFound(const QString &what, const QString &id)
{
    return HttpResponse::error(404, "not_found", QStringLiteral("no %1 %2").arg(what, id));
}
} // namespace

void addMonitoringRoutes(JsonHttpServer &s, EmsCore &ems, const QString &p)
{
    // --- Fault management
    s.route("GET", p + "/alarms", [&ems](const HttpRequest &r) {
        QString state = r.query.value("state", "ACTIVE").toUpper();
        if (state == QLatin1String("ALL"))
            state.clear();
        else if (state != QLatin1String("ACTIVE") && state != QLatin1String("CLEARED"))
            return HttpResponse::error(400, "bad_request", "query parameter 'state' must be ACTIVE, CLEARED or ALL");
        bool ok = true;
        const int limit = r.query.contains("limit") ? r.query.value("limit").toInt(&ok) : 1000;
        if (!ok || limit < 1)
            return HttpResponse::error(400, "bad_request", "query parameter 'limit' must be a positive number");
        QJsonArray a;
        for (const Alarm &al : ems.alarms().list(state, r.query.value("vnfInstanceId"), limit))
            a.append(al.toJson());
        return HttpResponse::json(a);
    });
    s.route("GET", p + "/alarms/{id}", [&ems](const HttpRequest &r) {
        Alarm a;
        return ems.alarms().find(r.params.value("id"), &a) ? HttpResponse::json(a.toJson()) : notFound("alarm", r.params.value("id"));
    });
    s.route("PATCH", p + "/alarms/{id}", [&ems](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        if (body.value("ackState").toString() != QLatin1String("ACKNOWLEDGED"))
            return HttpResponse::error(422, "bad_parameters", "field 'ackState' must be \"ACKNOWLEDGED\"");
        Alarm a;
        if (!ems.alarms().find(r.params.value("id"), &a))
            return notFound("alarm", r.params.value("id"));
        const Result<Alarm> acked = ems.alarms().acknowledge(a.id, r.principal);
        if (!acked)
            return HttpResponse::error(500, "storage_error", acked.errorMessage());
        return HttpResponse::json(acked->toJson());
    });

    // --- Performance management
    s.route("GET", p + "/pm_jobs", [&ems](const HttpRequest &) {
        QJsonArray a;
        for (const PmJob &j : ems.performance().jobs())
            a.append(j.toJson());
        return HttpResponse::json(a);
    });
    s.route("POST", p + "/pm_jobs", [&ems](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        const Result<PmJob> j = ems.performance().createJob(body, r.principal);
        if (!j)
            return HttpResponse::error(422, "invalid_pm_job", j.errorMessage());
        return HttpResponse::json(j->toJson(), 201);
    });
    s.route("GET", p + "/pm_jobs/{id}", [&ems](const HttpRequest &r) {
        PmJob j;
        return ems.performance().job(r.params.value("id"), &j) ? HttpResponse::json(j.toJson()) : notFound("PM job", r.params.value("id"));
    });
    s.route("DELETE", p + "/pm_jobs/{id}", [&ems](const HttpRequest &r) {
        PmJob j;
        if (!ems.performance().job(r.params.value("id"), &j))
            return notFound("PM job", r.params.value("id"));
        if (const Result<> deleted = ems.performance().deleteJob(j.id); !deleted)
            return HttpResponse::error(500, "storage_error", deleted.errorMessage());
        return HttpResponse::json(QJsonObject{{"deleted", j.id}});
    });
    s.route("GET", p + "/pm_jobs/{id}/reports", [&ems](const HttpRequest &r) {
        PmJob j;
        if (!ems.performance().job(r.params.value("id"), &j))
            return notFound("PM job", r.params.value("id"));
        return HttpResponse::json(QJsonObject{{"pmJobId", j.id}, {"reports", ems.performance().reports(j.id)}});
    });

    // --- Subscriptions (each client sees and removes its own; a vnfm client may remove any)
    s.route("GET", p + "/subscriptions", [&ems](const HttpRequest &r) {
        QJsonArray a;
        for (const Subscription &sub : ems.notifier().subscriptions(r.principal))
            a.append(sub.toJson());
        return HttpResponse::json(a);
    });
    // A subscription's callback may not be a managed VNF's agent nor a host the client is not
    // allowed to name, and must answer GET before anything is sent to it (no request forgery).
    s.routeAsync("POST", p + "/subscriptions", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return respond(HttpResponse::error(400, "malformed_json", parsed.errorMessage()));
        QJsonObject body = *parsed;
        const QUrl url(body.value("callbackUri").toString(), QUrl::StrictMode);
        const QStringList allowed = ems.config().clients.value(r.principal).callbackHosts;
        if (url.isValid() && !allowed.isEmpty() && !allowed.contains(url.host().toLower()))
            return respond(HttpResponse::error(422, "invalid_subscription",
                                               QStringLiteral("callbackUri: host '%1' is not one client %2 may call back to (%3)")
                                                   .arg(url.host(), r.principal, allowed.join(", "))));
        if (const QString why = url.isValid() ? ems.notifier().forbidden(url) : QString(); !why.isEmpty())
            return respond(HttpResponse::error(422, "invalid_subscription", QStringLiteral("callbackUri: %1").arg(why)));
        // The request's own checks first: a malformed one is refused without calling anybody.
        if (const Result<> valid = ems.notifier().validate(body); !valid)
            return respond(HttpResponse::error(422, "invalid_subscription", valid.errorMessage()));
        const QString principal = r.principal;
        ems.notifier().verifyCallback(url, [&ems, body, principal, respond](const QString &unreachable) {
            if (!unreachable.isEmpty())
                return respond(HttpResponse::error(422, "callback_not_verified", QStringLiteral("callbackUri: %1").arg(unreachable)));
            const Result<Subscription> sub = ems.notifier().subscribe(body, principal);
            if (!sub)
                return respond(HttpResponse::error(422, "invalid_subscription", sub.errorMessage()));
            QJsonObject o = sub->toJson();
            o.insert("authentication", QJsonObject{{"secret", QString::fromUtf8(sub->secret)}});   // shown once
            respond(HttpResponse::json(o, 201));
        });
    });
    s.route("GET", p + "/subscriptions/{id}", [&ems](const HttpRequest &r) {
        Subscription sub;
        if (!ems.notifier().find(r.params.value("id"), &sub) || sub.owner != r.principal)
            return notFound("subscription", r.params.value("id"));
        return HttpResponse::json(sub.toJson());
    });
    s.route("DELETE", p + "/subscriptions/{id}", [&ems](const HttpRequest &r) {
        Subscription sub;
        if (!ems.notifier().find(r.params.value("id"), &sub) || (sub.owner != r.principal && r.role != QLatin1String("vnfm")))
            return notFound("subscription", r.params.value("id"));
        if (const Result<> removed = ems.notifier().unsubscribe(sub.id); !removed)
            return HttpResponse::error(500, "storage_error", removed.errorMessage());
        return HttpResponse::json(QJsonObject{{"deleted", sub.id}});
    });
}

} // namespace vines::ems
