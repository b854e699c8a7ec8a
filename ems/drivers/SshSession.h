#pragma once
// A blocking libssh session to one generic-ssh execution platform: connects, verifies the host
// key (a pinned SHA-256 fingerprint or a known_hosts file; unverified hosts are refused),
// authenticates (private key or password), runs commands and transfers files over SFTP.
// Not thread-safe: the owner runs it on one worker thread at a time.
#include "../EmsConfig.h"
#include <QByteArray>
#include <QMutex>
#include <QList>
#include <QString>
#include <atomic>

struct ssh_session_struct;
struct ssh_channel_struct;
struct sftp_session_struct;

namespace vines::ems {

struct SshError {
    QString code;       // unreachable, timeout, host_key_mismatch, host_key_unverified, auth_failed, ssh_error, sftp_error
    QString message;
};

struct RemoteFile {
    QString path;
    QByteArray data;
    int mode = 0644;
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
    // Writes the files over one SFTP channel, creating parent directories.
    bool upload(const QList<RemoteFile> &files, SshError *error);
    bool download(const QString &remotePath, QByteArray *data, SshError *error);
    QString hostKeyFingerprint() const { return m_fingerprint; }
    // How long a connect or a command may take from now on (the link's users take turns).
    void setTimeout(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int connects() const { return m_connects.load(); }   // successful connects so far; safe from any thread

private:
    bool connectOnce(SshError *error);
    bool verifyHostKey(SshError *error);
    bool authenticate(SshError *error);
    bool fail(SshError *error, const QString &code, const QString &message);
    ssh_channel_struct *openChannel(SshError *error);
    void closeChannel(ssh_channel_struct *channel, bool awaitServer);
    sftp_session_struct *openSftp(ssh_channel_struct **channel, SshError *error);
    void closeSftp(sftp_session_struct *sftp, ssh_channel_struct *channel);
    QString target() const;

    QString m_host;
    int m_port;
    PlatformCredential m_cred;
    int m_timeoutMs;
    // Reconnects back off (0.2 s doubling to 10 s) so a platform that refuses connections is not
    // hammered into sshd's MaxStartups; the last failure is reported meanwhile.
    int m_failures = 0;
    std::atomic<int> m_connects{0};
    qint64 m_retryAtMs = 0;
    SshError m_lastFailure;
    ssh_session_struct *m_session = nullptr;
    QString m_fingerprint;
};

// One SSH connection to one VNF's platform, shared by everything the EMS does there (monitoring
// polls and operations take turns on it), so a platform sees one session per VNF, not one per
// purpose. Kept alive by its drivers and by jobs still running after a driver is gone.
struct SshLink {
    SshLink(const QString &host, int port, const PlatformCredential &credential) : session(host, port, credential, 10000) {}
    QMutex mutex;
    SshSession session;
};

} // namespace vines::ems
