#include "crm/record_access.hpp"

#include <fmt/format.h>

#include "crm_sql.hpp"

namespace voronka::crm {

Result<RecordState> FindVisibleRecord(store::Transaction& tx, const store::Scope& scope, RecordType type,
                                      std::int64_t id) {
    const store::Query* query = nullptr;
    switch (type) {
        case RecordType::kLead: query = &sql::kTaskRecordLead; break;
        case RecordType::kDeal: query = &sql::kTaskRecordDeal; break;
        case RecordType::kContact: query = &sql::kTaskRecordContact; break;
        case RecordType::kCompany: query = &sql::kTaskRecordCompany; break;
    }
    const auto row = tx.FetchOne(*query, store::ScopedParams(scope, {store::Param(id)}));
    if (!row) return Error::NotFound(fmt::format("no such {}", RecordTypeName(type)));
    RecordState state;
    state.type = type;
    state.id = id;
    store::ReadRow(*row, [&](store::RowReader& r) {
        state.owner_id = r.Int();
        state.subject =
            NextStepSubject{.type = type, .is_open = r.Bool(), .is_client = r.Bool(), .is_deleted = false};
        state.title = r.Text();
    });
    return state;
}

}  // namespace voronka::crm
