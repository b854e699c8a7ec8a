#pragma once
// Brings a table model's rows to a fresh list with row-level signals (rows removed, inserted,
// changed) instead of a model reset, as KeePassXC's EntryModel does: selections, the current row,
// scroll positions and sorting survive, and views repaint only what changed. Both lists must
// share one order (e.g. the database's ORDER BY); a row that moved is removed and inserted again.
#include <QAbstractTableModel>
#include <QSet>

namespace vines {

class RowSyncTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // key(row) identifies a row; same(a, b) says whether a row still shows the same.
    template <typename Row, typename KeyFn, typename SameFn>
    void syncRows(QList<Row> &rows, const QList<Row> &fresh, KeyFn key, SameFn same)
    {
        QSet<QString> keep;
        for (const Row &r : fresh)
            keep.insert(key(r));
        for (int i = int(rows.size()) - 1; i >= 0; --i) {
            if (keep.contains(key(rows[i])))
                continue;
            int first = i;   // remove runs of rows at once
            while (first > 0 && !keep.contains(key(rows[first - 1])))
                --first;
            beginRemoveRows({}, first, i);
            rows.remove(first, i - first + 1);
            endRemoveRows();
            i = first;
        }
        for (int j = 0; j < fresh.size(); ++j) {
            const QString k = key(fresh[j]);
            if (j < rows.size() && key(rows[j]) == k) {
                if (!same(rows[j], fresh[j])) {
                    rows[j] = fresh[j];
                    Q_EMIT dataChanged(index(j, 0), index(j, columnCount() - 1));
                }
                continue;
            }
            for (int at = j + 1; at < rows.size(); ++at)   // moved: take it out where it was
                if (key(rows[at]) == k) {
                    beginRemoveRows({}, at, at);
                    rows.removeAt(at);
                    endRemoveRows();
                    break;
                }
            beginInsertRows({}, j, j);
            rows.insert(j, fresh[j]);
            endInsertRows();
        }
    }
};

} // namespace vines
