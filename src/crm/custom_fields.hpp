// Custom fields (R10): an admin defines fields per record type; values travel with records,
// are validated, filterable for equality and kept in history. Owned by crm. Thread-safe service;
// the free functions run inside the caller's transaction.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "crm/history.hpp"
#include "crm/model.hpp"
#include "store/database.hpp"

namespace voronka::crm {

struct NewCustomField {
    RecordType record_type = RecordType::kLead;
    std::string name;  // [a-z][a-z0-9_]{0,62}
    CustomFieldType type = CustomFieldType::kString;
    std::vector<std::string> options;  // required for kEnum, refused otherwise
    bool required = false;
};

struct CustomFieldPatch {
    std::optional<std::vector<std::string>> options;  // may only add options
    std::optional<bool> required;
};

class CustomFieldService {
public:
    CustomFieldService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every signed-in user may read the definitions; changes are admin only (Forbidden).
    std::vector<CustomFieldDef> List(std::optional<RecordType> type);
    Result<CustomFieldDef> Get(std::int64_t id);
    // Duplicate when the name is taken for the record type.
    Result<CustomFieldDef> Create(const auth::Principal& principal, const NewCustomField& field);
    Result<CustomFieldDef> Update(const auth::Principal& principal, std::int64_t id,
                                  const CustomFieldPatch& patch);
    // Deletes the definition and every record's value of it, for good (admin only: Forbidden).
    // Records keep their history of the field's past values. NotFound when there is no such field.
    Status Delete(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

// Validates the values a client sent for a record of `type` against the definitions and merges
// them over `current`: 422 naming `custom_fields.NAME` for an unknown field, a wrong type, an
// option outside the list, or (when `creating`, or when clearing) a missing required field.
Result<CustomValues> CheckCustomValues(store::Transaction& tx, RecordType type, const CustomInputs& inputs,
                                       const CustomValues& current, bool creating);

// Replaces the stored values of a record; appends history entries for what changed.
void SaveCustomValues(store::Transaction& tx, RecordType type, std::int64_t record_id,
                      const CustomValues& before, const CustomValues& after,
                      std::vector<FieldChange>& changes);

CustomValues LoadCustomValues(store::Transaction& tx, RecordType type, std::int64_t record_id);

// Values as the API shows them and rules compare them: numbers and money as JSON numbers, bools as
// booleans, the rest (string, date, enum) as text.
nlohmann::json CustomValuesJson(const CustomValues& values);

// The custom values of several records of one type in one statement (a page of a list or a
// board column, ids given as a JSON array), by record id; records without values are absent.
std::map<std::int64_t, CustomValues> LoadCustomValuesOf(store::Transaction& tx, RecordType type,
                                                        const std::vector<std::int64_t>& record_ids);

// A list filter `cf.NAME=value`: the field's id and the canonical text to compare with; 422
// naming `cf.NAME` when the field is unknown for the type or the value malformed.
struct CustomFilter {
    std::int64_t field_id = 0;
    std::string value;
};
Result<CustomFilter> CheckCustomFilter(store::Transaction& tx, RecordType type, const std::string& name,
                                       const std::string& value);

// The pure checks behind the functions above, for tests and for other record services.
// A field name: [a-z][a-z0-9_]{0,62}; 422 naming `name` otherwise.
Status CheckCustomFieldName(std::string_view name);
// A date written YYYY-MM-DD that exists in the calendar, in the years users may send
// (CheckUserDate of core/validation.hpp).
bool IsIsoDate(std::string_view text);
// The canonical text of a value for `field` (see CustomValue), nullopt for null (clearing);
// 422 naming `custom_fields.NAME` when the value does not fit the field's type or options.
Result<std::optional<std::string>> CanonicalCustomValue(const CustomFieldDef& field,
                                                        const CustomInput& input);
// The canonical text of a filter value written in a query string; 422 naming `error_field`.
Result<std::string> CanonicalFilterValue(const CustomFieldDef& field, std::string_view text,
                                         const std::string& error_field);

}  // namespace voronka::crm
