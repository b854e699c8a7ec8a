#pragma once
// vines-ems configuration, read from a JSON file. Every problem is reported with the file and
// the JSON field it concerns. Secrets live only here and in memory; they are never logged.
#include <QHash>
#include <QHostAddress>
#include "util/Result.h"
#include <QString>
#include <QStringList>

namespace vines::ems {

enum class Role { Vnfm, Oss };
QString roleName(Role r);

struct ClientCredential {
    QString id;
    Role role = Role::Oss;
    QByteArray secret;
    QStringList callbackHosts;   // where its subscriptions may call back (host names or IPs); empty: anywhere but a managed VNF
};

// How the EMS logs into a VNF execution platform (referenced from the VIB by name).
struct PlatformCredential {
    QString name;
    QString username;
    QString password;
    QString privateKeyFile;
    QString hostKeySha256;     // "SHA256:..." as printed by ssh-keygen -lf; or
    QString knownHostsFile;    // an OpenSSH known_hosts file
};

struct EmsConfig {
    QHostAddress listen = QHostAddress::LocalHost;
    quint16 port = 7790;
    QString portFile;          // written with the bound port once listening (useful with port 0)
    QString dataDir;
    QString tlsCertificate;    // PEM; TLS is on when both are set
    QString tlsKey;
    int defaultPollIntervalMs = 5000;
    int maxConnections = 1024;   // open API connections; more are closed at once
    int tokenLifetimeS = 3600;
    QHash<QString, ClientCredential> clients;
    QHash<QString, PlatformCredential> credentials;

    bool tlsEnabled() const { return !tlsCertificate.isEmpty() && !tlsKey.isEmpty(); }
    static Result<EmsConfig> load(const QString &file);
};

} // namespace vines::ems
