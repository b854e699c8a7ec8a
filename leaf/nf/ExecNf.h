#pragma once
// Runs an executable shipped in the VNF Package (config.command, relative to the NF
// directory) as the network function, with the flavour's memory as its address-space limit.
#include "NetworkFunction.h"
#include <QProcess>

namespace vines::leaf {

class ExecNf : public NetworkFunction {
    Q_OBJECT
public:
    ExecNf(QString nfDir, int memoryMb) : m_dir(std::move(nfDir)), m_memoryMb(memoryMb) {}
    ~ExecNf() override { stop(); }
    Result<> start(const QString &address, const QJsonObject &config) override;
    void stop() override;
    Result<> reconfigure(const QJsonObject &config) override;
    qint64 childPid() const override { return m_proc ? m_proc->processId() : 0; }
private:
    QString m_dir;
    int m_memoryMb;
    QString m_address;
    QProcess *m_proc = nullptr;
    bool m_stopping = false;
};

} // namespace vines::leaf
