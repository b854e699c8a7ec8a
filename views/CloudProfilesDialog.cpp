#include "CloudProfilesDialog.h"
#include "Confirm.h"
#include <QMessageBox>
#include "cloudstack/CloudAccount.h"
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace vines {

CloudProfilesDialog::CloudProfilesDialog(cloudstack::ConnectionProfiles &profiles, cloudstack::SecretStore &secrets, const QString &active, QWidget *parent)
    : QDialog(parent), m_profiles(profiles), m_secrets(secrets)
{
    const QString secretBackend = secrets.backend();
    setObjectName("cloudProfiles");
    setWindowTitle(tr("Clouds"));
    m_list = new QListWidget(this);
    m_list->setObjectName("profileList");
    m_list->setMaximumWidth(200);
    m_name = new QLineEdit(this);
    m_name->setObjectName("profileName");
    m_url = new QLineEdit(this);
    m_url->setObjectName("profileUrl");
    m_url->setPlaceholderText("https://cloud.example.com/client/api");
    m_apiKey = new QLineEdit(this);
    m_apiKey->setObjectName("profileApiKey");
    m_secret = new QLineEdit(this);
    m_secret->setObjectName("profileSecret");
    m_secret->setEchoMode(QLineEdit::Password);
    m_ca = new QLineEdit(this);
    m_ca->setObjectName("profileCa");
    m_ca->setPlaceholderText(tr("optional: PEM file of a CA to trust"));
    m_verify = new QCheckBox(tr("Verify the server certificate"), this);
    m_verify->setChecked(true);
    m_lendRouter = new QCheckBox(tr("Chain through the network's virtual router (admin accounts; the VR runs the Vines agent)"), this);
    m_lendRouter->setObjectName("profileLendRouter");
    m_routerSecret = new QLineEdit(this);
    m_routerSecret->setObjectName("profileRouterSecret");
    m_routerSecret->setEchoMode(QLineEdit::Password);
    m_routerSecret->setPlaceholderText(tr("the VINES_LEAF_SECRET the VR's agent was set up with"));
    m_routerSecret->setEnabled(false);
    connect(m_lendRouter, &QCheckBox::toggled, m_routerSecret, &QWidget::setEnabled);
    m_lendRouter->setToolTip(tr("Unchecked: each chain's public address is sent to its first VNF by CloudStack port forwarding rules, "
                                "which the virtual router implements and every account may create."));
    m_result = new QLabel(this);
    m_result->setObjectName("testResult");
    m_result->setWordWrap(true);
    m_activeLabel = new QLabel(active.isEmpty() ? tr("VNFs run on: the local VIM") : tr("VNFs run on: %1").arg(active), this);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("API URL"), m_url);
    form->addRow(tr("API key"), m_apiKey);
    form->addRow(tr("Secret key"), m_secret);
    form->addRow(new QLabel(tr("Secret keys are kept in: %1. Leave empty to keep the stored one.").arg(secretBackend), this));
    form->addRow(tr("CA file"), m_ca);
    form->addRow(QString(), m_verify);
    form->addRow(tr("Chains"), m_lendRouter);
    form->addRow(tr("VR agent secret"), m_routerSecret);
    auto *buttons = new QHBoxLayout;
    auto button = [&](const QString &name, const QString &text) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        buttons->addWidget(b);
        return b;
    };
    connect(button("newProfile", tr("New")), &QPushButton::clicked, this, [this]() { m_list->clearSelection(); showProfile({}); });
    connect(button("saveProfile", tr("Save")), &QPushButton::clicked, this, &CloudProfilesDialog::saveCurrent);
    connect(button("testProfile", tr("Test connection")), &QPushButton::clicked, this, &CloudProfilesDialog::testCurrent);
    connect(button("deleteProfile", tr("Delete")), &QPushButton::clicked, this, [this]() {
        const QString name = m_name->text();
        askFirst(this, "confirmDeleteProfile", tr("Delete cloud profile"),
                 tr("Delete the cloud profile %1 and the secret stored for it? VNFs already on that cloud keep running; "
                    "the console can no longer manage them until a profile for it is made again.").arg(name),
                 [this, name]() {
                     if (const auto removed = m_profiles.remove(name); !removed)
                         m_result->setText(removed.errorMessage());
                     reload();
                 });
    });
    connect(button("importCmk", tr("Import cloudmonkey config…")), &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("cloudmonkey config"), QDir::home().filePath(".cmk/config"));
        if (!path.isEmpty())
            importFile(path);
    });
    auto *use = new QHBoxLayout;
    auto *useCloud = new QPushButton(tr("Run VNFs on this cloud"), this);
    useCloud->setObjectName("useProfile");
    auto *useLocal = new QPushButton(tr("Run VNFs on the local VIM"), this);
    useLocal->setObjectName("useLocal");
    use->addWidget(m_activeLabel, 1);
    use->addWidget(useCloud);
    use->addWidget(useLocal);
    connect(useCloud, &QPushButton::clicked, this, [this]() { if (saveCurrent()) Q_EMIT activate(m_name->text()); });
    connect(useLocal, &QPushButton::clicked, this, [this]() { Q_EMIT activate({}); });
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(buttons);
    right->addWidget(m_result);
    right->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_list);
    top->addLayout(right, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(top, 1);
    lay->addLayout(use);
    lay->addWidget(close);
    connect(m_list, &QListWidget::currentTextChanged, this, &CloudProfilesDialog::showProfile);
    reload(active);
    resize(760, 420);
}

QString CloudProfilesDialog::testResult() const { return m_result->text(); }

void CloudProfilesDialog::reload(const QString &select)
{
    m_list->clear();
    for (const auto &p : m_profiles.list())
        m_list->addItem(p.name);
    const auto found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    else if (select.isEmpty() && m_list->count() > 0)
        m_list->setCurrentRow(0);   // something to look at rather than an empty form
}

void CloudProfilesDialog::showProfile(const QString &name)
{
    cloudstack::Profile p;
    if (name.isEmpty() || !m_profiles.find(name, &p))
        p = cloudstack::Profile{};
    m_name->setText(p.name);
    m_url->setText(p.apiUrl.toString());
    m_apiKey->setText(p.apiKey);
    m_secret->clear();
    m_secret->setPlaceholderText(m_profiles.hasSecret(p.name) ? tr("stored") : QString());
    m_ca->setText(p.caFile);
    m_verify->setChecked(p.verifyTls);
    m_lendRouter->setChecked(p.lendRouter);
    m_routerSecret->clear();
    m_routerSecret->setPlaceholderText(!p.name.isEmpty() && !m_secrets.lookup("router:" + p.name).isEmpty()
                                           ? tr("stored") : tr("the VINES_LEAF_SECRET the VR's agent was set up with"));
}

bool CloudProfilesDialog::saveCurrent()
{
    const cloudstack::Profile p{m_name->text().trimmed(), QUrl(m_url->text().trimmed()), m_apiKey->text().trimmed(), m_ca->text().trimmed(),
                                m_verify->isChecked(), m_lendRouter->isChecked()};
    if (const auto saved = m_profiles.save(p, m_secret->text().toUtf8()); !saved) {
        m_result->setText(tr("Not saved: %1").arg(saved.errorMessage()));
        return false;
    }
    m_secret->clear();
    if (!m_routerSecret->text().isEmpty()) {   // kept with the API secret, never in the profiles file
        if (const auto stored = m_secrets.store("router:" + p.name, m_routerSecret->text().toUtf8()); !stored) {
            m_result->setText(tr("Not saved: %1").arg(stored.errorMessage()));
            return false;
        }
        m_routerSecret->clear();
    }
    reload(p.name);
    m_result->setText(tr("Saved %1").arg(p.name));
    return true;
}

void CloudProfilesDialog::testCurrent()
{
    if (!saveCurrent())
        return;
    const auto endpoint = m_profiles.endpoint(m_name->text().trimmed());
    if (!endpoint) {
        m_result->setText(endpoint.errorMessage());
        return;
    }
    const cloudstack::Endpoint ep = *endpoint;
    m_result->setText(tr("Testing %1…").arg(ep.apiUrl.toString()));
    m_testClient = std::make_unique<cloudstack::Client>(ep);
    const bool lendRouter = m_lendRouter->isChecked();
    m_testClient->listAll("listZones", {}, "zone", [this, lendRouter](const cloudstack::Reply &r) {
        if (!r)
            return m_result->setText(tr("Failed: %1").arg(r.errorMessage()));
        QStringList zones;
        for (const auto &z : r->value("zone").toArray())
            zones << z.toObject().value("name").toString();
        const QString connected = tr("Connected: %n zone(s): %1", nullptr, int(zones.size())).arg(zones.join(", "));
        m_result->setText(connected);
        // What the account may do decides how VMs are destroyed and how chains are composed.
        cloudstack::readCloudAccount(*m_testClient, [this, connected, lendRouter](const cloudstack::CloudAccount &a) {
            QString text = connected + "\n" + a.summary();
            if (lendRouter && !a.maySeeRouters())
                text += "\n" + tr("This account may not use the virtual router: uncheck 'Chain through the network's virtual router'.");
            m_result->setText(text);
        });
    });
}

void CloudProfilesDialog::importFile(const QString &path)
{
    const auto imported = cloudstack::ConnectionProfiles::importCloudMonkey(path);
    if (!imported) {
        m_result->setText(imported.errorMessage());
        return;
    }
    QStringList skipped = imported->skipped;
    QStringList names;
    for (const auto &i : imported->profiles) {
        if (const auto saved = m_profiles.save(i.profile, i.secret); !saved) {
            skipped << QStringLiteral("[%1]: %2").arg(i.profile.name, saved.errorMessage());
            continue;
        }
        names << i.profile.name;
    }
    reload(names.value(0));
    m_result->setText(tr("Imported %1%2").arg(names.isEmpty() ? tr("nothing") : names.join(", "),
                                              skipped.isEmpty() ? QString() : tr("; skipped ") + skipped.join("; ")));
}

} // namespace vines
