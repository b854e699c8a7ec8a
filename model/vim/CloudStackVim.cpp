#include "CloudStackVim.h"
#include "cloudstack/CloudStackNames.h"
#include <QJsonArray>

namespace vines {

using cloudstack::Params;
using cloudstack::Result;

CloudStackVim::CloudStackVim(Options o, QObject *parent) : Vim(parent), m_opt(std::move(o)), m_cs(m_opt.endpoint, this)
{
    connect(&m_watch, &QTimer::timeout, this, &CloudStackVim::watch);
}

void CloudStackVim::discover(std::function<void(bool, const QString &)> done)
{
    auto pick = [](const QJsonArray &items, const QString &want, const QString &kind, QString *id, QString *error) {
        for (const auto &v : items) {
            const QJsonObject o = v.toObject();
            if (want.isEmpty() || o.value("id").toString() == want || o.value("name").toString() == want) {
                *id = o.value("id").toString();
                return true;
            }
        }
        *error = want.isEmpty() ? QStringLiteral("the cloud has no %1").arg(kind) : QStringLiteral("no %1 named '%2'").arg(kind, want);
        return false;
    };
    auto fail = [this, done](const QString &e) {
        m_discoverError = e;
        done(false, e);
        for (auto &w : std::exchange(m_waiting, {}))
            w.second(e);
    };
    m_cs.listAll("listZones", {}, "zone", [=, this](const Result &z) {
        QString e;
        if (!z.ok) return fail(z.error);
        if (!pick(z.body.value("zone").toArray(), m_opt.zone, "zone", &m_zoneId, &e)) return fail(e);
        m_cs.listAll("listTemplates", {{"templatefilter", "executable"}, {"zoneid", m_zoneId}}, "template", [=, this](const Result &t) {
            QString e2;
            if (!t.ok) return fail(t.error);
            if (!pick(t.body.value("template").toArray(), m_opt.templateName, "template", &m_templateId, &e2)) return fail(e2);
            m_cs.listAll("listServiceOfferings", {}, "serviceoffering", [=, this](const Result &s) {
                if (!s.ok) return fail(s.error);
                m_flavours.clear();
                m_offerings.clear();
                for (const auto &v : s.body.value("serviceoffering").toArray()) {
                    const QJsonObject o = v.toObject();
                    m_flavours << Flavour{o.value("name").toString(), o.value("cpunumber").toInt(1), o.value("memory").toInt(256)};
                    m_offerings.insert(o.value("name").toString(), o.value("id").toString());
                }
                std::sort(m_flavours.begin(), m_flavours.end(), [](const Flavour &a, const Flavour &b) {
                    return a.cpus != b.cpus ? a.cpus < b.cpus : a.memoryMb < b.memoryMb;
                });
                m_cs.listAll("listNetworks", {{"zoneid", m_zoneId}}, "network", [=, this](const Result &n) {
                    QString e3;
                    if (!n.ok) return fail(n.error);
                    if (!pick(n.body.value("network").toArray(), m_opt.network, "guest network", &m_networkId, &e3)) return fail(e3);
                    readAccount([=, this]() {
                    m_discovered = true;
                    m_discoverError.clear();
                    m_watch.start(m_opt.watchIntervalMs);
                    done(true, {});
                    for (auto &w : std::exchange(m_waiting, {}))
                        w.first();
                    });
                });
            });
        });
    });
}

void CloudStackVim::readAccount(std::function<void()> next)
{
    cloudstack::readCloudAccount(m_cs, [this, next](const CloudAccount &a) {
        m_account = a;
        next();
    });
}

void CloudStackVim::whenReady(std::function<void()> fn, std::function<void(const QString &)> fail)
{
    if (m_discovered)
        return fn();
    m_waiting.append({std::move(fn), std::move(fail)});
    if (m_waiting.size() == 1)
        discover([](bool, const QString &) {});
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
    i.state = st == QLatin1String("Running") ? "Running" : st == QLatin1String("Stopped") ? "Stopped"
            : (st == QLatin1String("Starting") || st == QLatin1String("Creating")) ? "Creating" : st;
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

void CloudStackVim::createInstance(const CreateSpec &spec, VimCallback<VimInstance> cb)
{
    whenReady([this, spec, cb]() {
        const QString offering = offeringFor(spec.flavour);
        if (offering.isEmpty())
            return cb(VimResult<VimInstance>::failure(QStringLiteral("%1 has no service offering '%2'").arg(displayName(), spec.flavour)));
        // A host name CloudStack accepts and no other VM in the network has; the operator's name as display name.
        const QString unique = spec.tags.value("vines.instance", spec.name).left(8);
        const QString name = cloudstack::hostName(spec.name, unique + QString::number(++m_deploys, 36));
        Params deploy{{"zoneid", m_zoneId}, {"templateid", m_templateId}, {"serviceofferingid", offering},
                      {"networkids", m_networkId}, {"name", name}, {"displayname", spec.name}};
        if (!spec.userData.isEmpty())   // base64, as DeployVMCmd takes it; the guest reads it from the VR's metadata service
            deploy << qMakePair(QStringLiteral("userdata"), QString::fromLatin1(spec.userData.toBase64()));
        m_cs.callAsync("deployVirtualMachine", deploy,
                       [this, spec, cb](const Result &r) {
            if (!r.ok) {
                if (!r.body.value("id").toString().isEmpty())   // the failed VM exists (state Error): expunge it
                    m_cs.callAsync("destroyVirtualMachine", destroyParams(r.body.value("id").toString()), [](const Result &) {});
                return cb(VimResult<VimInstance>::failure(r.error));
            }
            VimInstance vm = toInstance(r.body.value("virtualmachine").toObject());
            Params tags{{"resourceids", vm.id}, {"resourcetype", "UserVm"}};
            int i = 0;
            QMap<QString, QString> all = spec.tags;
            all.insert("vines.managed", "true");
            for (auto it = all.begin(); it != all.end(); ++it, ++i)
                tags << qMakePair(QStringLiteral("tags[%1].key").arg(i), it.key()) << qMakePair(QStringLiteral("tags[%1].value").arg(i), it.value());
            m_cs.callAsync("createTags", tags, [this, vm, all, cb](const Result &t) {
                if (!t.ok) {   // an untagged VM could leak: take it away again
                    m_cs.callAsync("destroyVirtualMachine", destroyParams(vm.id), [](const Result &) {});
                    return cb(VimResult<VimInstance>::failure(t.error));
                }
                VimInstance out = vm;
                out.tags = all;
                m_states.insert(vm.id, out.state);
                cb(VimResult<VimInstance>::success(out));
            });
        });
    }, [cb](const QString &e) { cb(VimResult<VimInstance>::failure(e)); });
}

void CloudStackVim::vmAction(const QString &command, const QString &id, const Params &extra, VimCallback<VimInstance> cb)
{
    whenReady([this, command, id, extra, cb]() {
        Params p{{"id", id}};
        p += extra;
        m_cs.callAsync(command, p, [this, cb](const Result &r) {
            if (!r.ok)
                return cb(VimResult<VimInstance>::failure(r.error));
            const VimInstance vm = toInstance(r.body.value("virtualmachine").toObject());
            m_states.insert(vm.id, vm.state);
            cb(VimResult<VimInstance>::success(vm));
        });
    }, [cb](const QString &e) { cb(VimResult<VimInstance>::failure(e)); });
}

void CloudStackVim::startInstance(const QString &id, VimCallback<VimInstance> cb) { vmAction("startVirtualMachine", id, {}, cb); }
void CloudStackVim::stopInstance(const QString &id, VimCallback<VimInstance> cb) { vmAction("stopVirtualMachine", id, {{"forced", "true"}}, cb); }
void CloudStackVim::rebootInstance(const QString &id, VimCallback<VimInstance> cb) { vmAction("rebootVirtualMachine", id, {}, cb); }

void CloudStackVim::scaleInstance(const QString &id, const QString &flavour, VimCallback<VimInstance> cb)
{
    whenReady([this, id, flavour, cb]() {
        const QString offering = offeringFor(flavour);
        if (offering.isEmpty())
            return cb(VimResult<VimInstance>::failure(QStringLiteral("%1 has no service offering '%2'").arg(displayName(), flavour)));
        // Live scaling first; clouds without it get stop, change offering, start.
        vmAction("scaleVirtualMachine", id, {{"serviceofferingid", offering}}, [this, id, offering, cb](const VimResult<VimInstance> &r) {
            if (r.ok)
                return cb(r);
            stopInstance(id, [this, id, offering, cb](const VimResult<VimInstance> &s) {
                if (!s.ok)
                    return cb(s);
                m_cs.call("changeServiceForVirtualMachine", {{"id", id}, {"serviceofferingid", offering}}, [this, id, cb](const Result &c) {
                    if (!c.ok)
                        return cb(VimResult<VimInstance>::failure(c.error));
                    startInstance(id, cb);
                });
            });
        });
    }, [cb](const QString &e) { cb(VimResult<VimInstance>::failure(e)); });
}

void CloudStackVim::destroyInstance(const QString &id, VimCallback<Done> cb)
{
    whenReady([this, id, cb]() {
        m_cs.callAsync("destroyVirtualMachine", destroyParams(id), [this, id, cb](const Result &r) {
            if (!r.ok)
                return cb(VimResult<Done>::failure(r.error));
            m_states.remove(id);
            cb(VimResult<Done>::success({}));
        });
    }, [cb](const QString &e) { cb(VimResult<Done>::failure(e)); });
}

void CloudStackVim::listInstances(VimCallback<QList<VimInstance>> cb)
{
    whenReady([this, cb]() {
        m_cs.listAll("listVirtualMachines", {{"tags[0].key", "vines.managed"}, {"tags[0].value", "true"}}, "virtualmachine", [this, cb](const Result &r) {
            if (!r.ok)
                return cb(VimResult<QList<VimInstance>>::failure(r.error));
            QList<VimInstance> out;
            for (const auto &v : r.body.value("virtualmachine").toArray())
                out << toInstance(v.toObject());
            cb(VimResult<QList<VimInstance>>::success(out));
        });
    }, [cb](const QString &e) { cb(VimResult<QList<VimInstance>>::failure(e)); });
}

void CloudStackVim::watch()
{
    listInstances([this](const VimResult<QList<VimInstance>> &r) {
        if (!r.ok)
            return;
        QSet<QString> seen;
        for (const VimInstance &vm : r.value) {
            seen.insert(vm.id);
            const QString before = m_states.value(vm.id);
            if (!before.isEmpty() && before != vm.state && vm.state != QLatin1String("Running"))
                Q_EMIT instanceStateChanged(vm.id, vm.state, QStringLiteral("CloudStack reports the VM %1").arg(vm.state));
            m_states.insert(vm.id, vm.state);
        }
        for (auto it = m_states.begin(); it != m_states.end();) {
            if (!seen.contains(it.key())) {
                Q_EMIT instanceStateChanged(it.key(), "Destroyed", QStringLiteral("the VM no longer exists in CloudStack"));
                it = m_states.erase(it);
            } else {
                ++it;
            }
        }
    });
}

void CloudStackVim::ipId(const QString &address, std::function<void(const QString &, const QString &)> cb)
{
    m_cs.call("listPublicIpAddresses", {{"ipaddress", address}}, [address, cb](const Result &r) {
        if (!r.ok)
            return cb({}, r.error);
        const QJsonArray a = r.body.value("publicipaddress").toArray();
        if (a.isEmpty())
            return cb({}, QStringLiteral("no public IP address %1 in CloudStack").arg(address));
        cb(a.first().toObject().value("id").toString(), {});
    });
}

void CloudStackVim::allocatePublicAddress(VimCallback<PublicAddress> cb)
{
    whenReady([this, cb]() {
        m_cs.callAsync("associateIpAddress", {{"networkid", m_networkId}}, [this, cb](const Result &r) {
            if (!r.ok)
                return cb(VimResult<PublicAddress>::failure(r.error));
            const QJsonObject ip = r.body.value("ipaddress").toObject();
            // Tagged, so a console that crashes before recording it finds and releases it later.
            Params tags{{"resourceids", ip.value("id").toString()}, {"resourcetype", "PublicIpAddress"},
                        {"tags[0].key", "vines.managed"}, {"tags[0].value", "true"}};
            if (!m_opt.consoleId.isEmpty())
                tags << qMakePair(QStringLiteral("tags[1].key"), QStringLiteral("vines.console")) << qMakePair(QStringLiteral("tags[1].value"), m_opt.consoleId);
            m_cs.callAsync("createTags", tags, [this, ip, cb](const Result &t) {
                if (!t.ok) {
                    m_cs.callAsync("disassociateIpAddress", {{"id", ip.value("id").toString()}}, [](const Result &) {});
                    return cb(VimResult<PublicAddress>::failure(t.error));
                }
                cb(VimResult<PublicAddress>::success({ip.value("ipaddress").toString(), {}, true}));
            });
        });
    }, [cb](const QString &e) { cb(VimResult<PublicAddress>::failure(e)); });
}

void CloudStackVim::associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                           VimCallback<PublicAddress> cb)
{
    ipId(address, [this, address, instanceId, openPorts, cb](const QString &ip, const QString &error) {
        if (ip.isEmpty())
            return cb(VimResult<PublicAddress>::failure(error));
        auto enable = [this, ip, address, instanceId, openPorts, cb]() {
            m_cs.call("enableStaticNat", {{"ipaddressid", ip}, {"virtualmachineid", instanceId}}, [this, ip, address, instanceId, openPorts, cb](const Result &r) {
                if (!r.ok)
                    return cb(VimResult<PublicAddress>::failure(r.error));
                // Isolated networks drop ingress until a firewall rule lets it in: only the service's ports,
                // never the agent's management port (a rule already there, 537, is fine).
                QList<std::pair<QString, Params>> rules;
                for (const quint16 port : openPorts)
                    for (const char *protocol : {"tcp", "udp"})
                        rules.append({QStringLiteral("createFirewallRule"),
                                      Params{{"ipaddressid", ip}, {"protocol", QLatin1String(protocol)}, {"startport", QString::number(port)},
                                             {"endport", QString::number(port)}, {"cidrlist", "0.0.0.0/0"}}});
                callAllAsync(rules, [address, instanceId, cb](const VimResult<Done> &f) {
                    f.ok ? cb(VimResult<PublicAddress>::success({address, instanceId})) : cb(VimResult<PublicAddress>::failure(f.error));
                }, {537});
            });
        };
        // Moving the address to another VM: static NAT must be released first.
        m_cs.call("listPublicIpAddresses", {{"id", ip}}, [this, ip, enable](const Result &l) {
            const QJsonObject cur = l.body.value("publicipaddress").toArray().first().toObject();
            if (!cur.value("isstaticnat").toBool())
                return enable();
            m_cs.callAsync("disableStaticNat", {{"ipaddressid", ip}}, [enable](const Result &) { enable(); });
        });
    });
}

void CloudStackVim::releasePublicAddress(const QString &address, VimCallback<Done> cb)
{
    ipId(address, [this, cb](const QString &ip, const QString &error) {
        if (ip.isEmpty())
            return cb(VimResult<Done>::failure(error));
        m_cs.callAsync("disassociateIpAddress", {{"id", ip}}, [cb](const Result &r) {
            r.ok ? cb(VimResult<Done>::success({})) : cb(VimResult<Done>::failure(r.error));
        });
    });
}

void CloudStackVim::listPublicAddresses(VimCallback<QList<PublicAddress>> cb)
{
    m_cs.listAll("listPublicIpAddresses", {}, "publicipaddress", [this, cb](const Result &r) {
        if (!r.ok)
            return cb(VimResult<QList<PublicAddress>>::failure(r.error));
        QList<PublicAddress> out;
        for (const auto &v : r.body.value("publicipaddress").toArray()) {
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
        cb(VimResult<QList<PublicAddress>>::success(out));
    });
}

void CloudStackVim::listNetworks(VimCallback<QList<VimNetwork>> cb)
{
    m_cs.listAll("listNetworks", {}, "network", [cb](const Result &r) {
        if (!r.ok)
            return cb(VimResult<QList<VimNetwork>>::failure(r.error));
        QList<VimNetwork> out;
        for (const auto &v : r.body.value("network").toArray())
            out << VimNetwork{v.toObject().value("id").toString(), v.toObject().value("name").toString(), v.toObject().value("cidr").toString(), "guest"};
        cb(VimResult<QList<VimNetwork>>::success(out));
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
            return cb(VimResult<VimInstance>::failure(
                QStringLiteral("account '%1' (role %2) may not use the virtual router (listRouters is for admin roles); compose chains with "
                               "port forwarding rules instead (Cloud > Clouds…)").arg(m_account.name, m_account.roleType)));
        m_cs.listAll("listRouters", {{"networkid", m_networkId}}, "router", [this, cb](const Result &r) {
            if (!r.ok)
                return cb(VimResult<VimInstance>::failure(r.error));
            const QJsonArray routers = r.body.value("router").toArray();
            for (const auto &v : routers) {   // the router of our guest network (a redundant pair: the primary)
                if (v.toObject().value("redundantstate").toString() != QLatin1String("BACKUP")) {
                    VimInstance vr = toInstance(v.toObject());
                    vr.platformSecret = m_opt.routerSecret;
                    return cb(VimResult<VimInstance>::success(vr));
                }
            }
            cb(VimResult<VimInstance>::failure(QStringLiteral("the guest network has no virtual router")));
        });
    }, [cb](const QString &e) { cb(VimResult<VimInstance>::failure(e)); });
}

void CloudStackVim::callAllAsync(const QList<std::pair<QString, Params>> &calls, VimCallback<Done> cb, const QList<int> &acceptedCodes)
{
    if (calls.isEmpty())
        return cb(VimResult<Done>::success({}));
    auto left = std::make_shared<int>(int(calls.size()));
    auto error = std::make_shared<QString>();
    for (const auto &[command, params] : calls)
        m_cs.callAsync(command, params, [left, error, cb, acceptedCodes](const Result &r) {
            if (!r.ok && error->isEmpty() && !acceptedCodes.contains(r.errorCode))
                *error = r.error;
            if (--*left == 0)
                error->isEmpty() ? cb(VimResult<Done>::success({})) : cb(VimResult<Done>::failure(*error));
        });
}

// Port forwarding on the chain's public address (RulesManagerImpl.createPortForwardingRule): one
// rule per protocol, openfirewall so CloudStack adds the matching ingress firewall rule; a new
// first VNF is updatePortForwardingRule (the rule keeps its id and protocols); removal deletes.
void CloudStackVim::divert(const Diversion &d, VimCallback<Done> cb)
{
    whenReady([this, d, cb]() {
        ipId(d.publicAddress, [this, d, cb](const QString &ip, const QString &error) {
            if (ip.isEmpty())
                return cb(VimResult<Done>::failure(error));
            m_cs.listAll("listPortForwardingRules", {{"ipaddressid", ip}}, "portforwardingrule", [this, d, ip, cb](const Result &l) {
                if (!l.ok)
                    return cb(VimResult<Done>::failure(l.error));
                QList<std::pair<QString, Params>> calls;
                const QString port = QString::number(d.publicPort), privatePort = QString::number(d.privatePort);
                for (const auto &v : l.body.value("portforwardingrule").toArray()) {
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
                callAllAsync(calls, cb);
            });
        });
    }, [cb](const QString &e) { cb(VimResult<Done>::failure(e)); });
}

} // namespace vines
