#include "ColorScheme.h"
#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QFile>
#include <QPalette>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>

namespace vines::colorscheme {

namespace {
bool g_dark = false;
bool g_watching = false;
QString g_originalStyle;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6), disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x43));
    p.setColor(QPalette::Midlight, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

// The portal's answer: 1 prefers dark, 2 prefers light, 0 no preference; -1 when no portal answers.
int portalScheme()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return -1;
    QDBusMessage m = QDBusMessage::createMethodCall("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                                                    "org.freedesktop.portal.Settings", "Read");
    m << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme");
    const QDBusMessage reply = bus.call(m, QDBus::Block, 500);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return -1;
    QVariant v = reply.arguments().first();
    while (v.canConvert<QDBusVariant>())   // Read wraps the value in variants
        v = v.value<QDBusVariant>().variant();
    bool ok = false;
    const int scheme = v.toInt(&ok);
    return ok ? scheme : -1;
}

class PortalWatcher : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void settingChanged(const QString &ns, const QString &key, const QDBusVariant &)
    {
        if (ns == QLatin1String("org.freedesktop.appearance") && key == QLatin1String("color-scheme") && saved() == Choice::System)
            apply(Choice::System);
    }
};
} // namespace

Choice saved()
{
    const QString v = QSettings().value("ui/colorScheme", "system").toString();
    return v == QLatin1String("dark") ? Choice::Dark : v == QLatin1String("light") ? Choice::Light : Choice::System;
}

void save(Choice c)
{
    QSettings().setValue("ui/colorScheme", c == Choice::Dark ? "dark" : c == Choice::Light ? "light" : "system");
}

bool desktopPrefersDark()
{
    const QByteArray forced = qgetenv("VINES_COLOR_SCHEME").toLower();   // for tests and odd desktops
    if (forced == "dark" || forced == "light")
        return forced == "dark";
    if (const int s = portalScheme(); s >= 0)
        return s == 1;
    if (qgetenv("GTK_THEME").toLower().contains(":dark"))
        return true;
    const QString gsettings = QStandardPaths::findExecutable("gsettings");
    if (!gsettings.isEmpty()) {
        QProcess p;
        p.start(gsettings, {"get", "org.gnome.desktop.interface", "color-scheme"});
        if (p.waitForFinished(500) && p.readAllStandardOutput().contains("prefer-dark"))
            return true;
    }
    QFile kde(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + "/kdeglobals");
    if (kde.open(QIODevice::ReadOnly)) {
        const QByteArray all = kde.read(256 * 1024);
        const int at = all.indexOf("ColorScheme=");
        if (at >= 0 && all.mid(at, all.indexOf('\n', at) - at).toLower().contains("dark"))
            return true;
    }
    return false;
}

void apply(Choice c)
{
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (!app)
        return;
    if (g_originalStyle.isEmpty())
        g_originalStyle = app->style()->name();
    const bool wantDark = c == Choice::Dark || (c == Choice::System && desktopPrefersDark());
    if (wantDark) {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(darkPalette());
    } else if (g_dark) {
        QApplication::setStyle(QStyleFactory::create(g_originalStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
    g_dark = wantDark;
    if (c == Choice::System && !g_watching) {
        g_watching = true;
        static PortalWatcher watcher;
        QDBusConnection::sessionBus().connect("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                                              "org.freedesktop.portal.Settings", "SettingChanged", &watcher,
                                              SLOT(settingChanged(QString, QString, QDBusVariant)));
    }
}

bool dark() { return g_dark; }

} // namespace vines::colorscheme

#include "ColorScheme.moc"
