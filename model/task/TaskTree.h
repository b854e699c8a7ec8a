#pragma once
// Workflows as data, with owners (after Qt Creator's Tasking TaskTree). A Task is a leaf (one
// asynchronous call: start it, it reports once through Done), or a group of tasks run in
// sequence or in parallel. Every task may carry a timeout and an undo. A TaskTree runs a task
// and owns everything it starts:
//   - a failed child makes its group fail: running siblings are cancelled, completed ones are
//     undone (latest first), so a group leaves nothing behind;
//   - a timeout (or a cancel from outside) cancels the work in flight through its CancelToken
//     and then WAITS for it to end. A late answer is never dropped: when work that was given up
//     on ends anyway (or ends without saying whether it did anything), its undo runs, and the
//     tree notes what it undid. The tree reports only when nothing it started is in flight;
//   - the root may be a sequence that halts on failure (SOL003's FAILED_TEMP): it waits for
//     retry() (the failed step again), rollBack() (undo the completed steps) or fail().
// Per-run storage: Run::storage<T>() is one T per tree run, shared by all its tasks.
#include "task/Cancel.h"
#include "util/Result.h"
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <typeindex>
#include <unordered_map>

namespace vines::task {

using Done = std::function<void(const Result<> &)>;
class Run;

struct Task {
    enum class Mode { Leaf, Sequence, Parallel };
    Mode mode = Mode::Leaf;
    QString name;
    std::function<void(const Run &, Done)> start;   // a leaf's work; must call Done once
    std::function<void(const Run &, Done)> undo;    // undoes what a completed run made; tolerates "made nothing"
    QList<Task> children;                           // a group's
    int timeoutMs = 0;                              // 0: no timeout of its own
    int parallelLimit = 0;                          // a parallel group: at most this many at once (0: all)
    // What it made stays when a later task fails (a heal's new platform: nothing to go back to);
    // its undo still runs for an answer that came after it was given up on.
    bool keepOnRollback = false;
};

Task leaf(const QString &name, std::function<void(const Run &, Done)> start, std::function<void(const Run &, Done)> undo = {});
Task sequence(const QString &name, QList<Task> children);
Task parallel(const QString &name, QList<Task> children, int limit = 0);
inline Task withTimeout(Task t, int ms)
{
    t.timeoutMs = ms;
    return t;
}
inline Task withUndo(Task t, std::function<void(const Run &, Done)> undo)
{
    t.undo = std::move(undo);
    return t;
}

// What a running task sees: its cancellation, its name, the run's storage.
class Run {
public:
    Run(CancelToken cancel, QString name, std::shared_ptr<std::unordered_map<std::type_index, std::shared_ptr<void>>> storage)
        : m_cancel(std::move(cancel)), m_name(std::move(name)), m_storage(std::move(storage)) {}
    const CancelToken &cancel() const { return m_cancel; }
    bool cancelled() const { return m_cancel.cancelled(); }
    const QString &name() const { return m_name; }
    template <typename T>
    std::shared_ptr<T> storage() const
    {
        auto &slot = (*m_storage)[std::type_index(typeid(T))];
        if (!slot)
            slot = std::make_shared<T>();
        return std::static_pointer_cast<T>(slot);
    }

private:
    CancelToken m_cancel;
    QString m_name;
    std::shared_ptr<std::unordered_map<std::type_index, std::shared_ptr<void>>> m_storage;
};

class Node;

class TaskTree : public QObject {
    Q_OBJECT
public:
    // How a run ended: Completed; RolledBack (failed, and what it had done is undone); Failed
    // (failed with nothing to undo, or an undo failed: undoErrors says which).
    enum class End { Completed, RolledBack, Failed };
    Q_ENUM(End)
    struct Outcome {
        End end = End::Completed;
        Error error;              // why it failed
        QStringList undoErrors;   // undos that failed (what may be left behind)
    };

    explicit TaskTree(Task root, QObject *parent = nullptr);
    ~TaskTree() override;
    void setHaltOnFailure(bool halt) { m_halt = halt; }

    // Starts the run on the event loop's next turn: finished() never comes from within start().
    void start();
    // Gives up: work in flight is cancelled (and waited for), completed work is undone.
    void cancel(const QString &reason);
    bool running() const { return m_running; }
    bool halted() const { return m_haltedAt >= 0; }
    int haltedStep() const { return m_haltedAt; }
    // On a halted root sequence only (false otherwise, nothing done).
    bool retry();
    bool rollBack();
    bool fail();
    // Work started by the tree that has not ended yet (a late answer awaited).
    int inFlight() const { return m_inFlight; }
    // Deletes the tree once nothing it started is in flight (at once if nothing is).
    void release();

Q_SIGNALS:
    void stepStarted(int index, const QString &name);   // a child of the root started (the root itself when it is a leaf)
    void taskStarted(const QString &name);              // any leaf started
    void undoStarted(const QString &name);
    void halting(int index, const Error &error);   // the root sequence halted at a failed step
    void rollingBack(const Error &error);
    void noted(const QString &text);                    // e.g. a late answer that was undone
    void finished(const TaskTree::Outcome &outcome);

private:
    friend class Node;
    void rootEnded(const Result<> &r, bool undoneAll, const QStringList &undoErrors);
    void leafStarted() { ++m_inFlight; }
    void leafEnded();
    void maybeDelete();

    Task m_def;
    std::unique_ptr<Node> m_root;
    std::shared_ptr<std::unordered_map<std::type_index, std::shared_ptr<void>>> m_storage;
    bool m_halt = false;
    bool m_running = false;
    bool m_released = false;
    bool m_deleteQueued = false;
    int m_haltedAt = -1;
    int m_inFlight = 0;
    Error m_haltError;
};

// Runs a tree under `owner` and hands its end to `done` (as a Result: the failure, or success);
// the tree deletes itself once nothing it started is in flight. For flows inside one object
// (a VIM's discovery, a rule change) that need no halting and no progress record.
void run(QObject *owner, Task root, std::function<void(const Result<> &)> done);
// Runs a subtree that a leaf builds when it starts (its children known only then) as part of
// that leaf: given up on with the leaf, it is cancelled, waited for, and what it made undone.
void runWithin(const Run &leaf, QObject *owner, Task subtree, Done done);

} // namespace vines::task

Q_DECLARE_METATYPE(vines::task::TaskTree::Outcome)
