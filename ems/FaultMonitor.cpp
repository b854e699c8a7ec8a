#include "FaultMonitor.h"

namespace vines::ems {

FaultMonitor::FaultMonitor(Vib &vib, AlarmStore &alarms, Notifier &notifier, QObject *parent)
    : QObject(parent), m_vib(vib), m_alarms(alarms), m_notifier(notifier)
{
    for (const Alarm &a : m_alarms.list("ACTIVE", {}, 100000))
        m_active.insert(a.vnfId + '|' + a.type);
    connect(&m_vib, &Vib::removed, this, [this](const QString &id) {
        m_alarms.clearAll(id, "VNF deregistered from the EMS");
        m_state.remove(id);
        for (auto it = m_active.begin(); it != m_active.end();)
            it = it->startsWith(id + '|') ? m_active.erase(it) : std::next(it);
    });
    connect(&m_alarms, &AlarmStore::alarmRaised, this, [this](const Alarm &a, bool) {
        m_active.insert(a.vnfId + '|' + a.type);
        m_notifier.publish("AlarmNotification", a.vnfId, {{"alarm", a.toJson()}});
    });
    connect(&m_alarms, &AlarmStore::alarmCleared, this, [this](const Alarm &a) {
        m_active.remove(a.vnfId + '|' + a.type);
        m_notifier.publish("AlarmClearedNotification", a.vnfId, {{"alarmId", a.id}, {"alarm", a.toJson()}});
    });
}

void FaultMonitor::raise(const QString &vnfId, const QString &type, const QString &severity, const QString &text, const QJsonObject &details)
{
    if (!m_active.contains(vnfId + '|' + type))
        m_alarms.raise(vnfId, type, severity, text, details);
}

void FaultMonitor::clear(const QString &vnfId, const QString &type, const QString &reason)
{
    if (m_active.contains(vnfId + '|' + type))
        m_alarms.clear(vnfId, type, reason);
}

void FaultMonitor::onSample(const Sample &s)
{
    if (!m_vib.contains(s.vnfId))
        return;
    const VnfEntry e = m_vib.entry(s.vnfId);
    State &st = m_state[s.vnfId];
    const QString previous = st.nfState;
    st.at = s.at;
    st.error = s.error;
    st.nfState = s.nfState;
    if (s.reachable) {
        const QJsonObject nf = s.metrics.value("nf").toObject();
        st.dataPath = nf.value("dataPath").toString();
        st.dataPathNote = nf.value("dataPathNote").toString();
    }
    if (previous != s.nfState)
        m_notifier.publish("NfStatusChangeNotification", s.vnfId,
                           {{"nfState", s.nfState}, {"previousNfState", previous}, {"sampleTime", s.at.toString(Qt::ISODateWithMs)},
                            {"detail", s.error}});
    if (!e.policy.faults)
        return;
    if (!s.reachable) {
        if (++st.failures >= e.policy.unreachableAfter)
            raise(s.vnfId, "VNF_UNREACHABLE", "MAJOR",
                  QStringLiteral("the %1 platform of %2 at %3 does not answer: %4").arg(e.vnfExp, e.name, e.managementAddress, s.error),
                  {{"failedPolls", st.failures}, {"managementAddress", e.managementAddress}});
        return;   // NF state unknown: leave NF_DOWN as it is
    }
    st.failures = 0;
    clear(s.vnfId, "VNF_UNREACHABLE", "the platform answers again");
    if (e.expectedState == QLatin1String("running") && s.nfState != QLatin1String("running") && s.nfState != QLatin1String("unknown"))
        raise(s.vnfId, "NF_DOWN", "CRITICAL",
              QStringLiteral("NF of %1 is %2 but should be running%3").arg(e.name, s.nfState, s.error.isEmpty() ? QString() : ": " + s.error),
              {{"nfState", s.nfState}});
    else if (s.nfState == QLatin1String("running") || e.expectedState != QLatin1String("running"))
        clear(s.vnfId, "NF_DOWN", s.nfState == QLatin1String("running") ? "the NF runs again" : "the NF is no longer expected to run");
}

} // namespace vines::ems
