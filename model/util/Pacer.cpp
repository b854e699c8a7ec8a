#include "Pacer.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QQueue>
#include <QTimer>

namespace vines::pacer {

namespace {
constexpr qint64 SliceNs = 5 * 1000 * 1000;   // work per pass: well under a frame

struct Item { QPointer<QObject> context; std::function<void()> fn; };
QQueue<Item> &queue()
{
    static QQueue<Item> q;
    return q;
}
bool g_scheduled = false;

void runSlice()
{
    g_scheduled = false;
    QElapsedTimer t;
    t.start();
    while (!queue().isEmpty() && t.nsecsElapsed() < SliceNs) {
        Item item = queue().dequeue();
        if (item.context)
            item.fn();
    }
    if (!queue().isEmpty()) {
        g_scheduled = true;
        // A posted call, not a loop: what was posted meanwhile (replies, repaints, timers) goes first.
        QTimer::singleShot(0, QCoreApplication::instance(), runSlice);
    }
}
} // namespace

void post(QObject *context, std::function<void()> fn)
{
    queue().enqueue({context, std::move(fn)});
    if (!g_scheduled) {
        g_scheduled = true;
        QTimer::singleShot(0, QCoreApplication::instance(), runSlice);
    }
}

} // namespace vines::pacer
