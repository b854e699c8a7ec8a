#pragma once
// The SFC designer: a palette of VNF packages and running VNFs, the canvas, undo/redo, zoom,
// validation messages, and the actions to save the design as an NSD/VNFFGD (in the NS catalog
// or as a file) and to instantiate it through the NFVO. Nodes take their live NF status colours
// once the chain runs.
#include "ConsoleServices.h"
#include "nfvo/SfcDesign.h"
#include <QHash>
#include "CoalescedReload.h"
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;
class QAction;

namespace vines {

class SfcScene;
class SfcView;

class SfcDesigner : public QWidget {
    Q_OBJECT
public:
    explicit SfcDesigner(ConsoleServices services, QWidget *parent = nullptr);
    SfcDesign &design() { return m_design; }
    SfcScene *scene() const { return m_scene; }
    SfcView *view() const { return m_view; }
    QUndoStack *undoStack() const { return m_undo; }
    QAction *action(const QString &name) const;
    QString savedNsdId() const { return m_savedNsd; }
    QString instantiatedNs() const { return m_ns; }
    void refreshPalette();
    void arrange();   // auto-layout: the chain left to right, branches below, one undoable step
    void showContextMenu(const QString &nodeId, const QStringList &edge, const QPoint &at);
    QString instanceOf(const QString &nodeId) const;   // the VNF instance a node stands for, if deployed
    bool saveToCatalog();                 // false with a message when the design is not valid
    void loadNsd(const QString &nsdId);

Q_SIGNALS:
    void message(const QString &text, bool error);
    void openVnfDashboard(const QString &instanceId);

private:
    CoalescedReload m_paletteReload{this, [this]() { refreshRunning(); }, 250};   // one look per burst of changes
    void refreshPackages();
    void refreshRunning();
    QTreeWidgetItem *paletteGroup(int index, const QString &title);
    bool resolve(const QString &kind, const QString &ref, SfcNode *out, QString *why) const;
    void updateIssues();
    void exportAs(const QString &format);
    void instantiate();

    ConsoleServices m_s;
    SfcDesign m_design;
    QUndoStack *m_undo;
    SfcScene *m_scene;
    SfcView *m_view;
    QTreeWidget *m_palette;
    QLineEdit *m_name;
    QLabel *m_issues;
    QHash<QString, QAction *> m_actions;
    QString m_savedNsd;
    int m_savedAt = -1;                   // undo index when saved
    QString m_ns;                         // NS instantiated from this design
    QString m_nsOp;
    QHash<QString, QString> m_bound;      // design node -> VNF instance once instantiated
};

} // namespace vines
