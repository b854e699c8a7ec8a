#include "EmsConfig.h"
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vines::ems {

QString roleName(Role r) { return r == Role::Vnfm ? QStringLiteral("vnfm") : QStringLiteral("oss"); }

namespace {
Error fail(const QString &file, const QString &field, const QString &what)
{
    return Error::invalid(QStringLiteral("%1: %2: %3").arg(file, field, what)).at({file, field, 0});
}
QString resolve(const QString &base, const QString &path)
{
    return path.isEmpty() || QFileInfo(path).isAbsolute() ? path : QFileInfo(base).dir().filePath(path);
}
} // namespace

Result<EmsConfig> EmsConfig::load(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(file, QStringLiteral("offset %1").arg(pe.offset), pe.errorString());
    if (!doc.isObject())
        return fail(file, "(top level)", "must be a JSON object");
    const QJsonObject o = doc.object();
    EmsConfig c;
    if (o.contains("listen")) {
        if (!c.listen.setAddress(o.value("listen").toString()))
            return fail(file, "listen", "not an IP address");
    }
    if (o.contains("port")) {
        const int p = o.value("port").toInt(-1);
        if (!o.value("port").isDouble() || p < 0 || p > 65535)
            return fail(file, "port", "must be a number from 0 to 65535");
        c.port = quint16(p);
    }
    c.portFile = resolve(file, o.value("portFile").toString());
    c.dataDir = resolve(file, o.value("dataDir").toString());
    if (c.dataDir.isEmpty())
        return fail(file, "dataDir", "is required (where the VNF information base lives)");
    const QJsonObject tls = o.value("tls").toObject();
    c.tlsCertificate = resolve(file, tls.value("certificate").toString());
    c.tlsKey = resolve(file, tls.value("key").toString());
    if (c.tlsCertificate.isEmpty() != c.tlsKey.isEmpty())
        return fail(file, "tls", "needs both 'certificate' and 'key'");
    if (o.contains("defaultPollIntervalMs")) {
        c.defaultPollIntervalMs = o.value("defaultPollIntervalMs").toInt(-1);
        if (c.defaultPollIntervalMs < 100)
            return fail(file, "defaultPollIntervalMs", "must be at least 100");
    }
    if (o.contains("maxConnections")) {
        c.maxConnections = o.value("maxConnections").toInt(-1);
        if (c.maxConnections < 1 || c.maxConnections > 60000)
            return fail(file, "maxConnections", "must be a number from 1 to 60000");
    }
    if (o.contains("tokenLifetimeS")) {
        c.tokenLifetimeS = o.value("tokenLifetimeS").toInt(-1);
        if (c.tokenLifetimeS < 1)
            return fail(file, "tokenLifetimeS", "must be positive");
    }
    const QJsonArray clients = o.value("clients").toArray();
    if (clients.isEmpty())
        return fail(file, "clients", "at least one client (id, role, secret) is required");
    for (int i = 0; i < clients.size(); ++i) {
        const QJsonObject cl = clients.at(i).toObject();
        const QString field = QStringLiteral("clients[%1]").arg(i);
        ClientCredential cc;
        cc.id = cl.value("id").toString();
        if (cc.id.isEmpty())
            return fail(file, field + ".id", "is required");
        const QString role = cl.value("role").toString();
        if (role == "vnfm") cc.role = Role::Vnfm;
        else if (role == "oss") cc.role = Role::Oss;
        else return fail(file, field + ".role", QStringLiteral("'%1' is not a role (vnfm, oss)").arg(role));
        cc.secret = cl.value("secret").toString().toUtf8();
        if (cc.secret.size() < 16)
            return fail(file, field + ".secret", "must be at least 16 characters");
        if (c.clients.contains(cc.id))
            return fail(file, field + ".id", QStringLiteral("duplicate client '%1'").arg(cc.id));
        if (cl.contains("callbackHosts") && !cl.value("callbackHosts").isArray())
            return fail(file, field + ".callbackHosts", "must be a list of host names or IP addresses");
        for (const auto &h : cl.value("callbackHosts").toArray())
            cc.callbackHosts << h.toString().toLower();
        c.clients.insert(cc.id, cc);
    }
    const QJsonObject creds = o.value("credentials").toObject();
    for (auto it = creds.begin(); it != creds.end(); ++it) {
        const QJsonObject cr = it.value().toObject();
        PlatformCredential pc;
        pc.name = it.key();
        pc.username = cr.value("username").toString();
        pc.password = cr.value("password").toString();
        pc.privateKeyFile = resolve(file, cr.value("privateKeyFile").toString());
        pc.hostKeySha256 = cr.value("hostKeySha256").toString();
        pc.knownHostsFile = resolve(file, cr.value("knownHostsFile").toString());
        if (pc.username.isEmpty())
            return fail(file, "credentials." + it.key() + ".username", "is required");
        c.credentials.insert(pc.name, pc);
    }
    return c;
}

} // namespace vines::ems
