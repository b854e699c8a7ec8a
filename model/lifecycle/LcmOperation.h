#pragma once
// Runs one lifecycle operation occurrence as a sequence of asynchronous steps, each with a
// timeout; records progress in the OperationStore; on a failed step undoes the completed
// steps in reverse order (ROLLING_BACK -> ROLLED_BACK, or FAILED if no undo exists or an
// undo itself fails). An operation that halts on failure (SOL003's FAILED_TEMP, what the
// northbound API asks for) stops at the failed step instead and waits to be told: retry from
// that step, roll back what it did, or fail for good.
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace vines {

class OperationStore;

using StepDone = std::function<void(bool ok, const QString &error)>;

struct LcmStep {
    QString name;
    std::function<void(StepDone)> run;
    std::function<void(StepDone)> undo;   // empty: nothing to undo
    int timeoutMs = 30000;
};

class LcmOperation : public QObject {
    Q_OBJECT
public:
    LcmOperation(OperationStore &store, QString opId, QList<LcmStep> steps, QObject *parent = nullptr);
    void start();
    QString id() const { return m_id; }
    void setHaltOnFailure(bool halt) { m_halt = halt; }
    bool halted() const { return m_failedStep >= 0; }
    // On a halted operation only; false with nothing done otherwise.
    bool retry();
    bool rollBack();
    bool fail();

Q_SIGNALS:
    void finished(const QString &opId, const QString &state, const QString &error);

private:
    void runStep(int i);
    void rollback(int i);
    void finish(const QString &state, const QString &error);
    void call(const std::function<void(StepDone)> &fn, int timeoutMs, const QString &what, StepDone done);

    OperationStore &m_store;
    QString m_id;
    QList<LcmStep> m_steps;
    QString m_error;
    QString m_undoErrors;
    quint64 m_token = 0;
    bool m_halt = false;
    int m_failedStep = -1;   // >= 0 while halted in FAILED_TEMP
};

} // namespace vines
