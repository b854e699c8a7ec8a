#include "ConnectionProfiles.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

namespace vines::cloudstack {

SecretStore::SecretStore(const QString &fallbackDir, bool tryKeychain) : m_dir(fallbackDir)
{
    if (!tryKeychain || QStandardPaths::findExecutable("secret-tool").isEmpty())
        return;
    // Usable only if a Secret Service answers: store and read back a probe.
    QProcess p;
    p.start("secret-tool", {"store", "--label=Vines Console probe", "service", "vines-console", "key", "probe"});
    p.write("probe");
    p.closeWriteChannel();
    if (!p.waitForFinished(3000) || p.exitCode() != 0)
        return;
    QProcess l;
    l.start("secret-tool", {"lookup", "service", "vines-console", "key", "probe"});
    m_keychain = l.waitForFinished(3000) && l.exitCode() == 0 && l.readAllStandardOutput() == "probe";
}

QString SecretStore::fallbackPath() const { return QDir(m_dir).filePath("secrets.json"); }

Result<> SecretStore::store(const QString &key, const QByteArray &secret)
{
    if (m_keychain) {
        QProcess p;
        p.start("secret-tool", {"store", "--label=Vines Console: " + key, "service", "vines-console", "key", key});
        p.write(secret);
        p.closeWriteChannel();
        if (p.waitForFinished(5000) && p.exitCode() == 0)
            return {};
        return Error::unavailable(QStringLiteral("the system keychain refused the secret: %1").arg(QString::fromUtf8(p.readAllStandardError()).trimmed()));
    }
    QDir().mkpath(m_dir);
    QFile in(fallbackPath());
    QJsonObject all;
    if (in.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(in.readAll()).object();
    all.insert(key, QString::fromLatin1(secret.toBase64()));
    QSaveFile out(fallbackPath());
    if (!out.open(QIODevice::WriteOnly))
        return Error::exhausted(QStringLiteral("cannot write %1").arg(fallbackPath()));
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    out.write(QJsonDocument(all).toJson());
    if (!out.commit())
        return Error::exhausted(QStringLiteral("cannot write %1").arg(fallbackPath()));
    QFile::setPermissions(fallbackPath(), QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

QByteArray SecretStore::lookup(const QString &key) const
{
    if (m_keychain) {
        QProcess p;
        p.start("secret-tool", {"lookup", "service", "vines-console", "key", key});
        return p.waitForFinished(5000) && p.exitCode() == 0 ? p.readAllStandardOutput() : QByteArray();
    }
    QFile in(fallbackPath());
    if (!in.open(QIODevice::ReadOnly))
        return {};
    return QByteArray::fromBase64(QJsonDocument::fromJson(in.readAll()).object().value(key).toString().toLatin1());
}

void SecretStore::remove(const QString &key)
{
    if (m_keychain) {
        QProcess::execute("secret-tool", {"clear", "service", "vines-console", "key", key});
        return;
    }
    QFile in(fallbackPath());
    if (!in.open(QIODevice::ReadOnly))
        return;
    QJsonObject all = QJsonDocument::fromJson(in.readAll()).object();
    in.close();
    all.remove(key);
    QSaveFile out(fallbackPath());
    if (out.open(QIODevice::WriteOnly)) {
        out.write(QJsonDocument(all).toJson());
        out.commit();
    }
}

ConnectionProfiles::ConnectionProfiles(const QString &file, SecretStore &secrets) : m_file(file), m_secrets(secrets) {}

QList<Profile> ConnectionProfiles::list() const
{
    QFile f(m_file);
    QList<Profile> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const auto &v : QJsonDocument::fromJson(f.readAll()).array()) {
        const QJsonObject o = v.toObject();
        out << Profile{o.value("name").toString(), QUrl(o.value("url").toString()), o.value("apiKey").toString(),
                       o.value("caFile").toString(), o.value("verifyTls").toBool(true), o.value("chains").toString() == QLatin1String("virtual-router")};
    }
    return out;
}

bool ConnectionProfiles::find(const QString &name, Profile *out) const
{
    for (const Profile &p : list())
        if (p.name == name) {
            *out = p;
            return true;
        }
    return false;
}

Result<> ConnectionProfiles::write(const QList<Profile> &all)
{
    QJsonArray a;
    for (const Profile &p : all)   // no secret in here, by design
        a.append(QJsonObject{{"name", p.name}, {"url", p.apiUrl.toString()}, {"apiKey", p.apiKey}, {"caFile", p.caFile}, {"verifyTls", p.verifyTls},
                             {"chains", p.lendRouter ? "virtual-router" : "port-forwarding"}});
    QDir().mkpath(QFileInfo(m_file).path());
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(a).toJson()) < 0 || !f.commit())
        return Error::exhausted(QStringLiteral("cannot write %1").arg(m_file));
    return {};
}

Result<> ConnectionProfiles::save(const Profile &p, const QByteArray &secret)
{
    if (p.name.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("a profile needs a name"));
    if (!p.apiUrl.isValid() || (p.apiUrl.scheme() != QLatin1String("http") && p.apiUrl.scheme() != QLatin1String("https")) || p.apiUrl.host().isEmpty())
        return Error::invalid(QStringLiteral("URL '%1' is not an http(s) URL like https://cloud.example.com/client/api").arg(p.apiUrl.toString()));
    if (p.apiKey.isEmpty())
        return Error::invalid(QStringLiteral("the API key is required"));
    if (secret.isEmpty() && !hasSecret(p.name))
        return Error::invalid(QStringLiteral("the secret key is required"));
    if (!secret.isEmpty())
        if (Result<> stored = m_secrets.store("profile:" + p.name, secret); !stored)
            return stored;
    QList<Profile> all = list();
    all.removeIf([&](const Profile &x) { return x.name == p.name; });
    all << p;
    return write(all);
}

Result<> ConnectionProfiles::remove(const QString &name)
{
    QList<Profile> all = list();
    all.removeIf([&](const Profile &x) { return x.name == name; });
    m_secrets.remove("profile:" + name);
    return write(all);
}

Result<Endpoint> ConnectionProfiles::endpoint(const QString &name) const
{
    Profile p;
    if (!find(name, &p))
        return Error::notFound(QStringLiteral("no cloud profile '%1'").arg(name));
    const QByteArray secret = m_secrets.lookup("profile:" + name);
    if (secret.isEmpty())
        return Error::notFound(QStringLiteral("no secret key stored for cloud profile '%1'").arg(name));
    return Endpoint{p.apiUrl, p.apiKey, secret, p.caFile, p.verifyTls};
}

Result<ConnectionProfiles::CloudMonkey> ConnectionProfiles::importCloudMonkey(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    QList<QPair<QString, QHash<QString, QString>>> sections;
    int lineNo = 0;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';'))
            continue;
        if (line.startsWith('[')) {
            if (!line.endsWith(']'))
                return Error::invalid(QStringLiteral("%1:%2: section header '%3' is not closed").arg(path).arg(lineNo).arg(line)).at({path, {}, lineNo});
            sections.append({line.mid(1, line.size() - 2).trimmed(), {}});
            continue;
        }
        const int eq = line.indexOf('=');
        if (eq <= 0 || sections.isEmpty())
            return Error::invalid(QStringLiteral("%1:%2: expected 'key = value' inside a [section]").arg(path).arg(lineNo)).at({path, {}, lineNo});
        sections.last().second.insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    CloudMonkey out;
    for (const auto &[name, kv] : sections) {
        if (name == QLatin1String("core"))
            continue;
        if (kv.value("url").isEmpty()) {
            out.skipped << QStringLiteral("[%1]: no url").arg(name);
            continue;
        }
        if (kv.value("apikey").isEmpty() || kv.value("secretkey").isEmpty()) {
            out.skipped << QStringLiteral("[%1]: no apikey/secretkey (username/password logins are not supported; generate API keys)").arg(name);
            continue;
        }
        const QString verify = kv.value("verifycert", "true").toLower();
        out.profiles << Imported{Profile{name, QUrl(kv.value("url")), kv.value("apikey"), {}, verify != QLatin1String("false")}, kv.value("secretkey").toUtf8()};
    }
    return out;
}

} // namespace vines::cloudstack
