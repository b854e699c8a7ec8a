#pragma once
// Wraps a callback so it runs only while its owner lives. Callbacks handed to a VIM or to the
// EMS client can arrive after the object that asked (a VNFM, an NFVO) is gone — at shutdown, or
// when a test rebuilds it — and must then be dropped, not run on freed memory.
#include <QObject>
#include <QPointer>
#include <utility>

namespace vines {

template <typename F>
auto guarded(QObject *owner, F f)
{
    return [owner = QPointer<QObject>(owner), f = std::move(f)](auto &&...args) mutable {
        if (owner)
            f(std::forward<decltype(args)>(args)...);
    };
}

} // namespace vines
