#include "LcmActions.h"
#include "Confirm.h"
#include "catalog/InstanceStore.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/NsHealth.h"
#include <QCoreApplication>
#include <QWidget>

namespace vines {

namespace {
QString tr(const char *s, int n = -1) { return QCoreApplication::translate("vines::LcmActions", s, nullptr, n); }

// What stopping or ending a VNF does to the chains it carries traffic for.
bool breaksChains(LcmOp op) { return op == LcmOp::Stop || op == LcmOp::Terminate || op == LcmOp::Restart || op == LcmOp::Heal; }
} // namespace

QString whyNotOn(ConsoleServices &s, const LcmKind &kind, const QStringList &ids)
{
    if (ids.isEmpty())
        return tr("Select a VNF instance");
    if (ids.size() > 1 && !kind.bulk)
        return tr("Select one VNF instance for this");
    if (ids.size() == 1)
        return s.vnfm.whyNot(kind.op, ids.first());
    for (const QString &id : ids)
        if (s.vnfm.mayRun(kind.op, id))
            return {};
    return tr("None of the %n selected VNFs can do this now", int(ids.size()));
}

void runLifecycle(QWidget *parent, ConsoleServices &s, const LcmKind &kind, const QStringList &chosen, const QJsonObject &request,
                  std::function<void(const QStringList &errors)> done)
{
    // Every chosen VNF the operation applies to now; the others are left as they are.
    QStringList ids;
    for (const QString &id : chosen)
        if ((ids.isEmpty() || kind.bulk) && s.vnfm.mayRun(kind.op, id))
            ids << id;
    if (ids.isEmpty())
        return done({});
    auto go = [&s, kind, ids, request, done]() {
        QStringList errors;
        for (const QString &id : ids)
            if (const Result<QString> started = kind.start(s.vnfm, id, request); !started)
                errors << started.errorMessage();
        done(errors);
    };
    QStringList names, impacts;
    const QHash<QString, QString> known = s.instances.names();
    for (const QString &id : ids) {
        names << known.value(id, id);
        const QString impact = breaksChains(kind.op)
            ? chainImpact(id, s.nsCatalog, kind.op == LcmOp::Terminate ? tr("terminate it") : tr("interrupt it"))
            : QString();
        if (!impact.isEmpty())
            impacts << (ids.size() > 1 ? names.last() + ": " + impact : impact);
    }
    // One rule wherever the operation is started: as its kind says (LcmKind::confirm).
    using C = LcmKind::Confirm;
    const bool ask = kind.confirm == C::Always || (kind.confirm == C::ForSeveral && ids.size() > 1)
                     || (kind.confirm == C::WhenItInterruptsAChain && !impacts.isEmpty());
    if (!ask)
        return go();
    const QString who = names.size() == 1 ? names.first() : tr("%n VNFs (%1)", int(names.size())).arg(names.join(QStringLiteral(", ")));
    QString text = kind.op == LcmOp::Terminate ? tr("Terminate %1? Each NF is stopped gracefully, then its VIM instance is destroyed.").arg(who)
                   : kind.op == LcmOp::Delete  ? tr("Delete the records of %1?").arg(who)
                                               : tr("%1 %2?").arg(kind.displayName(), who);
    if (!impacts.isEmpty())
        text += "\n\n" + impacts.join('\n');
    const QString name = QString::fromLatin1(kind.name);
    QString objectName = QStringLiteral("confirm");
    for (const QString &word : name.split('_'))
        objectName += word.left(1) + word.mid(1).toLower();
    askFirst(parent, objectName, kind.displayName(), text, go);
}

} // namespace vines
