#pragma once
#include "ems/EmsLink.h"
#include <QAbstractTableModel>
#include <QHash>

namespace vines {

class InstanceStore;
class ServiceAlarms;

// Alarms from the EMS fault monitor (VNFs) and the console's service alarms (network services):
// severity, state, object, raised/cleared times, acknowledgement.
// Active alarms first (most severe, then newest), then cleared ones, newest first.
class AlarmTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, State, Vnf, Type, Raised, Cleared, Ack, Description, ColumnCount };
    AlarmTableModel(EmsLink &ems, InstanceStore &instances, ServiceAlarms *services = nullptr, QObject *parent = nullptr);
    bool isServiceAlarm(int row) const { return m_rows.value(row).type.startsWith(QLatin1String("NS_")); }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    AlarmInfo alarm(int row) const { return m_rows.value(row); }
    void setActiveOnly(bool on);
    void reload();

private:
    EmsLink &m_ems;
    InstanceStore &m_instances;
    ServiceAlarms *m_services;
    QList<AlarmInfo> m_rows;
    QHash<QString, QString> m_names;
    bool m_activeOnly = false;
};

} // namespace vines
