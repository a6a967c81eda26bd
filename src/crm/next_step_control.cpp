#include "crm/next_step_control.hpp"

#include "auth/visibility.hpp"
#include "crm_sql.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

std::vector<NoNextStepGroup> NextStepControl::NoNextStep(const auth::Principal& principal) {
    return db_.Read([&](store::Transaction& tx) {
        std::vector<NoNextStepGroup> groups;
        for (const auto& row :
             tx.Fetch(sql::kControlNoNextStep, store::ScopedParams(auth::ScopeOf(principal)))) {
            const std::int64_t owner_id = row.Int(3);
            if (groups.empty() || groups.back().owner_id != owner_id) {
                groups.push_back(NoNextStepGroup{.owner_id = owner_id, .owner_name = row.Text(4)});
            }
            RecordTitle record{.id = row.Int(1), .title = row.Text(2)};
            const auto type = ParseRecordType(row.Text(0));
            if (type == RecordType::kLead)
                groups.back().leads.push_back(std::move(record));
            else if (type == RecordType::kDeal)
                groups.back().deals.push_back(std::move(record));
            else
                groups.back().contacts.push_back(std::move(record));
        }
        return groups;
    });
}

}  // namespace voronka::crm
