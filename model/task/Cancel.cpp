#include "Cancel.h"
#include <algorithm>

namespace vines {

void CancelToken::onCancel(QObject *context, std::function<void()> fn) const
{
    if (!m_s)
        return;
    if (m_s->cancelled)
        return fn();
    // Requests that ended long ago are forgotten, so a long-lived token does not grow.
    auto &h = m_s->handlers;
    h.erase(std::remove_if(h.begin(), h.end(), [](const auto &e) { return e.first.isNull(); }), h.end());
    h.emplace_back(QPointer<QObject>(context), std::move(fn));
}

CancelSource::CancelSource() { m_token.m_s = std::make_shared<CancelToken::State>(); }

void CancelSource::cancel(const QString &reason)
{
    auto s = m_token.m_s;
    if (s->cancelled)
        return;
    s->cancelled = true;
    s->reason = reason;
    const auto handlers = std::exchange(s->handlers, {});
    for (const auto &[context, fn] : handlers)
        if (context)
            fn();
}

} // namespace vines
