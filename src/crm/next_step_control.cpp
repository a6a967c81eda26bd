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
            std::optional<RecordType> type;
            RecordTitle record;
            std::int64_t owner_id = 0;
            std::string owner_name;
            store::ReadRow(row, [&](store::RowReader& r) {
                type = ParseRecordType(r.Text());
                record = RecordTitle{.id = r.Int(), .title = r.Text()};
                owner_id = r.Int();
                owner_name = r.Text();
            });
            if (groups.empty() || groups.back().owner_id != owner_id) {
                groups.push_back(NoNextStepGroup{.owner_id = owner_id, .owner_name = std::move(owner_name)});
            }
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
