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

// Opens a console core and waits until it is ready (or failed).
inline Result<> openCore(ConsoleCore &core, int timeoutMs = 60000)
{
    return awaitDone([&core](std::function<void(const Result<> &)> done) { core.open(std::move(done)); }, timeoutMs);
}

// Onboards built sample packages; returns product name -> package record.
inline Result<QHash<QString, PackageRecord>> onboardSamples(ConsoleCore &core, const QStringList &names)
{
    QHash<QString, PackageRecord> out;
    for (const QString &name : names) {
        const Result<QString> id = core.packages().onboardFile(samplePackage(name));
        if (!id)
            return id.error().prefixed(name);
        PackageRecord p;
        if (!core.packages().get(*id, &p))
            return Error::notFound(QStringLiteral("%1: onboarded as %2 but not in the catalog").arg(name, *id));
        out.insert(p.package.vnfd.productName, p);
    }
    return out;
}

} // namespace vines::test
