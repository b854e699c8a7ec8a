#pragma once
// The log of one VNF as its execution platform keeps it (Leaf: its NF's output and the agent's
// events; SSH platforms: their logs command), fetched through the EMS: the last N lines, on
// demand or followed every two seconds. Non-modal, one per VNF; never blocks the window.
#include "ConsoleServices.h"
#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

namespace vines {

class VnfLogDialog : public QDialog {
    Q_OBJECT
public:
    VnfLogDialog(ConsoleServices services, const QString &instanceId, QWidget *parent = nullptr);
    void refresh();
    QPlainTextEdit *text() const { return m_text; }
    QLabel *status() const { return m_status; }

private:
    ConsoleServices m_s;
    QString m_id;
    QPlainTextEdit *m_text;
    QSpinBox *m_lines;
    QCheckBox *m_follow;
    QLabel *m_status;
    QTimer *m_timer;
    bool m_inFlight = false;
};

} // namespace vines
