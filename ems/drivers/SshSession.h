#pragma once
// A blocking libssh session to one generic-ssh execution platform: connects, verifies the host
// key (a pinned SHA-256 fingerprint or a known_hosts file; unverified hosts are refused),
// authenticates (private key or password), runs commands and transfers files over SFTP.
// Not thread-safe: the owner runs it on one worker thread at a time.
#include "../EmsConfig.h"
#include <QByteArray>
#include <QString>

struct ssh_session_struct;

namespace vines::ems {

struct SshError {
    QString code;       // unreachable, timeout, host_key_mismatch, host_key_unverified, auth_failed, ssh_error, sftp_error
    QString message;
};

struct CommandResult {
    int exitStatus = -1;
    QByteArray out;
    QByteArray err;
};

class SshSession {
public:
    SshSession(const QString &host, int port, const PlatformCredential &credential, int timeoutMs);
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    bool connect(SshError *error);
    bool connected() const;
    bool exec(const QString &command, CommandResult *result, SshError *error);
    bool upload(const QString &remotePath, const QByteArray &data, int mode, SshError *error);   // creates parent directories
    bool download(const QString &remotePath, QByteArray *data, SshError *error);
    QString hostKeyFingerprint() const { return m_fingerprint; }

private:
    bool connectOnce(SshError *error);
    bool verifyHostKey(SshError *error);
    bool authenticate(SshError *error);
    bool fail(SshError *error, const QString &code, const QString &message);
    QString target() const;

    QString m_host;
    int m_port;
    PlatformCredential m_cred;
    int m_timeoutMs;
    // Reconnects back off (0.2 s doubling to 10 s) so a platform that refuses connections is not
    // hammered into sshd's MaxStartups; the last failure is reported meanwhile.
    int m_failures = 0;
    qint64 m_retryAtMs = 0;
    SshError m_lastFailure;
    ssh_session_struct *m_session = nullptr;
    QString m_fingerprint;
};

} // namespace vines::ems
