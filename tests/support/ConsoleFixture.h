#pragma once
// Console-level test wiring shared by the suites that run a whole ConsoleCore (real EMS, real
// Leaf processes): options on their own loopback ranges, isolated settings, sample packages.
#include "ConsoleCore.h"
#include "TestSupport.h"
#include "catalog/PackageCatalog.h"
#include <QSettings>
#include <QStandardPaths>

namespace vines::test {

// Options for a console in dataDir whose VNFs use guest addresses guestPrefix.x.y and public
// addresses publicPrefix.x, ending its processes on exit and polling fast.
inline ConsoleCore::Options consoleOptions(const QString &dataDir, const QString &guestPrefix, const QString &publicPrefix, int pollMs = 300)
{
    ConsoleCore::Options o;
    o.dataDir = dataDir;
    o.leafBinary = leafBinary();
    o.emsBinary = emsBinary();
    o.keepVnfsRunning = false;
    o.guestPrefix = guestPrefix;
    o.publicPrefix = publicPrefix;
    o.emsPollIntervalMs = pollMs;
    return o;
}

// Keeps a GUI test's QSettings (window layout) out of the user's.
inline void isolateSettings(const QString &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

// Onboards built sample packages; returns product name -> package record (empty map on failure, with *error).
inline QHash<QString, PackageRecord> onboardSamples(ConsoleCore &core, const QStringList &names, QString *error)
{
    QHash<QString, PackageRecord> out;
    for (const QString &name : names) {
        const QString id = core.packages().onboardFile(samplePackage(name), error);
        PackageRecord p;
        if (id.isEmpty() || !core.packages().get(id, &p))
            return {};
        out.insert(p.package.vnfd.productName, p);
    }
    return out;
}

} // namespace vines::test
