// VNF information base and NF lifecycle/configuration routes (Ve-Vnfm-em and Os-Em).
#include "EmsCore.h"
#include <QJsonArray>

namespace vines::ems {

namespace {
HttpResponse fromDriver(const DriverResult &r)
{
    if (r.ok())
        return HttpResponse::json((*r));
    return HttpResponse::error(r.error().code(), driverCode(r.error()).isEmpty() ? QStringLiteral("driver_error") : driverCode(r.error()), r.errorMessage());
}

HttpResponse noVnf(const QString &id)
{
    return HttpResponse::error(404, "unknown_vnf", QStringLiteral("VNF %1 is not in the VNF information base").arg(id));
}

QJsonObject describe(EmsCore &ems, const VnfEntry &e, int activeAlarms)
{
    QJsonObject o = e.toJson();
    o.insert("monitoring", QJsonObject{{"nfState", ems.faults().nfState(e.id)},
                                       {"lastSampleTime", ems.faults().lastSampleAt(e.id).toString(Qt::ISODateWithMs)},
                                       {"lastError", ems.faults().lastError(e.id)},
                                       {"dataPath", ems.faults().dataPath(e.id)},
                                       {"dataPathNote", ems.faults().dataPathNote(e.id)},
                                       {"activeAlarms", activeAlarms}});
    return o;
}

QJsonObject describe(EmsCore &ems, const VnfEntry &e)
{
    return describe(ems, e, int(ems.alarms().list("ACTIVE", e.id).size()));
}

// Runs an operation through the VNF's driver and answers when the platform has answered.
void viaDriver(EmsCore &ems, const HttpRequest &r, JsonHttpServer::Responder respond,
               const std::function<void(Driver *, DriverCallback)> &op, const std::function<void(const DriverResult &)> &after = {})
{
    const QString id = r.params.value("id");
    if (!ems.vib().contains(id))
        return respond(noVnf(id));
    const Result<Driver *> d = ems.drivers().driver(ems.vib().entry(id), DriverController::Purpose::Operations);
    if (!d)
        return respond(HttpResponse::error(422, "no_driver", d.errorMessage()));
    op(*d, [&ems, id, respond, after](const DriverResult &res) {
        if (after)
            after(res);
        ems.poller().pollNow(id);   // let monitoring see the new state now, not at the next tick
        respond(fromDriver(res));
    });
}
} // namespace

void addVnfRoutes(JsonHttpServer &s, EmsCore &ems, const QString &p)
{
    s.route("GET", p + "/ems", [&ems](const HttpRequest &) { return HttpResponse::json(ems.about()); });

    s.route("GET", p + "/vnfs", [&ems](const HttpRequest &) {
        QJsonArray a;
        const QHash<QString, int> alarms = ems.alarms().activeCountByVnf();   // polled every second by the VNFM: one query
        for (const VnfEntry &e : ems.vib().entries())
            a.append(describe(ems, e, alarms.value(e.id)));
        return HttpResponse::json(a);
    });
    s.route("POST", p + "/vnfs", [&ems, p](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        const Result<VnfEntry> read = VnfEntry::fromJson(body, ems.config().defaultPollIntervalMs);
        if (!read)
            return HttpResponse::error(422, "invalid_registration", read.errorMessage());
        VnfEntry e = *read;
        if (ems.vib().contains(e.id))
            return HttpResponse::error(409, "already_registered", QStringLiteral("VNF %1 is already registered; PUT %2/vnfs/%1 to change it").arg(e.id, p));
        if (const Result<> drivable = ems.drivers().validate(e); !drivable)
            return HttpResponse::error(422, "no_driver", drivable.errorMessage());
        e.registeredBy = r.principal;
        if (const Result<> stored = ems.vib().upsert(e); !stored)
            return HttpResponse::error(500, "storage_error", stored.errorMessage());
        ems.notifier().publish("VnfRegistrationNotification", e.id, {{"change", "REGISTERED"}, {"vnfExp", e.vnfExp}});
        ems.poller().pollNow(e.id);
        return HttpResponse::json(describe(ems, ems.vib().entry(e.id)), 201);
    });
    s.route("GET", p + "/vnfs/{id}", [&ems](const HttpRequest &r) {
        const QString id = r.params.value("id");
        return ems.vib().contains(id) ? HttpResponse::json(describe(ems, ems.vib().entry(id))) : noVnf(id);
    });
    s.route("PUT", p + "/vnfs/{id}", [&ems](const HttpRequest &r) {
        const QString id = r.params.value("id");
        if (!ems.vib().contains(id))
            return noVnf(id);
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        if (body.contains("vnfInstanceId") && body.value("vnfInstanceId").toString() != id)
            return HttpResponse::error(422, "invalid_registration", "field 'vnfInstanceId' cannot change");
        const VnfEntry base = ems.vib().entry(id);
        const Result<VnfEntry> read = VnfEntry::fromJson(body, ems.config().defaultPollIntervalMs, &base);
        if (!read)
            return HttpResponse::error(422, "invalid_registration", read.errorMessage());
        if (const Result<> drivable = ems.drivers().validate(*read); !drivable)
            return HttpResponse::error(422, "no_driver", drivable.errorMessage());
        if (const Result<> stored = ems.vib().upsert(*read); !stored)
            return HttpResponse::error(500, "storage_error", stored.errorMessage());
        return HttpResponse::json(describe(ems, ems.vib().entry(id)));
    });
    s.route("DELETE", p + "/vnfs/{id}", [&ems](const HttpRequest &r) {
        const QString id = r.params.value("id");
        if (!ems.vib().contains(id))
            return noVnf(id);
        if (const Result<> removed = ems.vib().remove(id); !removed)
            return HttpResponse::error(500, "storage_error", removed.errorMessage());
        ems.notifier().publish("VnfRegistrationNotification", id, {{"change", "DEREGISTERED"}});
        return HttpResponse::json(QJsonObject{{"deregistered", id}});
    });

    s.routeAsync("GET", p + "/vnfs/{id}/status", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        viaDriver(ems, r, respond, [](Driver *d, DriverCallback cb) { d->status(cb); });
    });
    s.routeAsync("POST", p + "/vnfs/{id}/nf", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return respond(HttpResponse::error(400, "malformed_json", parsed.errorMessage()));
        QJsonObject body = *parsed;
        NfBundle nf;
        nf.name = body.value("name").toString();
        nf.type = body.value("type").toString();
        nf.config = body.value("config").toObject();
        if (nf.name.isEmpty() || nf.type.isEmpty())
            return respond(HttpResponse::error(422, "bad_parameters", "fields 'name' and 'type' are required strings"));
        if (body.contains("config") && !body.value("config").isObject())
            return respond(HttpResponse::error(422, "bad_parameters", "field 'config' must be an object"));
        const QJsonObject files = body.value("files").toObject();
        for (auto it = files.begin(); it != files.end(); ++it) {
            const auto decoded = QByteArray::fromBase64Encoding(it.value().toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!it.value().isString() || !decoded)
                return respond(HttpResponse::error(422, "bad_parameters", QStringLiteral("files.%1 is not valid base64").arg(it.key())));
            nf.files.insert(it.key(), decoded.decoded);
        }
        viaDriver(ems, r, respond, [nf](Driver *d, DriverCallback cb) { d->install(nf, cb); });
    });
    s.routeAsync("DELETE", p + "/vnfs/{id}/nf", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const QString id = r.params.value("id");
        ems.vib().setExpectedState(id, "stopped");
        viaDriver(ems, r, respond, [](Driver *d, DriverCallback cb) { d->uninstall(cb); });
    });
    s.routeAsync("POST", p + "/vnfs/{id}/nf/{action}", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const QString id = r.params.value("id");
        const QString action = r.params.value("action");
        if (!QStringList{"start", "stop", "restart"}.contains(action))
            return respond(HttpResponse::error(404, "not_found", QStringLiteral("no NF operation '%1' (start, stop, restart)").arg(action)));
        if (action == QLatin1String("stop"))
            ems.vib().setExpectedState(id, "stopped");   // before: a poll racing the stop must not raise NF_DOWN
        viaDriver(ems, r, respond,
                  [action](Driver *d, DriverCallback cb) {
                      if (action == QLatin1String("start")) d->start(cb);
                      else if (action == QLatin1String("stop")) d->stop(cb);
                      else d->restart(cb);
                  },
                  [&ems, id, action](const DriverResult &res) {
                      if (res.ok() && action != QLatin1String("stop"))
                          ems.vib().setExpectedState(id, "running");
                  });
    });
    // Rotates the platform's management secret: the platform takes it first, then the VIB keeps it.
    s.routeAsync("POST", p + "/vnfs/{id}/credentials", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return respond(HttpResponse::error(400, "malformed_json", parsed.errorMessage()));
        QJsonObject body = *parsed;
        const QByteArray secret = body.value("leafSecret").toString().toUtf8();
        if (secret.size() < 16)
            return respond(HttpResponse::error(422, "bad_parameters", "field 'leafSecret' must be a string of at least 16 characters"));
        const QString id = r.params.value("id");
        viaDriver(ems, r, respond, [secret](Driver *d, DriverCallback cb) { d->rotateSecret(secret, cb); },
                  [&ems, id, secret](const DriverResult &res) {
                      if (!res || !ems.vib().contains(id))
                          return;
                      VnfEntry e = ems.vib().entry(id);
                      e.driverOptions.insert("leafSecret", QString::fromUtf8(secret));
                      (void)ems.vib().upsert(e);
                  });
    });
    s.routeAsync("GET", p + "/vnfs/{id}/config", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        viaDriver(ems, r, respond, [](Driver *d, DriverCallback cb) { d->readConfig(cb); });
    });
    s.routeAsync("PUT", p + "/vnfs/{id}/config", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return respond(HttpResponse::error(400, "malformed_json", parsed.errorMessage()));
        QJsonObject body = *parsed;
        if (!body.value("config").isObject())
            return respond(HttpResponse::error(422, "bad_parameters", "field 'config' must be an object"));
        const QJsonObject config = body.value("config").toObject();
        viaDriver(ems, r, respond, [config](Driver *d, DriverCallback cb) { d->configure(config, cb); });
    });
    s.routeAsync("GET", p + "/vnfs/{id}/logs", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        bool ok = true;
        const int n = r.query.contains("lines") ? r.query.value("lines").toInt(&ok) : 100;
        if (!ok || n < 0 || n > 100000)
            return respond(HttpResponse::error(400, "bad_request", "query parameter 'lines' must be a number from 0 to 100000"));
        viaDriver(ems, r, respond, [n](Driver *d, DriverCallback cb) { d->logs(n, cb); });
    });
    s.routeAsync("GET", p + "/vnfs/{id}/metrics", [&ems](const HttpRequest &r, JsonHttpServer::Responder respond) {
        const QString id = r.params.value("id");
        if (!ems.vib().contains(id))
            return respond(noVnf(id));
        if (r.query.value("live") == QLatin1String("true"))
            return viaDriver(ems, r, respond, [](Driver *d, DriverCallback cb) { d->sample(cb); });
        const QJsonObject latest = ems.performance().latest(id);
        if (latest.isEmpty())
            return respond(HttpResponse::error(404, "no_sample", QStringLiteral("no metrics collected for %1 yet (ask ?live=true)").arg(id)));
        respond(HttpResponse::json(latest));
    });
    s.route("GET", p + "/vnfs/{id}/metrics/history", [&ems](const HttpRequest &r) {
        const QString id = r.params.value("id");
        if (!ems.vib().contains(id))
            return noVnf(id);
        bool ok = true;
        const int n = r.query.contains("limit") ? r.query.value("limit").toInt(&ok) : PerformanceMonitor::HistoryLength;
        if (!ok || n < 1)
            return HttpResponse::error(400, "bad_request", "query parameter 'limit' must be a positive number");
        return HttpResponse::json(QJsonObject{{"vnfInstanceId", id}, {"samples", ems.performance().history(id, n)}});
    });
}

} // namespace vines::ems
