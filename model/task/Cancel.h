#pragma once
// Cancellation that reaches the work in flight. Whoever may give up on some work (a task tree's
// node, when its timeout fires or its parent gives up) holds a CancelSource; the CancelToken it
// hands out travels with the request (an HTTP reply, a VIM boot, an EMS call), and the request
// says on the token what cancelling means for it (abort the reply, kill the booting agent, drop
// a queued boot). A default-constructed token is never cancelled. One thread: the event loop's.
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

namespace vines {

class CancelToken {
public:
    CancelToken() = default;
    bool cancelled() const { return m_s && m_s->cancelled; }
    QString reason() const { return m_s ? m_s->reason : QString(); }
    // fn runs once, when the token is cancelled (at once if it already is), unless `context`
    // is gone by then. A request registers with itself as context, so a finished one is skipped.
    void onCancel(QObject *context, std::function<void()> fn) const;

private:
    friend class CancelSource;
    struct State {
        bool cancelled = false;
        QString reason;
        std::vector<std::pair<QPointer<QObject>, std::function<void()>>> handlers;
    };
    std::shared_ptr<State> m_s;
};

class CancelSource {
public:
    CancelSource();
    CancelToken token() const { return m_token; }
    bool cancelled() const { return m_token.cancelled(); }
    // Cancels the token; its handlers run now, in the order they were registered.
    void cancel(const QString &reason);

private:
    CancelToken m_token;
};

} // namespace vines
