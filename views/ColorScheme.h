#pragma once
// Light or dark, as the desktop prefers (the XDG desktop portal's org.freedesktop.appearance
// color-scheme, then GNOME's gsettings, GTK_THEME, KDE's colour scheme name), or as the operator
// chose in View > Appearance (kept in the settings). Dark is Fusion with a dark palette; charts
// made afterwards take Qt Charts' dark theme. A desktop switching scheme is followed at once.
#include <QObject>

namespace vines::colorscheme {

enum class Choice { System, Light, Dark };

Choice saved();
void save(Choice c);
bool desktopPrefersDark();
// Applies the choice to the application (and watches the desktop when it is System).
void apply(Choice c);
// Whether the dark palette is what is shown now.
bool dark();

} // namespace vines::colorscheme
