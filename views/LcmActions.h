#pragma once
// Running a VNF lifecycle operation from the window, the same way wherever it is started (the
// VNFs table, the designer's node menu, an alarm): the operation is the table's kind
// (lifecycle/LcmKinds), it runs on every chosen VNF it applies to now, and it asks first, naming
// what it breaks, when its kind says so or when it acts on several VNFs at once. The question
// never blocks the event loop.
#include "ConsoleServices.h"
#include "lifecycle/LcmKinds.h"
#include <QStringList>
#include <functional>

class QWidget;

namespace vines {

// Why the kind cannot run on these VNFs now ("" when it can on at least one): no selection, one
// needed, none of them in a state for it.
QString whyNotOn(ConsoleServices &s, const LcmKind &kind, const QStringList &ids);
// Asks when it must, then starts it on each VNF of `ids` it applies to; `done` gets the refusals.
void runLifecycle(QWidget *parent, ConsoleServices &s, const LcmKind &kind, const QStringList &ids, const QJsonObject &request,
                  std::function<void(const QStringList &errors)> done);

} // namespace vines
