#pragma once
// Performance Monitor: keeps the latest samples of every VNF (with per-second rates derived from
// the packet/byte counters), runs PM jobs (which VNFs, which metrics, how often to report) and
// their thresholds. A crossed threshold raises an alarm and a ThresholdCrossedNotification; going
// back clears both. Every reporting period a PerformanceInformationAvailableNotification carries
// the job's latest values.
#include "AlarmStore.h"
#include "Notifier.h"
#include "Poller.h"
#include <QSet>
#include <deque>

namespace vines::ems {

struct Threshold {
    QString id;
    QString metric;
    QString op;          // >, >=, <, <=
    double value = 0;
    QString severity = QStringLiteral("WARNING");
    bool crossed(double v) const;
};

struct PmJob {
    QString id;
    QString owner;
    QStringList objectInstanceIds;   // empty: every VNF
    QStringList metrics;             // empty: every metric
    int reportingPeriodMs = 10000;
    QList<Threshold> thresholds;
    QDateTime createdAt;
    QJsonObject toJson() const;
    static Result<PmJob> fromJson(const QJsonObject &o);
    bool covers(const QString &vnfId) const { return objectInstanceIds.isEmpty() || objectInstanceIds.contains(vnfId); }
};

class PerformanceMonitor : public QObject {
    Q_OBJECT
public:
    PerformanceMonitor(Database &db, Vib &vib, AlarmStore &alarms, Notifier &notifier, QObject *parent = nullptr);
    Result<> load();
    void onSample(const Sample &s);

    Result<PmJob> createJob(const QJsonObject &request, const QString &owner);
    Result<> deleteJob(const QString &id);
    QList<PmJob> jobs() const;
    bool job(const QString &id, PmJob *out) const;
    QJsonArray reports(const QString &jobId) const;

    QJsonObject latest(const QString &vnfId) const;                  // {sampleTime, values}
    QJsonArray history(const QString &vnfId, int limit) const;       // oldest first
    static constexpr int HistoryLength = 300;

private:
    // Compact history: metric names once per VNF, values as floats per sample.
    struct Point { qint64 atMs = 0; QVector<float> v; };
    struct Series {
        QStringList keys;
        std::deque<Point> points;
        QJsonObject values(const Point &p) const;
        QJsonObject lastValues;   // full precision, for thresholds/rates/reports
        QDateTime lastAt;
    };
    void startReporting(const PmJob &job);
    void report(const QString &jobId);
    QJsonObject select(const PmJob &job, const QJsonObject &values) const;

    Database &m_db;
    Vib &m_vib;
    AlarmStore &m_alarms;
    Notifier &m_notifier;
    QHash<QString, Series> m_history;
    QHash<QString, PmJob> m_jobs;
    QHash<QString, QTimer *> m_reportTimers;
    QHash<QString, std::deque<QJsonObject>> m_reports;
    QSet<QString> m_crossed;   // jobId|thresholdId|vnfId
};

} // namespace vines::ems
