#include "TaskTree.h"
#include "util/Pacer.h"
#include <QPointer>
#include <QScopeGuard>
#include <QTimer>
#include <optional>

namespace vines::task {

Task leaf(const QString &name, std::function<void(const Run &, Done)> start, std::function<void(const Run &, Done)> undo)
{
    Task t;
    t.name = name;
    t.start = std::move(start);
    t.undo = std::move(undo);
    return t;
}

Task sequence(const QString &name, QList<Task> children)
{
    Task t;
    t.mode = Task::Mode::Sequence;
    t.name = name;
    t.children = std::move(children);
    return t;
}

Task parallel(const QString &name, QList<Task> children, int limit)
{
    Task t;
    t.mode = Task::Mode::Parallel;
    t.name = name;
    t.children = std::move(children);
    t.parallelLimit = limit;
    return t;
}

namespace {
// How long work that was given up on may take to end before the tree reports without it (it is
// still undone when it ends). Far longer than any bounded call below it: in practice, never.
constexpr int GraceMs = 10 * 60 * 1000;

QString seconds(int ms) { return QString::number(ms / 1000.0, 'g', 3); }
} // namespace

// One task of a running tree. Owned by its parent node (the root by the tree); reports to its
// parent through `m_onEnd`, exactly once per start.
class Node : public QObject {
public:
    enum class State { Idle, Running, Stopping, Succeeded, Failed, Halted };
    using Ended = std::function<void(const Result<> &)>;
    // What undoing a node did: whether any undo ran, and which failed.
    struct Undone {
        bool any = false;
        QStringList errors;
    };

    Node(TaskTree *tree, const Task &def, bool root) : m_tree(tree), m_def(def), m_root(root)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this]() {
            stop(Error::timeout(QStringLiteral("%1 timed out after %2 s").arg(m_def.name, seconds(m_def.timeoutMs))));
        });
        m_grace.setSingleShot(true);
        connect(&m_grace, &QTimer::timeout, this, [this]() { lingerOn(); });
    }

    State state() const { return m_state; }

    void start(Ended onEnd)
    {
        m_onEnd = std::move(onEnd);
        m_reported = false;
        m_cancel = CancelSource();
        m_firstError.reset();
        m_undone = {};
        m_state = State::Running;
        if (m_def.timeoutMs > 0)
            m_timer.start(m_def.timeoutMs);
        if (m_def.mode == Task::Mode::Leaf)
            return startLeaf();
        m_children.clear();
        m_completed.clear();
        for (const Task &c : m_def.children)
            m_children.push_back(std::make_unique<Node>(m_tree, c, false));
        m_next = 0;
        m_active = 0;
        if (m_root && m_def.mode == Task::Mode::Sequence && m_children.empty())
            return end({});
        advance();
    }

    // Gives up on the node: its work in flight is cancelled and waited for, then undone.
    void stop(const Error &why)
    {
        if (m_state != State::Running && m_state != State::Halted)
            return;
        m_timer.stop();
        m_giveUp = why;
        const bool wasHalted = m_state == State::Halted;
        m_state = State::Stopping;
        m_cancel.cancel(why.message());
        if (m_def.mode == Task::Mode::Leaf) {
            m_grace.start(GraceMs);
            return;
        }
        if (!m_firstError)
            m_firstError = why;
        for (auto &c : m_children)
            if (c->state() == State::Running)
                c->stop(Error::cancelled(why.message()));
        if (m_active == 0 || wasHalted)
            finishGroup();
    }

    // Undoes what a completed node made: its own undo, or its children's, latest first.
    void undo(std::function<void(const Undone &)> then)
    {
        if (m_def.keepOnRollback)
            return then(Undone());
        if (m_def.undo)
            return callUndo(m_def.name, m_def.undo, [then](const Result<> &r) {
                then(Undone{true, r.ok() ? QStringList() : QStringList{r.errorMessage()}});
            });
        undoChildren(std::move(then));
    }

    // Halted root sequence: the failed step again, or undo the completed ones.
    void retryHalted()
    {
        const int i = m_haltedAt;
        m_haltedAt = -1;
        m_state = State::Running;
        m_firstError.reset();
        m_retired.push_back(std::exchange(m_children[size_t(i)], std::make_unique<Node>(m_tree, m_def.children.at(i), false)));
        m_next = i;
        advance();
    }
    void rollBackHalted()
    {
        m_haltedAt = -1;
        m_state = State::Stopping;
        finishGroup();
    }

private:
    void startLeaf()
    {
        Q_EMIT m_tree->taskStarted(m_def.name);
        if (m_root)
            Q_EMIT m_tree->stepStarted(0, m_def.name);
        m_tree->leafStarted();
        auto once = std::make_shared<bool>(false);
        QPointer<Node> self(this);
        auto done = [self, once](const Result<> &r) {
            if (std::exchange(*once, true))
                return;
            if (self)
                self->leafReturned(r);
        };
        const Run run(m_cancel.token(), m_def.name, m_tree->m_storage);
        try {
            m_def.start(run, done);
        } catch (const std::exception &e) {
            done(Error::internal(QStringLiteral("%1 failed: %2").arg(m_def.name, QString::fromUtf8(e.what()))));
        }
    }

    void leafReturned(const Result<> &r)
    {
        m_timer.stop();
        m_grace.stop();
        if (m_state != State::Stopping) {
            m_tree->leafEnded();
            return end(r);
        }
        // It was given up on, and has ended now. Whatever it may have made is undone: a success,
        // or a cancelled call that cannot say whether the far side acted.
        const bool mayHaveMade = r.ok() || r.error().is(Error::Kind::Cancelled);
        if (!mayHaveMade || !m_def.undo) {
            m_tree->leafEnded();
            return end(m_giveUp);
        }
        const auto leafDone = qScopeGuard([this]() { m_tree->leafEnded(); });   // after the undo counts as in flight
        callUndo(m_def.name, m_def.undo, [this, r](const Result<> &u) {
            const QString what = r.ok() ? QStringLiteral("it completed after it was given up") : QStringLiteral("its outcome is unknown");
            if (u.ok())
                Q_EMIT m_tree->noted(QStringLiteral("%1: %2 (%3); what it made was undone").arg(m_def.name, m_giveUp.message(), what));
            else
                Q_EMIT m_tree->noted(QStringLiteral("%1: %2 (%3); undoing it failed: %4").arg(m_def.name, m_giveUp.message(), what, u.errorMessage()));
            m_undone.any = true;
            if (!u.ok())
                m_undone.errors << u.errorMessage();
            end(m_giveUp);
        });
    }

    // Work given up on that has not ended within the grace: report now; its end is still undone.
    void lingerOn()
    {
        Q_EMIT m_tree->noted(QStringLiteral("%1: %2, and it has not ended %3 s later; what it makes will be undone when it ends")
                                 .arg(m_def.name, m_giveUp.message(), seconds(GraceMs)));
        report(m_giveUp);
    }

    void callUndo(const QString &name, const std::function<void(const Run &, Done)> &fn, std::function<void(const Result<> &)> then)
    {
        Q_EMIT m_tree->undoStarted(name);
        m_tree->leafStarted();
        auto once = std::make_shared<bool>(false);
        QPointer<Node> self(this);
        QPointer<TaskTree> tree(m_tree);
        auto done = [self, tree, once, then](const Result<> &r) {
            if (std::exchange(*once, true))
                return;
            if (tree)
                tree->leafEnded();
            if (self)
                then(r);
        };
        const Run run(CancelToken(), name, m_tree->m_storage);   // an undo is never given up on
        try {
            fn(run, done);
        } catch (const std::exception &e) {
            done(Error::internal(QStringLiteral("undo %1 failed: %2").arg(name, QString::fromUtf8(e.what()))));
        }
    }

    void undoChildren(std::function<void(const Undone &)> then) { undoChildren(std::move(then), Undone()); }
    void undoChildren(std::function<void(const Undone &)> then, Undone acc)
    {
        if (m_completed.empty())
            return then(acc);
        const int i = m_completed.back();
        m_completed.pop_back();
        m_children[size_t(i)]->undo([this, then, acc](const Undone &u) mutable {
            acc.any = acc.any || u.any;
            acc.errors += u.errors;
            pacer::post(this, [this, then, acc]() { undoChildren(then, acc); });
        });
    }

    void advance()
    {
        if (m_state == State::Stopping)
            return finishGroup();
        const bool par = m_def.mode == Task::Mode::Parallel;
        const int limit = par ? (m_def.parallelLimit > 0 ? m_def.parallelLimit : int(m_children.size())) : 1;
        // A child may end within its start (a synchronous answer): the state is looked at again each time.
        while (m_state == State::Running && m_active < limit && m_next < int(m_children.size())) {
            const int i = m_next++;
            ++m_active;
            if (m_root && !par)
                Q_EMIT m_tree->stepStarted(i, m_def.children.at(i).name);
            m_children[size_t(i)]->start([this, i](const Result<> &r) { childEnded(i, r); });
        }
        if (m_state == State::Running && m_active == 0 && m_next >= int(m_children.size()))
            end({});
    }

    void childEnded(int i, const Result<> &r)
    {
        --m_active;
        if (r.ok())
            m_completed.push_back(i);
        const Undone &cleaned = m_children[size_t(i)]->undone();   // what a failed child undid of itself
        m_undone.any = m_undone.any || cleaned.any;
        m_undone.errors += cleaned.errors;
        if (m_state == State::Stopping) {
            if (m_active == 0)
                finishGroup();
            return;
        }
        if (!r.ok()) {
            // A step's failure names the step ("Install NF: ..."), unless it does already.
            const QString &step = m_def.children.at(i).name;
            const Error e = !m_root || r.errorMessage().startsWith(step + QLatin1Char(':')) ? r.error() : r.error().prefixed(step);
            if (m_root && m_def.mode == Task::Mode::Sequence && m_tree->m_halt) {
                m_state = State::Halted;
                m_haltedAt = i;
                m_timer.stop();
                m_tree->m_haltedAt = i;
                m_tree->m_haltError = e;
                m_firstError = e;   // what a rollBack() or fail() then reports
                Q_EMIT m_tree->halting(i, e);
                return;
            }
            m_firstError = e;
            m_giveUp = e;
            m_state = State::Stopping;
            m_timer.stop();
            for (auto &c : m_children)
                if (c->state() == State::Running)
                    c->stop(Error::cancelled(QStringLiteral("%1 failed").arg(m_def.children.at(i).name)));
            if (m_active == 0)
                finishGroup();
            return;
        }
        // The next one in its turn, not inside this reply's delivery (a burst starts a slice at a time).
        pacer::post(this, [this]() { advance(); });
    }

    // A group that failed or was given up on: nothing of it runs any more; undo what completed.
    void finishGroup()
    {
        if (m_finishing || m_state != State::Stopping)
            return;
        m_finishing = true;
        if (m_root)
            Q_EMIT m_tree->rollingBack(m_firstError ? *m_firstError : m_giveUp);
        undoChildren([this](const Undone &u) {
            m_finishing = false;
            m_undone.any = m_undone.any || u.any;
            m_undone.errors += u.errors;
            end(m_firstError ? *m_firstError : m_giveUp);
        });
    }

    void end(const Result<> &r)
    {
        m_timer.stop();
        m_state = r.ok() ? State::Succeeded : State::Failed;
        report(r);
    }

    void report(const Result<> &r)
    {
        if (std::exchange(m_reported, true))
            return;
        if (m_root)
            return m_tree->rootEnded(r, m_undone.any, m_undone.errors);
        auto cb = m_onEnd;
        cb(r);
    }

public:
    // What the node undid of itself while it failed (its parent counts it as rolled back).
    const Undone &undone() const { return m_undone; }

private:
    TaskTree *m_tree;
    const Task &m_def;
    bool m_root;
    State m_state = State::Idle;
    Ended m_onEnd;
    bool m_reported = false;
    bool m_finishing = false;
    CancelSource m_cancel;
    QTimer m_timer;
    QTimer m_grace;
    Error m_giveUp;
    std::optional<Error> m_firstError;
    Undone m_undone;
    std::vector<std::unique_ptr<Node>> m_children;
    std::vector<std::unique_ptr<Node>> m_retired;   // failed steps replaced by a retry: kept while a late answer may come
    std::vector<int> m_completed;   // children that succeeded, in the order they did
    int m_next = 0;
    int m_active = 0;
    int m_haltedAt = -1;
};

TaskTree::TaskTree(Task root, QObject *parent)
    : QObject(parent), m_def(std::move(root)), m_storage(std::make_shared<std::unordered_map<std::type_index, std::shared_ptr<void>>>())
{
    qRegisterMetaType<TaskTree::Outcome>();
}

TaskTree::~TaskTree() = default;

void TaskTree::start()
{
    if (m_running)
        return;
    m_running = true;
    m_haltedAt = -1;
    m_root = std::make_unique<Node>(this, m_def, true);
    // Never within start(): whoever starts a tree hears of its end later (a burst starts a slice at a time).
    pacer::post(m_root.get(), [root = m_root.get()]() { root->start({}); });
}

void TaskTree::cancel(const QString &reason)
{
    if (!m_running || !m_root)
        return;
    m_haltedAt = -1;
    m_root->stop(Error::cancelled(reason));
}

bool TaskTree::retry()
{
    if (m_haltedAt < 0)
        return false;
    m_haltedAt = -1;
    pacer::post(m_root.get(), [root = m_root.get()]() { root->retryHalted(); });
    return true;
}

bool TaskTree::rollBack()
{
    if (m_haltedAt < 0)
        return false;
    m_haltedAt = -1;
    pacer::post(m_root.get(), [root = m_root.get()]() { root->rollBackHalted(); });
    return true;
}

bool TaskTree::fail()
{
    if (m_haltedAt < 0)
        return false;
    m_haltedAt = -1;
    m_running = false;
    Q_EMIT finished(Outcome{End::Failed, m_haltError, {}});
    maybeDelete();
    return true;
}

void TaskTree::rootEnded(const Result<> &r, bool undoneAny, const QStringList &undoErrors)
{
    m_running = false;
    Outcome o;
    if (r.ok()) {
        o.end = End::Completed;
    } else {
        o.error = r.error();
        o.undoErrors = undoErrors;
        o.end = undoneAny && undoErrors.isEmpty() ? End::RolledBack : End::Failed;
    }
    Q_EMIT finished(o);
    maybeDelete();
}

void TaskTree::leafEnded()
{
    --m_inFlight;
    maybeDelete();
}

void TaskTree::release()
{
    m_released = true;
    maybeDelete();
}

// Looked at again once the event loop has unwound: whatever is still running then is counted.
void TaskTree::maybeDelete()
{
    if (!m_released || m_inFlight > 0 || m_running || std::exchange(m_deleteQueued, true))
        return;
    QTimer::singleShot(0, this, [this]() {
        m_deleteQueued = false;
        if (m_inFlight == 0 && !m_running)
            deleteLater();
    });
}

void runWithin(const Run &leaf, QObject *owner, Task subtree, Done done)
{
    auto *tree = new TaskTree(std::move(subtree), owner);
    leaf.cancel().onCancel(tree, [tree, reason = leaf.cancel()]() { tree->cancel(reason.reason()); });
    QObject::connect(tree, &TaskTree::finished, owner, [done](const TaskTree::Outcome &o) {
        done(o.end == TaskTree::End::Completed ? Result<>() : Result<>(o.error));
    });
    tree->start();
    tree->release();
}

void run(QObject *owner, Task root, std::function<void(const Result<> &)> done)
{
    auto *tree = new TaskTree(std::move(root), owner);
    QObject::connect(tree, &TaskTree::finished, owner, [done](const TaskTree::Outcome &o) {
        done(o.end == TaskTree::End::Completed ? Result<>() : Result<>(o.error));
    });
    tree->start();
    tree->release();
}

} // namespace vines::task
