#include "Notifier.h"
#include "catalog/Database.h"
#include "net/RequestSigning.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QUuid>

namespace vines::ems {

QStringList notificationTypes()
{
    return {"AlarmNotification", "AlarmClearedNotification", "NfStatusChangeNotification", "ThresholdCrossedNotification",
            "PerformanceInformationAvailableNotification", "VnfRegistrationNotification"};
}

QJsonObject Subscription::toJson() const
{
    return {{"id", id}, {"owner", owner}, {"callbackUri", callbackUri},
            {"filter", QJsonObject{{"notificationTypes", QJsonArray::fromStringList(notificationTypes)},
                                   {"vnfInstanceIds", QJsonArray::fromStringList(vnfInstanceIds)}}},
            {"createdAt", createdAt.toString(Qt::ISODateWithMs)}};
}

bool Subscription::matches(const QString &type, const QString &vnfId) const
{
    return (notificationTypes.isEmpty() || notificationTypes.contains(type))
           && (vnfInstanceIds.isEmpty() || vnfId.isEmpty() || vnfInstanceIds.contains(vnfId));
}

Notifier::Notifier(Database &db, QObject *parent)
    : QObject(parent), m_db(db),
      m_out(new NotificationOutbox({MaxQueue, 8, 250, 30000}, [this](const QString &subId, const QByteArray &body) { return send(subId, body); }, this))
{
}

Result<> Notifier::load()
{
    QSqlQuery q = m_db.query("SELECT id, owner, callback_uri, filter_json, secret, created_at FROM subscriptions");
    while (q.next()) {
        Subscription s;
        s.id = q.value(0).toString();
        s.owner = q.value(1).toString();
        s.callbackUri = q.value(2).toString();
        const QJsonObject f = QJsonDocument::fromJson(q.value(3).toByteArray()).object();
        for (const auto &v : f.value("notificationTypes").toArray()) s.notificationTypes << v.toString();
        for (const auto &v : f.value("vnfInstanceIds").toArray()) s.vnfInstanceIds << v.toString();
        s.secret = q.value(4).toByteArray();
        s.createdAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs);
        m_subs.insert(s.id, s);
    }
    return {};
}

Result<> Notifier::validate(const QJsonObject &r) const { return parse(r); }

Result<Subscription> Notifier::parse(const QJsonObject &r) const
{
    Subscription s;
    s.callbackUri = r.value("callbackUri").toString();
    const QUrl url(s.callbackUri, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        return Error::invalid(QStringLiteral("field 'callbackUri' must be an http(s) URL"));
    if (r.contains("filter") && !r.value("filter").isObject())
        return Error::invalid(QStringLiteral("field 'filter' must be an object"));
    const QJsonObject f = r.value("filter").toObject();
    for (const auto &v : f.value("notificationTypes").toArray()) {
        if (!notificationTypes().contains(v.toString()))
            return Error::invalid(QStringLiteral("filter.notificationTypes: '%1' is not one of %2").arg(v.toString(), notificationTypes().join(", ")));
        s.notificationTypes << v.toString();
    }
    for (const auto &v : f.value("vnfInstanceIds").toArray())
        s.vnfInstanceIds << v.toString();
    const QString secret = r.value("authentication").toObject().value("secret").toString();
    if (!secret.isEmpty() && secret.size() < 16)
        return Error::invalid(QStringLiteral("authentication.secret must be at least 16 characters"));
    s.secret = secret.isEmpty() ? signing::randomToken() : secret.toUtf8();
    return s;
}

Result<Subscription> Notifier::subscribe(const QJsonObject &r, const QString &owner)
{
    Result<Subscription> parsed = parse(r);
    if (!parsed)
        return parsed;
    Subscription s = *parsed;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.owner = owner;
    s.createdAt = QDateTime::currentDateTimeUtc();
    if (Result<> w = m_db.exec("INSERT INTO subscriptions (id, owner, callback_uri, filter_json, secret, created_at) VALUES (?,?,?,?,?,?)",
                               {s.id, owner, s.callbackUri, QJsonDocument(s.toJson().value("filter").toObject()).toJson(QJsonDocument::Compact),
                                s.secret, s.createdAt.toString(Qt::ISODateWithMs)});
        !w)
        return w.error();
    m_subs.insert(s.id, s);
    return s;
}

Result<> Notifier::unsubscribe(const QString &id)
{
    if (Result<> w = m_db.exec("DELETE FROM subscriptions WHERE id = ?", {id}); !w)
        return w;
    m_subs.remove(id);
    m_out->remove(id);
    return {};
}

QList<Subscription> Notifier::subscriptions(const QString &owner) const
{
    QList<Subscription> out;
    for (const Subscription &s : m_subs)
        if (owner.isEmpty() || s.owner == owner)
            out << s;
    std::sort(out.begin(), out.end(), [](const Subscription &a, const Subscription &b) { return a.createdAt < b.createdAt; });
    return out;
}

bool Notifier::find(const QString &id, Subscription *out) const
{
    auto it = m_subs.find(id);
    if (it == m_subs.end())
        return false;
    *out = *it;
    return true;
}

void Notifier::publish(const QString &type, const QString &vnfId, const QJsonObject &payload)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const Subscription &s : std::as_const(m_subs)) {
        if (!s.matches(type, vnfId))
            continue;
        QJsonObject n = payload;
        n.insert("id", QUuid::createUuid().toString(QUuid::WithoutBraces));
        n.insert("notificationType", type);
        n.insert("subscriptionId", s.id);
        n.insert("timeStamp", now);
        n.insert("sequence", double(++m_sequence));
        if (!vnfId.isEmpty())
            n.insert("vnfInstanceId", vnfId);
        m_out->push(s.id, QJsonDocument(n).toJson(QJsonDocument::Compact));
    }
}

void Notifier::verifyCallback(const QUrl &url, std::function<void(const QString &)> done)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(5000);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);   // a redirect is not an answer
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [reply, done]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            return done({});
        done(status ? QStringLiteral("the callbackUri answered GET with HTTP %1 (a subscriber answers 204)").arg(status)
                    : QStringLiteral("the callbackUri did not answer GET: %1").arg(reply->errorString()));
    });
}

QNetworkReply *Notifier::send(const QString &subId, const QByteArray &body)
{
    auto sit = m_subs.find(subId);
    if (sit == m_subs.end())
        return nullptr;
    const QUrl url(sit->callbackUri);
    if (const QString why = forbidden(url); !why.isEmpty()) {   // e.g. a VNF registered since at that address: never call it
        qWarning("vines-ems: notification for subscription %s dropped: %s", qPrintable(subId), qPrintable(why));
        return nullptr;
    }
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setTransferTimeout(5000);
    signing::signRequest(req, subId, sit->secret, "POST", body);
    return m_nam.post(req, body);
}

QJsonObject Notifier::stats() const
{
    return {{"subscriptions", int(m_subs.size())}, {"delivered", double(m_out->delivered())},
            {"failedAttempts", double(m_out->failedAttempts())}, {"dropped", double(m_out->dropped())}, {"queued", double(m_out->queued())}};
}

} // namespace vines::ems
