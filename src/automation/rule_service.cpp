#include "automation/rule_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "auth/config_scope.hpp"
#include "auth/visibility.hpp"
#include "automation/record_facts.hpp"
#include "automation/rule.hpp"
#include "automation/sight.hpp"
#include "automation_sql.hpp"
#include "messaging/channel_settings.hpp"
#include "store/scope.hpp"

namespace voronka::automation {
namespace {

using Json = nlohmann::json;
using store::Param;

constexpr std::string_view kCustomPrefix = "custom_fields.";
constexpr std::string_view kWhat = "automation rule";

Status CheckManager(const auth::Principal& principal) {
    if (principal.user.role == auth::Role::kAdmin || principal.user.role == auth::Role::kHead) return Ok{};
    return Error::Forbidden("only a head or an admin may manage automation rules");
}

struct StoredRule {
    Rule rule;
    Json definition;  // as stored, webhook secrets included
    bool deleted = false;
};

// A rule from the columns of sql/rule_get.sql: id, name, enabled, record_type, definition,
// enabled_at, created_by, created_at, updated_at, deleted_at, department_id, author_id. nullopt when the
// stored definition no longer parses (it was checked when saved).
std::optional<StoredRule> RuleFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) -> std::optional<StoredRule> {
        const std::int64_t id = r.Int();
        std::string name = r.Text();
        const bool enabled = r.Bool();
        std::string record_type = r.Text();
        const std::string definition_text = r.Text();
        const auto enabled_at = r.OptInt();
        const auto created_by = r.OptInt();
        const std::int64_t created_at = r.Int();
        const std::int64_t updated_at = r.Int();
        const bool deleted = r.OptInt().has_value();
        const auto department_id = r.OptInt();
        const auto author_id = r.OptInt();

        Json definition = Json::parse(definition_text, nullptr, /*allow_exceptions=*/false);
        if (!definition.is_object()) return std::nullopt;
        Json json = definition;
        json["name"] = std::move(name);
        json["enabled"] = enabled;
        json["record_type"] = std::move(record_type);
        auto parsed = ParseRule(json);
        if (!parsed) return std::nullopt;
        StoredRule stored{
            .rule = std::move(parsed).value(), .definition = std::move(definition), .deleted = deleted};
        Rule& rule = stored.rule;
        rule.id = id;
        rule.enabled_at = enabled_at;
        rule.created_by = created_by;
        rule.created_at = created_at;
        rule.updated_at = updated_at;
        rule.department_id = department_id;
        rule.author_id = author_id;
        return stored;
    });
}

std::optional<StoredRule> LoadStored(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kRuleGet, {Param(id)});
    if (!row) return std::nullopt;
    return RuleFromRow(*row);
}

// A rule not deleted that the reader may see (auth/config_scope.hpp): NotFound otherwise.
Result<StoredRule> LoadLive(store::Transaction& tx, const auth::Principal& reader, std::int64_t id) {
    auto stored = LoadStored(tx, id);
    if (!stored || stored->deleted ||
        auth::AccessToConfig(reader.user, stored->rule.department_id) == auth::ConfigAccess::kHidden) {
        return Error::NotFound("no such automation rule");
    }
    return std::move(*stored);
}

// The `department_id` of a rule's body (absent, null for organisation-wide, or a department),
// taken out of the body so that the rest reads as a definition.
Result<std::optional<std::optional<std::int64_t>>> TakeDepartment(Json& body) {
    if (!body.is_object() || !body.contains("department_id"))
        return std::optional<std::optional<std::int64_t>>{};
    const Json value = body["department_id"];
    body.erase("department_id");
    if (value.is_null()) return std::optional<std::optional<std::int64_t>>(std::optional<std::int64_t>{});
    if (!value.is_number_integer()) {
        return Error::Validation("department_id must be a department's id or null", "department_id");
    }
    return std::optional<std::optional<std::int64_t>>(value.get<std::int64_t>());
}

std::string Field(std::string_view prefix, std::size_t i, std::string_view key) {
    return fmt::format("{}[{}].{}", prefix, i, key);
}

struct StageInfo {
    std::int64_t pipeline_id = 0;
    std::string record_type;
};

std::optional<StageInfo> StageOf(store::Transaction& tx, std::int64_t stage_id) {
    const auto row = tx.FetchOne(sql::kRuleStageOf, {Param(stage_id)});
    if (!row) return std::nullopt;
    return store::ReadRow(
        *row, [](store::RowReader& r) { return StageInfo{.pipeline_id = r.Int(), .record_type = r.Text()}; });
}

std::optional<std::string> CustomFieldType(store::Transaction& tx, crm::RecordType type,
                                           std::string_view name) {
    const auto row = tx.FetchOne(sql::kRuleCustomFieldType, {Param(crm::RecordTypeName(type)), Param(name)});
    if (!row) return std::nullopt;
    return store::ReadRow(*row, &store::RowReader::Text);
}

bool IsKnownField(store::Transaction& tx, crm::RecordType type, const std::string& field) {
    if (field.starts_with(kCustomPrefix)) {
        return CustomFieldType(tx, type, std::string_view(field).substr(kCustomPrefix.size())).has_value();
    }
    const auto fields = RecordFields(type);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

bool IsDateField(store::Transaction& tx, crm::RecordType type, const std::string& field) {
    if (field.starts_with(kCustomPrefix)) {
        return CustomFieldType(tx, type, std::string_view(field).substr(kCustomPrefix.size())) == "date";
    }
    const auto fields = RecordDateFields(type);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

Error UnknownField(crm::RecordType type, const std::string& field, std::string where) {
    return Error::Validation(fmt::format("{} has no field {}", crm::RecordTypeName(type), field),
                             std::move(where));
}

// An active user inside the rule's reach (automation/sight.hpp MayReachUser).
Status CheckActiveUser(store::Transaction& tx, const store::Scope& reach, std::int64_t id,
                       const std::string& field) {
    const auto row = tx.FetchOne(sql::kRuleUserDepartment, {Param(id)});
    if (!row) return Error::Validation(fmt::format("no such user: {}", id), field);
    std::optional<std::int64_t> department_id;
    bool active = false;
    store::ReadRow(*row, [&](store::RowReader& r) {
        department_id = r.OptInt();
        active = r.Bool();
    });
    if (!active) return Error::Validation(fmt::format("user {} is deactivated", id), field);
    if (!MayReachUser(reach, id, department_id)) {
        return Error::Validation(fmt::format("user {} is not in the rule's department", id), field);
    }
    return Ok{};
}

Status CheckTrigger(store::Transaction& tx, Rule& rule) {
    Trigger& trigger = rule.trigger;
    const std::string_view type_name = crm::RecordTypeName(rule.record_type);
    if (trigger.pipeline_id) {
        const auto row = tx.FetchOne(sql::kRulePipelineType, {Param(*trigger.pipeline_id)});
        if (!row) return Error::Validation("no such pipeline", "trigger.pipeline_id");
        if (store::ReadRow(*row, &store::RowReader::Text) != type_name) {
            return Error::Validation(
                fmt::format("pipeline {} is not a pipeline of {}s", *trigger.pipeline_id, type_name),
                "trigger.pipeline_id");
        }
    }
    if (trigger.stage_id) {
        const auto stage = StageOf(tx, *trigger.stage_id);
        if (!stage) return Error::Validation("no such stage", "trigger.stage_id");
        if (stage->record_type != type_name) {
            return Error::Validation(
                fmt::format("stage {} is not a stage of {}s", *trigger.stage_id, type_name),
                "trigger.stage_id");
        }
        if (trigger.pipeline_id && *trigger.pipeline_id != stage->pipeline_id) {
            return Error::Validation(
                fmt::format("stage {} is not in pipeline {}", *trigger.stage_id, *trigger.pipeline_id),
                "trigger.stage_id");
        }
        if (trigger.type == TriggerType::kStageEntered) trigger.pipeline_id = stage->pipeline_id;
    }
    if (trigger.field && !IsKnownField(tx, rule.record_type, *trigger.field)) {
        return UnknownField(rule.record_type, *trigger.field, "trigger.field");
    }
    if (trigger.relative_to && *trigger.relative_to != "meeting" &&
        !IsDateField(tx, rule.record_type, *trigger.relative_to)) {
        return Error::Validation(
            fmt::format("trigger.relative_to must be \"meeting\" or a date field of a {}; {} is not",
                        type_name, *trigger.relative_to),
            "trigger.relative_to");
    }
    return Ok{};
}

Status CheckMoveStage(store::Transaction& tx, const Rule& rule, std::int64_t stage_id,
                      const std::string& field) {
    const auto stage = StageOf(tx, stage_id);
    if (!stage) return Error::Validation("no such stage", field);
    const std::string_view type_name = crm::RecordTypeName(rule.record_type);
    if (stage->record_type != type_name) {
        return Error::Validation(fmt::format("stage {} is not a stage of {}s", stage_id, type_name), field);
    }
    if (rule.trigger.pipeline_id && *rule.trigger.pipeline_id != stage->pipeline_id) {
        return Error::Validation(
            fmt::format("stage {} is not in the trigger's pipeline {}", stage_id, *rule.trigger.pipeline_id),
            field);
    }
    return Ok{};
}

Status CheckAction(store::Transaction& tx, const Rule& rule, const store::Scope& reach, const Action& action,
                   std::size_t i) {
    switch (action.type) {
        case ActionType::kSendSms:
        case ActionType::kSendEmail: {
            const std::string field = Field("actions", i, "template_id");
            const std::string_view wanted = action.type == ActionType::kSendSms ? "sms" : "email";
            const auto row = tx.FetchOne(sql::kRuleTemplateKind, {Param(*action.template_id)});
            std::string kind;
            std::optional<std::int64_t> template_department;
            if (row) {
                store::ReadRow(*row, [&](store::RowReader& r) {
                    kind = r.Text();
                    template_department = r.OptInt();
                });
            }
            // A department's rule uses its department's templates and the organisation-wide ones.
            if (!row || (template_department && template_department != rule.department_id)) {
                return Error::Validation("no such template", field);
            }
            if (kind != wanted) {
                return Error::Validation(
                    fmt::format("template {} is an {} template; {} needs an {} template", *action.template_id,
                                kind, ActionTypeName(action.type), wanted),
                    field);
            }
            return Ok{};
        }
        case ActionType::kCreateTask:
            if (action.assignee_id) {
                if (auto ok =
                        CheckActiveUser(tx, reach, *action.assignee_id, Field("actions", i, "assignee_id"));
                    !ok) {
                    return ok;
                }
            }
            if (action.department_id &&
                !tx.FetchOne(sql::kRuleDepartmentExists, {Param(*action.department_id)})) {
                return Error::Validation("no such department", Field("actions", i, "department_id"));
            }
            return Ok{};
        case ActionType::kChangeOwner:
            return CheckActiveUser(tx, reach, *action.owner_id, Field("actions", i, "owner_id"));
        case ActionType::kMoveStage:
            return CheckMoveStage(tx, rule, *action.stage_id, Field("actions", i, "stage_id"));
        case ActionType::kNotify:
            for (const auto id : action.user_ids) {
                if (auto ok = CheckActiveUser(tx, reach, id, Field("actions", i, "user_ids")); !ok) return ok;
            }
            return Ok{};
        case ActionType::kWebhook:  // its form is checked by ParseRule; where it points, here
            return messaging::CheckOutboundUrl(action.url, messaging::LoadOutboundAllowList(tx),
                                               Field("actions", i, "url"));
    }
    return Ok{};
}

// Fills the secret of webhook actions given without one from the current webhook action with the
// same URL.
void KeepWebhookSecrets(Json& actions, const Json& current) {
    if (!actions.is_array() || !current.is_object() || !current.contains("actions")) return;
    for (auto& action : actions) {
        if (!action.is_object() || action.value("type", "") != "webhook") continue;
        if (action.contains("secret") && !action["secret"].is_null()) continue;
        for (const auto& old : current["actions"]) {
            if (old.is_object() && old.value("type", "") == "webhook" && action.contains("url") &&
                old.value("url", Json(nullptr)) == action["url"] && old.contains("secret")) {
                action["secret"] = old["secret"];
                break;
            }
        }
    }
}

std::vector<store::Value> ColumnParams(const Rule& rule) {
    return {Param(rule.name),
            Param(rule.enabled),
            Param(crm::RecordTypeName(rule.record_type)),
            Param(TriggerTypeName(rule.trigger.type)),
            Param(rule.trigger.pipeline_id),
            Param(rule.trigger.stage_id),
            Param(RuleDefinitionJson(rule).dump()),
            Param(rule.delay_seconds),
            Param(rule.enabled_at)};
}

Run RunFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Run run;
        run.id = r.Int();
        run.rule_id = r.OptInt();
        run.job_id = r.OptInt();
        run.record_type = crm::ParseRecordType(r.Text()).value_or(crm::RecordType::kDeal);
        run.record_id = r.Int();
        run.at = r.Int();
        run.outcome = r.Text();
        run.detail = r.OptText();
        run.actions = Json::parse(r.Text(), nullptr, /*allow_exceptions=*/false);
        if (!run.actions.is_array()) run.actions = Json::array();
        return run;
    });
}

}  // namespace

Status CheckRule(store::Transaction& tx, Rule& rule) {
    if (rule.department_id && !tx.FetchOne(sql::kRuleDepartmentExists, {Param(*rule.department_id)})) {
        return Error::Validation("no such department", "department_id");
    }
    // The reach the rule will act within (the author's part of the sight is checked when it runs).
    const store::Scope reach = SightOf(rule.department_id, std::nullopt).scope;
    if (auto ok = CheckTrigger(tx, rule); !ok) return ok;
    for (std::size_t i = 0; i < rule.conditions.size(); ++i) {
        if (!IsKnownField(tx, rule.record_type, rule.conditions[i].field)) {
            return UnknownField(rule.record_type, rule.conditions[i].field, Field("conditions", i, "field"));
        }
    }
    for (std::size_t i = 0; i < rule.actions.size(); ++i) {
        if (auto ok = CheckAction(tx, rule, reach, rule.actions[i], i); !ok) return ok;
    }
    return Ok{};
}

std::vector<Rule> EnabledRules(store::Transaction& tx, crm::RecordType type) {
    std::vector<Rule> rules;
    for (const auto& row : tx.Fetch(sql::kRuleEnabled, {Param(crm::RecordTypeName(type))})) {
        if (auto stored = RuleFromRow(row)) rules.push_back(std::move(stored->rule));
    }
    return rules;
}

std::optional<Rule> LoadRule(store::Transaction& tx, std::int64_t id) {
    auto stored = LoadStored(tx, id);
    if (!stored) return std::nullopt;
    if (stored->deleted) stored->rule.enabled = false;
    return std::move(stored->rule);
}

Result<Page<Rule>> RuleService::List(const auth::Principal& principal, const PageRequest& page) {
    if (auto ok = CheckManager(principal); !ok) return std::move(ok).error();
    const auto after_id = page.AfterId("rules");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Rule>> {
        std::vector<Rule> rules;
        const auto& user = principal.user;
        for (const auto& row :
             tx.Fetch(sql::kRuleList, {Param(user.role == auth::Role::kAdmin), Param(user.department_id),
                                       Param(*after_id), Param(page.limit + 1)})) {
            if (auto stored = RuleFromRow(row)) rules.push_back(std::move(stored->rule));
        }
        return MakePage(std::move(rules), page.limit, "rules", [](const Rule& rule) { return rule.id; });
    });
}

Result<Rule> RuleService::Get(const auth::Principal& principal, std::int64_t id) {
    if (auto ok = CheckManager(principal); !ok) return std::move(ok).error();
    return db_.Read([&](store::Transaction& tx) -> Result<Rule> {
        auto stored = LoadLive(tx, principal, id);
        if (!stored) return std::move(stored).error();
        return std::move(stored->rule);
    });
}

Result<Rule> RuleService::Create(const auth::Principal& principal, const Json& body) {
    if (auto ok = CheckManager(principal); !ok) return std::move(ok).error();
    Json definition = body;
    auto requested = TakeDepartment(definition);
    if (!requested) return std::move(requested).error();
    auto department = auth::DepartmentOfNewConfig(principal.user, *requested, kWhat);
    if (!department) return std::move(department).error();
    auto parsed = ParseRule(definition);
    if (!parsed) return std::move(parsed).error();
    Rule rule = std::move(parsed).value();
    rule.department_id = *department;
    return db_.Write([&](store::Transaction& tx) -> Result<Rule> {
        if (auto ok = CheckRule(tx, rule); !ok) return std::move(ok).error();
        const UnixTime now = clock_.Now();
        if (rule.enabled) rule.enabled_at = now;
        auto params = ColumnParams(rule);
        params.push_back(Param(rule.department_id));
        params.push_back(Param(principal.user.id));
        params.push_back(Param(now));
        const std::int64_t id = tx.Insert(sql::kRuleInsert, params);
        return std::move(LoadStored(tx, id)->rule);
    });
}

Result<Rule> RuleService::Update(const auth::Principal& principal, std::int64_t id, const Json& patch) {
    if (auto ok = CheckManager(principal); !ok) return std::move(ok).error();
    if (!patch.is_object()) return Error::Validation("the body must be a JSON object");
    Json changes = patch;
    auto requested = TakeDepartment(changes);
    if (!requested) return std::move(requested).error();
    return db_.Write([&](store::Transaction& tx) -> Result<Rule> {
        auto current = LoadLive(tx, principal, id);
        if (!current) return std::move(current).error();
        if (auto ok =
                auth::CheckMayChangeConfig(principal.user, current->rule.department_id, kWhat, *requested);
            !ok) {
            return std::move(ok).error();
        }
        Json merged = current->definition;
        merged["name"] = current->rule.name;
        merged["enabled"] = current->rule.enabled;
        merged["record_type"] = crm::RecordTypeName(current->rule.record_type);
        for (const auto& [key, value] : changes.items()) merged[key] = value;
        KeepWebhookSecrets(merged["actions"], current->definition);
        auto parsed = ParseRule(merged);
        if (!parsed) return std::move(parsed).error();
        Rule rule = std::move(parsed).value();
        rule.department_id = requested->value_or(current->rule.department_id);
        if (auto ok = CheckRule(tx, rule); !ok) return std::move(ok).error();
        const UnixTime now = clock_.Now();
        rule.enabled_at = current->rule.enabled_at;
        if (rule.enabled && !current->rule.enabled) rule.enabled_at = now;
        auto params = ColumnParams(rule);
        params.insert(params.begin(), Param(id));
        params.push_back(Param(now));
        params.push_back(Param(rule.department_id));
        params.push_back(Param(principal.user.id));  // who saved it last is whose sight it acts with
        tx.Execute(sql::kRuleUpdate, params);
        return std::move(LoadStored(tx, id)->rule);
    });
}

Status RuleService::Delete(const auth::Principal& principal, std::int64_t id) {
    if (auto ok = CheckManager(principal); !ok) return ok;
    return db_.Write([&](store::Transaction& tx) -> Status {
        auto current = LoadLive(tx, principal, id);
        if (!current) return std::move(current).error();
        if (auto ok = auth::CheckMayChangeConfig(principal.user, current->rule.department_id, kWhat); !ok)
            return ok;
        if (tx.Execute(sql::kRuleSetDeleted, {Param(id), Param(clock_.Now())}) == 0) {
            return Error::NotFound("no such automation rule");
        }
        return Ok{};
    });
}

Result<Page<Run>> RuleService::ListRuns(const auth::Principal& principal, std::int64_t rule_id,
                                        const PageRequest& page) {
    if (auto ok = CheckManager(principal); !ok) return std::move(ok).error();
    const auto after_id = page.AfterId("rule_runs");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Run>> {
        auto rule = LoadLive(tx, principal, rule_id);
        if (!rule) return std::move(rule).error();
        std::vector<Run> runs;
        // Only the runs on records the reader may see now: an organisation-wide rule's log read by a
        // head shows their department's records only.
        const auto params = store::ScopedParams(auth::ScopeOf(principal),
                                                {Param(rule_id), Param(*after_id), Param(page.limit + 1)});
        for (const auto& row : tx.Fetch(sql::kRunList, params)) {
            runs.push_back(RunFromRow(row));
        }
        return MakePage(std::move(runs), page.limit, "rule_runs", [](const Run& run) { return run.id; });
    });
}

}  // namespace voronka::automation
