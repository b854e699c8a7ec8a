#pragma once
// A filter line over a table view: rows with every typed word somewhere in their cells stay
// (case-insensitive), and a click on a column header sorts by it. Sits between the view and its
// model as a proxy, so it also maps between the rows the operator sees and the model's rows.
// Ctrl+F (the platform's Find key) in the table's part of the window puts the cursor in the line.
#include <QLineEdit>
#include <QObject>

class QAbstractItemModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace vines {

class TableFilter : public QObject {
    Q_OBJECT
public:
    // shortcutScope: the widget whose focus area the Find key works in (the view's page or dock).
    TableFilter(QTableView *view, QAbstractItemModel *source, QWidget *shortcutScope, const QString &placeholder);
    QLineEdit *edit() const { return m_edit; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    int selectedSourceRow() const;        // -1 when nothing is selected
    QList<int> selectedSourceRows() const;   // in the order shown
    void selectSourceRow(int sourceRow);  // clears the filter if it hides that row

private:
    QTableView *m_view;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_edit;
};

} // namespace vines
