// VnfdParser: a deployment flavour's policies. Scaling aspects, initial and per-aspect VDU deltas
// and instantiation levels are read and checked against each other; other policy types are kept.
#include "PackageError.h"
#include "VnfdParser.h"
#include "YamlAccess.h"

namespace vines {

using yaml::at;
using yaml::str;

namespace {

struct Policy {
    QString name;
    QString type;
    YAML::Node node;
    QString field;
};

QStringList targetsOf(const YAML::Node &p) { return yaml::strings(at(p, "targets")); }

} // namespace

void VnfdParser::parsePolicies(const Doc &d, DeploymentFlavour &f) const
{
    // TOSCA 1.2+: a list of single-entry maps; some older templates use one mapping.
    QList<Policy> policies;
    const YAML::Node list = at(at(d.root, "topology_template"), "policies");
    auto add = [&](const YAML::Node &k, const YAML::Node &v, const QString &field) {
        const QString name = str(k);
        if (!v.IsMap())
            packageFail(d.path, field + name, yamlLine(v), "a policy must be a mapping with a type");
        policies.append({name, str(at(v, "type")), v, field + name});
    };
    if (list.IsSequence()) {
        int i = 0;
        for (const auto &p : list) {
            if (!p.IsMap() || p.size() != 1)
                packageFail(d.path, QStringLiteral("topology_template.policies[%1]").arg(i), yamlLine(p),
                            "each policy must be a single-entry mapping of name to definition");
            for (const auto &kv : p)
                add(kv.first, kv.second, QStringLiteral("topology_template.policies[%1].").arg(i));
            ++i;
        }
    } else if (list.IsMap()) {
        for (const auto &kv : list)
            add(kv.first, kv.second, QStringLiteral("topology_template.policies."));
    } else if (list.IsDefined() && !list.IsNull()) {
        packageFail(d.path, "topology_template.policies", yamlLine(list), "policies must be a list");
    }

    auto number = [&](const Policy &p, const YAML::Node &n, const QString &sub, int min) {
        int v = 0;
        if (!yaml::toInt(n, &v) || v < min || v > 100000)
            packageFail(d.path, p.field + ".properties." + sub, yamlLine(n.IsDefined() ? n : p.node),
                        QStringLiteral("must be a whole number of at least %1 (got '%2')").arg(min).arg(str(n)));
        return v;
    };
    auto checkTargets = [&](const Policy &p) {
        const QStringList targets = targetsOf(p.node);
        if (targets.isEmpty())
            packageFail(d.path, p.field + ".targets", yamlLine(p.node), QStringLiteral("%1 needs targets (VDUs)").arg(p.type));
        for (const QString &t : targets)
            if (!f.vdu(t))
                packageFail(d.path, p.field + ".targets", yamlLine(at(p.node, "targets")),
                            QStringLiteral("target '%1' is not a VDU of flavour %2").arg(t, f.id));
        return targets;
    };

    // Pass 1: aspects and levels (others refer to them).
    for (const Policy &p : std::as_const(policies)) {
        const YAML::Node props = at(p.node, "properties");
        if (p.type == QLatin1String("tosca.policies.nfv.ScalingAspects")) {
            const YAML::Node aspects = at(props, "aspects");
            if (!aspects.IsMap())
                packageFail(d.path, p.field + ".properties.aspects", yamlLine(p.node), "ScalingAspects needs properties.aspects (a mapping)");
            for (const auto &kv : aspects) {
                ScalingAspect a;
                a.id = str(kv.first);
                const QString sub = "aspects." + a.id;
                if (f.aspect(a.id))
                    packageFail(d.path, p.field + ".properties." + sub, yamlLine(kv.second), QStringLiteral("scaling aspect %1 declared twice").arg(a.id));
                a.name = str(at(kv.second, "name"));
                a.description = str(at(kv.second, "description"));
                a.maxScaleLevel = number(p, at(kv.second, "max_scale_level"), sub + ".max_scale_level", 0);
                const YAML::Node steps = at(kv.second, "step_deltas");
                if (steps.IsSequence())
                    for (const auto &s : steps)
                        a.stepDeltas << str(s);
                f.aspects.append(a);
            }
        } else if (p.type == QLatin1String("tosca.policies.nfv.InstantiationLevels")) {
            const YAML::Node levels = at(props, "levels");
            if (!levels.IsMap() || levels.size() == 0)
                packageFail(d.path, p.field + ".properties.levels", yamlLine(p.node), "InstantiationLevels needs properties.levels (a non-empty mapping)");
            for (const auto &kv : levels) {
                InstantiationLevel l;
                l.id = str(kv.first);
                l.description = str(at(kv.second, "description"));
                const YAML::Node info = at(kv.second, "scale_info");
                if (info.IsMap())
                    for (const auto &s : info)
                        l.scaleLevels.insert(str(s.first), number(p, at(s.second, "scale_level"),
                                                                  QStringLiteral("levels.%1.scale_info.%2.scale_level").arg(l.id, str(s.first)), 0));
                f.levels.append(l);
            }
            f.defaultLevel = str(at(props, "default_level"));
        }
    }
    for (const Policy &p : std::as_const(policies)) {
        if (p.type != QLatin1String("tosca.policies.nfv.InstantiationLevels"))
            continue;
        const YAML::Node props = at(p.node, "properties");
        if (!f.defaultLevel.isEmpty() && !f.level(f.defaultLevel))
            packageFail(d.path, p.field + ".properties.default_level", yamlLine(at(props, "default_level")),
                        QStringLiteral("default_level '%1' is not one of the levels").arg(f.defaultLevel));
        for (const InstantiationLevel &l : std::as_const(f.levels))
            for (auto it = l.scaleLevels.begin(); it != l.scaleLevels.end(); ++it) {
                const QString field = QStringLiteral("%1.properties.levels.%2.scale_info.%3").arg(p.field, l.id, it.key());
                const ScalingAspect *a = f.aspect(it.key());
                if (!a)
                    packageFail(d.path, field, yamlLine(at(at(at(props, "levels"), l.id), "scale_info")),
                                QStringLiteral("instantiation level %1 names scaling aspect '%2', which is not declared").arg(l.id, it.key()));
                if (it.value() > a->maxScaleLevel)
                    packageFail(d.path, field + ".scale_level", yamlLine(at(at(at(props, "levels"), l.id), "scale_info")),
                                QStringLiteral("instantiation level %1 puts aspect %2 at scale level %3, above its max_scale_level %4")
                                    .arg(l.id, it.key()).arg(it.value()).arg(a->maxScaleLevel));
            }
    }

    // Pass 2: per-VDU policies.
    for (const Policy &p : std::as_const(policies)) {
        const YAML::Node props = at(p.node, "properties");
        if (p.type == QLatin1String("tosca.policies.nfv.VduInitialDelta")) {
            const int n = number(p, at(at(props, "initial_delta"), "number_of_instances"), "initial_delta.number_of_instances", 0);
            for (const QString &t : checkTargets(p))
                for (Vdu &v : f.vdus)
                    if (v.nodeName == t)
                        v.initialInstances = n;
        } else if (p.type == QLatin1String("tosca.policies.nfv.VduScalingAspectDeltas")) {
            const QString aspectId = str(at(props, "aspect"));
            ScalingAspect *a = f.aspect(aspectId);
            if (!a)
                packageFail(d.path, p.field + ".properties.aspect", yamlLine(at(props, "aspect").IsDefined() ? at(props, "aspect") : p.node),
                            QStringLiteral("scaling aspect '%1' is not declared in a ScalingAspects policy of flavour %2").arg(aspectId, f.id));
            const YAML::Node deltas = at(props, "deltas");
            if (!deltas.IsMap())
                packageFail(d.path, p.field + ".properties.deltas", yamlLine(p.node), "VduScalingAspectDeltas needs properties.deltas (a mapping)");
            const QStringList targets = checkTargets(p);
            for (const auto &kv : deltas) {
                const QString delta = str(kv.first);
                const int n = number(p, at(kv.second, "number_of_instances"), "deltas." + delta + ".number_of_instances", 0);
                for (const QString &t : targets)
                    a->vduDeltas[t].insert(delta, n);
            }
            if (a->stepDeltas.isEmpty())   // SOL001: absent step_deltas means one uniform delta
                a->stepDeltas << a->vduDeltas.value(targets.value(0)).keys().value(0);
        } else if (p.type == QLatin1String("tosca.policies.nfv.VduInstantiationLevels")) {
            const YAML::Node levels = at(props, "levels");
            if (!levels.IsMap())
                packageFail(d.path, p.field + ".properties.levels", yamlLine(p.node), "VduInstantiationLevels needs properties.levels (a mapping)");
            const QStringList targets = checkTargets(p);
            for (const auto &kv : levels) {
                const QString levelId = str(kv.first);
                const QString field = p.field + ".properties.levels." + levelId;
                InstantiationLevel *l = f.level(levelId);
                if (!l)
                    packageFail(d.path, field, yamlLine(kv.second),
                                QStringLiteral("invalid instantiation level '%1': flavour %2 declares %3").arg(levelId, f.id,
                                    f.levels.isEmpty() ? QStringLiteral("no InstantiationLevels") : [&] {
                                        QStringList ids;
                                        for (const InstantiationLevel &x : f.levels) ids << x.id;
                                        return ids.join(", ");
                                    }()));
                const int n = number(p, at(kv.second, "number_of_instances"), "levels." + levelId + ".number_of_instances", 0);
                // Counts outside a VDU's vdu_profile occur in valid packages (Tacker accepts them);
                // instantiation and scaling keep within the profile.
                for (const QString &t : targets) {
                    l->vduInstances.insert(t, n);
                }
            }
        } else if (p.type != QLatin1String("tosca.policies.nfv.ScalingAspects")
                   && p.type != QLatin1String("tosca.policies.nfv.InstantiationLevels")) {
            f.others.append({p.name, p.type.isEmpty() ? QStringLiteral("(no type)") : p.type, QStringLiteral("policy"), targetsOf(p.node)});
        }
    }
    // An aspect's max_scale_level may promise more instances than a VDU's vdu_profile allows
    // (Tacker's samples do): accepted here, and scaling stops at the profile's maximum.
}

} // namespace vines
