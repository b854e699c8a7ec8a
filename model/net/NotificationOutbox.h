#pragma once
// Notifications on their way to subscribers: one queue per subscriber, delivered in order and
// one request at a time, a failed request retried with exponential back-off (a notification is
// given up after maxAttempts, the subscriber is kept), at most maxQueued waiting per subscriber
// (the oldest dropped beyond), so a dead subscriber costs bounded memory. Used by the EMS's
// notifier and the console's northbound LCM subscriptions; the caller builds each request.
#include <QHash>
#include <QObject>
#include <QQueue>
#include <functional>

class QNetworkReply;
class QTimer;

namespace vines {

class NotificationOutbox : public QObject {
    Q_OBJECT
public:
    struct Policy {
        int maxQueued = 1000;
        int maxAttempts = 8;
        int baseDelayMs = 250;     // the n-th retry waits baseDelayMs << n, up to maxDelayMs
        int maxDelayMs = 30000;
    };
    // Sends body to the subscriber: the reply to watch, or nullptr to drop everything queued for
    // it (e.g. its address may no longer be called).
    using Send = std::function<QNetworkReply *(const QString &subscriber, const QByteArray &body)>;

    NotificationOutbox(Policy policy, Send send, QObject *parent = nullptr);
    void push(const QString &subscriber, const QByteArray &body);
    void remove(const QString &subscriber);   // its waiting notifications count as dropped

    quint64 delivered() const { return m_delivered; }
    quint64 failedAttempts() const { return m_failedAttempts; }
    quint64 dropped() const { return m_dropped; }
    qsizetype queued() const;

private:
    struct Box {
        QQueue<QByteArray> queue;
        bool inFlight = false;
        int failures = 0;
        QTimer *retry = nullptr;
    };
    void deliver(const QString &subscriber);
    Policy m_policy;
    Send m_send;
    QHash<QString, Box> m_boxes;
    quint64 m_delivered = 0, m_failedAttempts = 0, m_dropped = 0;
};

} // namespace vines
