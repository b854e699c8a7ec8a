#pragma once
// The VIM interface the VNFM and NFVO drive. Every call is asynchronous: the callback runs
// later on the caller's event loop, so a slow cloud never blocks the console.
#include <QList>
#include <QMap>
#include "ChainDiversion.h"
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
    QString state;            // Creating, Running, Stopped, Error
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

template <typename T>
struct VimResult {
    bool ok = false;
    T value{};
    QString error;
    static VimResult success(T v) { return {true, std::move(v), {}}; }
    static VimResult failure(QString e) { return {false, T{}, std::move(e)}; }
};

struct Done {};

template <typename T>
using VimCallback = std::function<void(const VimResult<T> &)>;

class Vim : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Vim() override = default;

    virtual QString id() const = 0;            // stable id stored with instances
    virtual QString displayName() const = 0;
    virtual QList<Flavour> flavours() const = 0;

    virtual void createInstance(const CreateSpec &spec, VimCallback<VimInstance> cb) = 0;
    virtual void startInstance(const QString &id, VimCallback<VimInstance> cb) = 0;
    virtual void stopInstance(const QString &id, VimCallback<VimInstance> cb) = 0;
    virtual void rebootInstance(const QString &id, VimCallback<VimInstance> cb) = 0;
    virtual void scaleInstance(const QString &id, const QString &flavour, VimCallback<VimInstance> cb) = 0;
    virtual void destroyInstance(const QString &id, VimCallback<Done> cb) = 0;
    virtual void listInstances(VimCallback<QList<VimInstance>> cb) = 0;

    virtual void allocatePublicAddress(VimCallback<PublicAddress> cb) = 0;
    // Static NAT of the address to the instance; ingress is let in for these ports only (TCP and UDP).
    virtual void associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                        VimCallback<PublicAddress> cb) = 0;
    virtual void releasePublicAddress(const QString &address, VimCallback<Done> cb) = 0;
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
    virtual void divert(const Diversion &d, VimCallback<Done> cb);

    bool hasFlavour(const QString &name) const;
    Flavour flavour(const QString &name) const;

Q_SIGNALS:
    // Raised when an instance changes state behind the caller's back (e.g. its process died).
    void instanceStateChanged(const QString &instanceId, const QString &state, const QString &reason);
};

} // namespace vines
