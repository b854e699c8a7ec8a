#pragma once
// Receive Flow Steering (RFS, Documentation/networking/scaling.rst) for kernel forwarders: the
// kernel forwards each flow on the CPU where the flow's reader last read, instead of on the CPU that
// handed it the packet. In a chain of kernel hops on one machine every hop's forwarding otherwise
// runs inline on the sender's CPU (each veth transmit hands the packet on at once), so the sender
// copies and forwards for the whole chain while the receiver's CPU idles. With RFS the packet
// crosses to the reader's CPU once, at the first hop, and the rest of the chain runs there.
//
// Two settings: the machine-wide table of where sockets read (net.core.rps_sock_flow_entries,
// visible only in the initial network namespace) and a flow table per receive queue of the
// forwarding interface (queues/rx-*/rps_flow_cnt, in the interface's own namespace's sysfs).
#include <QString>

namespace vines {

// Raises net.core.rps_sock_flow_entries to `entries` when it is lower (it is 0 on a fresh machine);
// never lowers it. False when this process cannot see or write it (not the initial namespace, no root).
bool ensureSockFlowTable(int entries = 32768);

// Gives every receive queue of `interfaceName` a flow table of `flows` entries where it has none.
// Counted per interface in this process: the first steer turns it on, the last unsteer turns it off
// (queues it found already steered by someone else are left as they were). False when it cannot.
bool steerFlows(const QString &interfaceName, int flows = 4096);
void unsteerFlows(const QString &interfaceName);

} // namespace vines
