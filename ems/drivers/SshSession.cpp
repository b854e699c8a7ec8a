#include "SshSession.h"
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSet>
#include <QThread>
#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

namespace vines::ems {

SshSession::SshSession(const QString &host, int port, const PlatformCredential &credential, int timeoutMs)
    : m_host(host), m_port(port), m_cred(credential), m_timeoutMs(timeoutMs)
{
}

SshSession::~SshSession()
{
    if (m_session) {
        if (ssh_is_connected(m_session))
            ssh_disconnect(m_session);
        ssh_free(m_session);
    }
}

QString SshSession::target() const { return QStringLiteral("%1@%2:%3").arg(m_cred.username, m_host).arg(m_port); }

bool SshSession::fail(SshError *error, const QString &code, const QString &message)
{
    error->code = code;
    error->message = QStringLiteral("ssh %1: %2").arg(target(), message);
    return false;
}

bool SshSession::connected() const { return m_session && ssh_is_connected(m_session); }

bool SshSession::connect(SshError *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_retryAtMs) {
        *error = m_lastFailure;
        error->message += QStringLiteral(" (next attempt in %1 ms)").arg(m_retryAtMs - now);
        return false;
    }
    SshError attempt;
    if (connectOnce(&attempt)) {
        ++m_connects;
        m_failures = 0;
        m_retryAtMs = 0;
        return true;
    }
    m_lastFailure = attempt;
    m_retryAtMs = QDateTime::currentMSecsSinceEpoch() + qMin<qint64>(10000, qint64(200) << qMin(m_failures, 6));
    ++m_failures;
    *error = attempt;
    return false;
}

bool SshSession::connectOnce(SshError *error)
{
    if (m_session) {
        ssh_free(m_session);
        m_session = nullptr;
    }
    m_session = ssh_new();
    if (!m_session)
        return fail(error, "ssh_error", "cannot allocate a session");
    const QByteArray host = m_host.toUtf8();
    const QByteArray user = m_cred.username.toUtf8();
    unsigned int port = unsigned(m_port);
    long timeoutS = qMax(1, m_timeoutMs / 1000);
    int strict = 0;   // we verify host keys ourselves, with clear errors
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(m_session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT, &timeoutS);
    ssh_options_set(m_session, SSH_OPTIONS_STRICTHOSTKEYCHECK, &strict);
    const QByteArray none = "/dev/null";
    ssh_options_set(m_session, SSH_OPTIONS_SSH_DIR, "/nonexistent-vines-ssh-dir");   // never read ~/.ssh/config
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &strict);
    if (!m_cred.knownHostsFile.isEmpty()) {
        const QByteArray kh = m_cred.knownHostsFile.toUtf8();
        ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, kh.constData());
    } else {
        ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, none.constData());
    }
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, none.constData());
    if (ssh_connect(m_session) != SSH_OK) {
        const QString msg = QString::fromUtf8(ssh_get_error(m_session));
        return fail(error, msg.contains(QLatin1String("imeout")) ? "timeout" : "unreachable", msg);
    }
    return verifyHostKey(error) && authenticate(error);
}

bool SshSession::verifyHostKey(SshError *error)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_session, &key) != SSH_OK)
        return fail(error, "ssh_error", QStringLiteral("no server host key: %1").arg(QString::fromUtf8(ssh_get_error(m_session))));
    unsigned char *hash = nullptr;
    size_t hlen = 0;
    const int rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen);
    ssh_key_free(key);
    if (rc != 0)
        return fail(error, "ssh_error", "cannot hash the server host key");
    char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
    m_fingerprint = QString::fromLatin1(fp);
    ssh_string_free_char(fp);
    ssh_clean_pubkey_hash(&hash);
    if (!m_cred.hostKeySha256.isEmpty()) {
        if (m_fingerprint != m_cred.hostKeySha256.trimmed())
            return fail(error, "host_key_mismatch", QStringLiteral("host key %1 does not match the pinned %2 (possible man-in-the-middle)")
                                                         .arg(m_fingerprint, m_cred.hostKeySha256));
        return true;
    }
    if (!m_cred.knownHostsFile.isEmpty()) {
        switch (ssh_session_is_known_server(m_session)) {
        case SSH_KNOWN_HOSTS_OK: return true;
        case SSH_KNOWN_HOSTS_CHANGED:
        case SSH_KNOWN_HOSTS_OTHER:
            return fail(error, "host_key_mismatch", QStringLiteral("host key %1 differs from %2 (possible man-in-the-middle)").arg(m_fingerprint, m_cred.knownHostsFile));
        default:
            return fail(error, "host_key_unverified", QStringLiteral("host key %1 is not in %2").arg(m_fingerprint, m_cred.knownHostsFile));
        }
    }
    return fail(error, "host_key_unverified",
                QStringLiteral("host key %1 cannot be verified: set hostKeySha256 or knownHostsFile in credentials '%2'").arg(m_fingerprint, m_cred.name));
}

bool SshSession::authenticate(SshError *error)
{
    if (!m_cred.privateKeyFile.isEmpty()) {
        ssh_key key = nullptr;
        const QByteArray path = m_cred.privateKeyFile.toUtf8();
        if (ssh_pki_import_privkey_file(path.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK)
            return fail(error, "auth_failed", QStringLiteral("cannot read private key %1").arg(m_cred.privateKeyFile));
        const int rc = ssh_userauth_publickey(m_session, nullptr, key);
        ssh_key_free(key);
        if (rc == SSH_AUTH_SUCCESS)
            return true;
        if (m_cred.password.isEmpty())
            return fail(error, "auth_failed", QStringLiteral("public key %1 refused").arg(QFileInfo(m_cred.privateKeyFile).fileName()));
    }
    if (!m_cred.password.isEmpty()) {
        const QByteArray pw = m_cred.password.toUtf8();
        if (ssh_userauth_password(m_session, nullptr, pw.constData()) == SSH_AUTH_SUCCESS)
            return true;
        return fail(error, "auth_failed", "password refused");
    }
    return fail(error, "auth_failed", QStringLiteral("credentials '%1' have neither privateKeyFile nor password").arg(m_cred.name));
}

// A session channel is a slot in sshd's MaxSessions (10 by default) until both sides have closed
// it. One is opened only when the server has a slot (a refusal is retried briefly: a slot freed by
// our last close may not be reaped yet), and given back whole: the server's close is awaited before
// ours, so channels are never opened faster than the server ends them. A refused channel is never
// closed: its remote id is not the server's, and a close for it would end another channel.
ssh_channel SshSession::openChannel(SshError *error)
{
    QElapsedTimer t;
    t.start();
    for (int attempt = 0;; ++attempt) {
        ssh_channel ch = ssh_channel_new(m_session);
        if (!ch) {
            fail(error, "ssh_error", "cannot open a channel");
            return nullptr;
        }
        if (ssh_channel_open_session(ch) == SSH_OK)
            return ch;
        const QString why = QString::fromUtf8(ssh_get_error(m_session));
        ssh_channel_free(ch);   // never opened: nothing to close
        if (!connected() || attempt >= 5 || t.elapsed() + (50 << attempt) > m_timeoutMs) {
            fail(error, "ssh_error", QStringLiteral("the platform refused a session channel: %1").arg(why));
            return nullptr;
        }
        QThread::msleep(50 << attempt);
    }
}

void SshSession::closeChannel(ssh_channel ch, bool awaitServer)
{
    if (awaitServer && ssh_channel_is_open(ch)) {
        ssh_channel_send_eof(ch);
        if (ssh_event ev = ssh_event_new()) {
            ssh_event_add_session(ev, m_session);
            QElapsedTimer t;
            t.start();
            while (ssh_channel_is_open(ch) && connected() && t.elapsed() < qMin(m_timeoutMs, 5000))
                if (ssh_event_dopoll(ev, 100) == SSH_ERROR)
                    break;
            ssh_event_remove_session(ev, m_session);
            ssh_event_free(ev);
        }
    }
    ssh_channel_close(ch);   // our close, once (a channel the server closed gets its answer)
    ssh_channel_free(ch);
}

bool SshSession::exec(const QString &command, CommandResult *result, SshError *error)
{
    if (!connected() && !connect(error))
        return false;
    ssh_channel ch = openChannel(error);
    if (!ch)
        return false;
    bool finished = false;   // a command that ran to its end: the server closes its channel soon
    auto cleanup = qScopeGuard([&]() { closeChannel(ch, finished); });
    const QByteArray cmd = command.toUtf8();
    if (ssh_channel_request_exec(ch, cmd.constData()) != SSH_OK)
        return fail(error, "ssh_error", QStringLiteral("cannot run '%1': %2").arg(command, QString::fromUtf8(ssh_get_error(m_session))));
    QElapsedTimer t;
    t.start();
    char buf[16384];
    *result = CommandResult{};
    while (!ssh_channel_is_eof(ch)) {
        if (t.elapsed() > m_timeoutMs)
            return fail(error, "timeout", QStringLiteral("'%1' did not finish within %2 ms").arg(command).arg(m_timeoutMs));
        const int n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 200);
        if (n == SSH_ERROR)
            return fail(error, "ssh_error", QString::fromUtf8(ssh_get_error(m_session)));
        if (n > 0 && result->out.size() < 4 * 1024 * 1024)
            result->out.append(buf, n);
        int e;
        while ((e = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 1)) > 0)
            if (result->err.size() < 1024 * 1024)
                result->err.append(buf, e);
    }
    int e;
    while ((e = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 1)) > 0)
        if (result->err.size() < 1024 * 1024)
            result->err.append(buf, e);
    ssh_channel_send_eof(ch);
    result->exitStatus = ssh_channel_get_exit_status(ch);
    finished = true;
    return true;
}

// One SFTP subsystem on a channel of our own, so it is given back as exec's are.
sftp_session SshSession::openSftp(ssh_channel *channel, SshError *error)
{
    ssh_channel ch = openChannel(error);
    if (!ch)
        return nullptr;
    if (ssh_channel_request_subsystem(ch, "sftp") != SSH_OK) {
        fail(error, "sftp_error", QStringLiteral("SFTP not available: %1").arg(QString::fromUtf8(ssh_get_error(m_session))));
        closeChannel(ch, false);
        return nullptr;
    }
    sftp_session sftp = sftp_new_channel(m_session, ch);
    if (!sftp || sftp_init(sftp) != SSH_OK) {
        fail(error, "sftp_error", QStringLiteral("SFTP not available: %1").arg(QString::fromUtf8(ssh_get_error(m_session))));
        if (sftp) {
            sftp->channel = nullptr;   // ours to close, not sftp_free's
            sftp_free(sftp);
        }
        closeChannel(ch, false);
        return nullptr;
    }
    *channel = ch;
    return sftp;
}

void SshSession::closeSftp(sftp_session sftp, ssh_channel channel)
{
    sftp->channel = nullptr;   // closed below, the server's close awaited
    sftp_free(sftp);
    closeChannel(channel, true);
}

bool SshSession::upload(const QList<RemoteFile> &files, SshError *error)
{
    if (!connected() && !connect(error))
        return false;
    ssh_channel ch = nullptr;
    sftp_session sftp = openSftp(&ch, error);
    if (!sftp)
        return false;
    auto cleanup = qScopeGuard([&]() { closeSftp(sftp, ch); });
    QSet<QString> made;
    for (const RemoteFile &file : files) {
        // Create parent directories one by one (mkdir -p); "already exists" is fine.
        const QStringList parts = file.path.section('/', 0, -2).split('/', Qt::SkipEmptyParts);
        QString dir = file.path.startsWith('/') ? QStringLiteral("") : QStringLiteral(".");
        for (const QString &p : parts) {
            dir += '/' + p;
            if (!made.contains(dir)) {
                sftp_mkdir(sftp, dir.toUtf8().constData(), 0755);
                made.insert(dir);
            }
        }
        sftp_file f = sftp_open(sftp, file.path.toUtf8().constData(), O_WRONLY | O_CREAT | O_TRUNC, mode_t(file.mode));
        if (!f)
            return fail(error, "sftp_error", QStringLiteral("cannot create %1: %2").arg(file.path, QString::fromUtf8(ssh_get_error(m_session))));
        qsizetype off = 0;
        while (off < file.data.size()) {
            const ssize_t n = sftp_write(f, file.data.constData() + off, size_t(qMin<qsizetype>(file.data.size() - off, 32768)));
            if (n < 0) {
                sftp_close(f);
                return fail(error, "sftp_error", QStringLiteral("write to %1 failed").arg(file.path));
            }
            off += n;
        }
        sftp_close(f);
    }
    return true;
}

bool SshSession::download(const QString &remotePath, QByteArray *data, SshError *error)
{
    if (!connected() && !connect(error))
        return false;
    ssh_channel ch = nullptr;
    sftp_session sftp = openSftp(&ch, error);
    if (!sftp)
        return false;
    auto cleanup = qScopeGuard([&]() { closeSftp(sftp, ch); });
    sftp_file f = sftp_open(sftp, remotePath.toUtf8().constData(), O_RDONLY, 0);
    if (!f)
        return fail(error, "not_found", QStringLiteral("cannot open %1").arg(remotePath));
    data->clear();
    char buf[32768];
    ssize_t n;
    while ((n = sftp_read(f, buf, sizeof buf)) > 0 && data->size() < 16 * 1024 * 1024)
        data->append(buf, n);
    sftp_close(f);
    if (n < 0)
        return fail(error, "sftp_error", QStringLiteral("read of %1 failed").arg(remotePath));
    return true;
}

} // namespace vines::ems
