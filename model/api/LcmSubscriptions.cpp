#include "LcmSubscriptions.h"
#include "ApiSupport.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "nfvo/Nfvo.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace vines::api {

namespace {
constexpr int kMaxQueued = 1000;
const QStringList kTypes{"VnfLcmOperationOccurrenceNotification", "VnfIdentifierCreationNotification",
                         "VnfIdentifierDeletionNotification"};
// The Authorization header for a subscription's BASIC credentials, or "".
QByteArray basicAuth(const QJsonObject &authentication)
{
    const QJsonObject basic = authentication.value("paramsBasic").toObject();
    if (basic.isEmpty())
        return {};
    return "Basic " + (basic.value("userName").toString() + ':' + basic.value("password").toString()).toUtf8().toBase64();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}
} // namespace

QJsonObject LcmSubscription::toJson(const Links &links) const
{
    return {{"id", id}, {"filter", filter}, {"callbackUri", callbackUri},
            {"_links", QJsonObject{{"self", href(links("/vnflcm/v1/subscriptions/" + id))}}}};
}

bool LcmSubscription::wants(const QString &type, const QString &vnfInstanceId, const QString &operation, const QString &state) const
{
    const QStringList types = strings(filter.value("notificationTypes"));
    if (!types.isEmpty() && !types.contains(type))
        return false;
    const QStringList ids = strings(filter.value("vnfInstanceSubscriptionFilter").toObject().value("vnfInstanceIds"));
    if (!ids.isEmpty() && !ids.contains(vnfInstanceId))
        return false;
    if (type == QLatin1String("VnfLcmOperationOccurrenceNotification")) {
        const QStringList ops = strings(filter.value("operationTypes"));
        if (!ops.isEmpty() && !ops.contains(operation))
            return false;
        const QStringList states = strings(filter.value("operationStates"));
        if (!states.isEmpty() && !states.contains(state))
            return false;
    }
    return true;
}

LcmSubscriptions::LcmSubscriptions(Database &db, OperationStore &ops, InstanceStore &instances, QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent), m_db(db), m_ops(ops), m_instances(instances), m_nam(nam),
      m_out(new NotificationOutbox({kMaxQueued, 4, 500, 8000}, [this](const QString &subId, const QByteArray &body) { return send(subId, body); }, this))
{
    connect(&m_ops, &OperationStore::changed, this, &LcmSubscriptions::operationChanged);
}

QString LcmSubscriptions::forbidden(const QUrl &url) const
{
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        return QStringLiteral("field 'callbackUri' must be an http:// or https:// URL");
    // Never a VNF's platform agent: a subscriber must not turn the console into a client of its VNFs.
    for (const InstanceRecord &r : m_instances.list())
        if (!r.mgmtAddress.isEmpty() && r.mgmtAddress.section(':', 0, 0) == url.host())
            return QStringLiteral("field 'callbackUri': %1 is the management address of VNF '%2'").arg(url.host(), r.name);
    return {};
}

QString LcmSubscriptions::validate(const QJsonObject &request) const
{
    static const QStringList fields{"filter", "callbackUri", "authentication", "verbosity"};
    for (auto it = request.begin(); it != request.end(); ++it)
        if (!fields.contains(it.key()))
            return QStringLiteral("field '%1' is not part of LccnSubscriptionRequest (it has %2)").arg(it.key(), fields.join(", "));
    if (!request.value("callbackUri").isString())
        return QStringLiteral("field 'callbackUri' is required and must be a string");
    if (const QString why = forbidden(QUrl(request.value("callbackUri").toString(), QUrl::StrictMode)); !why.isEmpty())
        return why;
    const QJsonValue f = request.value("filter");
    if (!f.isUndefined() && !f.isObject())
        return QStringLiteral("field 'filter' must be an object");
    const QJsonObject filter = f.toObject();
    for (const QString &list : {QStringLiteral("notificationTypes"), QStringLiteral("operationTypes"), QStringLiteral("operationStates")})
        if (filter.contains(list) && !filter.value(list).isArray())
            return QStringLiteral("field 'filter.%1' must be an array").arg(list);
    for (const QString &t : strings(filter.value("notificationTypes")))
        if (!kTypes.contains(t))
            return QStringLiteral("field 'filter.notificationTypes': unknown type '%1' (known: %2)").arg(t, kTypes.join(", "));
    const QJsonValue auth = request.value("authentication");
    if (!auth.isUndefined()) {
        const QJsonObject a = auth.toObject();
        const QStringList types = strings(a.value("authType"));
        if (!auth.isObject() || types.isEmpty())
            return QStringLiteral("field 'authentication.authType' must be a non-empty array");
        for (const QString &t : types)
            if (t != QLatin1String("BASIC"))
                return QStringLiteral("field 'authentication.authType': '%1' is not supported (BASIC is)").arg(t);
        const QJsonObject basic = a.value("paramsBasic").toObject();
        if (!basic.value("userName").isString() || !basic.value("password").isString())
            return QStringLiteral("field 'authentication.paramsBasic' needs userName and password");
    }
    return {};
}

void LcmSubscriptions::create(const QJsonObject &request, std::function<void(const LcmSubscription &, const QString &)> done)
{
    if (const QString why = validate(request); !why.isEmpty())
        return done({}, why);
    const QUrl url(request.value("callbackUri").toString());
    QNetworkRequest req(url);
    req.setTransferTimeout(5000);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (const QByteArray auth = basicAuth(request.value("authentication").toObject()); !auth.isEmpty())
        req.setRawHeader("Authorization", auth);
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply, request, done]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status >= 300)
            return done({}, status ? QStringLiteral("field 'callbackUri': the endpoint answered GET with HTTP %1 (a subscriber answers 204)").arg(status)
                                   : QStringLiteral("field 'callbackUri': the endpoint did not answer GET: %1").arg(reply->errorString()));
        LcmSubscription s;
        s.id = newId();
        s.callbackUri = request.value("callbackUri").toString();
        s.filter = request.value("filter").toObject();
        s.authentication = request.value("authentication").toObject();
        s.createdAt = QDateTime::currentDateTimeUtc();
        if (const Result<> stored = m_db.exec(QStringLiteral("INSERT INTO api_subscriptions (id, api, callback_uri, filter_json, auth_json, created_at) VALUES (?, 'vnflcm', ?, ?, ?, ?)"),
                                              {s.id, s.callbackUri, QString::fromUtf8(QJsonDocument(s.filter).toJson(QJsonDocument::Compact)),
                                               QString::fromUtf8(QJsonDocument(s.authentication).toJson(QJsonDocument::Compact)), isoNow()});
            !stored)
            return done({}, stored.errorMessage());
        done(s, {});
    });
}

QList<LcmSubscription> LcmSubscriptions::list() const
{
    QList<LcmSubscription> out;
    QSqlQuery q = m_db.query(QStringLiteral("SELECT id, callback_uri, filter_json, auth_json, created_at FROM api_subscriptions WHERE api = 'vnflcm' ORDER BY created_at"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), QJsonDocument::fromJson(q.value(2).toByteArray()).object(),
                    QJsonDocument::fromJson(q.value(3).toByteArray()).object(), fromIso(q.value(4).toString())});
    return out;
}

bool LcmSubscriptions::find(const QString &id, LcmSubscription *out) const
{
    for (const LcmSubscription &s : list())
        if (s.id == id) {
            *out = s;
            return true;
        }
    return false;
}

Result<> LcmSubscriptions::remove(const QString &id)
{
    m_out->remove(id);
    return m_db.exec(QStringLiteral("DELETE FROM api_subscriptions WHERE id = ?"), {id});
}

void LcmSubscriptions::instanceCreated(const QString &id)
{
    publish(QStringLiteral("VnfIdentifierCreationNotification"), id, {}, {}, {});
}

void LcmSubscriptions::instanceDeleted(const QString &id)
{
    publish(QStringLiteral("VnfIdentifierDeletionNotification"), id, {}, {}, {});
}

void LcmSubscriptions::operationChanged(const QString &opId)
{
    OperationRecord op;
    if (!m_ops.get(opId, &op) || isNsOperation(op.operation))
        return;
    const auto seen = m_seenState.constFind(opId);
    if (seen != m_seenState.constEnd() && *seen == op.state)
        return;   // progress only
    if (isFinal(op.state))
        m_seenState.remove(opId);
    else
        m_seenState.insert(opId, op.state);
    const bool start = op.state == OpState::Processing || op.state == OpState::RollingBack;
    QJsonObject payload{{"notificationStatus", start ? "START" : "RESULT"}, {"operationState", text(op.state)}, {"vnfLcmOpOccId", op.id},
                        {"operation", sol003Operation(op.operation)}, {"isAutomaticInvocation", false}};
    if (!op.error.isEmpty())   // an absent optional attribute is left out, never null (SOL013 5.2)
        payload.insert("error", QJsonObject{{"status", 500}, {"detail", op.error}});
    publish(QStringLiteral("VnfLcmOperationOccurrenceNotification"), op.instanceId, sol003Operation(op.operation), text(op.state), payload);
}

void LcmSubscriptions::publish(const QString &type, const QString &vnfInstanceId, const QString &operation, const QString &state,
                               QJsonObject payload)
{
    for (const LcmSubscription &s : list()) {
        if (!s.wants(type, vnfInstanceId, operation, state))
            continue;
        QJsonObject n = payload;
        n.insert("id", newId());
        n.insert("notificationType", type);
        n.insert("subscriptionId", s.id);
        n.insert("timeStamp", isoNow());
        n.insert("vnfInstanceId", vnfInstanceId);
        n.insert("_links", QJsonObject{{"vnfInstance", href(m_links("/vnflcm/v1/vnf_instances/" + vnfInstanceId))},
                                       {"subscription", href(m_links("/vnflcm/v1/subscriptions/" + s.id))}});
        if (payload.contains("vnfLcmOpOccId"))
            n.insert("_links", QJsonObject{{"vnfInstance", href(m_links("/vnflcm/v1/vnf_instances/" + vnfInstanceId))},
                                           {"subscription", href(m_links("/vnflcm/v1/subscriptions/" + s.id))},
                                           {"vnfLcmOpOcc", href(m_links("/vnflcm/v1/vnf_lcm_op_occs/" + payload.value("vnfLcmOpOccId").toString()))}});
        m_out->push(s.id, QJsonDocument(n).toJson(QJsonDocument::Compact));
    }
}

QNetworkReply *LcmSubscriptions::send(const QString &subId, const QByteArray &body)
{
    LcmSubscription s;
    if (!find(subId, &s))
        return nullptr;
    const QUrl url(s.callbackUri);
    if (!forbidden(url).isEmpty())   // e.g. a VNF got that address since: never call it
        return nullptr;
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setRawHeader("Version", "1.3.0");
    req.setTransferTimeout(5000);
    if (const QByteArray auth = basicAuth(s.authentication); !auth.isEmpty())
        req.setRawHeader("Authorization", auth);
    return m_nam.post(req, body);
}

} // namespace vines::api
