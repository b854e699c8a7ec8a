#include "InstantiateDialog.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "vim/Vim.h"
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>

namespace vines {

InstantiateDialog::InstantiateDialog(Vnfm &vnfm, const QString &packageId, QWidget *parent) : QDialog(parent), m_vnfm(vnfm)
{
    setWindowTitle(tr("Instantiate VNF"));
    setObjectName("instantiateDialog");
    m_package = new QComboBox(this);
    for (const PackageRecord &p : vnfm.packages().list())
        if (p.operationalState == OperationalState::Enabled)
            m_package->addItem(QStringLiteral("%1 %2").arg(p.package.vnfd.productName, p.package.vnfd.descriptorVersion), p.id);
    m_package->setCurrentIndex(qMax(0, m_package->findData(packageId)));
    m_name = new QLineEdit(this);
    m_name->setObjectName("vnfName");
    m_flavour = new QComboBox(this);
    for (const Flavour &f : vnfm.vim().flavours())
        m_flavour->addItem(QStringLiteral("%1 — %2 vCPU, %3 MB").arg(f.name).arg(f.cpus).arg(f.memoryMb), f.name);
    m_deploymentFlavour = new QComboBox(this);
    m_deploymentFlavour->setObjectName("deploymentFlavour");
    m_level = new QComboBox(this);
    m_level->setObjectName("instantiationLevel");
    m_shape = new QLabel(this);
    m_shape->setObjectName("deploymentShape");
    m_shape->setWordWrap(true);
    m_configText = new QPlainTextEdit(this);
    m_configText->setObjectName("vnfConfig");
    m_configText->setTabChangesFocus(true);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet("color: #b01e1e");
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Instantiate"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Package"), m_package);
    form->addRow(tr("VNF name"), m_name);
    form->addRow(tr("Deployment flavour"), m_deploymentFlavour);
    form->addRow(tr("Instantiation level"), m_level);
    form->addRow(QString(), m_shape);
    form->addRow(tr("Compute flavour"), m_flavour);
    form->addRow(tr("NF configuration (JSON)"), m_configText);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    resize(520, 360);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_package, &QComboBox::currentIndexChanged, this, &InstantiateDialog::packageChanged);
    connect(m_name, &QLineEdit::textChanged, this, &InstantiateDialog::validate);
    connect(m_configText, &QPlainTextEdit::textChanged, this, &InstantiateDialog::validate);
    connect(m_deploymentFlavour, &QComboBox::currentIndexChanged, this, &InstantiateDialog::deploymentFlavourChanged);
    connect(m_level, &QComboBox::currentIndexChanged, this, &InstantiateDialog::validate);
    packageChanged();
}

QString InstantiateDialog::packageId() const { return m_package->currentData().toString(); }
QString InstantiateDialog::vnfName() const { return m_name->text().trimmed(); }
QString InstantiateDialog::flavour() const { return m_flavour->currentData().toString(); }
QString InstantiateDialog::deploymentFlavour() const { return m_deploymentFlavour->currentData().toString(); }
QString InstantiateDialog::instantiationLevel() const { return m_level->currentData().toString(); }

void InstantiateDialog::deploymentFlavourChanged()
{
    const QSignalBlocker block(m_level);
    m_level->clear();
    PackageRecord p;
    if (m_vnfm.packages().get(packageId(), &p))
        if (const DeploymentFlavour *f = p.package.vnfd.flavour(deploymentFlavour())) {
            for (const InstantiationLevel &l : f->levels)
                m_level->addItem(l.description.isEmpty() ? l.id : QStringLiteral("%1 — %2").arg(l.id, l.description), l.id);
            m_level->setCurrentIndex(qMax(0, m_level->findData(f->initialLevel())));
        }
    m_level->setEnabled(m_level->count() > 0);
    if (m_level->count() == 0)
        m_level->addItem(tr("(the flavour declares no levels)"), QString());
    validate();
}
void InstantiateDialog::setVnfName(const QString &name) { m_name->setText(name); }

void InstantiateDialog::packageChanged()
{
    PackageRecord p;
    if (!m_vnfm.packages().get(packageId(), &p)) {
        validate();
        return;
    }
    const QString base = p.package.vnfd.productName.toLower().replace(' ', '-');
    QString name;
    for (int i = 1; name.isEmpty() || m_vnfm.instances().nameTaken(name); ++i)
        name = QStringLiteral("%1-%2").arg(base).arg(i);
    m_name->setText(name);
    {
        const QSignalBlocker block(m_deploymentFlavour);
        m_deploymentFlavour->clear();
        for (const DeploymentFlavour &f : p.package.vnfd.flavours)
            m_deploymentFlavour->addItem(f.description.isEmpty() ? f.id : QStringLiteral("%1 — %2").arg(f.id, f.description), f.id);
    }
    deploymentFlavourChanged();
    const QString fl = m_vnfm.defaultFlavour(p.id).valueOr({});
    m_flavour->setCurrentIndex(qMax(0, m_flavour->findData(fl)));
    m_configText->setPlainText(QString::fromUtf8(QJsonDocument(p.package.vnfd.exp.config).toJson(QJsonDocument::Indented)));
    validate();
}

void InstantiateDialog::validate()
{
    QString problem;
    QJsonParseError pe;
    const QString text = m_configText->toPlainText().trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(text.isEmpty() ? QByteArray("{}") : text.toUtf8(), &pe);
    if (packageId().isEmpty())
        problem = tr("No enabled package in the catalog: onboard or enable one first.");
    else if (vnfName().isEmpty())
        problem = tr("Give the VNF a name.");
    else if (m_vnfm.instances().nameTaken(vnfName()))
        problem = tr("A VNF named '%1' already exists.").arg(vnfName());
    else if (!Vnfm::validVnfName(vnfName()))
        problem = tr("A VNF name is 1-64 letters, digits, '.', '_' or '-'.");
    else if (pe.error != QJsonParseError::NoError)
        problem = tr("Configuration is not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString());
    else if (!doc.isObject())
        problem = tr("Configuration must be a JSON object.");
    m_config = doc.object();
    // What the chosen flavour and level deploy, in VDU instances.
    PackageRecord p;
    QString shape;
    if (m_vnfm.packages().get(packageId(), &p))
        if (const DeploymentFlavour *f = p.package.vnfd.flavour(deploymentFlavour())) {
            QStringList parts;
            const QMap<QString, int> n = f->vduInstances(f->scaleLevelsAt(instantiationLevel()));
            for (auto it = n.begin(); it != n.end(); ++it)
                parts << tr("%1 × %2").arg(it.value()).arg(it.key());
            QStringList aspects;
            for (const ScalingAspect &a : f->aspects)
                aspects << tr("%1 (up to level %2)").arg(a.id).arg(a.maxScaleLevel);
            shape = tr("Deploys %1.").arg(parts.join(", "));
            if (!aspects.isEmpty())
                shape += ' ' + tr("Scales by %1.").arg(aspects.join(", "));
        }
    m_shape->setText(shape);
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace vines
