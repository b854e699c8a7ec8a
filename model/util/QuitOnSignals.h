#pragma once
// Turns SIGTERM and SIGINT into a clean quit of the Qt event loop (the handler only writes a
// byte to a socket pair; the work happens on the event loop), and ignores SIGPIPE. A desktop
// session ending, systemd or Ctrl+C then closes the program as its own Quit would.
#include <functional>

namespace vines {

// Calls onSignal (default: QCoreApplication::quit) on the event loop for each signal received.
// Call once, after the application object exists.
void quitOnSignals(std::function<void(int signal)> onSignal = {});

} // namespace vines
