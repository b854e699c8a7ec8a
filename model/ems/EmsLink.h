#pragma once
// The console's live connection to its EMS: checks the EMS is there, keeps one notification
// subscription alive (re-subscribing after an EMS restart, removing stale ones of earlier
// console runs), keeps the alarm list current from notifications, and reports NF state changes
// as they are pushed.
#include "EmsClient.h"
#include "NotificationListener.h"
#include <QDateTime>
#include <QTimer>

namespace vines {

struct AlarmInfo {
    QString id;
    QString vnfId;
    QString type;
    QString severity;
    QString state;       // ACTIVE, CLEARED
    QString ackState;
    QString description;
    QDateTime raisedAt, clearedAt;
    static AlarmInfo fromJson(const QJsonObject &o);
};

class EmsLink : public QObject {
    Q_OBJECT
public:
    enum class State { Connecting, Connected, Unreachable };
    explicit EmsLink(EmsClient &client, QObject *parent = nullptr);
    Result<> start(int checkIntervalMs = 3000);

    State state() const { return m_state; }
    QString statusText() const;
    QJsonObject about() const { return m_about; }
    QList<AlarmInfo> alarms() const { return m_alarms; }       // newest first
    int activeAlarmCount() const;
    void acknowledge(const QString &alarmId, std::function<void(const Result<> &)> done);
    void refreshNow() { check(); }
    NotificationListener &listener() { return m_listener; }
    EmsClient &client() { return m_ems; }
    QString subscriptionId() const { return m_subscription; }

Q_SIGNALS:
    void stateChanged();
    void alarmsChanged();
    void nfStateReported(const QString &vnfId, const QString &nfState, const QString &detail);
    void notificationReceived(const QJsonObject &notification);

private:
    void check();
    void ensureSubscription(const QJsonArray &existing);
    void loadAlarms();
    void onNotification(const QJsonObject &n);
    void upsertAlarm(const AlarmInfo &a);
    void setState(State s, const QString &detail);

    EmsClient &m_ems;
    NotificationListener m_listener;
    QTimer m_timer;
    State m_state = State::Connecting;
    QString m_detail;
    QJsonObject m_about;
    QString m_subscription;
    bool m_subscribing = false;
    QList<AlarmInfo> m_alarms;
};

} // namespace vines
