#pragma once
// Talks to one vines-leaf agent's REST API (see leaf/LeafApi.cpp for the routes), every request
// signed with the platform's secret.
#include "net/HttpJsonClient.h"
#include <QMap>
#include <QString>

namespace vines {

class LeafClient {
public:
    using Callback = HttpJsonClient::Callback;
    LeafClient(QNetworkAccessManager *nam, const QString &address, quint16 port, const QByteArray &secret, int timeoutMs = 15000);

    Pending status(Callback cb) const;
    Pending install(const QString &name, const QString &type, const QJsonObject &config,
                 const QMap<QString, QByteArray> &files, Callback cb) const;
    Pending uninstall(Callback cb) const;
    Pending start(Callback cb) const;
    Pending stop(Callback cb) const;
    Pending restart(Callback cb) const;
    Pending configure(const QJsonObject &config, Callback cb) const;
    Pending config(Callback cb) const;
    Pending metrics(Callback cb) const;
    Pending logs(int lines, Callback cb) const;
    // Replaces the platform's secret; later requests must be signed with the new one.
    Pending rotateSecret(const QByteArray &secret, Callback cb) const;

    // The agent's secret as its files hold it: <dataDir>/leaf-secret once rotated, else the
    // VINES_LEAF_SECRET line of its user data (KEY=VALUE lines).
    static QByteArray secretFromUserData(const QByteArray &userData);
    static QString rotatedSecretFile(const QString &dataDir);   // <dataDir>/leaf-secret
    static QByteArray secretInDataDir(const QString &dataDir, const QString &userDataFile);

private:
    QUrl url(const QString &path) const;
    HttpJsonClient m_http;
    QString m_address;
    quint16 m_port;
};

} // namespace vines
