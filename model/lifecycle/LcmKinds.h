#pragma once
// Every VNF lifecycle operation the console knows, declared once (after Qt Creator's factories
// registered per kind): its name in records and its SOL003 type, the states it needs, how the
// window shows it (label, icon, shortcut, whether it asks first, whether several VNFs may be
// chosen), its task resource in the northbound API with the request it takes, its vinesctl verb,
// and how the VNFM starts it. The VNFM, the API's routes and views, the VNFs view, the designer,
// vinesctl and the translations' source read this table; a new operation is an entry here and
// its handler in the VNFM. An operation's parameters are its SOL003 request body, from whichever
// caller: the API reads it from the request, the window and vinesctl build it.
#include "core/States.h"
#include "util/Result.h"
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace vines {

class Vnfm;

class LcmKind {
    Q_GADGET
public:
    enum class Op {
        Instantiate,
        Start,
        Stop,
        Restart,
        Scale,
        Heal,
        Configure,
        RotateCredentials,
        ChangeVnfpkg,
        Terminate,
        Delete,
    };
    Q_ENUM(Op)

    Op op;
    const char *name;          // in records and the operations log: "START"
    const char *sol003;        // the LcmOperationType its occurrences report: "OPERATE"
    const char *route;         // task resource under /vnf_instances/{id}/ ("operate"); nullptr: none
    const char *label;         // for the window, translated in the "vines::LcmKind" context
    const char *icon;          // freedesktop icon name
    const char *shortcut;      // QKeySequence text; nullptr: none
    InstantiationState needs;  // the instantiation state it runs in
    std::optional<VnfState> needsVnfState;
    bool needsPlatform = false;   // acts on the VNF's VIM instance: refused while it has none
    bool onItsVim = false;        // only on the VIM the VNF was made on (not after switching clouds)
    bool bulk = false;            // may be run on several selected VNFs at once
    // Whether it asks before it runs, wherever it is started (the VNFs view, the designer).
    enum class Confirm { Never, WhenItInterruptsAChain, ForSeveral, Always };
    Confirm confirm = Confirm::Never;
    bool toolbar = true;          // in the VNFs view's toolbar (else in its context menu only)
    // Its effect on the record when it completes (written in one place: Vnfm::settle).
    std::optional<InstantiationState> becomes;
    std::optional<VnfState> vnfBecomes;

    // Starts it on one VNF; the occurrence's id ("" for an operation with no occurrence, Delete).
    std::function<Result<QString>(Vnfm &, const QString &instanceId, const QJsonObject &request)> start;
    // The northbound API: the request type, its fields, and the checks of its body (the 400
    // problem names the field). `matches` picks among kinds sharing a route (operate).
    const char *requestType = nullptr;
    QStringList requestFields;
    std::function<Result<QJsonObject>(const QJsonObject &body)> parse;
    std::function<bool(const QJsonObject &body)> matches;
    // vinesctl: `vnfs <cli> ID <cliArgs>`, the request body made from the arguments after the id.
    const char *cli = nullptr;
    const char *cliArgs = "";
    std::function<Result<QJsonObject>(const QStringList &args)> cliBody;

    QString displayName() const;   // the translated label
};

class LcmKinds {
public:
    static const QList<LcmKind> &all();
    static const LcmKind &get(LcmKind::Op op);
    static const LcmKind *byName(const QString &name);   // "START"; nullptr for another (an NS operation)
    static const LcmKind *byCli(const QString &verb);
    // The kind a request to a task resource is for (operate: started or stopped by its body).
    static const LcmKind *byRoute(const QString &route, const QJsonObject &body);
    static QStringList routes();                          // the distinct task resources
};

using LcmOp = LcmKind::Op;

} // namespace vines
