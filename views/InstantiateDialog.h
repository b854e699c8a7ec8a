#pragma once
#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QDialogButtonBox;

namespace vines {

class Vnfm;

// Collects what an instantiation needs: package, VNF name, the VNFD's deployment flavour and
// instantiation level (with the VDU instances they mean), compute flavour and NF configuration
// overrides (JSON, checked as it is typed).
class InstantiateDialog : public QDialog {
    Q_OBJECT
public:
    InstantiateDialog(Vnfm &vnfm, const QString &packageId, QWidget *parent = nullptr);
    QString packageId() const;
    QString vnfName() const;
    QString flavour() const;
    QString deploymentFlavour() const;
    QString instantiationLevel() const;
    QJsonObject config() const { return m_config; }
    void setVnfName(const QString &name);

private:
    void packageChanged();
    void validate();
    void deploymentFlavourChanged();
    Vnfm &m_vnfm;
    QComboBox *m_package;
    QLineEdit *m_name;
    QComboBox *m_flavour;
    QComboBox *m_deploymentFlavour;
    QComboBox *m_level;
    QLabel *m_shape;
    QPlainTextEdit *m_configText;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QJsonObject m_config;
};

} // namespace vines
