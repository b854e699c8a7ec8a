#include "TableFilter.h"
#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <algorithm>

namespace vines {

namespace {
// Every word must appear in at least one column of the row.
class WordsProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWords(const QString &text)
    {
        m_words = text.split(' ', Qt::SkipEmptyParts);
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const int columns = sourceModel()->columnCount(parent);
        for (const QString &w : m_words) {
            bool found = false;
            for (int c = 0; c < columns && !found; ++c)
                found = sourceModel()->index(row, c, parent).data(Qt::DisplayRole).toString().contains(w, Qt::CaseInsensitive);
            if (!found)
                return false;
        }
        return true;
    }

private:
    QStringList m_words;
};
} // namespace

TableFilter::TableFilter(QTableView *view, QAbstractItemModel *source, QWidget *shortcutScope, const QString &placeholder)
    : QObject(view), m_view(view)
{
    auto *proxy = new WordsProxy(this);
    proxy->setSourceModel(source);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy = proxy;
    view->setModel(proxy);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);   // the model's own order until a header is clicked
    view->horizontalHeader()->setSortIndicatorShown(true);
    view->setSortingEnabled(true);
    m_edit = new QLineEdit(shortcutScope);
    m_edit->setObjectName(view->objectName() + "Filter");
    m_edit->setPlaceholderText(placeholder);
    m_edit->setClearButtonEnabled(true);
    connect(m_edit, &QLineEdit::textChanged, proxy, &WordsProxy::setWords);
    auto *find = new QAction(tr("Filter"), shortcutScope);
    find->setShortcut(QKeySequence::keyBindings(QKeySequence::Find).value(0, QKeySequence(Qt::CTRL | Qt::Key_F)));
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_edit, [this]() {
        m_edit->setFocus(Qt::ShortcutFocusReason);
        m_edit->selectAll();
    });
    shortcutScope->addAction(find);
}

int TableFilter::selectedSourceRow() const
{
    const QList<int> rows = selectedSourceRows();
    return rows.isEmpty() ? -1 : rows.first();
}

QList<int> TableFilter::selectedSourceRows() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<int> out;
    for (const QModelIndex &i : rows)
        out << m_proxy->mapToSource(i).row();
    return out;
}

void TableFilter::selectSourceRow(int sourceRow)
{
    QModelIndex i = m_proxy->mapFromSource(m_proxy->sourceModel()->index(sourceRow, 0));
    if (!i.isValid() && sourceRow >= 0) {
        m_edit->clear();   // the operator asked for this row: show it
        i = m_proxy->mapFromSource(m_proxy->sourceModel()->index(sourceRow, 0));
    }
    if (i.isValid())
        m_view->selectRow(i.row());
}

} // namespace vines
