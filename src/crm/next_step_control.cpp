#include "crm/next_step_control.hpp"

#include <fmt/format.h>

#include "auth/visibility.hpp"
#include "crm_sql.hpp"
#include "store/scope.hpp"

namespace voronka::crm {

Result<std::vector<NoNextStepGroup>> NextStepControl::NoNextStep(const auth::Principal& principal,
                                                                 std::optional<std::int64_t> limit) {
    if (limit && (*limit < 1 || *limit > kMaxNoNextStepLimit)) {
        return Error::Validation(fmt::format("limit must be 1..{}", kMaxNoNextStepLimit), "limit");
    }
    return db_.Read([&](store::Transaction& tx) {
        std::vector<NoNextStepGroup> groups;
        const auto rows =
            tx.Fetch(sql::kControlNoNextStep,
                     store::ScopedParams(auth::ScopeOf(principal), {store::Param(limit.value_or(0))}));
        for (const auto& row : rows) {
            store::ReadRow(row, [&](store::RowReader& in) {
                const auto type = ParseRecordType(in.Text());
                RecordTitle record{.id = in.Int(), .title = in.Text()};
                const std::int64_t owner_id = in.Int();
                std::string owner_name = in.Text();
                const std::int64_t of_type = in.Int();
                if (groups.empty() || groups.back().owner_id != owner_id) {
                    groups.push_back(
                        NoNextStepGroup{.owner_id = owner_id, .owner_name = std::move(owner_name)});
                }
                NoNextStepGroup& group = groups.back();
                if (type == RecordType::kLead) {
                    group.leads.push_back(std::move(record));
                    group.lead_count = of_type;
                } else if (type == RecordType::kDeal) {
                    group.deals.push_back(std::move(record));
                    group.deal_count = of_type;
                } else {
                    group.contacts.push_back(std::move(record));
                    group.contact_count = of_type;
                }
            });
        }
        return groups;
    });
}

}  // namespace voronka::crm
