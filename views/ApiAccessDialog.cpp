#include "ApiAccessDialog.h"
#include "api/ApiTokens.h"
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vines {

ApiAccessDialog::ApiAccessDialog(api::ApiTokens &tokens, std::function<QString()> serving, std::function<Result<>(bool)> setServing,
                                 QWidget *parent)
    : QDialog(parent), m_tokens(tokens), m_serving(std::move(serving)), m_setServing(std::move(setServing))
{
    setWindowTitle(tr("Northbound API access"));
    auto *layout = new QVBoxLayout(this);
    m_serve = new QCheckBox(tr("Serve the northbound API (SOL003/SOL005 REST) while the console runs"), this);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    layout->addWidget(m_serve);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Tokens (scripts send one as X-Auth-Token; read-only tokens may only read):"), this));
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Role"), tr("Created")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    auto *create = new QPushButton(tr("Create token…"), this);
    auto *revoke = new QPushButton(tr("Revoke"), this);
    row->addWidget(create);
    row->addWidget(revoke);
    row->addStretch();
    layout->addLayout(row);
    auto *tokenRow = new QHBoxLayout;
    m_newToken = new QLineEdit(this);
    m_newToken->setReadOnly(true);
    m_newToken->setPlaceholderText(tr("A new token appears here once; copy it now"));
    auto *copy = new QPushButton(tr("Copy"), this);
    tokenRow->addWidget(m_newToken, 1);
    tokenRow->addWidget(copy);
    layout->addLayout(tokenRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(create, &QPushButton::clicked, this, &ApiAccessDialog::createToken);
    connect(revoke, &QPushButton::clicked, this, &ApiAccessDialog::revokeSelected);
    connect(copy, &QPushButton::clicked, this, [this]() { QApplication::clipboard()->setText(m_newToken->text()); });
    connect(m_serve, &QCheckBox::toggled, this, [this](bool on) {
        if (const Result<> set = m_setServing(on); !set)
            QMessageBox::warning(this, windowTitle(), set.errorMessage());
        reload();
    });
    resize(620, 420);
    reload();
}

void ApiAccessDialog::reload()
{
    const QString url = m_serving();
    {
        const QSignalBlocker block(m_serve);
        m_serve->setChecked(!url.isEmpty());
    }
    m_status->setText(url.isEmpty() ? tr("Not serving.") : tr("Serving at %1 — e.g. %1/vnflcm/v1/vnf_instances").arg(url));
    const QList<api::ApiToken> tokens = m_tokens.list();
    m_table->setRowCount(int(tokens.size()));
    for (int i = 0; i < tokens.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(tokens[i].name));
        m_table->setItem(i, 1, new QTableWidgetItem(api::roleName(tokens[i].role)));
        m_table->setItem(i, 2, new QTableWidgetItem(tokens[i].createdAt.toLocalTime().toString("yyyy-MM-dd HH:mm")));
    }
}

void ApiAccessDialog::createToken()
{
    QDialog ask(this);
    ask.setWindowTitle(tr("Create token"));
    auto *form = new QFormLayout(&ask);
    auto *name = new QLineEdit(&ask);
    name->setPlaceholderText(tr("e.g. ci-pipeline"));
    auto *role = new QComboBox(&ask);
    role->addItem(tr("read-only"), int(api::Role::Reader));
    role->addItem(tr("read-write"), int(api::Role::Operator));
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Role:"), role);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
    if (ask.exec() != QDialog::Accepted)
        return;
    const Result<QByteArray> token = m_tokens.create(name->text(), api::Role(role->currentData().toInt()));
    if (!token) {
        QMessageBox::warning(this, windowTitle(), token.errorMessage());
        return;
    }
    m_newToken->setText(QString::fromLatin1(*token));
    m_newToken->selectAll();
    reload();
}

void ApiAccessDialog::revokeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    const QString name = m_table->item(row, 0)->text();
    if (QMessageBox::question(this, windowTitle(), tr("Revoke token '%1'? Scripts using it are refused from now on.").arg(name))
        != QMessageBox::Yes)
        return;
    if (const Result<> revoked = m_tokens.revoke(name); !revoked)
        QMessageBox::warning(this, windowTitle(), revoked.errorMessage());
    reload();
}

} // namespace vines
