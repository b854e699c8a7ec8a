// The NFVO's steps on the VNFs of a chain: each VNFM operation it starts is a child step that
// ends when the operation ends. Given up on (a timeout, a sibling's failure, a cancel), the
// operation is cancelled and waited for: it rolls itself back, and one that completed anyway is
// undone by the step's undo (terminated and deleted).
#include "Nfvo.h"
#include "NsContext.h"
#include "catalog/InstanceStore.h"
#include "lifecycle/Vnfm.h"
#include <QPointer>
#include <QRegularExpression>

namespace vines {

using task::Run;

Nfvo::Step Nfvo::vnfmStep(const QString &name, std::function<Result<QString>()> start)
{
    return task::leaf(name, [this, name, start](const Run &run, Done done) {
        const Result<QString> op = start();
        if (!op)
            return done(op.error());
        const QString opId = *op;
        run.cancel().onCancel(this, [this, opId]() { (void)m_vnfm.cancelOperation(opId); });
        m_vnfm.whenFinished(opId, this, [done, name](OpState state, const QString &error) {
            if (state == OpState::Completed)
                return done({});
            done(Error::upstream(error.isEmpty() ? QStringLiteral("%1 ended %2").arg(name, text(state)) : error));
        });
    });
}

namespace {
QString vnfName(const QString &ns, int i, const QString &label)
{
    QString n = QStringLiteral("%1-%2-%3").arg(ns).arg(i + 1).arg(label.toLower());
    n.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
    return n.left(64);
}
} // namespace

// The chain's VNFs, in parallel: each is its record (taken away again if its instantiation fails)
// and its instantiation (terminated on rollback). Their ids are recorded in chain order as the
// records are made, so a console that stops half-way knows what to take away.
Nfvo::Step Nfvo::createVnfsStep(CtxPtr ctx)
{
    QList<Step> vnfs;
    ctx->ns.vnfInstanceIds = QStringList(ctx->packages.size(), QString());
    for (int i = 0; i < ctx->packages.size(); ++i) {
        const QString name = uniqueName(vnfName(ctx->ns.name, i, ctx->labels[i]));
        auto id = std::make_shared<QString>();
        Step record = task::leaf(QStringLiteral("Create VNF %1").arg(name), [this, ctx, i, name, id](const Run &, Done done) {
            const Result<QString> made = m_vnfm.createInstance(ctx->packages[i], uniqueName(name));
            if (!made)
                return done(made.error());
            *id = *made;
            ctx->ns.vnfInstanceIds[i] = *made;
            (void)m_ns.updateInstance(ctx->ns);
            done({});
        }, [this, ctx, i, id](const Run &, Done done) {
            (void)m_vnfm.deleteInstance(*id);
            ctx->ns.vnfInstanceIds[i].clear();
            (void)m_ns.updateInstance(ctx->ns);
            done({});
        });
        Step instantiate = vnfmStep(QStringLiteral("Instantiate %1").arg(name), [this, id]() { return m_vnfm.instantiateInstance(*id, {}); });
        instantiate.undo = [this, id](const Run &run, Done done) {
            terminateVnfsStep(QStringLiteral("Terminate it"), [id]() { return QStringList{*id}; }).start(run, done);
        };
        vnfs << task::sequence(name, {record, instantiate});
    }
    Step all = task::parallel(QStringLiteral("Instantiate %1 VNFs").arg(ctx->packages.size()), vnfs);
    all.timeoutMs = 120000 + 15000 * int(ctx->packages.size());
    return all;
}

Nfvo::Step Nfvo::chainStep(CtxPtr ctx)
{
    return task::leaf(QStringLiteral("Chain the VNFs: each forwards to the next"), [this, ctx](const Run &run, Done done) {
        QList<Step> links;
        for (int i = 0; i + 1 < ctx->ns.vnfInstanceIds.size(); ++i) {
            const QString id = ctx->ns.vnfInstanceIds[i];
            const QString next = dataAddress(ctx->ns.vnfInstanceIds[i + 1]);
            links << vnfmStep(QStringLiteral("Point VNF %1 at VNF %2").arg(i + 1).arg(i + 2),
                              [this, id, next]() { return m_vnfm.configure(id, {{"next_hop", next}}); });
        }
        task::runWithin(run, this, task::parallel(QStringLiteral("links"), links), done);
    });
}

// Terminates the instantiated ones of `ids` (read when the step starts), in parallel, then deletes
// every record of them. Given up on, each terminate is cancelled and waited for.
Nfvo::Step Nfvo::terminateVnfsStep(const QString &name, std::function<QStringList()> ids, bool keepOnRollback)
{
    Step s = task::leaf(name, [this, ids](const Run &run, Done done) {
        QList<Step> each;
        for (const QString &id : ids())
            if (!id.isEmpty())
                each << terminateAndDeleteStep(QStringLiteral("VNF %1").arg(id), id);
        task::runWithin(run, this, task::parallel(QStringLiteral("terminate"), each), done);
    });
    s.keepOnRollback = keepOnRollback;
    return s;
}

Nfvo::Step Nfvo::terminateAndDeleteStep(const QString &name, const QString &instanceId)
{
    return task::leaf(name, [this, instanceId](const Run &run, Done done) {
        InstanceRecord r;
        if (!m_instances.get(instanceId, &r))
            return done({});
        auto remove = [this, instanceId, done]() {
            const Result<> deleted = m_vnfm.deleteInstance(instanceId);
            done(deleted || deleted.error().is(Error::Kind::NotFound) ? Result<>() : deleted);
        };
        if (!r.instantiated())
            return remove();
        vnfmStep(QStringLiteral("Terminate %1").arg(r.name), [this, instanceId]() { return m_vnfm.terminate(instanceId); })
            .start(run, [remove, done](const Result<> &t) {
                if (!t)
                    return done(t);
                remove();
            });
    });
}

} // namespace vines
