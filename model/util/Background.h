#pragma once
// Runs work on Qt's thread pool and delivers its result on ctx's thread (the UI thread for
// the console), so file and CPU work never stalls the event loop.
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>

namespace vines {

template <typename T>
void inBackground(QObject *ctx, std::function<T()> work, std::function<void(const T &)> done)
{
    auto *watcher = new QFutureWatcher<T>(ctx);
    QObject::connect(watcher, &QFutureWatcherBase::finished, ctx, [watcher, done = std::move(done)]() {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace vines
