#pragma once
// The EMS's own SQLite schema (VNF information base, alarms, PM jobs, subscriptions).
#include "catalog/Database.h"

namespace vines::ems {

const Database::Migrations &emsMigrations();

} // namespace vines::ems
