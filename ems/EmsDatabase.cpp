#include "EmsDatabase.h"

namespace vines::ems {

const Database::Migrations &emsMigrations()
{
    static const Database::Migrations m = {
        // v1: VNF information base, alarms, PM jobs, subscriptions
        {
            "CREATE TABLE vnfs (id TEXT PRIMARY KEY, name TEXT NOT NULL, vnf_exp TEXT NOT NULL, mgmt_address TEXT NOT NULL,"
            " credentials_ref TEXT NOT NULL DEFAULT '', policy_json TEXT NOT NULL, driver_json TEXT NOT NULL DEFAULT '{}',"
            " expected_state TEXT NOT NULL DEFAULT 'unknown', registered_by TEXT NOT NULL, created_at TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)",
            "CREATE TABLE alarms (id TEXT PRIMARY KEY, vnf_id TEXT NOT NULL, alarm_type TEXT NOT NULL, severity TEXT NOT NULL,"
            " state TEXT NOT NULL, ack_state TEXT NOT NULL, raised_at TEXT NOT NULL, changed_at TEXT NOT NULL, cleared_at TEXT,"
            " ack_at TEXT, ack_by TEXT, description TEXT NOT NULL, details_json TEXT NOT NULL DEFAULT '{}')",
            "CREATE INDEX alarms_vnf_state ON alarms(vnf_id, state)",
            "CREATE TABLE pm_jobs (id TEXT PRIMARY KEY, owner TEXT NOT NULL, job_json TEXT NOT NULL, created_at TEXT NOT NULL)",
            "CREATE TABLE subscriptions (id TEXT PRIMARY KEY, owner TEXT NOT NULL, callback_uri TEXT NOT NULL,"
            " filter_json TEXT NOT NULL, secret TEXT NOT NULL, created_at TEXT NOT NULL)",
        },
    };
    return m;
}

} // namespace vines::ems
