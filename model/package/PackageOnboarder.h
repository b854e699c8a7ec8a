#pragma once
// Onboards VNF Packages without blocking the caller's event loop: reading, inflating,
// digest checks and VNFD parsing run on a worker thread; only the final catalog insert runs
// on the caller's thread. Reports progress per file.
#include <QObject>
#include <QSet>

namespace vines {

class PackageCatalog;

class PackageOnboarder : public QObject {
    Q_OBJECT
public:
    explicit PackageOnboarder(PackageCatalog &catalog, QObject *parent = nullptr);
    // packageId: the id the package is to have in the catalog (empty: a new one).
    void onboard(const QString &path, const QString &packageId = {});
    int pending() const { return m_pending.size(); }
    static bool looksLikePackage(const QString &path);

Q_SIGNALS:
    void progress(const QString &path, int percent, const QString &stage);
    void onboarded(const QString &path, const QString &packageId);
    void failed(const QString &path, const QString &error);

private:
    PackageCatalog &m_catalog;
    QSet<QString> m_pending;
};

} // namespace vines
