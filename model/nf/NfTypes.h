#pragma once
// Every network function type a Leaf platform runs, declared once: its name (a package's
// nf_type), its place in a chain (it forwards to a next hop, terminates the chain, routes a
// public address, or runs a program), whether it may forward in the kernel, and the check of its
// configuration. The package reader and the NFVO ask it (can a package run here, can this VNF sit
// before the last), Leaf checks every configuration with it and makes the NFs (leaf/nf/NfFactory:
// one registration in the NF's own file). A new NF type is an entry here and its Leaf class.
#include "util/Result.h"
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>

namespace vines {

class NfType {
    Q_GADGET
public:
    enum class Role {
        Forwards,    // relays what arrives on listen_port to next_hop (may sit anywhere but last)
        Terminates,  // answers the chain's traffic itself (the last VNF)
        Routes,      // the virtual router: public addresses to the chain's first VNF
        Runs,        // a program of the package's own (exec): what it does is the package's
    };
    Q_ENUM(Role)

    QString name;
    Role role = Role::Terminates;
    const char *summary = "";        // one line for the catalog and the designer
    bool kernelPath = false;          // config.data_path: may forward in the kernel (nftables)
    bool echoes = false;              // answers with what it received (a chain's probes check it)
    std::function<Result<>(const QJsonObject &config)> validate;
};

class NfTypes {
public:
    static const QList<NfType> &all();
    static const NfType *find(const QString &name);
    static QStringList names();
    // The configuration's check, naming the field (an unknown type says so).
    static Result<> validate(const QString &type, const QJsonObject &config);
    // Whether a VNF of this type may sit before the last VNF of a chain.
    static bool forwards(const QString &type);

    // Shared by the relaying types' checks.
    static Result<> checkPort(const QJsonObject &config, const char *key, bool required);
    static Result<> checkHostPort(const QJsonObject &config, const char *key);
    // config.data_path of the relaying NFs: "auto" (kernel where the agent may), "kernel" or "splice".
    static Result<> checkDataPath(const QJsonObject &config);
    // config.protocols as a set: sorted, each once; tcp and udp when not given.
    static QStringList protocolsOf(const QJsonValue &protocols);
};

} // namespace vines
