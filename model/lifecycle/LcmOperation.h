#pragma once
// One lifecycle operation occurrence (a VNF's or a network service's): its steps run as a task
// tree (task/TaskTree.h) and this records what the tree does in the OperationStore, the one place
// an occurrence's state is written: progress and stage as steps start, ROLLING_BACK while
// completed steps are undone, then COMPLETED, ROLLED_BACK or FAILED. An occurrence that halts on
// failure (SOL003's FAILED_TEMP, what the northbound API asks for) stops at the failed step and
// waits to be told: retry that step, roll back what was done, or fail for good. A step that times
// out or is cancelled cancels its request and waits for it; whatever the far side made after the
// step gave up on it is undone, and noted on the occurrence (params.notes).
#include "core/States.h"
#include "task/TaskTree.h"
#include <QObject>
#include <QPointer>
#include <QString>

namespace vines {

class OperationStore;

class LcmOperation : public QObject {
    Q_OBJECT
public:
    // root: the steps (a sequence; its children are the occurrence's steps).
    LcmOperation(OperationStore &store, QString opId, task::Task root, QObject *parent = nullptr);
    ~LcmOperation() override;
    void start();
    QString id() const { return m_id; }
    void setHaltOnFailure(bool halt);
    bool halted() const;
    // On a halted occurrence only; false with nothing done otherwise.
    bool retry();
    bool rollBack();
    bool fail();
    // SOL003 cancel: the step in flight is cancelled (and waited for), completed ones undone.
    void cancel(const QString &reason);

Q_SIGNALS:
    void finished(const QString &opId, vines::OpState state, const QString &error);

private:
    void ended(const task::TaskTree::Outcome &o);
    OperationStore &m_store;
    QString m_id;
    int m_steps = 0;
    QPointer<task::TaskTree> m_tree;
};

} // namespace vines
