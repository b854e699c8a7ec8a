#pragma once
#include <QString>

namespace vines {

// How a chain's public traffic reaches its first VNF (the Vines composition: public address on
// the chain, the guest network's router diverts it to VNF 1).
enum class ChainDiversion {
    RouterVnf,      // the NFVO runs a virtual router VNF of its own (Leaf nf_type router)
    LentRouter,     // the VIM lends its network's router, which runs the Leaf agent (CloudStack VR, admin accounts)
    NetworkRules,   // the VIM's own network API programs its router (CloudStack port forwarding, any account)
};
QString chainDiversionName(ChainDiversion d);   // "router-vnf", "lent-router", "network-rules"
ChainDiversion chainDiversionFromName(const QString &name, bool *ok = nullptr);
QString chainDiversionLabel(ChainDiversion d);  // for the operator: "router VNF", "network's router", "port forwarding"


} // namespace vines
