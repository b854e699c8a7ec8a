#include "LcmOperation.h"
#include "catalog/OperationStore.h"

namespace vines {

LcmOperation::LcmOperation(OperationStore &store, QString opId, task::Task root, QObject *parent)
    : QObject(parent), m_store(store), m_id(std::move(opId)), m_steps(qMax(1, int(root.children.size())))
{
    // The tree is not this object's child: it lives on past this occurrence while a late answer
    // to one of its steps is awaited, and deletes itself once nothing of it is in flight.
    m_tree = new task::TaskTree(std::move(root));
    connect(m_tree, &task::TaskTree::stepStarted, this, [this](int i, const QString &name) {
        (void)m_store.setProgress(m_id, (100 * i) / m_steps, name);
    });
    connect(m_tree, &task::TaskTree::undoStarted, this, [this](const QString &name) {
        OperationRecord r;
        const int progress = m_store.get(m_id, &r) ? r.progress : 0;
        (void)m_store.setProgress(m_id, progress, QStringLiteral("undo: ") + name);
    });
    connect(m_tree, &task::TaskTree::halting, this, [this](int, const Error &e) { (void)m_store.setState(m_id, OpState::FailedTemp, e.message()); });
    connect(m_tree, &task::TaskTree::rollingBack, this, [this](const Error &e) { (void)m_store.setState(m_id, OpState::RollingBack, e.message()); });
    connect(m_tree, &task::TaskTree::noted, this, [this](const QString &note) { (void)m_store.addNote(m_id, note); });
    connect(m_tree, &task::TaskTree::finished, this, &LcmOperation::ended);
}

LcmOperation::~LcmOperation()
{
    if (m_tree)
        m_tree->release();
}

void LcmOperation::start() { m_tree->start(); }
void LcmOperation::setHaltOnFailure(bool halt) { m_tree->setHaltOnFailure(halt); }
bool LcmOperation::halted() const { return m_tree && m_tree->halted(); }

bool LcmOperation::retry()
{
    if (!m_tree || !m_tree->halted())
        return false;
    (void)m_store.setState(m_id, OpState::Processing);
    return m_tree->retry();
}

bool LcmOperation::rollBack()
{
    if (!m_tree || !m_tree->halted())
        return false;
    OperationRecord r;
    m_store.get(m_id, &r);
    (void)m_store.setState(m_id, OpState::RollingBack, r.error);
    return m_tree->rollBack();
}

bool LcmOperation::fail() { return m_tree && m_tree->fail(); }

void LcmOperation::cancel(const QString &reason)
{
    if (m_tree)
        m_tree->cancel(reason);
}

void LcmOperation::ended(const task::TaskTree::Outcome &o)
{
    OpState state = OpState::Completed;
    QString error;
    switch (o.end) {
    case task::TaskTree::End::Completed:
        (void)m_store.setProgress(m_id, 100, QStringLiteral("done"));
        break;
    case task::TaskTree::End::RolledBack:
        state = OpState::RolledBack;
        error = o.error.message();
        break;
    case task::TaskTree::End::Failed:
        state = OpState::Failed;
        error = o.error.message();
        if (!o.undoErrors.isEmpty())
            error += QStringLiteral("; rollback incomplete: ") + o.undoErrors.join(QStringLiteral("; "));
        break;
    }
    (void)m_store.setState(m_id, state, error);
    Q_EMIT finished(m_id, state, error);
    if (m_tree)
        m_tree->release();
    m_tree = nullptr;
    deleteLater();
}

} // namespace vines
