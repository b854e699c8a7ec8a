#pragma once
#include <QTableView>

namespace vines {

class OperationStore;
class InstanceStore;
class OperationTableModel;

// The lifecycle operations log with live progress bars.
class OperationsView : public QTableView {
    Q_OBJECT
public:
    OperationsView(OperationStore &ops, InstanceStore &instances, QWidget *parent = nullptr);
    OperationTableModel *operations() const { return m_model; }
private:
    OperationTableModel *m_model;
};

} // namespace vines
