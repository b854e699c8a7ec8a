#pragma once
// SOL003 VNF LCM subscriptions of the northbound API and the notifications POSTed to their
// subscribers: VnfLcmOperationOccurrenceNotification when an occurrence starts, halts
// (FAILED_TEMP) or ends, VnfIdentifierCreation/DeletionNotification when an instance resource is
// made or deleted. A subscription is stored (it outlives a restart) only after its callbackUri
// answered a GET with 2xx (SOL003: the API producer tests the notification endpoint). Each subscriber
// gets its notifications in order, one request at a time, retried with back-off (NotificationOutbox),
// at most 1000 waiting (the oldest dropped beyond), so a dead subscriber costs bounded memory.
#include "ApiViews.h"
#include "net/NotificationOutbox.h"
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace vines {
class Database;
class OperationStore;
class InstanceStore;
}

namespace vines::api {

struct LcmSubscription {
    QString id;
    QString callbackUri;
    QJsonObject filter;          // LifecycleChangeNotificationsFilter
    QJsonObject authentication;  // SubscriptionAuthentication (BASIC params kept, never shown)
    QDateTime createdAt;
    QJsonObject toJson(const Links &links) const;
    bool wants(const QString &notificationType, const QString &vnfInstanceId, const QString &operation, const QString &state) const;
};

class LcmSubscriptions : public QObject {
    Q_OBJECT
public:
    LcmSubscriptions(Database &db, OperationStore &ops, InstanceStore &instances, QNetworkAccessManager &nam, QObject *parent = nullptr);
    void setLinks(const Links &links) { m_links = links; }

    // Checks a LccnSubscriptionRequest; "" when it is well formed, else what is wrong (field named).
    QString validate(const QJsonObject &request) const;
    // Tests the callbackUri, then stores the subscription. done(subscription, error).
    void create(const QJsonObject &request, std::function<void(const LcmSubscription &, const QString &error)> done);
    QList<LcmSubscription> list() const;
    bool find(const QString &id, LcmSubscription *out) const;
    Result<> remove(const QString &id);

    void instanceCreated(const QString &vnfInstanceId);
    void instanceDeleted(const QString &vnfInstanceId);
    const NotificationOutbox &outbox() const { return *m_out; }

private:
    void operationChanged(const QString &opId);
    void publish(const QString &type, const QString &vnfInstanceId, const QString &operation, const QString &state, QJsonObject payload);
    QNetworkReply *send(const QString &subId, const QByteArray &body);
    QString forbidden(const QUrl &url) const;
    Database &m_db;
    OperationStore &m_ops;
    InstanceStore &m_instances;
    QNetworkAccessManager &m_nam;
    Links m_links;
    QHash<QString, OpState> m_seenState;   // occurrence -> state last notified (non-final ones)
    NotificationOutbox *m_out;
};

} // namespace vines::api
