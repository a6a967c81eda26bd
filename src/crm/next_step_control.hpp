// The head's daily control of the next-step rule: every open lead, open deal and client contact
// (not deleted) without an open task, grouped by owner. Owned by crm. Thread-safe (stateless
// over the Database).
#pragma once

#include <string>
#include <vector>

#include "auth/model.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct RecordTitle {
    std::int64_t id = 0;
    std::string title;  // a contact's name
};

struct NoNextStepGroup {
    std::int64_t owner_id = 0;
    std::string owner_name;
    std::vector<RecordTitle> leads;
    std::vector<RecordTitle> deals;
    std::vector<RecordTitle> contacts;
    int count() const { return static_cast<int>(leads.size() + deals.size() + contacts.size()); }
};

class NextStepControl {
public:
    explicit NextStepControl(store::Database& db) : db_(db) {}

    // The violations the principal may see, by owner id, records by type and id.
    std::vector<NoNextStepGroup> NoNextStep(const auth::Principal& principal);

private:
    store::Database& db_;
};

}  // namespace voronka::crm
