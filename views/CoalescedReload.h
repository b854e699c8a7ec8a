#pragma once
// Turns bursts of change signals into one reload after a short delay, so a model fed by
// frequent progress updates repaints a few times a second instead of per update.
#include <QTimer>
#include <functional>

namespace vines {

class CoalescedReload {
public:
    CoalescedReload(QObject *owner, std::function<void()> reload, int delayMs = 60)
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(delayMs);
        QObject::connect(&m_timer, &QTimer::timeout, owner, std::move(reload));
    }
    void request() { if (!m_timer.isActive()) m_timer.start(); }
private:
    QTimer m_timer;
};

} // namespace vines
