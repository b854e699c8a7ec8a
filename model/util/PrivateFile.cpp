#include "PrivateFile.h"
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace vines {

bool writePrivateFile(const QString &path, const QByteArray &data, QString *error)
{
    return withPrivateUmask([&]() {
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile f(path);
        if (f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit())
            return true;
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    });
}

} // namespace vines
