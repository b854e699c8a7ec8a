#include "LcmKinds.h"
#include "Vnfm.h"
#include "util/JsonFields.h"
#include <QCoreApplication>

namespace vines {

namespace {

using Body = QJsonObject;

// Parameters that are the request itself, once its fields are known.
std::function<Result<QJsonObject>(const Body &)> onlyFields(const QStringList &allowed, const QString &type)
{
    return [allowed, type](const Body &b) -> Result<QJsonObject> {
        if (Result<> r = fields::only(b, allowed, type); !r)
            return r.error();
        return b;
    };
}

Result<QJsonObject> parseInstantiate(const Body &b)
{
    if (Result<> r = fields::only(b, {"flavourId", "instantiationLevelId", "extVirtualLinks", "extManagedVirtualLinks", "vimConnectionInfo",
                                      "localizationLanguage", "additionalParams", "extensions", "vnfConfigurableProperties"},
                                  "InstantiateVnfRequest");
        !r)
        return r.error();
    if (auto f = fields::string(b, "flavourId"); !f)
        return f.error();
    if (auto l = fields::string(b, "instantiationLevelId", false); !l)
        return l.error();
    const Result<QJsonObject> extra = fields::object(b, "additionalParams");
    if (!extra)
        return extra.error();
    // Vines' own parameters: the VIM flavour (compute offering) and NF configuration overrides.
    if (auto c = fields::string(*extra, "computeFlavour", false); !c)
        return Error::invalid(QStringLiteral("field 'additionalParams.computeFlavour' must be a string"));
    if (auto c = fields::object(*extra, "config"); !c)
        return Error::invalid(QStringLiteral("field 'additionalParams.config' must be an object"));
    return b;
}

Result<QJsonObject> parseTerminate(const Body &b)
{
    if (Result<> r = fields::only(b, {"terminationType", "gracefulTerminationTimeout", "additionalParams"}, "TerminateVnfRequest"); !r)
        return r.error();
    if (auto t = fields::oneOf(b, "terminationType", {"FORCEFUL", "GRACEFUL"}, true); !t)
        return t.error();
    if (auto t = fields::positiveInt(b, "gracefulTerminationTimeout", 1); !t)
        return t.error();
    return b;
}

Result<QJsonObject> parseScale(const Body &b)
{
    if (Result<> r = fields::only(b, {"type", "aspectId", "numberOfSteps", "additionalParams"}, "ScaleVnfRequest"); !r)
        return r.error();
    if (auto t = fields::oneOf(b, "type", {"SCALE_OUT", "SCALE_IN"}, true); !t)
        return t.error();
    if (auto a = fields::string(b, "aspectId"); !a)
        return a.error();
    if (auto n = fields::positiveInt(b, "numberOfSteps", 1); !n)
        return n.error();
    return b;
}

Result<QJsonObject> parseOperate(const Body &b)
{
    if (Result<> r = fields::only(b, {"changeStateTo", "stopType", "gracefulStopTimeout", "additionalParams"}, "OperateVnfRequest"); !r)
        return r.error();
    if (auto t = fields::oneOf(b, "changeStateTo", {"STARTED", "STOPPED"}, true); !t)
        return t.error();
    if (auto s = fields::oneOf(b, "stopType", {"FORCEFUL", "GRACEFUL"}, false); !s)
        return s.error();
    return b;
}

Result<QJsonObject> parseChangePackage(const Body &b)
{
    if (Result<> r = fields::only(b, {"vnfdId", "extVirtualLinks", "extManagedVirtualLinks", "vimConnectionInfo", "additionalParams",
                                      "extensions", "vnfConfigurableProperties"},
                                  "ChangeCurrentVnfPkgRequest");
        !r)
        return r.error();
    if (auto v = fields::string(b, "vnfdId"); !v)
        return v.error();
    if (auto a = fields::object(b, "additionalParams"); !a)
        return a.error();
    return b;
}

QString arg(const QStringList &a, int i) { return a.value(i); }

QList<LcmKind> makeKinds()
{
    using S = InstantiationState;
    QList<LcmKind> k;
    LcmKind instantiate{LcmOp::Instantiate, "INSTANTIATE", "INSTANTIATE", "instantiate", QT_TRANSLATE_NOOP("vines::LcmKind", "Instantiate"),
                        "list-add", nullptr, S::NotInstantiated, std::nullopt};
    instantiate.toolbar = false;   // the VNFs view's own "Instantiate…" (a dialog of packages and flavours)
    instantiate.becomes = S::Instantiated;
    instantiate.vnfBecomes = VnfState::Started;
    instantiate.start = [](Vnfm &v, const QString &id, const QJsonObject &req) { return v.instantiateInstance(id, InstantiateRequest::fromSol003(req)); };
    instantiate.requestType = "InstantiateVnfRequest";
    instantiate.parse = parseInstantiate;
    instantiate.cli = "instantiate";
    instantiate.cliArgs = "FLAVOUR [LEVEL]";
    instantiate.cliBody = [](const QStringList &a) -> Result<QJsonObject> {
        if (a.isEmpty())
            return Error::invalid(QStringLiteral("instantiate needs the deployment flavour"));
        QJsonObject b{{"flavourId", arg(a, 0)}};
        if (a.size() > 1)
            b.insert("instantiationLevelId", arg(a, 1));
        return b;
    };
    k << instantiate;

    LcmKind start{LcmOp::Start, "START", "OPERATE", "operate", QT_TRANSLATE_NOOP("vines::LcmKind", "Start"), "media-playback-start",
                  "Ctrl+Shift+S", S::Instantiated, VnfState::Stopped};
    start.needsPlatform = true;
    start.bulk = true;
    start.vnfBecomes = VnfState::Started;
    start.start = [](Vnfm &v, const QString &id, const QJsonObject &) { return v.start(id); };
    start.parse = parseOperate;
    start.requestType = "OperateVnfRequest";
    start.matches = [](const Body &b) { return b.value("changeStateTo").toString() == QLatin1String("STARTED"); };
    start.cli = "start";
    start.cliBody = [](const QStringList &) -> Result<QJsonObject> { return QJsonObject{{"changeStateTo", "STARTED"}}; };
    k << start;

    LcmKind stop{LcmOp::Stop, "STOP", "OPERATE", "operate", QT_TRANSLATE_NOOP("vines::LcmKind", "Stop"), "media-playback-stop",
                 "Ctrl+Shift+X", S::Instantiated, VnfState::Started};
    stop.needsPlatform = true;
    stop.bulk = true;
    stop.confirm = LcmKind::Confirm::WhenItInterruptsAChain;
    stop.vnfBecomes = VnfState::Stopped;
    stop.start = [](Vnfm &v, const QString &id, const QJsonObject &) { return v.stop(id); };
    stop.parse = parseOperate;
    stop.requestType = "OperateVnfRequest";
    stop.matches = [](const Body &b) { return b.value("changeStateTo").toString() == QLatin1String("STOPPED"); };
    stop.cli = "stop";
    stop.cliBody = [](const QStringList &) -> Result<QJsonObject> { return QJsonObject{{"changeStateTo", "STOPPED"}}; };
    k << stop;

    LcmKind restart{LcmOp::Restart, "RESTART", "OPERATE", nullptr, QT_TRANSLATE_NOOP("vines::LcmKind", "Restart"), "view-refresh",
                    "Ctrl+Shift+R", S::Instantiated, VnfState::Started};
    restart.needsPlatform = true;
    restart.bulk = true;
    restart.confirm = LcmKind::Confirm::WhenItInterruptsAChain;
    restart.start = [](Vnfm &v, const QString &id, const QJsonObject &) { return v.restart(id); };
    restart.cli = "restart";
    k << restart;

    LcmKind scale{LcmOp::Scale, "SCALE", "SCALE", "scale", QT_TRANSLATE_NOOP("vines::LcmKind", "Scale"), "zoom-in", nullptr, S::Instantiated,
                  std::nullopt};
    scale.needsPlatform = true;
    scale.onItsVim = true;
    scale.start = [](Vnfm &v, const QString &id, const QJsonObject &req) -> Result<QString> {
        // The window's compute flavour (vertical scaling) is a Vines parameter; SOL003's is by aspect.
        const QString compute = req.value("additionalParams").toObject().value("computeFlavour").toString();
        if (!compute.isEmpty() && !req.contains("aspectId"))
            return v.scale(id, compute);
        return v.scaleAspect(id, req.value("aspectId").toString(),
                             req.value("type").toString() == QLatin1String("SCALE_IN") ? ScaleDirection::In : ScaleDirection::Out,
                             req.value("numberOfSteps").toInt(1));
    };
    scale.requestType = "ScaleVnfRequest";
    scale.parse = parseScale;
    scale.cli = "scale";
    scale.cliArgs = "ASPECT out|in [STEPS]";
    scale.cliBody = [](const QStringList &a) -> Result<QJsonObject> {
        if (a.size() < 2 || (a.at(1) != QLatin1String("out") && a.at(1) != QLatin1String("in")))
            return Error::invalid(QStringLiteral("scale needs an aspect and out or in"));
        return QJsonObject{{"type", a.at(1) == QLatin1String("in") ? "SCALE_IN" : "SCALE_OUT"}, {"aspectId", a.at(0)},
                           {"numberOfSteps", a.size() > 2 ? a.at(2).toInt() : 1}};
    };
    k << scale;

    LcmKind heal{LcmOp::Heal, "HEAL", "HEAL", "heal", QT_TRANSLATE_NOOP("vines::LcmKind", "Heal"), "tools-check-spelling", "Ctrl+Shift+H",
                 S::Instantiated, std::nullopt};
    heal.onItsVim = true;
    heal.bulk = true;
    heal.confirm = LcmKind::Confirm::WhenItInterruptsAChain;
    heal.start = [](Vnfm &v, const QString &id, const QJsonObject &req) { return v.heal(id, req.value("cause").toString()); };
    heal.requestType = "HealVnfRequest";
    heal.parse = [](const Body &b) -> Result<QJsonObject> {
        if (Result<> r = fields::only(b, {"cause", "vnfcInstanceId", "additionalParams", "healScript"}, "HealVnfRequest"); !r)
            return r.error();
        if (auto c = fields::string(b, "cause", false); !c)
            return c.error();
        return b;
    };
    heal.cli = "heal";
    heal.cliBody = [](const QStringList &) -> Result<QJsonObject> { return QJsonObject{{"cause", "vinesctl"}}; };
    k << heal;

    LcmKind configure{LcmOp::Configure, "CONFIGURE", "MODIFY_INFO", nullptr, QT_TRANSLATE_NOOP("vines::LcmKind", "Configure"), "document-edit",
                      nullptr, S::Instantiated, std::nullopt};
    configure.needsPlatform = true;
    configure.toolbar = false;
    configure.start = [](Vnfm &v, const QString &id, const QJsonObject &req) { return v.configure(id, req.value("config").toObject()); };
    k << configure;

    LcmKind rotate{LcmOp::RotateCredentials, "ROTATE_CREDENTIALS", "MODIFY_INFO", nullptr,
                   QT_TRANSLATE_NOOP("vines::LcmKind", "Rotate agent secret"), "dialog-password", nullptr, S::Instantiated, std::nullopt};
    rotate.needsPlatform = true;
    rotate.toolbar = false;
    rotate.confirm = LcmKind::Confirm::Never;
    rotate.start = [](Vnfm &v, const QString &id, const QJsonObject &) { return v.rotateCredentials(id); };
    k << rotate;

    LcmKind change{LcmOp::ChangeVnfpkg, "CHANGE_VNFPKG", "CHANGE_VNFPKG", "change_vnfpkg", QT_TRANSLATE_NOOP("vines::LcmKind", "Change package"),
                   "system-software-update", nullptr, S::Instantiated, std::nullopt};
    change.needsPlatform = true;
    change.onItsVim = true;
    change.confirm = LcmKind::Confirm::Always;
    change.toolbar = false;
    change.start = [](Vnfm &v, const QString &id, const QJsonObject &req) { return v.changePackage(id, req); };
    change.requestType = "ChangeCurrentVnfPkgRequest";
    change.parse = parseChangePackage;
    change.cli = "change-package";
    change.cliArgs = "VNFD_ID";
    change.cliBody = [](const QStringList &a) -> Result<QJsonObject> {
        if (a.isEmpty())
            return Error::invalid(QStringLiteral("change-package needs the VNFD id to move to"));
        return QJsonObject{{"vnfdId", a.at(0)}};
    };
    k << change;

    LcmKind terminate{LcmOp::Terminate, "TERMINATE", "TERMINATE", "terminate", QT_TRANSLATE_NOOP("vines::LcmKind", "Terminate"), "process-stop",
                      "Ctrl+Shift+T", S::Instantiated, std::nullopt};
    terminate.onItsVim = true;
    terminate.bulk = true;
    terminate.confirm = LcmKind::Confirm::Always;
    terminate.becomes = S::NotInstantiated;
    terminate.vnfBecomes = VnfState::Stopped;
    terminate.start = [](Vnfm &v, const QString &id, const QJsonObject &req) { return v.terminate(id, TerminateRequest::fromSol003(req)); };
    terminate.requestType = "TerminateVnfRequest";
    terminate.parse = parseTerminate;
    terminate.cli = "terminate";
    terminate.cliArgs = "[forceful]";
    terminate.cliBody = [](const QStringList &a) -> Result<QJsonObject> {
        return QJsonObject{{"terminationType", a.value(0) == QLatin1String("forceful") ? "FORCEFUL" : "GRACEFUL"}};
    };
    k << terminate;

    LcmKind del{LcmOp::Delete, "DELETE", "", nullptr, QT_TRANSLATE_NOOP("vines::LcmKind", "Delete"), "edit-delete", "Ctrl+Shift+Del",
                S::NotInstantiated, std::nullopt};
    del.bulk = true;
    del.confirm = LcmKind::Confirm::ForSeveral;
    del.start = [](Vnfm &v, const QString &id, const QJsonObject &) -> Result<QString> {
        if (Result<> r = v.deleteInstance(id); !r)
            return r.error();
        return QString();
    };
    k << del;
    return k;
}
} // namespace

QString LcmKind::displayName() const { return QCoreApplication::translate("vines::LcmKind", label); }

const QList<LcmKind> &LcmKinds::all()
{
    static const QList<LcmKind> kinds = makeKinds();
    return kinds;
}

const LcmKind &LcmKinds::get(LcmKind::Op op)
{
    for (const LcmKind &k : all())
        if (k.op == op)
            return k;
    Q_UNREACHABLE();
}

const LcmKind *LcmKinds::byName(const QString &name)
{
    for (const LcmKind &k : all())
        if (name == QLatin1String(k.name))
            return &k;
    return nullptr;
}

const LcmKind *LcmKinds::byCli(const QString &verb)
{
    for (const LcmKind &k : all())
        if (k.cli && verb == QLatin1String(k.cli))
            return &k;
    return nullptr;
}

const LcmKind *LcmKinds::byRoute(const QString &route, const QJsonObject &body)
{
    for (const LcmKind &k : all())
        if (k.route && route == QLatin1String(k.route) && (!k.matches || k.matches(body)))
            return &k;
    return nullptr;
}

QStringList LcmKinds::routes()
{
    QStringList out;
    for (const LcmKind &k : all())
        if (k.route && !out.contains(QLatin1String(k.route)))
            out << QString::fromLatin1(k.route);
    return out;
}

} // namespace vines
