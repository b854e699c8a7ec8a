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
#include "net/JsonHttpServer.h"

namespace vines::leaf {

class NfHost;

class LeafApi : public JsonHttpServer {
    Q_OBJECT
public:
    LeafApi(NfHost &host, QObject *parent = nullptr);
private:
    NfHost &m_host;
};

} // namespace vines::leaf
