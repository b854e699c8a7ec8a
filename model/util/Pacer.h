#pragma once
// Work queued to run soon, in slices: each pass of the event loop runs queued items for at most
// a few milliseconds, then lets timers, sockets and repaints in before the next slice. A burst of
// 100 lifecycle operations starting at once (a bulk action, 100 API clients) would otherwise run
// all their first steps in one go and freeze the window for a fifth of a second.
#include <QObject>
#include <QPointer>
#include <functional>

namespace vines::pacer {

// Runs fn on the calling thread's event loop, after the work queued before it, unless context
// is gone by then. Main thread only.
void post(QObject *context, std::function<void()> fn);

} // namespace vines::pacer
