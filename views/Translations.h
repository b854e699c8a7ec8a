#pragma once
// The console in the operator's language: Qt's own texts (qtbase) and the console's (vines_<lang>.qm,
// next to the binary in translations/ or installed in share/vines-console/translations), for the
// system locale or the one asked for. English when there is no translation.
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace vines {

// Installs the translators; returns the translation file of the console's texts that was loaded, or "".
QString installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace vines
