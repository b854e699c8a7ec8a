#pragma once
// Reads and writes NSDs/VNFFGDs. Every refusal names the file, the field and the YAML line
// (a PackageException, like VNF Package errors). Accepted forms:
//   SOL001 style: a tosca.nodes.nfv.NS node, tosca.nodes.nfv.VNF nodes (descriptor_id), a
//     tosca.nodes.nfv.NFP node whose "forwarding" requirements list the path in order, and a
//     tosca.groups.nfv.VNFFG group whose members are the NFP and the VNFs;
//   legacy Tacker VNFFGD: a tosca.nodes.nfv.FP.TackerV2 (or FP.Tacker) node with properties.path
//     [{forwarder, capability}], grouped by a tosca.groups.nfv.VNFFG with constituent_vnfs.
// Several VNFFGs and paths per descriptor; paths outside any group; a VNF named twice in a row
// (ingress/egress connection points) is one hop; classifiers (Tacker policy.criteria, SOL001
// NfpRule policies), symmetrical and correlation are kept and written back.
#include "NsDescriptor.h"
#include <QByteArray>
#include <yaml-cpp/yaml.h>

namespace vines {

class NsdParser {
public:
    static NsDescriptor parse(const QByteArray &yaml, const QString &fileName);
    static NsDescriptor parseFile(const QString &path);
    static QByteArray toSol001(const NsDescriptor &d);
    static QByteArray toTacker(const NsDescriptor &d);

private:
    static NsDescriptor parseTree(const YAML::Node &root, const QString &fileName);
};

} // namespace vines
