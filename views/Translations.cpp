#include "Translations.h"
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace vines {

QString installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString &dir : {bin.filePath(QStringLiteral("translations")), bin.filePath(QStringLiteral("../share/vines-console/translations"))}) {
        auto *own = new QTranslator(&app);
        if (own->load(locale, QStringLiteral("vines"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(own);
            return own->filePath();
        }
        delete own;
    }
    return {};
}

} // namespace vines
