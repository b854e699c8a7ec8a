#include "AlarmTableModel.h"
#include "catalog/InstanceStore.h"
#include "nfvo/ServiceAlarms.h"
#include <QBrush>
#include <QColor>

namespace vines {

namespace {
int rank(const QString &severity)
{
    static const QStringList order{"CRITICAL", "MAJOR", "MINOR", "WARNING", "INDETERMINATE"};
    const int i = int(order.indexOf(severity));
    return i < 0 ? int(order.size()) : i;
}
QColor colour(const QString &severity)
{
    if (severity == QLatin1String("CRITICAL")) return QColor(0xc6, 0x28, 0x28);
    if (severity == QLatin1String("MAJOR")) return QColor(0xe6, 0x51, 0x00);
    if (severity == QLatin1String("MINOR")) return QColor(0xf9, 0xa8, 0x25);
    if (severity == QLatin1String("WARNING")) return QColor(0x15, 0x65, 0xc0);
    return QColor(0x75, 0x75, 0x75);
}
QString shortTime(const QDateTime &t) { return t.isValid() ? t.toLocalTime().toString("yyyy-MM-dd HH:mm:ss") : QString(); }
} // namespace

AlarmTableModel::AlarmTableModel(EmsLink &ems, InstanceStore &instances, ServiceAlarms *services, QObject *parent)
    : QAbstractTableModel(parent), m_ems(ems), m_instances(instances), m_services(services)
{
    connect(&m_ems, &EmsLink::alarmsChanged, this, &AlarmTableModel::reload);
    if (m_services)
        connect(m_services, &ServiceAlarms::changed, this, &AlarmTableModel::reload);
    reload();
}

void AlarmTableModel::setActiveOnly(bool on)
{
    m_activeOnly = on;
    reload();
}

void AlarmTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    QList<AlarmInfo> all = m_ems.alarms();
    if (m_services)
        all += m_services->alarms();
    for (const AlarmInfo &a : std::as_const(all))
        if (!m_activeOnly || a.state == QLatin1String("ACTIVE"))
            m_rows << a;
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const AlarmInfo &a, const AlarmInfo &b) {
        const bool aa = a.state == QLatin1String("ACTIVE"), ba = b.state == QLatin1String("ACTIVE");
        if (aa != ba) return aa;
        if (aa && rank(a.severity) != rank(b.severity)) return rank(a.severity) < rank(b.severity);
        return a.raisedAt > b.raisedAt;
    });
    m_names = m_instances.names();
    if (m_services)
        for (const AlarmInfo &a : std::as_const(m_rows))
            if (a.type.startsWith(QLatin1String("NS_")))
                m_names.insert(a.vnfId, tr("NS %1").arg(m_services->serviceName(a.vnfId)));
    endResetModel();
}

int AlarmTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int AlarmTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlarmTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AlarmInfo &a = m_rows.at(index.row());
    const bool active = a.state == QLatin1String("ACTIVE");
    if (role == Qt::ForegroundRole) {
        if (index.column() == Severity && active)
            return QBrush(Qt::white);
        return active ? QVariant() : QBrush(QColor(0x80, 0x80, 0x80));
    }
    if (role == Qt::BackgroundRole && index.column() == Severity && active)
        return QBrush(colour(a.severity));
    if (role == Qt::ToolTipRole)
        return a.description;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Severity: return a.severity;
    case State: return active ? tr("Active") : tr("Cleared");
    case Vnf: return m_names.value(a.vnfId, a.vnfId);
    case Type: return a.type.section(':', 0, 0);
    case Raised: return shortTime(a.raisedAt);
    case Cleared: return shortTime(a.clearedAt);
    case Ack: return a.ackState == QLatin1String("ACKNOWLEDGED") ? tr("yes") : QString();
    case Description: return a.description;
    }
    return {};
}

QVariant AlarmTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {QT_TR_NOOP("Severity"), QT_TR_NOOP("State"), QT_TR_NOOP("VNF"), QT_TR_NOOP("Alarm"), QT_TR_NOOP("Raised"), QT_TR_NOOP("Cleared"), QT_TR_NOOP("Ack"), QT_TR_NOOP("Description")};
    return section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace vines
