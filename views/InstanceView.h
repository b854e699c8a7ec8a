#pragma once
#include "ConsoleServices.h"
#include "lifecycle/LcmKinds.h"
#include <QHash>
#include <QWidget>

class QAction;
class QMenu;
class QTableView;

namespace vines {

class TableFilter;

class InstanceTableModel;

// VNF instances with lifecycle buttons and a context menu, one action per operation of the
// table (LcmKinds). An action is enabled only when the VNFM would accept it now; its tooltip says
// why not otherwise. Running one goes through LcmActions (the same questions everywhere).
class InstanceView : public QWidget {
    Q_OBJECT
public:
    InstanceView(ConsoleServices services, QWidget *parent = nullptr);
    QString selectedInstance() const;
    QStringList selectedInstances() const;   // every selected VNF, in the order shown
    void selectInstance(const QString &id);
    QAction *action(const QString &operation) const { return m_actions.value(operation); }
    QTableView *table() const { return m_table; }
    InstanceTableModel *model() const { return m_model; }

Q_SIGNALS:
    void instantiateRequested();
    void message(const QString &text, bool error);

private:
    void updateActions();
    void fillScaleMenu();
    void run(LcmOp op);
    void changePackage();
    ConsoleServices m_s;
    InstanceTableModel *m_model;
    QTableView *m_table;
    TableFilter *m_filter = nullptr;
    QHash<QString, QAction *> m_actions;
    QMenu *m_scaleMenu;
    bool m_fitNfStatus = false;
    int m_sizedRows = -1;
    QString m_pendingSelection;
};

} // namespace vines
