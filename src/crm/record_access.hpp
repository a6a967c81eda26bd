// Finding a lead, deal, contact or company as the caller may see it, with what the next-step rule
// needs to know of it. Owned by crm; shared by tasks, notes, history and timeline (and any service
// that must answer 404 for a record out of sight). Runs inside the caller's transaction;
// thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "crm/model.hpp"
#include "crm/rules.hpp"
#include "store/database.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

struct RecordState {
    RecordType type = RecordType::kLead;
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string title;        // a lead's or deal's title, a contact's or company's name
    NextStepSubject subject;  // is_deleted is always false: deleted records are not found
};

// The record of `type` with `id` when it exists, is not deleted and is in `scope`; NotFound
// otherwise. Pass store::Scope::Everything() for the system's own checks.
Result<RecordState> FindVisibleRecord(store::Transaction& tx, const store::Scope& scope, RecordType type,
                                      std::int64_t id);

}  // namespace voronka::crm
