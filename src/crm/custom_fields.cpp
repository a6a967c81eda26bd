#include "crm/custom_fields.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

#include "core/money.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

constexpr std::size_t kMaxStringValue = 1000;
constexpr std::size_t kMaxOptions = 100;

// Options are stored one a line: CheckText refuses control characters, so no option holds '\n'.
std::string JoinOptions(const std::vector<std::string>& options) {
    std::string out;
    for (const auto& option : options) {
        if (!out.empty()) out += '\n';
        out += option;
    }
    return out;
}

std::string JoinOptionsForMessage(const std::vector<std::string>& options) {
    std::string out;
    for (const auto& option : options) {
        if (!out.empty()) out += ", ";
        out += option;
    }
    return out;
}

std::vector<std::string> SplitOptions(std::string_view text) {
    std::vector<std::string> options;
    while (!text.empty()) {
        const auto end = text.find('\n');
        options.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return options;
}

CustomFieldDef DefFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        CustomFieldDef def;
        def.id = r.Int();
        def.record_type = ParseRecordType(r.Text()).value_or(RecordType::kLead);
        def.name = r.Text();
        def.type = ParseCustomFieldType(r.Text()).value_or(CustomFieldType::kString);
        def.options = SplitOptions(r.Text());
        def.required = r.Bool();
        def.created_at = r.Int();
        def.updated_at = r.Int();
        return def;
    });
}

// Adds the value of the next columns, field name, field type and value, to `values`.
void ReadValueInto(store::RowReader& r, CustomValues& values) {
    std::string name = r.Text();
    const CustomFieldType type = ParseCustomFieldType(r.Text()).value_or(CustomFieldType::kString);
    values[std::move(name)] = CustomValue{type, r.Text()};
}

std::vector<CustomFieldDef> DefsOf(store::Transaction& tx, std::optional<RecordType> type) {
    std::vector<CustomFieldDef> defs;
    for (const auto& row : tx.Fetch(sql::kCustomFieldList,
                                    {Param(type ? std::string(RecordTypeName(*type)) : std::string())})) {
        defs.push_back(DefFromRow(row));
    }
    return defs;
}

Result<std::vector<std::string>> CheckOptions(const std::vector<std::string>& options) {
    if (options.size() > kMaxOptions) {
        return Error::Validation(fmt::format("at most {} options", kMaxOptions), "options");
    }
    std::vector<std::string> checked;
    std::set<std::string> seen;
    for (const auto& option : options) {
        auto text = CheckText(option, "options");
        if (!text) return std::move(text).error();
        if (!seen.insert(*text).second) return Error::Validation("options must not repeat", "options");
        checked.push_back(std::move(*text));
    }
    return checked;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::string> NumberText(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    if (std::trunc(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    return fmt::format("{}", value);
}

Status Invalid(const std::string& field, std::string_view expected) {
    return Error::Validation(fmt::format("{} must be {}", field, expected), field);
}

}  // namespace

// CheckCustomFieldName is in custom_field_name.cpp, which the template parser links alone.

bool IsIsoDate(std::string_view text) {
    return CheckUserDate(text, "date").ok();
}

Result<std::optional<std::string>> CanonicalCustomValue(const CustomFieldDef& field,
                                                        const CustomInput& input) {
    using Text = std::optional<std::string>;
    const std::string name = "custom_fields." + field.name;
    if (std::holds_alternative<std::monostate>(input)) return Text{};
    const auto* text = std::get_if<std::string>(&input);
    switch (field.type) {
        case CustomFieldType::kString: {
            if (!text) return Invalid(name, "a string").error();
            auto checked = CheckText(*text, name, kMaxStringValue);
            if (!checked) return std::move(checked).error();
            return Text{std::move(*checked)};
        }
        case CustomFieldType::kNumber: {
            if (const auto* i = std::get_if<std::int64_t>(&input)) return Text{std::to_string(*i)};
            if (const auto* d = std::get_if<double>(&input)) {
                if (auto number = NumberText(*d)) return Text{std::move(*number)};
            }
            return Invalid(name, "a number").error();
        }
        case CustomFieldType::kMoney: {
            const auto* i = std::get_if<std::int64_t>(&input);
            if (!i || *i < 0 || *i > kMaxAmount) {
                return Invalid(name, fmt::format("an integer amount in minor units from 0 to {}", kMaxAmount))
                    .error();
            }
            return Text{std::to_string(*i)};
        }
        case CustomFieldType::kDate:
            if (!text || !IsIsoDate(*text)) return Invalid(name, "a date YYYY-MM-DD").error();
            return Text{*text};
        case CustomFieldType::kBool: {
            const auto* b = std::get_if<bool>(&input);
            if (!b) return Invalid(name, "true or false").error();
            return Text{*b ? "true" : "false"};
        }
        case CustomFieldType::kEnum:
            if (!text ||
                std::find(field.options.begin(), field.options.end(), *text) == field.options.end()) {
                return NotOneOf(name, JoinOptionsForMessage(field.options));
            }
            return Text{*text};
    }
    return Invalid(name, "a value").error();
}

Result<std::string> CanonicalFilterValue(const CustomFieldDef& field, std::string_view text,
                                         const std::string& error_field) {
    CustomInput input = std::string(text);
    switch (field.type) {
        case CustomFieldType::kNumber: {
            double value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc{} || end != text.data() + text.size())
                return Invalid(error_field, "a number").error();
            input = value;
            break;
        }
        case CustomFieldType::kMoney: {
            const auto value = ParseInt(text);
            if (!value) return Invalid(error_field, "an integer amount in minor units").error();
            input = *value;
            break;
        }
        case CustomFieldType::kBool:
            if (text != "true" && text != "false") return Invalid(error_field, "true or false").error();
            input = text == "true";
            break;
        default: break;
    }
    auto canonical = CanonicalCustomValue(field, input);
    if (!canonical) {
        Error error = std::move(canonical).error();
        error.field = error_field;
        return error;
    }
    if (!*canonical) return Invalid(error_field, "a value").error();
    return std::move(**canonical);
}

std::vector<CustomFieldDef> CustomFieldService::List(std::optional<RecordType> type) {
    return db_.Read([&](store::Transaction& tx) { return DefsOf(tx, type); });
}

Result<CustomFieldDef> CustomFieldService::Get(std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<CustomFieldDef> {
        const auto row = tx.FetchOne(sql::kCustomFieldGet, {Param(id)});
        if (!row) return Error::NotFound("no such custom field");
        return DefFromRow(*row);
    });
}

Result<CustomFieldDef> CustomFieldService::Create(const auth::Principal& principal,
                                                  const NewCustomField& field) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may define custom fields");
    if (auto ok = CheckCustomFieldName(field.name); !ok) return std::move(ok).error();
    if (field.type == CustomFieldType::kEnum && field.options.empty()) {
        return Error::Validation("an enum field needs options", "options");
    }
    if (field.type != CustomFieldType::kEnum && !field.options.empty()) {
        return Error::Validation("only an enum field has options", "options");
    }
    auto options = CheckOptions(field.options);
    if (!options) return std::move(options).error();
    return db_.Write([&](store::Transaction& tx) -> Result<CustomFieldDef> {
        const std::string type_name(RecordTypeName(field.record_type));
        if (tx.FetchOne(sql::kCustomFieldByName, {Param(type_name), Param(field.name)})) {
            return Error::Duplicate("a custom field with this name exists for the record type", "name");
        }
        const auto id =
            tx.Insert(sql::kCustomFieldInsert,
                      {Param(type_name), Param(field.name), Param(CustomFieldTypeName(field.type)),
                       Param(JoinOptions(*options)), Param(field.required), Param(clock_.Now())});
        return DefFromRow(*tx.FetchOne(sql::kCustomFieldGet, {Param(id)}));
    });
}

Result<CustomFieldDef> CustomFieldService::Update(const auth::Principal& principal, std::int64_t id,
                                                  const CustomFieldPatch& patch) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change custom fields");
    std::optional<std::vector<std::string>> options;
    if (patch.options) {
        auto checked = CheckOptions(*patch.options);
        if (!checked) return std::move(checked).error();
        options = std::move(*checked);
    }
    return db_.Write([&](store::Transaction& tx) -> Result<CustomFieldDef> {
        const auto row = tx.FetchOne(sql::kCustomFieldGet, {Param(id)});
        if (!row) return Error::NotFound("no such custom field");
        CustomFieldDef def = DefFromRow(*row);
        if (options) {
            if (def.type != CustomFieldType::kEnum)
                return Error::Validation("only an enum field has options", "options");
            for (const auto& old : def.options) {
                if (std::find(options->begin(), options->end(), old) == options->end()) {
                    return Error::Validation(fmt::format("options may only grow; \"{}\" is missing", old),
                                             "options");
                }
            }
            def.options = *options;
        }
        if (patch.required) def.required = *patch.required;
        tx.Execute(sql::kCustomFieldUpdate,
                   {Param(id), Param(JoinOptions(def.options)), Param(def.required), Param(clock_.Now())});
        return DefFromRow(*tx.FetchOne(sql::kCustomFieldGet, {Param(id)}));
    });
}

Status CustomFieldService::Delete(const auth::Principal& principal, std::int64_t id) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may delete custom fields");
    return db_.Write([&](store::Transaction& tx) -> Status {
        if (!tx.FetchOne(sql::kCustomFieldGet, {Param(id)})) return Error::NotFound("no such custom field");
        tx.Execute(sql::kCustomValueDeleteField, {Param(id)});
        tx.Execute(sql::kCustomFieldDelete, {Param(id)});
        return Ok{};
    });
}

Result<CustomValues> CheckCustomValues(store::Transaction& tx, RecordType type, const CustomInputs& inputs,
                                       const CustomValues& current, bool creating) {
    const auto defs = DefsOf(tx, type);
    CustomValues values = current;
    for (const auto& [name, input] : inputs) {
        const auto def =
            std::find_if(defs.begin(), defs.end(), [&](const CustomFieldDef& d) { return d.name == name; });
        const std::string field = "custom_fields." + name;
        if (def == defs.end()) {
            return Error::Validation(fmt::format("no custom field {} for a {}", name, RecordTypeName(type)),
                                     field);
        }
        auto text = CanonicalCustomValue(*def, input);
        if (!text) return std::move(text).error();
        if (*text) {
            values[name] = CustomValue{def->type, std::move(**text)};
        } else {
            if (def->required) return Error::Validation(fmt::format("{} is required", field), field);
            values.erase(name);
        }
    }
    if (creating) {
        for (const auto& def : defs) {
            if (def.required && !values.contains(def.name)) {
                const std::string field = "custom_fields." + def.name;
                return Error::Validation(fmt::format("{} is required", field), field);
            }
        }
    }
    return values;
}

void SaveCustomValues(store::Transaction& tx, RecordType type, std::int64_t record_id,
                      const CustomValues& before, const CustomValues& after,
                      std::vector<FieldChange>& changes) {
    const std::string type_name(RecordTypeName(type));
    std::set<std::string> names;
    for (const auto& [name, value] : before) names.insert(name);
    for (const auto& [name, value] : after) names.insert(name);
    for (const auto& name : names) {
        const auto old_it = before.find(name);
        const auto new_it = after.find(name);
        const std::optional<std::string> old_text =
            old_it == before.end() ? std::nullopt : std::optional<std::string>(old_it->second.text);
        const std::optional<std::string> new_text =
            new_it == after.end() ? std::nullopt : std::optional<std::string>(new_it->second.text);
        if (old_text == new_text) continue;
        const auto def = tx.FetchOne(sql::kCustomFieldByName, {Param(type_name), Param(name)});
        if (!def) continue;
        const std::int64_t field_id = DefFromRow(*def).id;
        if (new_text) {
            tx.Execute(sql::kCustomValuePut,
                       {Param(type_name), Param(record_id), Param(field_id), Param(*new_text)});
        } else {
            tx.Execute(sql::kCustomValueDelete, {Param(type_name), Param(record_id), Param(field_id)});
        }
        AddChange(changes, "custom_fields." + name, old_text, new_text);
    }
}

CustomValues LoadCustomValues(store::Transaction& tx, RecordType type, std::int64_t record_id) {
    CustomValues values;
    for (const auto& row :
         tx.Fetch(sql::kCustomValueList, {Param(std::string(RecordTypeName(type))), Param(record_id)})) {
        store::ReadRow(row, [&](store::RowReader& r) { ReadValueInto(r, values); });
    }
    return values;
}

std::map<std::int64_t, CustomValues> LoadCustomValuesOf(store::Transaction& tx, RecordType type,
                                                        const std::vector<std::int64_t>& record_ids) {
    std::map<std::int64_t, CustomValues> values;
    if (record_ids.empty()) return values;
    for (const auto& row : tx.Fetch(sql::kCustomValueListOf, {Param(std::string(RecordTypeName(type))),
                                                              store::ParamIds(record_ids)})) {
        store::ReadRow(row, [&](store::RowReader& r) { ReadValueInto(r, values[r.Int()]); });
    }
    return values;
}

Result<CustomFilter> CheckCustomFilter(store::Transaction& tx, RecordType type, const std::string& name,
                                       const std::string& value) {
    const std::string field = "cf." + name;
    const auto row =
        tx.FetchOne(sql::kCustomFieldByName, {Param(std::string(RecordTypeName(type))), Param(name)});
    if (!row)
        return Error::Validation(fmt::format("no custom field {} for a {}", name, RecordTypeName(type)),
                                 field);
    const CustomFieldDef def = DefFromRow(*row);
    auto canonical = CanonicalFilterValue(def, value, field);
    if (!canonical) return std::move(canonical).error();
    return CustomFilter{def.id, std::move(*canonical)};
}

namespace {

nlohmann::json NumberJson(const std::string& text) {
    std::int64_t integer = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (ec == std::errc{} && end == text.data() + text.size()) return integer;
    double real = 0;
    const auto [real_end, real_ec] = std::from_chars(text.data(), text.data() + text.size(), real);
    if (real_ec == std::errc{} && real_end == text.data() + text.size()) return real;
    return text;
}

}  // namespace

nlohmann::json CustomValuesJson(const CustomValues& values) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : values) {
        switch (value.type) {
            case CustomFieldType::kNumber:
            case CustomFieldType::kMoney: out[name] = NumberJson(value.text); break;
            case CustomFieldType::kBool: out[name] = value.text == "true"; break;
            case CustomFieldType::kString:
            case CustomFieldType::kDate:
            case CustomFieldType::kEnum: out[name] = value.text; break;
        }
    }
    return out;
}

}  // namespace voronka::crm
