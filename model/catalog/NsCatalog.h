#pragma once
// The Network Service catalog: imported NSDs/VNFFGDs (their source text and parsed form) and
// NS instances (which VNF instances, in chain order, the public address, the router route).
#include "core/States.h"
#include "util/Result.h"
#include "nfvo/NsDescriptor.h"
#include "core/ChainDiversion.h"
#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QVariant>
#include <initializer_list>

namespace vines {

class Database;
class PackageCatalog;

struct NsdRecord {
    QString id;
    NsDescriptor nsd;
    QString sourceYaml;
    QDateTime createdAt;
};

struct NsInstanceRecord {
    QString id;
    QString name;
    QString nsdId;
    NsState state = NsState::NotInstantiated;
    QString publicAddress;
    int servicePort = 9000;
    QString routerInstanceId;
    ChainDiversion diversion = ChainDiversion::RouterVnf;   // how the public address reaches the first VNF
    QStringList vnfInstanceIds;   // chain order: ingress first
    QDateTime createdAt, updatedAt;
    bool instantiated() const { return state == NsState::Instantiated; }
};

class NsCatalog : public QObject {
    Q_OBJECT
public:
    NsCatalog(Database &db, PackageCatalog &packages, QObject *parent = nullptr);

    // Parses, checks every VNF against the VNF catalog, stores. Returns the id or "" with *error
    // (file, field and line for descriptor problems).
    // nsdId: the id to record it under (an NSD resource the northbound API created), else a new one.
    Result<QString> importYaml(const QByteArray &yaml, const QString &fileName, const QString &nsdId = {});
    Result<QString> importFile(const QString &path);
    Result<QString> add(const NsDescriptor &nsd);   // e.g. from the designer
    QList<NsdRecord> descriptors() const;
    bool descriptor(const QString &id, NsdRecord *out) const;
    Result<> removeDescriptor(const QString &id);
    QByteArray exportYaml(const QString &id, const QString &format) const;   // sol001 or tacker
    // The catalog package a VNFD reference names (descriptor_id first, then product name).
    QString resolvePackage(const QString &vnfd) const;
    // The NSD with each VNF's VNFD identity (provider, versions, flavour, VNFM) from the catalog.
    NsDescriptor withVnfIdentity(NsDescriptor nsd) const;

    Result<> insertInstance(const NsInstanceRecord &r);
    Result<> updateInstance(const NsInstanceRecord &r);
    Result<> removeInstance(const QString &id);
    bool instance(const QString &id, NsInstanceRecord *out) const;
    QList<NsInstanceRecord> instances() const;

Q_SIGNALS:
    void descriptorsChanged();
    void instanceChanged(const QString &id);

private:
    // One query each, filtered in SQL ("WHERE id = ?"), not by loading every row.
    QList<NsdRecord> selectDescriptors(const QString &where, std::initializer_list<QVariant> binds) const;
    QList<NsInstanceRecord> selectInstances(const QString &where, std::initializer_list<QVariant> binds) const;
    Database &m_db;
    PackageCatalog &m_packages;
};

} // namespace vines
