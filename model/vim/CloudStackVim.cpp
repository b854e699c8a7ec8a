#include "CloudStackVim.h"
#include "cloudstack/CloudStackNames.h"
#include <QJsonArray>
#include <QSet>

namespace vines {

using cloudstack::Params;
using cloudstack::Reply;
using task::Done;
using task::Run;
using task::Task;

CloudStackVim::CloudStackVim(Options o, QObject *parent) : Vim(parent), m_opt(std::move(o)), m_cs(m_opt.endpoint, this)
{
    connect(&m_watch, &QTimer::timeout, this, &CloudStackVim::watch);
}

namespace {
// The id of the item named or identified by `want` (empty: the first), or why there is none.
Result<QString> pick(const QJsonArray &items, const QString &want, const QString &kind)
{
    for (const auto &v : items) {
        const QJsonObject o = v.toObject();
        if (want.isEmpty() || o.value("id").toString() == want || o.value("name").toString() == want)
            return o.value("id").toString();
    }
    return Error::notFound(want.isEmpty() ? QStringLiteral("the cloud has no %1").arg(kind) : QStringLiteral("no %1 named '%2'").arg(kind, want));
}
} // namespace

// Discovery as a task tree: each read is a step, a failed one ends it with its error.
void CloudStackVim::discover(std::function<void(const Result<> &)> done)
{
    // A list call whose items are picked by `want` into `*id`.
    auto choose = [this](const QString &command, Params params, const QString &key, const QString &kind, QString want, QString *id) {
        return task::leaf(QStringLiteral("Read the cloud's %1").arg(kind), [this, command, params, key, kind, want, id](const Run &, Done d) {
            m_cs.listAll(command, params, key, [key, kind, want, id, d](const Reply &r) {
                if (!r)
                    return d(r);
                const Result<QString> chosen = pick(r->value(key).toArray(), want, kind);
                if (chosen)
                    *id = *chosen;
                d(chosen);
            });
        });
    };
    Task zones = choose("listZones", {}, "zone", "zone", m_opt.zone, &m_zoneId);
    // These read the zone the step before chose: their parameters are made when they start.
    Task templates = task::leaf(QStringLiteral("Read the zone's templates"), [this, choose](const Run &run, Done d) {
        choose("listTemplates", {{"templatefilter", "executable"}, {"zoneid", m_zoneId}}, "template", "template", m_opt.templateName, &m_templateId)
            .start(run, d);
    });
    Task offerings = task::leaf(QStringLiteral("Read the service offerings"), [this](const Run &, Done d) {
        m_cs.listAll("listServiceOfferings", {}, "serviceoffering", [this, d](const Reply &r) {
            if (!r)
                return d(r);
            m_flavours.clear();
            m_offerings.clear();
            for (const auto &v : r->value("serviceoffering").toArray()) {
                const QJsonObject o = v.toObject();
                m_flavours << Flavour{o.value("name").toString(), o.value("cpunumber").toInt(1), o.value("memory").toInt(256)};
                m_offerings.insert(o.value("name").toString(), o.value("id").toString());
            }
            std::sort(m_flavours.begin(), m_flavours.end(), [](const Flavour &a, const Flavour &b) {
                return a.cpus != b.cpus ? a.cpus < b.cpus : a.memoryMb < b.memoryMb;
            });
            d({});
        });
    });
    Task networks = task::leaf(QStringLiteral("Read the zone's guest networks"), [this, choose](const Run &run, Done d) {
        choose("listNetworks", {{"zoneid", m_zoneId}}, "network", "guest network", m_opt.network, &m_networkId).start(run, d);
    });
    Task account = task::leaf(QStringLiteral("Read the account's role"), [this](const Run &, Done d) {
        cloudstack::readCloudAccount(m_cs, [this, d](const cloudstack::CloudAccount &a) {
            m_account = a;
            d({});
        });
    });
    m_discovering = true;
    task::run(this, task::sequence(QStringLiteral("Discover %1").arg(displayName()), {zones, templates, offerings, networks, account}),
              [this, done](const Result<> &r) {
                  m_discovering = false;
                  m_discovered = r.ok();
                  if (r)
                      m_watch.start(m_opt.watchIntervalMs);
                  done(r);
                  for (auto &w : std::exchange(m_waiting, {}))
                      r ? w.first() : w.second(r.error());
              });
}

void CloudStackVim::whenReady(std::function<void()> fn, std::function<void(const Error &)> fail)
{
    if (m_discovered)
        return fn();
    m_waiting.append({std::move(fn), std::move(fail)});
    if (!m_discovering)
        discover([](const Result<> &) {});
}

QString CloudStackVim::offeringFor(const QString &flavour) const { return m_offerings.value(flavour); }

// destroyVirtualMachine with expunge only where the account may (admins, or any account when the
// cloud sets allow.user.expunge.recover.vm); otherwise the VM is destroyed and the cloud expunges
// it after expunge.delay. Either way it stops, leaves the VNF and releases its resources.
cloudstack::Params CloudStackVim::destroyParams(const QString &id) const
{
    Params p{{"id", id}};
    if (m_account.mayExpunge())
        p << qMakePair(QStringLiteral("expunge"), QStringLiteral("true"));
    return p;
}

VimInstance CloudStackVim::toInstance(const QJsonObject &vm) const
{
    VimInstance i;
    i.id = vm.value("id").toString();
    i.name = vm.value("name").toString();
    const QString st = vm.value("state").toString();
    i.state = st == QLatin1String("Running") ? ServerState::Running
            : st == QLatin1String("Stopped") ? ServerState::Stopped
            : (st == QLatin1String("Starting") || st == QLatin1String("Creating")) ? ServerState::Creating
                                                                                     : ServerState::Error;
    i.flavour = vm.value("serviceofferingname").toString();
    // The NIC on our guest network: a router's nic[0] is often its public NIC, and VMs may have several.
    const QJsonArray nics = vm.value("nic").toArray();
    for (const QString &key : {QStringLiteral("networkid"), QStringLiteral("traffictype")}) {
        for (const auto &n : nics) {
            const QJsonObject nic = n.toObject();
            if (key == QLatin1String("networkid") ? nic.value(key).toString() == m_networkId : nic.value(key).toString() == QLatin1String("Guest")) {
                i.privateAddress = nic.value("ipaddress").toString();
                break;
            }
        }
        if (!i.privateAddress.isEmpty())
            break;
    }
    if (i.privateAddress.isEmpty())
        i.privateAddress = vm.value("guestipaddress").toString();   // routers without nic[]
    if (i.privateAddress.isEmpty() && !nics.isEmpty())
        i.privateAddress = nics.first().toObject().value("ipaddress").toString();
    i.managementPort = m_opt.managementPort;
    for (const auto &t : vm.value("tags").toArray())
        i.tags.insert(t.toObject().value("key").toString(), t.toObject().value("value").toString());
    return i;
}

// A deploy is a CloudStack job, which cannot be called back: cancelled, it is waited for and
// its VM handed to the caller, whose undo destroys it. A VM that fails to be tagged (so could
// not be found again) is destroyed here.
void CloudStackVim::createInstance(const CreateSpec &spec, const CancelToken &, VimCallback<VimInstance> cb)
{
    whenReady([this, spec, cb]() {
        const QString offering = offeringFor(spec.flavour);
        if (offering.isEmpty())
            return cb(Error::unprocessable(QStringLiteral("%1 has no service offering '%2'").arg(displayName(), spec.flavour)));
        // A host name CloudStack accepts and no other VM in the network has; the operator's name as display name.
        const QString unique = spec.tags.value("vines.instance", spec.name).left(8);
        const QString name = cloudstack::hostName(spec.name, unique + QString::number(++m_deploys, 36));
        Params deploy{{"zoneid", m_zoneId}, {"templateid", m_templateId}, {"serviceofferingid", offering},
                      {"networkids", m_networkId}, {"name", name}, {"displayname", spec.name}};
        if (!spec.userData.isEmpty())   // base64, as DeployVMCmd takes it; the guest reads it from the VR's metadata service
            deploy << qMakePair(QStringLiteral("userdata"), QString::fromLatin1(spec.userData.toBase64()));
        m_cs.callAsync("deployVirtualMachine", deploy, [this, spec, cb](const Reply &r) {
            if (!r) {
                if (const QString left = r.error().details().value("id").toString(); !left.isEmpty())   // the failed VM exists (state Error): expunge it
                    m_cs.callAsync("destroyVirtualMachine", destroyParams(left), [](const Reply &) {});
                return cb(r.error());
            }
            VimInstance vm = toInstance(r->value("virtualmachine").toObject());
            Params tags{{"resourceids", vm.id}, {"resourcetype", "UserVm"}};
            int i = 0;
            QMap<QString, QString> all = spec.tags;
            all.insert("vines.managed", "true");
            for (auto it = all.begin(); it != all.end(); ++it, ++i)
                tags << qMakePair(QStringLiteral("tags[%1].key").arg(i), it.key()) << qMakePair(QStringLiteral("tags[%1].value").arg(i), it.value());
            m_cs.callAsync("createTags", tags, [this, vm, all, cb](const Reply &t) {
                if (!t) {   // an untagged VM could leak: take it away again
                    m_cs.callAsync("destroyVirtualMachine", destroyParams(vm.id), [](const Reply &) {});
                    return cb(t.error());
                }
                VimInstance out = vm;
                out.tags = all;
                m_states.insert(vm.id, out.state);
                cb(out);
            });
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::vmAction(const QString &command, const QString &id, const Params &extra, VimCallback<VimInstance> cb)
{
    whenReady([this, command, id, extra, cb]() {
        Params p{{"id", id}};
        p += extra;
        m_cs.callAsync(command, p, [this, cb](const Reply &r) {
            if (!r)
                return cb(r.error());
            const VimInstance vm = toInstance(r->value("virtualmachine").toObject());
            m_states.insert(vm.id, vm.state);
            cb(vm);
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::startInstance(const QString &id, const CancelToken &, VimCallback<VimInstance> cb) { vmAction("startVirtualMachine", id, {}, cb); }
void CloudStackVim::stopInstance(const QString &id, VimCallback<VimInstance> cb) { vmAction("stopVirtualMachine", id, {{"forced", "true"}}, cb); }
void CloudStackVim::rebootInstance(const QString &id, const CancelToken &, VimCallback<VimInstance> cb) { vmAction("rebootVirtualMachine", id, {}, cb); }

void CloudStackVim::scaleInstance(const QString &id, const QString &flavour, const CancelToken &cancel, VimCallback<VimInstance> cb)
{
    whenReady([this, id, flavour, cancel, cb]() {
        const QString offering = offeringFor(flavour);
        if (offering.isEmpty())
            return cb(Error::unprocessable(QStringLiteral("%1 has no service offering '%2'").arg(displayName(), flavour)));
        // Live scaling first; clouds without it get stop, change offering, start.
        vmAction("scaleVirtualMachine", id, {{"serviceofferingid", offering}}, [this, id, offering, cancel, cb](const Result<VimInstance> &r) {
            if (r)
                return cb(r);
            stopInstance(id, [this, id, offering, cancel, cb](const Result<VimInstance> &s) {
                if (!s)
                    return cb(s);
                m_cs.call("changeServiceForVirtualMachine", {{"id", id}, {"serviceofferingid", offering}}, [this, id, cancel, cb](const Reply &c) {
                    if (!c)
                        return cb(c.error());
                    startInstance(id, cancel, cb);
                });
            });
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::destroyInstance(const QString &id, VimCallback<> cb)
{
    whenReady([this, id, cb]() {
        m_cs.callAsync("destroyVirtualMachine", destroyParams(id), [this, id, cb](const Reply &r) {
            if (!r)
                return cb(r.error());
            m_states.remove(id);
            cb({});
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::listInstances(VimCallback<QList<VimInstance>> cb)
{
    whenReady([this, cb]() {
        m_cs.listAll("listVirtualMachines", {{"tags[0].key", "vines.managed"}, {"tags[0].value", "true"}}, "virtualmachine", [this, cb](const Reply &r) {
            if (!r)
                return cb(r.error());
            QList<VimInstance> out;
            for (const auto &v : r->value("virtualmachine").toArray())
                out << toInstance(v.toObject());
            cb(out);
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::watch()
{
    listInstances([this](const Result<QList<VimInstance>> &r) {
        if (!r)
            return;
        QSet<QString> seen;
        for (const VimInstance &vm : *r) {
            seen.insert(vm.id);
            const auto before = m_states.constFind(vm.id);
            if (before != m_states.constEnd() && *before != vm.state && vm.state != ServerState::Running)
                Q_EMIT instanceStateChanged(vm.id, vm.state, QStringLiteral("CloudStack reports the VM %1").arg(text(vm.state)));
            m_states.insert(vm.id, vm.state);
        }
        for (auto it = m_states.begin(); it != m_states.end();) {
            if (!seen.contains(it.key())) {
                Q_EMIT instanceStateChanged(it.key(), ServerState::Error, QStringLiteral("the VM no longer exists in CloudStack"));
                it = m_states.erase(it);
            } else {
                ++it;
            }
        }
    });
}

void CloudStackVim::ipId(const QString &address, std::function<void(const Result<QString> &)> cb)
{
    m_cs.call("listPublicIpAddresses", {{"ipaddress", address}}, [address, cb](const Reply &r) {
        if (!r)
            return cb(r.error());
        const QJsonArray a = r->value("publicipaddress").toArray();
        if (a.isEmpty())
            return cb(Error::notFound(QStringLiteral("no public IP address %1 in CloudStack").arg(address)));
        cb(a.first().toObject().value("id").toString());
    });
}

Task CloudStackVim::callTask(const QString &command, const Params &params, const QList<int> &acceptedCodes)
{
    return task::leaf(command, [this, command, params, acceptedCodes](const Run &, Done d) {
        m_cs.callAsync(command, params, [acceptedCodes, d](const Reply &r) {
            d(r || acceptedCodes.contains(r.error().code()) ? Result<>() : Result<>(r.error()));
        });
    });
}

Task CloudStackVim::callsTask(const QString &name, const QList<std::pair<QString, Params>> &calls, const QList<int> &acceptedCodes)
{
    QList<Task> each;
    for (const auto &[command, params] : calls)
        each << callTask(command, params, acceptedCodes);
    return task::parallel(name, each);
}

void CloudStackVim::allocatePublicAddress(VimCallback<PublicAddress> cb)
{
    whenReady([this, cb]() {
        auto ip = std::make_shared<QJsonObject>();
        // Tagged, so a console that crashes before recording it finds and releases it later; an
        // address that cannot be tagged is released again (the tree's undo).
        Task associate = task::leaf(QStringLiteral("associateIpAddress"), [this, ip](const Run &, Done d) {
            m_cs.callAsync("associateIpAddress", {{"networkid", m_networkId}}, [ip, d](const Reply &r) {
                if (r)
                    *ip = r->value("ipaddress").toObject();
                d(r);
            });
        }, [this, ip](const Run &, Done d) {
            m_cs.callAsync("disassociateIpAddress", {{"id", ip->value("id").toString()}}, [d](const Reply &r) { d(r); });
        });
        Task tag = task::leaf(QStringLiteral("createTags"), [this, ip](const Run &, Done d) {
            Params tags{{"resourceids", ip->value("id").toString()}, {"resourcetype", "PublicIpAddress"},
                        {"tags[0].key", "vines.managed"}, {"tags[0].value", "true"}};
            if (!m_opt.consoleId.isEmpty())
                tags << qMakePair(QStringLiteral("tags[1].key"), QStringLiteral("vines.console")) << qMakePair(QStringLiteral("tags[1].value"), m_opt.consoleId);
            m_cs.callAsync("createTags", tags, [d](const Reply &r) { d(r); });
        });
        task::run(this, task::sequence(QStringLiteral("Allocate a public address"), {associate, tag}), [ip, cb](const Result<> &r) {
            if (!r)
                return cb(r.error());
            cb(PublicAddress{ip->value("ipaddress").toString(), {}, true});
        });
    }, [cb](const Error &e) { cb(e); });
}

void CloudStackVim::associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                           VimCallback<PublicAddress> cb)
{
    ipId(address, [this, address, instanceId, openPorts, cb](const Result<QString> &ipr) {
        if (!ipr)
            return cb(ipr.error());
        const QString ip = *ipr;
        // Moving the address to another VM: static NAT is released first.
        Task release = task::leaf(QStringLiteral("Release the address's static NAT"), [this, ip](const Run &, Done d) {
            m_cs.call("listPublicIpAddresses", {{"id", ip}}, [this, ip, d](const Reply &l) {
                const QJsonObject cur = l.valueOr({}).value("publicipaddress").toArray().first().toObject();
                if (!cur.value("isstaticnat").toBool())
                    return d({});
                m_cs.callAsync("disableStaticNat", {{"ipaddressid", ip}}, [d](const Reply &) { d({}); });
            });
        });
        Task nat = task::leaf(QStringLiteral("enableStaticNat"), [this, ip, instanceId](const Run &, Done d) {
            m_cs.call("enableStaticNat", {{"ipaddressid", ip}, {"virtualmachineid", instanceId}}, [d](const Reply &r) { d(r); });
        });
        // Isolated networks drop ingress until a firewall rule lets it in: only the service's ports,
        // never the agent's management port (a rule already there, 537, is fine).
        QList<std::pair<QString, Params>> rules;
        for (const quint16 port : openPorts)
            for (const char *protocol : {"tcp", "udp"})
                rules.append({QStringLiteral("createFirewallRule"),
                              Params{{"ipaddressid", ip}, {"protocol", QLatin1String(protocol)}, {"startport", QString::number(port)},
                                     {"endport", QString::number(port)}, {"cidrlist", "0.0.0.0/0"}}});
        task::run(this, task::sequence(QStringLiteral("Associate %1").arg(address), {release, nat, callsTask(QStringLiteral("Firewall rules"), rules, {537})}),
                  [address, instanceId, cb](const Result<> &r) {
                      if (!r)
                          return cb(r.error());
                      cb(PublicAddress{address, instanceId});
                  });
    });
}

void CloudStackVim::releasePublicAddress(const QString &address, VimCallback<> cb)
{
    ipId(address, [this, cb](const Result<QString> &ip) {
        if (!ip)
            return cb(ip.error());
        m_cs.callAsync("disassociateIpAddress", {{"id", *ip}}, [cb](const Reply &r) { cb(r); });
    });
}

void CloudStackVim::listPublicAddresses(VimCallback<QList<PublicAddress>> cb)
{
    m_cs.listAll("listPublicIpAddresses", {}, "publicipaddress", [this, cb](const Reply &r) {
        if (!r)
            return cb(r.error());
        QList<PublicAddress> out;
        for (const auto &v : r->value("publicipaddress").toArray()) {
            bool managed = false;
            QString console;
            for (const auto &t : v.toObject().value("tags").toArray()) {
                managed |= t.toObject().value("key").toString() == QLatin1String("vines.managed");
                if (t.toObject().value("key").toString() == QLatin1String("vines.console"))
                    console = t.toObject().value("value").toString();
            }
            managed = managed && (m_opt.consoleId.isEmpty() || console.isEmpty() || console == m_opt.consoleId);   // another console's is not ours
            out << PublicAddress{v.toObject().value("ipaddress").toString(), v.toObject().value("virtualmachineid").toString(), managed};
        }
        cb(out);
    });
}

void CloudStackVim::listNetworks(VimCallback<QList<VimNetwork>> cb)
{
    m_cs.listAll("listNetworks", {}, "network", [cb](const Reply &r) {
        if (!r)
            return cb(r.error());
        QList<VimNetwork> out;
        for (const auto &v : r->value("network").toArray())
            out << VimNetwork{v.toObject().value("id").toString(), v.toObject().value("name").toString(), v.toObject().value("cidr").toString(), "guest"};
        cb(out);
    });
}

QString CloudStackVim::chainDiversionText() const
{
    if (m_opt.chains == ChainDiversion::LentRouter)
        return QStringLiteral("the guest network's virtual router runs the Vines agent and is managed as an internal VNF (admin accounts)");
    return QStringLiteral("CloudStack port forwarding rules on each chain's public address; the network's virtual router implements them");
}

void CloudStackVim::findRouter(VimCallback<VimInstance> cb)
{
    whenReady([this, cb]() {
        if (!m_account.maySeeRouters())
            return cb(Error::forbidden(
                QStringLiteral("account '%1' (role %2) may not use the virtual router (listRouters is for admin roles); compose chains with "
                               "port forwarding rules instead (Cloud > Clouds…)").arg(m_account.name, m_account.roleType)));
        m_cs.listAll("listRouters", {{"networkid", m_networkId}}, "router", [this, cb](const Reply &r) {
            if (!r)
                return cb(r.error());
            for (const auto &v : r->value("router").toArray()) {   // the router of our guest network (a redundant pair: the primary)
                if (v.toObject().value("redundantstate").toString() != QLatin1String("BACKUP")) {
                    VimInstance vr = toInstance(v.toObject());
                    vr.platformSecret = m_opt.routerSecret;
                    return cb(vr);
                }
            }
            cb(Error::notFound(QStringLiteral("the guest network has no virtual router")));
        });
    }, [cb](const Error &e) { cb(e); });
}

// Port forwarding on the chain's public address (RulesManagerImpl.createPortForwardingRule): one
// rule per protocol, openfirewall so CloudStack adds the matching ingress firewall rule; a new
// first VNF is updatePortForwardingRule (the rule keeps its id and protocols); removal deletes.
void CloudStackVim::divert(const Diversion &d, VimCallback<> cb)
{
    whenReady([this, d, cb]() {
        ipId(d.publicAddress, [this, d, cb](const Result<QString> &ipr) {
            if (!ipr)
                return cb(ipr.error());
            const QString ip = *ipr;
            m_cs.listAll("listPortForwardingRules", {{"ipaddressid", ip}}, "portforwardingrule", [this, d, ip, cb](const Reply &l) {
                if (!l)
                    return cb(l.error());
                QList<std::pair<QString, Params>> calls;
                const QString port = QString::number(d.publicPort), privatePort = QString::number(d.privatePort);
                for (const auto &v : l->value("portforwardingrule").toArray()) {
                    const QJsonObject rule = v.toObject();
                    if (rule.value("publicport").toVariant().toInt() != d.publicPort)
                        continue;
                    const QString id = rule.value("id").toString();
                    if (d.instanceId.isEmpty())
                        calls.append({QStringLiteral("deletePortForwardingRule"), Params{{"id", id}}});
                    else
                        calls.append({QStringLiteral("updatePortForwardingRule"), Params{{"id", id}, {"virtualmachineid", d.instanceId},
                                                                                        {"privateport", privatePort}, {"privateendport", privatePort}}});
                }
                if (calls.isEmpty() && !d.instanceId.isEmpty())
                    for (const QString &protocol : d.protocols.isEmpty() ? QStringList{"tcp", "udp"} : d.protocols)
                        calls.append({QStringLiteral("createPortForwardingRule"),
                                      Params{{"ipaddressid", ip}, {"protocol", protocol}, {"publicport", port}, {"publicendport", port},
                                             {"privateport", privatePort}, {"privateendport", privatePort}, {"virtualmachineid", d.instanceId},
                                             {"openfirewall", "true"}}});
                task::run(this, callsTask(QStringLiteral("Port forwarding on %1").arg(d.publicAddress), calls), cb);
            });
        });
    }, [cb](const Error &e) { cb(e); });
}

} // namespace vines
