#pragma once
// The dashboards tab: open a live dashboard for a network service or a VNF, or the chain
// comparison; each opens as a closable tab.
#include "ConsoleServices.h"
#include "CoalescedReload.h"
#include <QWidget>

class QComboBox;
class QTabWidget;

namespace vines {

class SfcDashboard;
class VnfDashboard;
class ComparisonView;

class DashboardsView : public QWidget {
    Q_OBJECT
public:
    explicit DashboardsView(ConsoleServices services, QWidget *parent = nullptr);
    SfcDashboard *openSfc(const QString &nsId);
    VnfDashboard *openVnf(const QString &instanceId);
    ComparisonView *openComparison();
    QTabWidget *tabs() const { return m_tabs; }
    void reloadChoices();

private:
    CoalescedReload m_choicesReload{this, [this]() { reloadChoices(); }, 250};   // one rebuild per burst of changes
    ConsoleServices m_s;
    QComboBox *m_ns;
    QComboBox *m_vnf;
    int addPage(QWidget *page, const QString &title);
    QTabWidget *m_tabs;
};

} // namespace vines
