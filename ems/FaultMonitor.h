#pragma once
// Fault Monitor: turns monitoring samples into alarms. A platform that stops answering raises
// VNF_UNREACHABLE (MAJOR) after the policy's number of failed polls; an NF that should run but
// does not raises NF_DOWN (CRITICAL). Both clear by themselves when the condition ends.
// NF state changes are published as NfStatusChangeNotification.
#include "AlarmStore.h"
#include "Notifier.h"
#include "Poller.h"
#include "Vib.h"
#include <QSet>

namespace vines::ems {

class FaultMonitor : public QObject {
    Q_OBJECT
public:
    FaultMonitor(Vib &vib, AlarmStore &alarms, Notifier &notifier, QObject *parent = nullptr);
    void onSample(const Sample &s);
    QString nfState(const QString &vnfId) const { return m_state.value(vnfId).nfState; }
    QDateTime lastSampleAt(const QString &vnfId) const { return m_state.value(vnfId).at; }
    QString lastError(const QString &vnfId) const { return m_state.value(vnfId).error; }
    // How the NF moves traffic, as its platform last said ("kernel", "splice"; empty for NFs that do not relay).
    QString dataPath(const QString &vnfId) const { return m_state.value(vnfId).dataPath; }
    QString dataPathNote(const QString &vnfId) const { return m_state.value(vnfId).dataPathNote; }

private:
    struct State { QString nfState = QStringLiteral("unknown"); QDateTime at; QString error; int failures = 0; QString dataPath, dataPathNote; };
    void raise(const QString &vnfId, const QString &type, const QString &severity, const QString &text, const QJsonObject &details);
    void clear(const QString &vnfId, const QString &type, const QString &reason);

    Vib &m_vib;
    AlarmStore &m_alarms;
    Notifier &m_notifier;
    QHash<QString, State> m_state;
    QSet<QString> m_active;   // vnfId|type of active fault alarms, to avoid database reads per sample
};

} // namespace vines::ems
