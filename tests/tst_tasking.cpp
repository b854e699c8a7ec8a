// The task tree that carries every multi-step flow: sequences and parallel groups, rollback of
// what completed, timeouts that cancel the work in flight and wait for it, late answers undone,
// halting on failure (retry, roll back, fail), per-run storage, and a tree that stays alive
// until nothing it started is in flight.
#include "task/TaskTree.h"
#include "util/Result.h"
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace vines;
using namespace vines::task;

namespace {

// A leaf that answers after `ms` with `result`, logging "start X", "end X", "undo X" in `log`;
// cancelling it makes it answer Cancelled at once when `honoursCancel`, else it answers later anyway.
struct Script {
    QStringList log;
    Task step(const QString &name, int ms, Result<> result = {}, bool honoursCancel = true, bool withUndo = true)
    {
        Task t = leaf(name, [this, name, ms, result, honoursCancel](const Run &run, Done done) {
            log << "start " + name;
            auto *timer = new QTimer;
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, timer, [this, name, result, done, timer]() {
                log << "end " + name;
                done(result);
                timer->deleteLater();
            });
            if (honoursCancel)
                run.cancel().onCancel(timer, [this, name, done, timer]() {
                    log << "cancelled " + name;
                    timer->stop();
                    done(Error::cancelled(name + " cancelled"));
                    timer->deleteLater();
                });
            timer->start(ms);
        });
        if (withUndo)
            t.undo = [this, name](const Run &, Done done) {
                log << "undo " + name;
                QTimer::singleShot(5, [done]() { done({}); });
            };
        return t;
    }
};

TaskTree::Outcome runToEnd(TaskTree &tree, int timeoutMs = 5000)
{
    QSignalSpy spy(&tree, &TaskTree::finished);
    tree.start();
    if (!spy.wait(timeoutMs))
        return {TaskTree::End::Failed, Error::timeout("the tree did not finish"), {}};
    return spy.first().first().value<TaskTree::Outcome>();
}

} // namespace

class TstTasking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resultCarriesValueOrError()
    {
        Result<int> good = 7;
        QVERIFY(good.ok());
        QCOMPARE(*good, 7);
        Result<int> bad = Error::notFound("no VNF x");
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind(), Error::Kind::NotFound);
        QCOMPARE(Error::httpStatus(bad.error().kind()), 404);
        QCOMPARE(bad.valueOr(3), 3);
        const Result<> dropped = bad;   // the value dropped, the error kept
        QCOMPARE(dropped.errorMessage(), QString("no VNF x"));
        QCOMPARE(Error::fromHttpStatus(409), Error::Kind::Conflict);
        QCOMPARE(Error::fromHttpStatus(502), Error::Kind::Upstream);
        QCOMPARE(Error::kindName(Error::Kind::Timeout), QString("Timeout"));
        QCOMPARE(Error::conflict("busy").prefixed("Start").message(), QString("Start: busy"));
    }

    void sequenceRunsInOrder()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5), s.step("c", 5)}));
        QSignalSpy steps(&tree, &TaskTree::stepStarted);
        const auto o = runToEnd(tree);
        QCOMPARE(o.end, TaskTree::End::Completed);
        QCOMPARE(s.log, QStringList({"start a", "end a", "start b", "end b", "start c", "end c"}));
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps.at(2).at(1).toString(), QString("c"));
    }

    void failedStepUndoesTheCompletedOnesLatestFirst()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5), s.step("c", 5, Error::upstream("c broke"))}));
        const auto o = runToEnd(tree);
        QCOMPARE(o.end, TaskTree::End::RolledBack);
        QCOMPARE(o.error.message(), QString("c: c broke"));
        QCOMPARE(s.log.mid(5), QStringList({"end c", "undo b", "undo a"}));
    }

    void nothingToUndoIsFailed()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5, Error::upstream("a broke"))}));
        QCOMPARE(runToEnd(tree).end, TaskTree::End::Failed);
        QVERIFY(!s.log.contains("undo a"));   // a failed step made nothing to undo
    }

    void failedUndoIsReported()
    {
        Script s;
        Task a = s.step("a", 5);
        a.undo = [](const Run &, Done done) { done(Error::upstream("cannot remove a")); };
        TaskTree tree(sequence("seq", {a, s.step("b", 5, Error::upstream("b broke"))}));
        const auto o = runToEnd(tree);
        QCOMPARE(o.end, TaskTree::End::Failed);
        QCOMPARE(o.undoErrors, QStringList{"cannot remove a"});
    }

    void parallelFailureCancelsTheRestAndUndoesWhatCompleted()
    {
        Script s;
        TaskTree tree(sequence("root", {parallel("all", {s.step("fast", 5), s.step("broken", 30, Error::upstream("broken")), s.step("slow", 2000)})}));
        const auto o = runToEnd(tree);
        QCOMPARE(o.end, TaskTree::End::RolledBack);
        QCOMPARE(o.error.message(), QString("all: broken"));   // a root step's failure names the step
        QVERIFY(s.log.contains("cancelled slow"));
        QVERIFY(s.log.contains("undo fast"));
        QVERIFY(!s.log.contains("end slow"));
        QVERIFY(s.log.indexOf("cancelled slow") < s.log.indexOf("undo fast"));   // nothing runs while undoing
    }

    void parallelLimitHoldsAtMostThatMany()
    {
        int now = 0, most = 0;
        QList<Task> jobs;
        for (int i = 0; i < 10; ++i)
            jobs << leaf(QString::number(i), [&now, &most](const Run &, Done done) {
                most = qMax(most, ++now);
                QTimer::singleShot(10, [&now, done]() { --now; done({}); });
            });
        TaskTree tree(parallel("ten", jobs, 3));
        QCOMPARE(runToEnd(tree).end, TaskTree::End::Completed);
        QCOMPARE(most, 3);
    }

    // A timeout cancels the request in flight and waits for it: the operation ends only once
    // nothing of it runs, and a cancelled request (which cannot say what the far side did) is undone.
    void timeoutCancelsAndWaitsThenUndoes()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5), withTimeout(s.step("create", 5000), 50)}));
        QElapsedTimer t;
        t.start();
        const auto o = runToEnd(tree);
        QVERIFY(t.elapsed() < 2000);
        QCOMPARE(o.error.kind(), Error::Kind::Timeout);
        QVERIFY2(o.error.message().contains("create timed out after 0.05 s"), qPrintable(o.error.message()));
        QCOMPARE(s.log, QStringList({"start a", "end a", "start create", "cancelled create", "undo create", "undo a"}));
        QCOMPARE(o.end, TaskTree::End::RolledBack);
    }

    // Work that cannot be cancelled and answers late anyway: its answer is not dropped; what it
    // made is undone and noted, before the earlier steps are undone.
    void lateAnswerIsUndoneAndNoted()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5), withTimeout(s.step("create", 300, {}, false), 50)}));
        QSignalSpy notes(&tree, &TaskTree::noted);
        const auto o = runToEnd(tree);
        QCOMPARE(o.error.kind(), Error::Kind::Timeout);
        QCOMPARE(s.log, QStringList({"start a", "end a", "start create", "end create", "undo create", "undo a"}));
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.first().first().toString().contains("completed after it was given up"), qPrintable(notes.first().first().toString()));
    }

    void lateFailureNeedsNoUndo()
    {
        Script s;
        TaskTree tree(sequence("seq", {withTimeout(s.step("create", 100, Error::upstream("no room"), false), 20)}));
        runToEnd(tree);
        QVERIFY(!s.log.contains("undo create"));
    }

    void groupTimeoutStopsEveryChild()
    {
        Script s;
        TaskTree tree(withTimeout(parallel("two", {s.step("x", 5000), s.step("y", 5000)}), 40));
        const auto o = runToEnd(tree);
        QCOMPARE(o.error.kind(), Error::Kind::Timeout);
        QVERIFY(s.log.contains("cancelled x") && s.log.contains("cancelled y"));
        QVERIFY(s.log.contains("undo x") && s.log.contains("undo y"));
    }

    void cancelFromOutside()
    {
        Script s;
        TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5000)}));
        QSignalSpy spy(&tree, &TaskTree::finished);
        tree.start();
        QTRY_VERIFY(s.log.contains("start b"));
        tree.cancel("operator said so");
        QVERIFY(spy.wait(2000));
        const auto o = spy.first().first().value<TaskTree::Outcome>();
        QCOMPARE(o.error.kind(), Error::Kind::Cancelled);
        QCOMPARE(o.end, TaskTree::End::RolledBack);
        QVERIFY(s.log.contains("undo a"));
    }

    void haltRetryRollbackFail()
    {
        int attempts = 0;
        Script s;
        Task flaky = leaf("flaky", [&attempts](const Run &, Done done) {
            ++attempts;
            QTimer::singleShot(5, [&attempts, done]() { done(attempts < 2 ? Result<>(Error::upstream("not yet")) : Result<>()); });
        });
        {   // retry: the failed step again, and on
            TaskTree tree(sequence("seq", {s.step("a", 5), flaky, s.step("c", 5)}));
            tree.setHaltOnFailure(true);
            QSignalSpy halted(&tree, &TaskTree::halting);
            QSignalSpy finished(&tree, &TaskTree::finished);
            tree.start();
            QVERIFY(halted.wait(2000));
            QCOMPARE(halted.first().first().toInt(), 1);
            QVERIFY(tree.halted());
            QVERIFY(tree.retry());
            QVERIFY(!tree.retry());   // not halted any more
            QVERIFY(finished.wait(2000));
            QCOMPARE(finished.first().first().value<TaskTree::Outcome>().end, TaskTree::End::Completed);
            QCOMPARE(attempts, 2);
        }
        s.log.clear();
        {   // roll back: the completed steps undone
            TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5, Error::upstream("b broke"))}));
            tree.setHaltOnFailure(true);
            QSignalSpy halted(&tree, &TaskTree::halting);
            QSignalSpy finished(&tree, &TaskTree::finished);
            tree.start();
            QVERIFY(halted.wait(2000));
            QVERIFY(!s.log.contains("undo a"));   // halted: nothing undone until told
            QVERIFY(tree.rollBack());
            QVERIFY(finished.wait(2000));
            QCOMPARE(finished.first().first().value<TaskTree::Outcome>().end, TaskTree::End::RolledBack);
            QCOMPARE(finished.first().first().value<TaskTree::Outcome>().error.message(), QString("b: b broke"));
            QVERIFY(s.log.contains("undo a"));
        }
        s.log.clear();
        {   // retried, halted again, then rolled back: the failure reported is the last one (found by the API's client)
            TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5, Error::upstream("b broke"))}));
            tree.setHaltOnFailure(true);
            QSignalSpy halted(&tree, &TaskTree::halting);
            QSignalSpy rolling(&tree, &TaskTree::rollingBack);
            QSignalSpy finished(&tree, &TaskTree::finished);
            tree.start();
            QVERIFY(halted.wait(2000));
            QVERIFY(tree.retry());
            QVERIFY(halted.wait(2000));
            QVERIFY(tree.rollBack());
            QVERIFY(finished.wait(2000));
            QCOMPARE(rolling.size(), 1);
            QCOMPARE(rolling.first().first().value<Error>().message(), QString("b: b broke"));
            QCOMPARE(finished.first().first().value<TaskTree::Outcome>().end, TaskTree::End::RolledBack);
            QVERIFY(s.log.contains("undo a"));
        }
        s.log.clear();
        {   // fail: ends for good, nothing undone
            TaskTree tree(sequence("seq", {s.step("a", 5), s.step("b", 5, Error::upstream("b broke"))}));
            tree.setHaltOnFailure(true);
            QSignalSpy halted(&tree, &TaskTree::halting);
            QSignalSpy finished(&tree, &TaskTree::finished);
            tree.start();
            QVERIFY(halted.wait(2000));
            QVERIFY(tree.fail());
            QCOMPARE(finished.size(), 1);
            QCOMPARE(finished.first().first().value<TaskTree::Outcome>().end, TaskTree::End::Failed);
            QVERIFY(!s.log.contains("undo a"));
        }
    }

    void storageIsOnePerRun()
    {
        struct Counter { int n = 0; };
        QList<int> seen;
        auto bump = [&seen](const Run &run, Done done) {
            seen << ++run.storage<Counter>()->n;
            done({});
        };
        TaskTree first(sequence("s", {leaf("1", bump), leaf("2", bump)}));
        QCOMPARE(runToEnd(first).end, TaskTree::End::Completed);
        TaskTree second(sequence("s", {leaf("1", bump)}));
        QCOMPARE(runToEnd(second).end, TaskTree::End::Completed);
        QCOMPARE(seen, QList<int>({1, 2, 1}));
    }

    // A released tree lives on while a late answer is awaited (past its grace it reports, but
    // keeps the work's owner), and goes away once nothing of it is in flight.
    void releasedTreeOutlivesItsWorkInFlight()
    {
        Script s;
        auto *tree = new TaskTree(sequence("seq", {withTimeout(s.step("create", 200, {}, false), 20)}));
        QPointer<TaskTree> alive(tree);
        QSignalSpy spy(tree, &TaskTree::finished);
        tree->start();
        tree->release();
        QVERIFY(spy.wait(2000));
        QVERIFY(s.log.contains("undo create"));
        QTRY_VERIFY(alive.isNull());
    }
};

QTEST_GUILESS_MAIN(TstTasking)
#include "tst_tasking.moc"
