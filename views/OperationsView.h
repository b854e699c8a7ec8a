#pragma once
#include <QTableView>

namespace vines {

class OperationStore;
class InstanceStore;
class OperationTableModel;
class Vnfm;

// The lifecycle operations log with live progress bars. An occurrence halted in FAILED_TEMP (a
// northbound API client's) offers Retry, Roll back and Fail from its context menu.
class OperationsView : public QTableView {
    Q_OBJECT
public:
    OperationsView(OperationStore &ops, InstanceStore &instances, Vnfm &vnfm, QWidget *parent = nullptr);
    OperationTableModel *operations() const { return m_model; }
private:
    void showMenu(const QPoint &at);
    OperationTableModel *m_model;
    Vnfm &m_vnfm;
};

} // namespace vines
