#include "LcmOperation.h"
#include "catalog/OperationStore.h"
#include "util/Pacer.h"
#include <QPointer>
#include <QTimer>
#include <utility>

namespace vines {

LcmOperation::LcmOperation(OperationStore &store, QString opId, QList<LcmStep> steps, QObject *parent)
    : QObject(parent), m_store(store), m_id(std::move(opId)), m_steps(std::move(steps))
{
}

void LcmOperation::start()
{
    pacer::post(this, [this]() { runStep(0); });   // a burst of operations starts a slice at a time
}

void LcmOperation::call(const std::function<void(StepDone)> &fn, int timeoutMs, const QString &what, StepDone done)
{
    // Each call gets a token: whichever of callback or timeout comes first wins, the other is ignored.
    const quint64 token = ++m_token;
    auto settled = std::make_shared<bool>(false);
    QPointer<LcmOperation> self(this);
    QTimer::singleShot(timeoutMs, this, [this, token, settled, what, timeoutMs, done]() {
        if (*settled || token != m_token)
            return;
        *settled = true;
        done(false, QStringLiteral("%1 timed out after %2 s").arg(what).arg(timeoutMs / 1000.0));
    });
    try {
        fn([self, token, settled, done](bool ok, const QString &error) {
            if (!self || *settled || token != self->m_token)
                return;
            *settled = true;
            done(ok, error);
        });
    } catch (const std::exception &e) {
        if (!*settled) {
            *settled = true;
            done(false, QStringLiteral("%1 failed: %2").arg(what, QString::fromUtf8(e.what())));
        }
    }
}

void LcmOperation::runStep(int i)
{
    if (i >= m_steps.size()) {
        m_store.setProgress(m_id, 100, QStringLiteral("done"));
        return finish(QStringLiteral("COMPLETED"), {});
    }
    const LcmStep &step = m_steps.at(i);
    m_store.setProgress(m_id, (100 * i) / m_steps.size(), step.name);
    call(step.run, step.timeoutMs, step.name, [this, i](bool ok, const QString &error) {
        if (ok)
            return pacer::post(this, [this, i]() { runStep(i + 1); });   // the next step in its turn, not inside this reply's delivery
        m_error = QStringLiteral("%1: %2").arg(m_steps.at(i).name, error);
        if (m_halt) {
            m_failedStep = i;
            m_store.setState(m_id, QStringLiteral("FAILED_TEMP"), m_error);
            return;
        }
        bool anyUndo = false;
        for (int k = i - 1; k >= 0; --k)
            anyUndo = anyUndo || bool(m_steps.at(k).undo);
        if (!anyUndo)
            return finish(QStringLiteral("FAILED"), m_error);
        m_store.setState(m_id, QStringLiteral("ROLLING_BACK"), m_error);
        rollback(i - 1);
    });
}

bool LcmOperation::retry()
{
    if (m_failedStep < 0)
        return false;
    const int from = std::exchange(m_failedStep, -1);
    m_error.clear();
    m_store.setState(m_id, QStringLiteral("PROCESSING"));
    QTimer::singleShot(0, this, [this, from]() { runStep(from); });
    return true;
}

bool LcmOperation::rollBack()
{
    if (m_failedStep < 0)
        return false;
    const int from = std::exchange(m_failedStep, -1);
    m_store.setState(m_id, QStringLiteral("ROLLING_BACK"), m_error);
    QTimer::singleShot(0, this, [this, from]() { rollback(from - 1); });
    return true;
}

bool LcmOperation::fail()
{
    if (m_failedStep < 0)
        return false;
    m_failedStep = -1;
    finish(QStringLiteral("FAILED"), m_error);
    return true;
}

void LcmOperation::rollback(int i)
{
    while (i >= 0 && !m_steps.at(i).undo)
        --i;
    if (i < 0) {
        if (m_undoErrors.isEmpty())
            return finish(QStringLiteral("ROLLED_BACK"), m_error);
        return finish(QStringLiteral("FAILED"), m_error + QStringLiteral("; rollback incomplete: ") + m_undoErrors);
    }
    const LcmStep &step = m_steps.at(i);
    m_store.setProgress(m_id, (100 * i) / m_steps.size(), QStringLiteral("undo: ") + step.name);
    call(step.undo, step.timeoutMs, QStringLiteral("undo ") + step.name, [this, i](bool ok, const QString &error) {
        if (!ok)
            m_undoErrors += (m_undoErrors.isEmpty() ? QString() : QStringLiteral("; ")) + error;
        rollback(i - 1);
    });
}

void LcmOperation::finish(const QString &state, const QString &error)
{
    ++m_token;
    m_store.setState(m_id, state, error);
    Q_EMIT finished(m_id, state, error);
    deleteLater();
}

} // namespace vines
