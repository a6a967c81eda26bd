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
    state.owner_id = row->Int(0);
    state.title = row->Text(3);
    state.subject = NextStepSubject{
        .type = type, .is_open = row->Bool(1), .is_client = row->Bool(2), .is_deleted = false};
    return state;
}

}  // namespace voronka::crm
