#pragma once
// One run of vines-console: which VIM the VNFs run on (the local VIM's guest network, or a
// CloudStack profile), the core opened on the event loop, then either the headless server (the
// northbound API, its log on stdout) or the window, with the demo content when asked.
#include "CommandLine.h"
#include "ConsoleCore.h"
#include <QObject>
#include <memory>

namespace vines {

class ApiServing;
class WindowSession;
namespace api { class ApiTokens; }
namespace cloudstack { class ConnectionProfiles; class SecretStore; }

class ConsoleApp : public QObject {
    Q_OBJECT
public:
    ConsoleApp(CommandLine cl, QString dataDir, api::ApiTokens &tokens, QObject *parent = nullptr);
    ~ConsoleApp() override;
    // Refused at once when the command line cannot be used (nothing started); otherwise the core
    // opens on the event loop and a failure then quits the application with exit code 1.
    Result<> start();
    // Closes the window (as its own Quit does) or ends the headless run.
    void quit();

private:
    Result<> chooseVim(ConsoleCore::Options &o);
    void opened(const Result<> &r);
    void serveHeadless();
    void showWindow();
    void startDemo(QObject *context, std::function<void(const QString &)> report);

    CommandLine m_cl;
    QString m_dataDir;
    api::ApiTokens &m_tokens;
    std::unique_ptr<cloudstack::SecretStore> m_secrets;
    std::unique_ptr<cloudstack::ConnectionProfiles> m_profiles;
    QString m_cloud;          // the profile VNFs run on (empty: the local VIM)
    QString m_cloudWarning;   // a profile that could not be used
    // Destroyed in reverse: the window, then the API, then the core.
    std::unique_ptr<ConsoleCore> m_core;
    std::unique_ptr<ApiServing> m_api;
    std::unique_ptr<WindowSession> m_window;
};

} // namespace vines
