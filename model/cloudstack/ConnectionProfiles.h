#pragma once
// CloudStack connection profiles: name, API URL, API key, TLS settings in a JSON file in the
// data directory; the secret key in the system keychain (Secret Service via secret-tool) when
// there is one, otherwise in a separate file readable only by the user. Secrets are never
// written to the profiles file or logged. Profiles can be imported from a cloudmonkey config.
#include "CloudStackClient.h"
#include <QList>
#include <QString>

namespace vines::cloudstack {

struct Profile {
    QString name;
    QUrl apiUrl;
    QString apiKey;
    QString caFile;
    bool verifyTls = true;
    // Chains through the guest network's virtual router as an internal VNF (admin accounts whose
    // VR runs the Vines agent) instead of CloudStack port forwarding rules.
    bool lendRouter = false;
};

class SecretStore {
public:
    explicit SecretStore(const QString &fallbackDir, bool tryKeychain = true);
    Result<> store(const QString &key, const QByteArray &secret);
    QByteArray lookup(const QString &key) const;
    void remove(const QString &key);
    QString backend() const { return m_keychain ? QStringLiteral("system keychain (Secret Service)") : QStringLiteral("private file (mode 0600)"); }
    bool usesKeychain() const { return m_keychain; }

private:
    QString fallbackPath() const;
    QString m_dir;
    bool m_keychain = false;
};

class ConnectionProfiles {
public:
    ConnectionProfiles(const QString &file, SecretStore &secrets);
    QList<Profile> list() const;
    bool find(const QString &name, Profile *out) const;
    // Saves (adds or replaces); an empty secret keeps the stored one.
    Result<> save(const Profile &p, const QByteArray &secret);
    Result<> remove(const QString &name);
    Result<Endpoint> endpoint(const QString &name) const;
    bool hasSecret(const QString &name) const { return !m_secrets.lookup("profile:" + name).isEmpty(); }

    struct Imported { Profile profile; QByteArray secret; };
    struct CloudMonkey {
        QList<Imported> profiles;
        QStringList skipped;   // the sections that could not be used, and why
    };
    // Reads a cloudmonkey (cmk) config: every section with url, apikey and secretkey becomes a profile.
    static Result<CloudMonkey> importCloudMonkey(const QString &path);

private:
    Result<> write(const QList<Profile> &all);
    QString m_file;
    SecretStore &m_secrets;
};

} // namespace vines::cloudstack
