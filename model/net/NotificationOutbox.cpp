#include "NotificationOutbox.h"
#include <QNetworkReply>
#include <QTimer>

namespace vines {

NotificationOutbox::NotificationOutbox(Policy policy, Send send, QObject *parent)
    : QObject(parent), m_policy(policy), m_send(std::move(send))
{
}

void NotificationOutbox::push(const QString &subscriber, const QByteArray &body)
{
    Box &box = m_boxes[subscriber];
    if (box.queue.size() >= m_policy.maxQueued) {
        box.queue.dequeue();
        ++m_dropped;
    }
    box.queue.enqueue(body);
    if (!box.inFlight && !(box.retry && box.retry->isActive()))
        deliver(subscriber);
}

void NotificationOutbox::remove(const QString &subscriber)
{
    auto it = m_boxes.find(subscriber);
    if (it == m_boxes.end())
        return;
    m_dropped += quint64(it->queue.size());
    if (it->retry)
        it->retry->deleteLater();
    m_boxes.erase(it);
}

qsizetype NotificationOutbox::queued() const
{
    qsizetype n = 0;
    for (const Box &b : m_boxes)
        n += b.queue.size();
    return n;
}

void NotificationOutbox::deliver(const QString &subscriber)
{
    auto it = m_boxes.find(subscriber);
    if (it == m_boxes.end() || it->queue.isEmpty() || it->inFlight)
        return;
    QNetworkReply *reply = m_send(subscriber, it->queue.head());
    if (!reply) {
        m_dropped += quint64(it->queue.size());
        it->queue.clear();
        return;
    }
    it->inFlight = true;
    connect(reply, &QNetworkReply::finished, this, [this, reply, subscriber]() {
        reply->deleteLater();
        auto it = m_boxes.find(subscriber);
        if (it == m_boxes.end())
            return;   // unsubscribed meanwhile
        it->inFlight = false;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            it->queue.dequeue();
            it->failures = 0;
            ++m_delivered;
            return deliver(subscriber);
        }
        ++m_failedAttempts;
        if (++it->failures >= m_policy.maxAttempts) {   // give this notification up, keep the subscriber
            it->queue.dequeue();
            ++m_dropped;
            it->failures = 0;
        }
        if (!it->retry) {
            it->retry = new QTimer(this);
            it->retry->setSingleShot(true);
            connect(it->retry, &QTimer::timeout, this, [this, subscriber]() { deliver(subscriber); });
        }
        it->retry->start(qMin(m_policy.maxDelayMs, m_policy.baseDelayMs << qMin(it->failures, 7)));
    });
}

} // namespace vines
