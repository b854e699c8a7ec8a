#pragma once
// Subscriptions and notification delivery: subscribers (the console, an OSS) register a
// callback URI with a filter; every matching notification is POSTed there as JSON, signed with
// the subscription's secret (X-Vines-Key = subscription id, X-Vines-Timestamp, X-Vines-Signature).
// Delivery is in order per subscriber, retried with backoff, bounded in memory.
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QQueue>
#include <QStringList>
#include <QTimer>
#include "net/NotificationOutbox.h"
#include "util/Result.h"

namespace vines {
class Database;
}

namespace vines::ems {

QStringList notificationTypes();

struct Subscription {
    QString id;
    QString owner;
    QString callbackUri;
    QStringList notificationTypes;   // empty: all
    QStringList vnfInstanceIds;      // empty: all
    QByteArray secret;
    QDateTime createdAt;
    QJsonObject toJson() const;      // never includes the secret
    bool matches(const QString &type, const QString &vnfId) const;
};

class Notifier : public QObject {
    Q_OBJECT
public:
    explicit Notifier(Database &db, QObject *parent = nullptr);
    Result<> load();

    // Validates and stores; the subscription with its secret (shown once).
    Result<Subscription> subscribe(const QJsonObject &request, const QString &owner);
    Result<> validate(const QJsonObject &request) const;   // the checks subscribe() makes, nothing stored
    Result<> unsubscribe(const QString &id);
    QList<Subscription> subscriptions(const QString &owner = {}) const;
    bool find(const QString &id, Subscription *out) const;

    void publish(const QString &type, const QString &vnfId, const QJsonObject &payload);
    // Why a callback URL may not be called (e.g. it is a managed VNF's management agent), or "".
    // Asked when subscribing and again before every delivery (VNFs come and go).
    void setCallbackPolicy(std::function<QString(const QUrl &)> why) { m_policy = std::move(why); }
    QString forbidden(const QUrl &url) const { return m_policy ? m_policy(url) : QString(); }
    // Before a subscription is made: the callback must answer GET with 2xx (as SOL 002/003
    // subscribers answer 204), so nobody is subscribed who did not ask to be.
    void verifyCallback(const QUrl &url, std::function<void(const QString &error)> done);
    QJsonObject stats() const;
    static constexpr int MaxQueue = 20000;

private:
    QNetworkReply *send(const QString &subId, const QByteArray &body);
    Result<Subscription> parse(const QJsonObject &request) const;
    std::function<QString(const QUrl &)> m_policy;
    Database &m_db;
    QNetworkAccessManager m_nam;
    QHash<QString, Subscription> m_subs;
    NotificationOutbox *m_out;
    quint64 m_sequence = 0;
};

} // namespace vines::ems
