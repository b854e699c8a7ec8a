#include "VnfLogDialog.h"
#include "catalog/InstanceStore.h"
#include "ems/EmsLink.h"
#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace vines {

VnfLogDialog::VnfLogDialog(ConsoleServices services, const QString &instanceId, QWidget *parent)
    : QDialog(parent), m_s(services), m_id(instanceId)
{
    InstanceRecord r;
    m_s.instances.get(instanceId, &r);
    setObjectName("vnfLog");
    setWindowTitle(tr("Log of %1").arg(r.name.isEmpty() ? instanceId : r.name));
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lines = new QSpinBox(this);
    m_lines->setRange(10, 5000);
    m_lines->setValue(200);
    m_lines->setSuffix(tr(" lines"));
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setToolTip(tr("Fetch the log again every two seconds"));
    auto *again = new QPushButton(tr("Refresh"), this);
    m_status = new QLabel(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(2000);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Last"), this));
    top->addWidget(m_lines);
    top->addWidget(again);
    top->addWidget(m_follow);
    top->addStretch(1);
    top->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(top);
    lay->addWidget(m_text, 1);
    lay->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(again, &QPushButton::clicked, this, &VnfLogDialog::refresh);
    connect(m_timer, &QTimer::timeout, this, &VnfLogDialog::refresh);
    connect(m_follow, &QCheckBox::toggled, m_timer, [this](bool on) { on ? m_timer->start() : m_timer->stop(); });
    resize(820, 480);
    refresh();
}

void VnfLogDialog::refresh()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_status->setText(tr("fetching…"));
    QPointer<VnfLogDialog> self(this);
    m_s.ems.client().logs(m_id, m_lines->value(), [self](const HttpResult &r) {
        if (!self)
            return;
        self->m_inFlight = false;
        if (!r) {
            self->m_status->setText(tr("could not fetch the log: %1").arg(r.errorMessage()));
            return;
        }
        QStringList lines;
        for (const auto &l : r->object().value("lines").toArray())
            lines << l.toString();
        QScrollBar *bar = self->m_text->verticalScrollBar();
        const bool atEnd = bar->value() >= bar->maximum() - 2;
        self->m_text->setPlainText(lines.join('\n'));
        if (atEnd)
            bar->setValue(bar->maximum());   // following the end stays at the end
        self->m_status->setText(tr("%n line(s) at %1", nullptr, int(lines.size())).arg(QTime::currentTime().toString("HH:mm:ss")));
    });
}

} // namespace vines
