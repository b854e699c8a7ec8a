#pragma once
#include "ConsoleServices.h"
#include <QWidget>

class QAction;
class QTableView;

namespace vines {

class TableFilter;

class PackageTableModel;
class PackageDetailsView;

// The VNF catalog: onboarded packages, their details, and catalog actions.
class CatalogView : public QWidget {
    Q_OBJECT
public:
    CatalogView(ConsoleServices services, QWidget *parent = nullptr);
    QString selectedPackage() const;
    void selectPackage(const QString &id);
    QAction *onboardAction() const { return m_onboard; }
    QAction *instantiateAction() const { return m_instantiate; }
    QAction *deleteAction() const { return m_delete; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void onboardRequested();
    void instantiateRequested(const QString &packageId);
    void message(const QString &text, bool error);

private:
    void updateActions();
    ConsoleServices m_s;
    PackageTableModel *m_model;
    QTableView *m_table;
    TableFilter *m_filter = nullptr;
    PackageDetailsView *m_details;
    QString m_pendingSelection;
    QAction *m_onboard, *m_instantiate, *m_enable, *m_disable, *m_delete;
};

} // namespace vines
