#include "PerformanceMonitor.h"
#include "catalog/Database.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>
#include <cmath>
#include <limits>

namespace vines::ems {

bool Threshold::crossed(double v) const
{
    if (op == QLatin1String(">")) return v > value;
    if (op == QLatin1String(">=")) return v >= value;
    if (op == QLatin1String("<")) return v < value;
    return v <= value;
}

QJsonObject PmJob::toJson() const
{
    QJsonArray th;
    for (const Threshold &t : thresholds)
        th.append(QJsonObject{{"id", t.id}, {"metric", t.metric}, {"operator", t.op}, {"value", t.value}, {"perceivedSeverity", t.severity}});
    return {{"id", id}, {"owner", owner}, {"objectInstanceIds", QJsonArray::fromStringList(objectInstanceIds)},
            {"criteria", QJsonObject{{"performanceMetric", QJsonArray::fromStringList(metrics)}, {"reportingPeriodMs", reportingPeriodMs}}},
            {"thresholds", th}, {"createdAt", createdAt.toString(Qt::ISODateWithMs)}};
}

Result<PmJob> PmJob::fromJson(const QJsonObject &o)
{
    PmJob j;
    const QJsonValue ids = o.value("objectInstanceIds");
    if (!ids.isUndefined() && !ids.isArray())
        return Error::invalid(QStringLiteral("field 'objectInstanceIds' must be an array of VNF instance ids"));
    for (const auto &v : ids.toArray()) j.objectInstanceIds << v.toString();
    const QJsonObject c = o.value("criteria").toObject();
    for (const auto &v : c.value("performanceMetric").toArray()) j.metrics << v.toString();
    if (c.contains("reportingPeriodMs")) {
        j.reportingPeriodMs = c.value("reportingPeriodMs").toInt(-1);
        if (j.reportingPeriodMs < 500 || j.reportingPeriodMs > 86400000)
            return Error::invalid(QStringLiteral("field 'criteria.reportingPeriodMs' must be a number from 500 to 86400000"));
    }
    const QJsonArray th = o.value("thresholds").toArray();
    for (int i = 0; i < th.size(); ++i) {
        const QJsonObject t = th.at(i).toObject();
        Threshold x;
        x.id = t.value("id").toString(QString::number(i + 1));
        x.metric = t.value("metric").toString();
        x.op = t.value("operator").toString(">");
        x.severity = t.value("perceivedSeverity").toString("WARNING");
        const QString field = QStringLiteral("thresholds[%1]").arg(i);
        if (x.metric.isEmpty()) return Error::invalid(QStringLiteral("field '%1.metric' is required").arg(field));
        if (!QStringList{">", ">=", "<", "<="}.contains(x.op)) return Error::invalid(QStringLiteral("field '%1.operator' must be >, >=, < or <=").arg(field));
        if (!t.value("value").isDouble()) return Error::invalid(QStringLiteral("field '%1.value' must be a number").arg(field));
        if (!severities().contains(x.severity)) return Error::invalid(QStringLiteral("field '%1.perceivedSeverity' must be one of %2").arg(field, severities().join(", ")));
        x.value = t.value("value").toDouble();
        j.thresholds << x;
    }
    return j;
}

PerformanceMonitor::PerformanceMonitor(Database &db, Vib &vib, AlarmStore &alarms, Notifier &notifier, QObject *parent)
    : QObject(parent), m_db(db), m_vib(vib), m_alarms(alarms), m_notifier(notifier)
{
    connect(&m_vib, &Vib::removed, this, [this](const QString &id) {
        m_history.remove(id);
        for (auto it = m_crossed.begin(); it != m_crossed.end();)
            it = it->endsWith('|' + id) ? m_crossed.erase(it) : std::next(it);
    });
}

Result<> PerformanceMonitor::load()
{
    QSqlQuery q = m_db.query("SELECT id, owner, job_json, created_at FROM pm_jobs");
    while (q.next()) {
        Result<PmJob> read = PmJob::fromJson(QJsonDocument::fromJson(q.value(2).toByteArray()).object());
        if (!read)
            return read.error();
        PmJob j = *read;
        j.id = q.value(0).toString();
        j.owner = q.value(1).toString();
        j.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
        m_jobs.insert(j.id, j);
        startReporting(j);
    }
    for (const Alarm &a : m_alarms.list("ACTIVE", {}, 100000))
        if (a.type.startsWith(QLatin1String("THRESHOLD_CROSSED:")))
            m_crossed.insert(a.type.mid(18) + '|' + a.vnfId);
    return {};
}

Result<PmJob> PerformanceMonitor::createJob(const QJsonObject &request, const QString &owner)
{
    Result<PmJob> read = PmJob::fromJson(request);
    if (!read)
        return read;
    PmJob j = *read;
    for (const QString &id : j.objectInstanceIds)
        if (!m_vib.contains(id))
            return Error::unprocessable(QStringLiteral("objectInstanceIds: no VNF %1 in the VNF information base").arg(id));
    j.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    j.owner = owner;
    j.createdAt = QDateTime::currentDateTimeUtc();
    if (Result<> w = m_db.exec("INSERT INTO pm_jobs (id, owner, job_json, created_at) VALUES (?,?,?,?)",
                               {j.id, owner, QJsonDocument(j.toJson()).toJson(QJsonDocument::Compact), j.createdAt.toString(Qt::ISODateWithMs)});
        !w)
        return w.error();
    m_jobs.insert(j.id, j);
    startReporting(j);
    return j;
}

Result<> PerformanceMonitor::deleteJob(const QString &id)
{
    if (Result<> w = m_db.exec("DELETE FROM pm_jobs WHERE id = ?", {id}); !w)
        return w;
    const PmJob j = m_jobs.take(id);
    delete m_reportTimers.take(id);
    m_reports.remove(id);
    for (const Threshold &t : j.thresholds)
        for (const VnfEntry &e : m_vib.entries())
            if (m_crossed.remove(id + '|' + t.id + '|' + e.id))
                m_alarms.clear(e.id, "THRESHOLD_CROSSED:" + id + ':' + t.id, "PM job deleted");
    return {};
}

QList<PmJob> PerformanceMonitor::jobs() const
{
    QList<PmJob> l = m_jobs.values();
    std::sort(l.begin(), l.end(), [](const PmJob &a, const PmJob &b) { return a.createdAt < b.createdAt; });
    return l;
}

bool PerformanceMonitor::job(const QString &id, PmJob *out) const
{
    if (!m_jobs.contains(id))
        return false;
    *out = m_jobs.value(id);
    return true;
}

QJsonArray PerformanceMonitor::reports(const QString &jobId) const
{
    QJsonArray a;
    for (const QJsonObject &r : m_reports.value(jobId))
        a.append(r);
    return a;
}

void PerformanceMonitor::onSample(const Sample &s)
{
    if (!s.reachable || !m_vib.contains(s.vnfId) || !m_vib.entry(s.vnfId).policy.performance)
        return;
    Series &h = m_history[s.vnfId];
    QJsonObject values = s.metrics;
    if (h.lastAt.isValid()) {
        // Per-second rates from the platform's cumulative counters.
        const double dt = double(h.lastAt.msecsTo(s.at)) / 1000.0;
        for (const char *counter : {"packetsIn", "packetsOut", "bytesIn", "bytesOut"}) {
            const QString k = QLatin1String(counter);
            if (dt > 0 && values.contains(k) && h.lastValues.contains(k))
                values.insert(k + "PerS", qMax(0.0, values.value(k).toDouble() - h.lastValues.value(k).toDouble()) / dt);
        }
    }
    Point p;
    p.atMs = s.at.toMSecsSinceEpoch();
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!it.value().isDouble())
            continue;
        qsizetype idx = h.keys.indexOf(it.key());
        if (idx < 0) {
            h.keys << it.key();
            idx = h.keys.size() - 1;
        }
        if (p.v.size() <= idx)
            p.v.resize(idx + 1, std::numeric_limits<float>::quiet_NaN());
        p.v[idx] = float(it.value().toDouble());
    }
    p.v.squeeze();
    h.points.push_back(std::move(p));
    while (h.points.size() > size_t(HistoryLength))
        h.points.pop_front();
    h.lastValues = values;
    h.lastAt = s.at;
    for (const PmJob &j : std::as_const(m_jobs)) {
        if (!j.covers(s.vnfId))
            continue;
        for (const Threshold &t : j.thresholds) {
            if (!values.contains(t.metric))
                continue;
            const double v = values.value(t.metric).toDouble();
            const QString key = j.id + '|' + t.id + '|' + s.vnfId;
            const QString type = "THRESHOLD_CROSSED:" + j.id + ':' + t.id;
            const QJsonObject info{{"pmJobId", j.id}, {"thresholdId", t.id}, {"performanceMetric", t.metric}, {"performanceValue", v},
                                   {"thresholdValue", t.value}, {"operator", t.op}, {"sampleTime", s.at.toString(Qt::ISODateWithMs)}};
            const bool crossed = t.crossed(v);
            if (crossed && !m_crossed.contains(key)) {
                m_crossed.insert(key);
                QJsonObject n = info;
                n.insert("crossingDirection", "UP");
                m_notifier.publish("ThresholdCrossedNotification", s.vnfId, n);
                m_alarms.raise(s.vnfId, type, t.severity,
                               QStringLiteral("%1 = %2 crossed the threshold %3 %4").arg(t.metric).arg(v).arg(t.op).arg(t.value), info);
            } else if (!crossed && m_crossed.remove(key)) {
                QJsonObject n = info;
                n.insert("crossingDirection", "DOWN");
                m_notifier.publish("ThresholdCrossedNotification", s.vnfId, n);
                m_alarms.clear(s.vnfId, type, QStringLiteral("%1 = %2 is back within the threshold").arg(t.metric).arg(v));
            }
        }
    }
}

QJsonObject PerformanceMonitor::select(const PmJob &job, const QJsonObject &values) const
{
    if (job.metrics.isEmpty())
        return values;
    QJsonObject o;
    for (const QString &m : job.metrics)
        if (values.contains(m))
            o.insert(m, values.value(m));
    return o;
}

void PerformanceMonitor::startReporting(const PmJob &job)
{
    auto *t = new QTimer(this);
    t->setInterval(job.reportingPeriodMs);
    const QString id = job.id;
    connect(t, &QTimer::timeout, this, [this, id]() { report(id); });
    t->start();
    m_reportTimers.insert(id, t);
}

void PerformanceMonitor::report(const QString &jobId)
{
    const PmJob j = m_jobs.value(jobId);
    QJsonArray entries;
    const QStringList ids = j.objectInstanceIds.isEmpty() ? m_history.keys() : j.objectInstanceIds;
    for (const QString &id : ids) {
        auto it = m_history.constFind(id);
        if (it == m_history.constEnd() || !it->lastAt.isValid())
            continue;
        entries.append(QJsonObject{{"objectInstanceId", id}, {"sampleTime", it->lastAt.toString(Qt::ISODateWithMs)},
                                   {"values", select(j, it->lastValues)}});
    }
    const QJsonObject r{{"pmJobId", jobId}, {"reportTime", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}, {"entries", entries}};
    auto &reports = m_reports[jobId];
    reports.push_back(r);
    while (reports.size() > 10)
        reports.pop_front();
    m_notifier.publish("PerformanceInformationAvailableNotification", {}, r);
}

QJsonObject PerformanceMonitor::Series::values(const Point &p) const
{
    QJsonObject o;
    for (qsizetype i = 0; i < p.v.size() && i < keys.size(); ++i)
        if (!std::isnan(p.v.at(i)))
            o.insert(keys.at(i), double(p.v.at(i)));
    return o;
}

QJsonObject PerformanceMonitor::latest(const QString &vnfId) const
{
    auto it = m_history.constFind(vnfId);
    if (it == m_history.constEnd() || !it->lastAt.isValid())
        return {};
    return {{"sampleTime", it->lastAt.toString(Qt::ISODateWithMs)}, {"values", it->lastValues}};
}

QJsonArray PerformanceMonitor::history(const QString &vnfId, int limit) const
{
    QJsonArray a;
    auto it = m_history.constFind(vnfId);
    if (it == m_history.constEnd())
        return a;
    const size_t n = it->points.size();
    for (size_t i = n > size_t(qMax(0, limit)) ? n - size_t(qMax(0, limit)) : 0; i < n; ++i) {
        const Point &p = it->points.at(i);
        a.append(QJsonObject{{"sampleTime", QDateTime::fromMSecsSinceEpoch(p.atMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                             {"values", it->values(p)}});
    }
    return a;
}

} // namespace vines::ems
