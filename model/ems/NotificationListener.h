#pragma once
// Receives EMS notifications: a small HTTP server on loopback whose POST /notifications
// accepts only requests signed with a known subscription's secret, so nobody else on the
// machine can inject alarms into the console.
#include "net/ConnectionGuard.h"
#include "net/JsonHttpServer.h"
#include "net/RequestSigning.h"
#include <QHash>
#include <QTcpServer>
#include <memory>

namespace vines {

class NotificationListener : public QObject {
    Q_OBJECT
public:
    explicit NotificationListener(QObject *parent = nullptr);
    Result<> listen(const QHostAddress &address);
    QUrl callbackUrl() const;
    void trust(const QString &subscriptionId, const QByteArray &secret) { m_secrets.insert(subscriptionId, secret); }
    void forget(const QString &subscriptionId) { m_secrets.remove(subscriptionId); }
    QByteArray pendingSecret() const { return m_pending; }   // secret to send with the next subscription
    void trustPending(const QString &subscriptionId) { trust(subscriptionId, m_pending); }
    quint64 received() const { return m_received; }
    quint64 rejected() const { return m_rejected; }

Q_SIGNALS:
    void notification(const QJsonObject &n);

private:
    JsonHttpServer m_server;
    ConnectionGuard m_guard{ConnectionGuard::Limits{256, 1024 * 1024, 120000}};   // notifications are small
    QTcpServer *m_tcp = nullptr;
    QHash<QString, QByteArray> m_secrets;
    signing::ReplayWindow m_replay;   // a notification is accepted once
    QByteArray m_pending;
    quint64 m_received = 0, m_rejected = 0;
};

} // namespace vines
