#pragma once
// Cloud connections: add, edit, test and delete CloudStack profiles (URL, API key, secret key
// kept in the system keychain when there is one, CA file), import them from a cloudmonkey
// config, and choose which cloud the console's VNFs run on (the local VIM or a profile).
#include "cloudstack/ConnectionProfiles.h"
#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace vines {

class CloudProfilesDialog : public QDialog {
    Q_OBJECT
public:
    CloudProfilesDialog(cloudstack::ConnectionProfiles &profiles, cloudstack::SecretStore &secrets, const QString &active, QWidget *parent = nullptr);
    void importFile(const QString &path);
    void testCurrent();
    bool saveCurrent();
    QString testResult() const;

Q_SIGNALS:
    void activate(const QString &profile);   // "" = the local VIM

private:
    void reload(const QString &select = {});
    void showProfile(const QString &name);
    cloudstack::ConnectionProfiles &m_profiles;
    cloudstack::SecretStore &m_secrets;
    QListWidget *m_list;
    QLineEdit *m_name, *m_url, *m_apiKey, *m_secret, *m_ca, *m_routerSecret;
    QCheckBox *m_verify, *m_lendRouter;
    QLabel *m_result;
    QLabel *m_activeLabel;
    std::unique_ptr<cloudstack::Client> m_testClient;
};

} // namespace vines
