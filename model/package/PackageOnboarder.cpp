#include "PackageOnboarder.h"
#include "PackageReader.h"
#include "catalog/PackageCatalog.h"
#include "util/Background.h"
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

namespace vines {

PackageOnboarder::PackageOnboarder(PackageCatalog &catalog, QObject *parent) : QObject(parent), m_catalog(catalog) {}

bool PackageOnboarder::looksLikePackage(const QString &path)
{
    const QString s = QFileInfo(path).suffix().toLower();
    return s == QLatin1String("csar") || s == QLatin1String("zip");
}

void PackageOnboarder::onboard(const QString &path, const QString &packageId)
{
    if (m_pending.contains(path)) {
        Q_EMIT failed(path, QStringLiteral("%1 is already being onboarded").arg(QFileInfo(path).fileName()));
        return;
    }
    m_pending.insert(path);
    Q_EMIT progress(path, 0, QStringLiteral("queued"));
    QPointer<PackageOnboarder> self(this);
    auto report = [self, path](int percent, const QString &stage) {
        QMetaObject::invokeMethod(self, [self, path, percent, stage]() {
            if (self) Q_EMIT self->progress(path, percent, stage);
        }, Qt::QueuedConnection);
    };
    inBackground<Result<VnfPackage>>(this, [path, report]() { return PackageReader::read(path, {}, report); },
                                     [this, path, packageId](const Result<VnfPackage> &r) {
        m_pending.remove(path);
        if (!r) {
            Q_EMIT failed(path, r.errorMessage());
            return;
        }
        const Result<QString> id = m_catalog.add(path, *r, packageId);
        if (!id) {
            Q_EMIT failed(path, id.errorMessage());
            return;
        }
        Q_EMIT progress(path, 100, QStringLiteral("onboarded"));
        Q_EMIT onboarded(path, *id);
    });
}

} // namespace vines
