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

    void status(Callback cb) const;
    void install(const QString &name, const QString &type, const QJsonObject &config,
                 const QMap<QString, QByteArray> &files, Callback cb) const;
    void uninstall(Callback cb) const;
    void start(Callback cb) const;
    void stop(Callback cb) const;
    void restart(Callback cb) const;
    void configure(const QJsonObject &config, Callback cb) const;
    void config(Callback cb) const;
    void metrics(Callback cb) const;
    void logs(int lines, Callback cb) const;
    // Replaces the platform's secret; later requests must be signed with the new one.
    void rotateSecret(const QByteArray &secret, Callback cb) const;

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
