#pragma once
// The VIM interface the VNFM and NFVO drive. Every call is asynchronous: the callback runs
// later on the caller's event loop, exactly once, so a slow cloud never blocks the console and
// every request has an answer its owner can act on. Calls that make or boot servers take a
// CancelToken: cancelled, the VIM stops what it can (a queued boot is dropped, a booting agent
// ended and its server removed) and answers Cancelled; what it cannot stop it finishes, and the
// caller undoes what the answer made.
#include <QList>
#include <QMap>
#include "core/ChainDiversion.h"
#include "core/States.h"
#include "task/Cancel.h"
#include "util/Result.h"
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace vines {

struct Flavour {
    QString name;
    int cpus = 1;
    int memoryMb = 256;
};

struct VimInstance {
    QString id;
    QString name;
    ServerState state = ServerState::Creating;
    QString flavour;
    QString privateAddress;   // guest network address
    quint16 managementPort = 0;
    QMap<QString, QString> tags;
    QByteArray platformSecret;   // a lent platform's agent secret, when the VIM knows it (e.g. the VR's)
};

struct VimNetwork {
    QString id;
    QString name;
    QString cidr;
    QString kind;             // guest, public
};

struct PublicAddress {
    QString address;
    QString instanceId;       // associated instance, empty when free
    bool managed = true;      // allocated by Vines (tagged so on clouds that others share)
};

// A VIM network rule sending publicAddress:publicPort to an instance's privatePort.
struct Diversion {
    QString publicAddress;
    int publicPort = 0;
    QString instanceId;       // VIM instance id; empty removes the diversion
    int privatePort = 0;
    QStringList protocols;    // tcp, udp; empty: both (a retarget keeps the existing rules' protocols)
};

struct CreateSpec {
    QString name;
    QString flavour;
    QString image;
    QMap<QString, QString> tags;
    QByteArray userData;      // handed to the instance at boot (CloudStack user data; a file on the local VIM)
};

template <typename T = void>
using VimCallback = std::function<void(const Result<T> &)>;

class Vim : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Vim() override = default;

    virtual QString id() const = 0;            // stable id stored with instances
    virtual QString displayName() const = 0;
    virtual QList<Flavour> flavours() const = 0;

    virtual void createInstance(const CreateSpec &spec, const CancelToken &cancel, VimCallback<VimInstance> cb) = 0;
    virtual void startInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) = 0;
    virtual void stopInstance(const QString &id, VimCallback<VimInstance> cb) = 0;
    virtual void rebootInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) = 0;
    virtual void scaleInstance(const QString &id, const QString &flavour, const CancelToken &cancel, VimCallback<VimInstance> cb) = 0;
    virtual void destroyInstance(const QString &id, VimCallback<> cb) = 0;
    virtual void listInstances(VimCallback<QList<VimInstance>> cb) = 0;

    virtual void allocatePublicAddress(VimCallback<PublicAddress> cb) = 0;
    // Static NAT of the address to the instance; ingress is let in for these ports only (TCP and UDP).
    virtual void associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                        VimCallback<PublicAddress> cb) = 0;
    virtual void releasePublicAddress(const QString &address, VimCallback<> cb) = 0;
    virtual void listPublicAddresses(VimCallback<QList<PublicAddress>> cb) = 0;
    virtual void listNetworks(VimCallback<QList<VimNetwork>> cb) = 0;

    // How chains are composed on this VIM. RouterVnf: the NFVO instantiates its own router VNF.
    // LentRouter: findRouter() gives the network's router, managed as an internal VNF.
    // NetworkRules: divert() programs the VIM's router through its API.
    virtual ChainDiversion chainDiversion() const { return ChainDiversion::RouterVnf; }
    // For the operator: how this VIM diverts chain traffic, in a sentence.
    virtual QString chainDiversionText() const;
    virtual void findRouter(VimCallback<VimInstance> cb);
    // Creates, retargets (instanceId set, rules exist) or removes (instanceId empty) the diversion.
    virtual void divert(const Diversion &d, VimCallback<> cb);

    bool hasFlavour(const QString &name) const;
    Flavour flavour(const QString &name) const;

Q_SIGNALS:
    // Raised when an instance changes state behind the caller's back (e.g. its process died).
    void instanceStateChanged(const QString &instanceId, vines::ServerState state, const QString &reason);
};

} // namespace vines
