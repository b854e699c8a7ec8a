#include "ChainMeasurementJob.h"
#include <QPointer>
#include <QThreadPool>

namespace vines {

ChainMeasurementJob::ChainMeasurementJob(QList<Target> targets, Plan plan, QObject *parent)
    : QObject(parent), m_targets(std::move(targets)), m_plan(plan), m_cancel(std::make_shared<std::atomic<bool>>(false))
{
}

ChainMeasurementJob::~ChainMeasurementJob() { m_cancel->store(true); }

void ChainMeasurementJob::cancel() { m_cancel->store(true); }

void ChainMeasurementJob::start()
{
    m_running = true;
    QPointer<ChainMeasurementJob> self(this);
    const QList<Target> targets = m_targets;
    const Plan plan = m_plan;
    auto cancel = m_cancel;
    QThreadPool::globalInstance()->start([self, targets, plan, cancel]() {
        QList<ChainMeasurement> results;
        auto report = [self](int pct, const QString &stage) {
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, pct, stage]() { if (self) Q_EMIT self->progress(pct, stage); }, Qt::QueuedConnection);
        };
        const int steps = int(targets.size()) * 2;
        for (int i = 0; i < targets.size() && !cancel->load(); ++i) {
            const Target &t = targets[i];
            ChainMeasurement m{t.label, t.chainLength, QStringLiteral("%1:%2").arg(t.host).arg(t.port), {}, {}};
            m.latency = ChainMeter::latency(t.host, t.port, plan.probes, plan.payloadBytes, 3000, [&](int done, int total) {
                report((100 * (2 * i) + 100 * done / qMax(1, total)) / steps, QStringLiteral("%1: latency probe %2/%3").arg(t.label).arg(done).arg(total));
            }, cancel.get());
            report(100 * (2 * i + 1) / steps, QStringLiteral("%1: bulk transfer").arg(t.label));
            m.throughput = ChainMeter::throughput(t.host, t.port, plan.throughputBytes, 30000, cancel.get());
            results << m;
        }
        report(100, QStringLiteral("done"));
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, results]() {
                if (!self) return;
                self->m_running = false;
                Q_EMIT self->finished(results);
            }, Qt::QueuedConnection);
    });
}

} // namespace vines
