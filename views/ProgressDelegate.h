#pragma once
#include <QStyledItemDelegate>

namespace vines {

// Paints an integer 0-100 from a model role as a progress bar inside a table cell.
class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    ProgressDelegate(int role, QObject *parent = nullptr) : QStyledItemDelegate(parent), m_role(role) {}
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
private:
    int m_role;
};

} // namespace vines
