#pragma once
// Leaf's REST API (JSON over HTTP):
//   GET    /status                 platform + NF state
//   POST   /nf                     install {name, type, config, files: {path: base64}}
//   DELETE /nf                     uninstall
//   POST   /nf/start|stop|restart  NF lifecycle
//   GET    /nf/config              current configuration
//   PUT    /nf/config              {config: {...}} validated, applied live
//   GET    /metrics                cpu, memory, packets and bytes in/out, drops
//   GET    /logs?lines=N           last N log lines
//   PUT    /credentials            {secret}: rotates the management secret
// Every request must be signed with the platform's secret (LeafAuth); 401 otherwise.
#include "net/JsonHttpServer.h"
#include "net/RequestSigning.h"

namespace vines::leaf {

class NfHost;
class LeafAuth;

class LeafApi : public JsonHttpServer {
    Q_OBJECT
public:
    LeafApi(NfHost &host, LeafAuth &auth, QObject *parent = nullptr);
private:
    NfHost &m_host;
    LeafAuth &m_auth;
    signing::ReplayWindow m_replay;
};

} // namespace vines::leaf
