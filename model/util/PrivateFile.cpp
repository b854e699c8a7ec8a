#include "PrivateFile.h"
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace vines {

Result<> writePrivateFile(const QString &path, const QByteArray &data)
{
    return withPrivateUmask([&]() -> Result<> {
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile f(path);
        if (f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit())
            return {};
        return Error::exhausted(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    });
}

} // namespace vines
