#include "EmsLink.h"
#include <QJsonArray>

namespace vines {

AlarmInfo AlarmInfo::fromJson(const QJsonObject &o)
{
    AlarmInfo a;
    a.id = o.value("id").toString();
    a.vnfId = o.value("managedObjectId").toString();
    a.type = o.value("alarmType").toString();
    a.severity = o.value("perceivedSeverity").toString();
    a.state = o.value("state").toString();
    a.ackState = o.value("ackState").toString();
    a.description = o.value("description").toString();
    a.raisedAt = QDateTime::fromString(o.value("alarmRaisedTime").toString(), Qt::ISODateWithMs);
    a.clearedAt = QDateTime::fromString(o.value("alarmClearedTime").toString(), Qt::ISODateWithMs);
    return a;
}

EmsLink::EmsLink(EmsClient &client, QObject *parent) : QObject(parent), m_ems(client)
{
    connect(&m_listener, &NotificationListener::notification, this, &EmsLink::onNotification);
    connect(&m_timer, &QTimer::timeout, this, &EmsLink::check);
}

Result<> EmsLink::start(int checkIntervalMs)
{
    if (Result<> listening = m_listener.listen(QHostAddress::LocalHost); !listening)
        return listening;
    m_timer.start(checkIntervalMs);
    check();
    return {};
}

QString EmsLink::statusText() const
{
    switch (m_state) {
    case State::Connecting: return QStringLiteral("EMS: connecting to %1").arg(m_ems.endpoint().baseUrl.toString());
    case State::Unreachable: return QStringLiteral("EMS: unreachable — %1").arg(m_detail);
    case State::Connected: break;
    }
    return QStringLiteral("EMS %1: %2 VNFs monitored, %3 active alarms")
        .arg(m_ems.endpoint().baseUrl.authority())
        .arg(m_about.value("vnfs").toInt())
        .arg(activeAlarmCount());
}

int EmsLink::activeAlarmCount() const
{
    int n = 0;
    for (const AlarmInfo &a : m_alarms)
        n += a.state == QLatin1String("ACTIVE");
    return n;
}

void EmsLink::setState(State s, const QString &detail)
{
    if (s == m_state && detail == m_detail)
        return;
    m_state = s;
    m_detail = detail;
    Q_EMIT stateChanged();
}

void EmsLink::check()
{
    m_ems.about([this](const HttpResult &r) {
        if (!r) {
            m_subscription.clear();   // a restarted EMS may come back without it; we will check
            return setState(State::Unreachable, r.errorMessage());
        }
        m_about = r->object();
        const bool wasConnected = m_state == State::Connected;
        setState(State::Connected, {});
        Q_EMIT stateChanged();   // counts changed
        m_ems.subscriptions([this, wasConnected](const HttpResult &s) {
            if (s.ok())
                ensureSubscription(s->json.toArray());
            if (!wasConnected)
                loadAlarms();
        });
    });
}

void EmsLink::ensureSubscription(const QJsonArray &existing)
{
    const QString mine = m_listener.callbackUrl().toString();
    bool found = false;
    for (const auto &v : existing) {
        const QJsonObject sub = v.toObject();
        const QString id = sub.value("id").toString();
        if (id == m_subscription && sub.value("callbackUri").toString() == mine)
            found = true;
        else if (sub.value("callbackUri").toString() != mine)
            m_ems.unsubscribe(id, [](const HttpResult &) {});   // left behind by an earlier console run
    }
    if (found || m_subscribing)
        return;
    m_subscribing = true;
    m_ems.subscribe(m_listener.callbackUrl(), {}, m_listener.pendingSecret(), [this](const HttpResult &r) {
        m_subscribing = false;
        if (!r)
            return;
        m_subscription = r->object().value("id").toString();
        m_listener.trustPending(m_subscription);
        loadAlarms();   // anything raised before the subscription existed
    });
}

void EmsLink::loadAlarms()
{
    m_ems.alarms("ALL", [this](const HttpResult &r) {
        if (!r)
            return;
        QList<AlarmInfo> list;
        for (const auto &v : r->json.toArray())
            list << AlarmInfo::fromJson(v.toObject());
        m_alarms = list;
        Q_EMIT alarmsChanged();
    });
}

void EmsLink::upsertAlarm(const AlarmInfo &a)
{
    for (AlarmInfo &x : m_alarms)
        if (x.id == a.id) {
            x = a;
            return;
        }
    m_alarms.prepend(a);
    while (m_alarms.size() > 1000)
        m_alarms.removeLast();
}

void EmsLink::onNotification(const QJsonObject &n)
{
    const QString type = n.value("notificationType").toString();
    if (type == QLatin1String("AlarmNotification") || type == QLatin1String("AlarmClearedNotification")) {
        upsertAlarm(AlarmInfo::fromJson(n.value("alarm").toObject()));
        Q_EMIT alarmsChanged();
        Q_EMIT stateChanged();
    } else if (type == QLatin1String("NfStatusChangeNotification")) {
        Q_EMIT nfStateReported(n.value("vnfInstanceId").toString(), n.value("nfState").toString(), n.value("detail").toString());
    }
    Q_EMIT notificationReceived(n);
}

void EmsLink::acknowledge(const QString &alarmId, std::function<void(const Result<> &)> done)
{
    m_ems.acknowledgeAlarm(alarmId, [this, done](const HttpResult &r) {
        if (r.ok()) {
            upsertAlarm(AlarmInfo::fromJson(r->object()));
            Q_EMIT alarmsChanged();
        }
        done(r);
    });
}

} // namespace vines
