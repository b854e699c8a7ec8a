#include "LeafAuth.h"
#include "util/PrivateFile.h"
#include "lifecycle/LeafClient.h"
#include "net/RequestSigning.h"
#include <QDir>
#include <QFile>

namespace vines::leaf {


bool LeafAuth::load(const QString &dataDir, const QString &userDataFile, QString *note, QString *error)
{
    m_file = LeafClient::rotatedSecretFile(dataDir);
    QFile rotated(m_file);
    if (rotated.open(QIODevice::ReadOnly)) {
        m_secret = rotated.readAll().trimmed();
        if (m_secret.size() >= MinSecretBytes) {
            *note = QStringLiteral("management API secret from %1").arg(m_file);
            return true;
        }
    }
    if (!userDataFile.isEmpty()) {
        QFile f(userDataFile);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read user data %1: %2").arg(userDataFile, f.errorString());
            return false;
        }
        m_secret = LeafClient::secretFromUserData(f.read(64 * 1024));
        if (m_secret.size() < MinSecretBytes) {
            *error = QStringLiteral("user data %1 has no VINES_LEAF_SECRET of at least %2 characters").arg(userDataFile).arg(MinSecretBytes);
            return false;
        }
        *note = QStringLiteral("management API secret from the instance's user data");
        return true;
    }
    m_secret = signing::randomToken(32);
    if (!persist(m_secret, error))
        return false;
    *note = QStringLiteral("no secret given: generated one in %1").arg(m_file);
    return true;
}

bool LeafAuth::persist(const QByteArray &secret, QString *error) const
{
    return writePrivateFile(m_file, secret + '\n', error);
}

bool LeafAuth::rotate(const QByteArray &secret, QString *error)
{
    if (secret.size() < MinSecretBytes || secret.contains('\n')) {
        *error = QStringLiteral("the new secret must be at least %1 characters on one line").arg(MinSecretBytes);
        return false;
    }
    if (!persist(secret, error))
        return false;
    m_secret = secret;
    return true;
}

} // namespace vines::leaf
