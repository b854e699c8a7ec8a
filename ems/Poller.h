#pragma once
// Active monitoring: polls every VNF in the VIB at its policy's interval through its driver
// (the EMS asks; VNFs never push) and hands each sample to the fault and performance monitors.
// Timers start with a random phase so many VNFs with the same interval do not poll in bursts.
#include "DriverController.h"
#include "Vib.h"
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

namespace vines::ems {

struct Sample {
    QString vnfId;
    QDateTime at;
    bool reachable = false;
    QString nfState;          // running, stopped, failed, installed, none, unknown, or "unreachable"
    QJsonObject metrics;
    QString error;
    qint64 durationMs = 0;
};

class Poller : public QObject {
    Q_OBJECT
public:
    Poller(Vib &vib, DriverController &drivers, QObject *parent = nullptr);
    void start();
    void pollNow(const QString &vnfId);
    QJsonObject stats() const;

Q_SIGNALS:
    void sampled(const vines::ems::Sample &sample);

private:
    struct Watch { QTimer *timer = nullptr; bool inFlight = false; int intervalMs = 0; };
    void watch(const QString &id);
    void unwatch(const QString &id);
    void poll(const QString &id);

    Vib &m_vib;
    DriverController &m_drivers;
    QHash<QString, Watch> m_watch;
    quint64 m_polls = 0, m_overruns = 0, m_failures = 0;
    qint64 m_totalMs = 0, m_maxMs = 0;
    bool m_started = false;
};

} // namespace vines::ems
