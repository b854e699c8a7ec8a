#include "Poller.h"
#include <QRandomGenerator>

namespace vines::ems {

Poller::Poller(Vib &vib, DriverController &drivers, QObject *parent) : QObject(parent), m_vib(vib), m_drivers(drivers)
{
    connect(&m_vib, &Vib::added, this, [this](const QString &id) { if (m_started) watch(id); });
    connect(&m_vib, &Vib::changed, this, [this](const QString &id) {
        if (m_started && m_watch.value(id).intervalMs != m_vib.entry(id).policy.intervalMs) {
            unwatch(id);
            watch(id);
        }
    });
    connect(&m_vib, &Vib::removed, this, [this](const QString &id) { unwatch(id); });
}

void Poller::start()
{
    m_started = true;
    for (const VnfEntry &e : m_vib.entries())
        watch(e.id);
}

void Poller::watch(const QString &id)
{
    const VnfEntry e = m_vib.entry(id);
    Watch w;
    w.intervalMs = e.policy.intervalMs;
    w.timer = new QTimer(this);
    w.timer->setTimerType(Qt::PreciseTimer);
    connect(w.timer, &QTimer::timeout, this, [this, id]() {
        auto it = m_watch.find(id);
        if (it == m_watch.end())
            return;
        it->timer->setInterval(it->intervalMs);   // after the random first phase
        poll(id);
    });
    w.timer->start(int(QRandomGenerator::global()->bounded(qMax(1, w.intervalMs))) + 1);
    m_watch.insert(id, w);
}

void Poller::unwatch(const QString &id)
{
    auto it = m_watch.find(id);
    if (it == m_watch.end())
        return;
    it->timer->deleteLater();
    m_watch.erase(it);
}

void Poller::pollNow(const QString &id)
{
    if (m_watch.contains(id))
        poll(id);
}

void Poller::poll(const QString &id)
{
    auto it = m_watch.find(id);
    if (it->inFlight) {
        ++m_overruns;   // the previous poll has not come back yet; its timeout will end it
        return;
    }
    const VnfEntry e = m_vib.entry(id);
    const Result<Driver *> found = m_drivers.driver(e, DriverController::Purpose::Monitoring);
    if (!found) {
        Sample s{id, QDateTime::currentDateTimeUtc(), false, "unreachable", {}, found.errorMessage(), 0};
        Q_EMIT sampled(s);
        return;
    }
    Driver *d = *found;
    it->inFlight = true;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    d->sample([this, id, timer](const DriverResult &r) {
        auto it = m_watch.find(id);
        if (it == m_watch.end())
            return;   // deregistered meanwhile
        it->inFlight = false;
        Sample s;
        s.vnfId = id;
        s.at = QDateTime::currentDateTimeUtc();
        s.durationMs = timer->elapsed();
        ++m_polls;
        m_totalMs += s.durationMs;
        m_maxMs = qMax(m_maxMs, s.durationMs);
        if (r.ok()) {
            s.reachable = true;
            s.nfState = (*r).value("nfState").toString("unknown");
            s.metrics = (*r).value("metrics").toObject();
        } else if (unreachable(r)) {
            ++m_failures;
            s.nfState = "unreachable";
            s.error = r.errorMessage();
        } else {
            ++m_failures;
            s.reachable = true;   // the platform answered, with an error
            s.nfState = "unknown";
            s.error = r.errorMessage();
        }
        Q_EMIT sampled(s);
    });
}

QJsonObject Poller::stats() const
{
    return {{"watched", int(m_watch.size())}, {"polls", double(m_polls)}, {"overruns", double(m_overruns)},
            {"failedPolls", double(m_failures)}, {"meanPollMs", m_polls ? double(m_totalMs) / double(m_polls) : 0.0},
            {"maxPollMs", double(m_maxMs)}};
}

} // namespace vines::ems
