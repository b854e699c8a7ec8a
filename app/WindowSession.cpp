#include "WindowSession.h"
#include "ApiAccessDialog.h"
#include "ApiServing.h"
#include "CloudProfilesDialog.h"
#include "CommandLine.h"
#include "ConsoleCore.h"
#include "MainWindow.h"
#include "catalog/NsCatalog.h"
#include "dash/DashboardsView.h"
#include "dash/SfcDashboard.h"
#include "sfc/SfcDesigner.h"
#include <QCoreApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace vines {

WindowSession::WindowSession(Parts parts, const CommandLine &cl)
    : m_parts(std::move(parts)), m_window(std::make_unique<MainWindow>(m_parts.core.services(), m_parts.core.vim().displayName()))
{
    m_window->show();
    addCloudMenu();
    addApiMenu();
    for (const QString &line : m_parts.core.recoveryReport())
        m_window->statusBar()->showMessage(line, 8000);
    if (m_parts.api.serving())
        watchApi();
    showAsAsked(cl.show);
    if (!cl.screenshot.isEmpty())
        screenshotLater(cl.screenshot, cl.screenshotDelayMs);
}

WindowSession::~WindowSession() = default;

void WindowSession::addCloudMenu()
{
    QMenu *menu = m_window->menuBar()->addMenu(tr("&Cloud"));
    m_clouds = menu->addAction(tr("Clouds…"), m_window.get(), [this]() {
        auto *dlg = new CloudProfilesDialog(m_parts.profiles, m_parts.secrets, m_parts.activeCloud, m_window.get());
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        connect(dlg, &CloudProfilesDialog::activate, m_window.get(), [this, dlg](const QString &profile) {
            QSettings().setValue("cloud/active", profile);
            const auto answer = QMessageBox::question(dlg, tr("Switch cloud"),
                tr("VNFs will run on %1 from the next start. Restart the console now?").arg(profile.isEmpty() ? tr("the local VIM") : profile));
            if (answer != QMessageBox::Yes)
                return;
            QStringList args = QCoreApplication::arguments().mid(1);
            args.removeAll("--demo");
            QProcess::startDetached(QCoreApplication::applicationFilePath(), args);
            m_window->close();
        });
        dlg->show();
    });
}

void WindowSession::addApiMenu()
{
    QMenu *menu = m_window->menuBar()->addMenu(tr("&API"));
    m_apiAccess = menu->addAction(tr("Access and tokens…"), m_window.get(), [this]() {
        auto *dlg = new ApiAccessDialog(m_parts.tokens, [this]() { return m_parts.api.baseUrl(); },
                                        [this](bool on) -> Result<> {
            QSettings().setValue("api/serve", on);
            if (!on) {
                m_parts.api.stop();
                return {};
            }
            if (m_parts.api.serving())
                return {};
            Result<> started = m_parts.api.start();
            if (started)
                watchApi();
            return started;
        }, m_window.get());
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->show();
    });
}

// What scripts do through the API shows in the status bar.
void WindowSession::watchApi()
{
    connect(&m_parts.api, &ApiServing::requestServed, m_window.get(),
            [this](const QString &who, const QString &method, const QString &path, int status) {
        if (method != QLatin1String("GET"))
            m_window->statusBar()->showMessage(tr("API (%1): %2 %3 → %4").arg(who.isEmpty() ? tr("no token") : who, method, path).arg(status), 6000);
    }, Qt::UniqueConnection);
}

void WindowSession::showAsAsked(const QString &show)
{
    MainWindow *w = m_window.get();
    NsCatalog &ns = m_parts.core.nsCatalog();
    if (show == QLatin1String("services"))
        w->tabs()->setCurrentIndex(1);
    if (show == QLatin1String("designer")) {
        w->tabs()->setCurrentIndex(2);
        auto openFirst = [w, &ns]() {
            const auto nsds = ns.descriptors();
            if (!nsds.isEmpty())
                w->designer()->loadNsd(nsds.first().id);
        };
        connect(&ns, &NsCatalog::descriptorsChanged, w, openFirst, Qt::SingleShotConnection);
        openFirst();
    }
    if (show == QLatin1String("dashboard")) {
        w->tabs()->setCurrentWidget(w->dashboards());
        auto openFirst = [w, &ns]() {
            for (const NsInstanceRecord &r : ns.instances())
                if (r.instantiated() && w->dashboards()->tabs()->count() == 0) {
                    if (SfcDashboard *d = w->dashboards()->openSfc(r.id))
                        d->startProbes();
                    return;
                }
        };
        connect(&ns, &NsCatalog::instanceChanged, w, openFirst);
        openFirst();
    }
    if (show == QLatin1String("clouds"))
        m_clouds->trigger();
    if (show == QLatin1String("api"))
        m_apiAccess->trigger();
}

void WindowSession::screenshotLater(const QString &file, int delayMs)
{
    QTimer::singleShot(delayMs, m_window.get(), [this, file]() {
        QWidget *dialog = m_window->findChild<CloudProfilesDialog *>();   // --show clouds/api: the dialog is what to look at
        if (!dialog)
            dialog = m_window->findChild<ApiAccessDialog *>();
        (dialog ? dialog : static_cast<QWidget *>(m_window.get()))->grab().save(file);
        m_window->close();
    });
}

} // namespace vines
