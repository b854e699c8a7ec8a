#pragma once
// Raises this process's open-file limit to the most the system allows it (the daemons hold one
// descriptor per monitored platform, or six per relayed TCP connection).
#include <sys/resource.h>

namespace vines {

inline void raiseOpenFileLimit()
{
    struct rlimit rl;
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &rl);
    }
}

} // namespace vines
