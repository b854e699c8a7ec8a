#pragma once
// Reads and validates a whole VNF Package: archive guards, TOSCA.meta, manifest digests,
// the VNFD and its artifacts. Pure function of the file: safe to run on a worker thread.
#include "CsarArchive.h"
#include "PackageError.h"
#include "VnfPackage.h"
#include <functional>

namespace vines {

class PackageReader {
public:
    using Progress = std::function<void(int percent, const QString &stage)>;
    // The validated package, or an Invalid error naming file, field and line (Error::location()).
    static Result<VnfPackage> read(const QString &path, const ArchiveLimits &limits = {}, const Progress &progress = {});
    // Same checks on an archive already in memory (throws PackageException).
    static VnfPackage inspect(const CsarArchive &archive, const Progress &progress = {});
};

} // namespace vines
