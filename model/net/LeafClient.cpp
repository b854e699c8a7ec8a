#include "LeafClient.h"
#include "net/RequestSigning.h"
#include <QDir>
#include <QFile>
#include <QNetworkRequest>
#include <QJsonObject>
#include <QUrlQuery>

namespace vines {

LeafClient::LeafClient(QNetworkAccessManager *nam, const QString &address, quint16 port, const QByteArray &secret, int timeoutMs)
    : m_http(nam, timeoutMs), m_address(address), m_port(port)
{
    m_http.setDecorator([secret](QNetworkRequest &req, const QByteArray &verb, const QByteArray &body) {
        signing::signRequest(req, QStringLiteral("vines"), secret, verb, body);
    });
}

QByteArray LeafClient::secretFromUserData(const QByteArray &data)
{
    for (const QByteArray &line : data.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.startsWith("VINES_LEAF_SECRET="))
            return l.mid(int(qstrlen("VINES_LEAF_SECRET="))).trimmed();
    }
    return {};
}

QString LeafClient::rotatedSecretFile(const QString &dataDir) { return QDir(dataDir).filePath("leaf-secret"); }

QByteArray LeafClient::secretInDataDir(const QString &dataDir, const QString &userDataFile)
{
    QFile rotated(rotatedSecretFile(dataDir));
    if (rotated.open(QIODevice::ReadOnly))
        if (const QByteArray s = rotated.read(4096).trimmed(); !s.isEmpty())
            return s;
    QFile userData(userDataFile);
    return userData.open(QIODevice::ReadOnly) ? secretFromUserData(userData.read(64 * 1024)) : QByteArray();
}

Pending LeafClient::rotateSecret(const QByteArray &secret, Callback cb) const
{
    return m_http.put(url("/credentials"), QJsonObject{{"secret", QString::fromUtf8(secret)}}, std::move(cb));
}

QUrl LeafClient::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://%1:%2%3").arg(m_address).arg(m_port).arg(path));
}

Pending LeafClient::status(Callback cb) const { return m_http.get(url("/status"), std::move(cb)); }
Pending LeafClient::uninstall(Callback cb) const { return m_http.del(url("/nf"), std::move(cb)); }
Pending LeafClient::start(Callback cb) const { return m_http.post(url("/nf/start"), {}, std::move(cb)); }
Pending LeafClient::stop(Callback cb) const { return m_http.post(url("/nf/stop"), {}, std::move(cb)); }
Pending LeafClient::restart(Callback cb) const { return m_http.post(url("/nf/restart"), {}, std::move(cb)); }
Pending LeafClient::config(Callback cb) const { return m_http.get(url("/nf/config"), std::move(cb)); }
Pending LeafClient::metrics(Callback cb) const { return m_http.get(url("/metrics"), std::move(cb)); }

Pending LeafClient::configure(const QJsonObject &config, Callback cb) const
{
    return m_http.put(url("/nf/config"), QJsonObject{{"config", config}}, std::move(cb));
}

Pending LeafClient::logs(int lines, Callback cb) const
{
    QUrl u = url("/logs");
    u.setQuery(QUrlQuery{{"lines", QString::number(lines)}});
    return m_http.get(u, std::move(cb));
}

Pending LeafClient::install(const QString &name, const QString &type, const QJsonObject &config,
                         const QMap<QString, QByteArray> &files, Callback cb) const
{
    QJsonObject f;
    for (auto it = files.begin(); it != files.end(); ++it)
        f.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    return m_http.post(url("/nf"), QJsonObject{{"name", name}, {"type", type}, {"config", config}, {"files", f}}, std::move(cb));
}

} // namespace vines
