#pragma once
// The console's window as the command line asks for it: the main window, the Cloud and API
// menus (profiles, tokens, serving the API), the tab to open on, and --screenshot.
#include <QObject>
#include <QString>
#include <memory>

class QAction;

namespace vines {

class ApiServing;
class ConsoleCore;
class MainWindow;
struct CommandLine;
namespace api { class ApiTokens; }
namespace cloudstack { class ConnectionProfiles; class SecretStore; }

class WindowSession : public QObject {
    Q_OBJECT
public:
    struct Parts {
        ConsoleCore &core;
        ApiServing &api;
        api::ApiTokens &tokens;
        cloudstack::ConnectionProfiles &profiles;
        cloudstack::SecretStore &secrets;
        QString activeCloud;   // the profile VNFs run on; empty: the local VIM
    };
    WindowSession(Parts parts, const CommandLine &cl);
    ~WindowSession() override;
    MainWindow &window() { return *m_window; }

private:
    void addCloudMenu();
    void addApiMenu();
    void watchApi();
    void showAsAsked(const QString &show);
    void screenshotLater(const QString &file, int delayMs);

    Parts m_parts;
    std::unique_ptr<MainWindow> m_window;
    QAction *m_clouds = nullptr;
    QAction *m_apiAccess = nullptr;
};

} // namespace vines
