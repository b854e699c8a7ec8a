#pragma once
#include "ConsoleServices.h"
#include "CoalescedReload.h"
#include <QMainWindow>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace vines {

class CatalogView;
class InstanceView;
class OperationsView;
class AlarmsView;
class SfcDesigner;
class NsView;
class DashboardsView;

// The console's main window: catalog (left), VNF instances (centre), operations log and
// EMS alarms (bottom), EMS status in the status bar. Accepts VNF Packages dropped onto it. Remembers its layout between runs.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ConsoleServices services, const QString &vimName, QWidget *parent = nullptr);
    CatalogView *catalog() const { return m_catalog; }
    InstanceView *instances() const { return m_instances; }
    OperationsView *operations() const { return m_operations; }
    AlarmsView *alarms() const { return m_alarms; }
    SfcDesigner *designer() const { return m_designer; }
    NsView *networkServices() const { return m_ns; }
    DashboardsView *dashboards() const { return m_dash; }
    QTabWidget *tabs() const { return m_tabs; }
    void openInstantiateDialog(const QString &packageId);
    void showMessage(const QString &text, bool error);

protected:
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void closeEvent(QCloseEvent *e) override;

private:
    // Bursts of record changes (100 operations at once) update the counters a few times a second.
    CoalescedReload m_countsReload{this, [this]() { updateStatus(); }, 250};
    void chooseAndOnboard();
    void updateStatus();
    void addHelpMenu();
    void updateEmsStatus();
    ConsoleServices m_s;
    CatalogView *m_catalog;
    InstanceView *m_instances;
    OperationsView *m_operations;
    AlarmsView *m_alarms;
    SfcDesigner *m_designer;
    NsView *m_ns;
    DashboardsView *m_dash;
    QTabWidget *m_tabs;
    QLabel *m_emsLabel;
    QLabel *m_vimLabel;
    QLabel *m_counts;
    QProgressBar *m_onboardProgress;
};

} // namespace vines
