// The head's daily control of the next-step rule: every open lead, open deal and client contact
// (not deleted) without an open task, grouped by owner. Owned by crm. Thread-safe (stateless
// over the Database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct RecordTitle {
    std::int64_t id = 0;
    std::string title;  // a contact's name
};

// One owner's violations: the records listed (up to the report's limit per type, by id) and how
// many there are of each type in all.
struct NoNextStepGroup {
    std::int64_t owner_id = 0;
    std::string owner_name;
    std::vector<RecordTitle> leads;
    std::vector<RecordTitle> deals;
    std::vector<RecordTitle> contacts;
    std::int64_t lead_count = 0;
    std::int64_t deal_count = 0;
    std::int64_t contact_count = 0;
    std::int64_t count() const { return lead_count + deal_count + contact_count; }
};

// The most records of one owner and type a report lists.
inline constexpr int kMaxNoNextStepLimit = 1000;

class NextStepControl {
public:
    explicit NextStepControl(store::Database& db) : db_(db) {}

    // The violations the principal may see, by owner id, records by type and id: of each owner
    // and type the first `limit` records (all when absent) and the full counts. 422 naming
    // "limit" unless it is 1..kMaxNoNextStepLimit.
    Result<std::vector<NoNextStepGroup>> NoNextStep(const auth::Principal& principal,
                                                    std::optional<std::int64_t> limit = std::nullopt);

private:
    store::Database& db_;
};

}  // namespace voronka::crm
