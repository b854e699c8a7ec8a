#include "LeafAuth.h"
#include "util/PrivateFile.h"
#include "net/LeafClient.h"
#include "net/RequestSigning.h"
#include <QDir>
#include <QFile>

namespace vines::leaf {


Result<QString> LeafAuth::load(const QString &dataDir, const QString &userDataFile)
{
    m_file = LeafClient::rotatedSecretFile(dataDir);
    QFile rotated(m_file);
    if (rotated.open(QIODevice::ReadOnly)) {
        m_secret = rotated.readAll().trimmed();
        if (m_secret.size() >= MinSecretBytes)
            return QStringLiteral("management API secret from %1").arg(m_file);
    }
    if (!userDataFile.isEmpty()) {
        QFile f(userDataFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error::notFound(QStringLiteral("cannot read user data %1: %2").arg(userDataFile, f.errorString()));
        m_secret = LeafClient::secretFromUserData(f.read(64 * 1024));
        if (m_secret.size() < MinSecretBytes)
            return Error::invalid(QStringLiteral("user data %1 has no VINES_LEAF_SECRET of at least %2 characters").arg(userDataFile).arg(MinSecretBytes));
        return QStringLiteral("management API secret from the instance's user data");
    }
    m_secret = signing::randomToken(32);
    if (Result<> kept = persist(m_secret); !kept)
        return kept.error();
    return QStringLiteral("no secret given: generated one in %1").arg(m_file);
}

Result<> LeafAuth::persist(const QByteArray &secret) const { return writePrivateFile(m_file, secret + '\n'); }

Result<> LeafAuth::rotate(const QByteArray &secret)
{
    if (secret.size() < MinSecretBytes || secret.contains('\n'))
        return Error::invalid(QStringLiteral("the new secret must be at least %1 characters on one line").arg(MinSecretBytes));
    if (Result<> kept = persist(secret); !kept)
        return kept;
    m_secret = secret;
    return {};
}

} // namespace vines::leaf
