// Parsing, serialising and planning of automation rules, conditions and guards (automation/rule.hpp).
#include "automation/rule.hpp"

#include <gtest/gtest.h>

#include <string>

namespace voronka::automation {
namespace {

using Json = nlohmann::json;

Json BaseRule() {
    return Json::parse(R"({
        "name": "Встреча назначена → SMS",
        "record_type": "deal",
        "trigger": {"type": "stage_entered", "pipeline_id": 1, "stage_id": 3},
        "actions": [{"type": "send_sms", "template_id": 7}]
    })");
}

// The field a rule is refused on, or "" when it parses.
std::string RefusedField(const Json& json) {
    const auto rule = ParseRule(json);
    if (rule) return "";
    EXPECT_EQ(rule.error().code, ErrorCode::kValidationFailed);
    return rule.error().field;
}

Rule Parsed(const Json& json) {
    auto rule = ParseRule(json);
    EXPECT_TRUE(rule.ok()) << (rule.ok() ? "" : rule.error().field + ": " + rule.error().message);
    return rule.ok() ? rule.value() : Rule{};
}

Rule WithTrigger(const Json& trigger, std::string_view record_type = "deal") {
    Json json = BaseRule();
    json["record_type"] = record_type;
    json["trigger"] = trigger;
    Rule rule = Parsed(json);
    rule.enabled_at = 1000;
    return rule;
}

Event MakeEvent(EventKind kind, Json data, UnixTime at = 2000,
                crm::RecordType type = crm::RecordType::kDeal) {
    Event event;
    event.id = 42;
    event.kind = kind;
    event.record_type = type;
    event.record_id = 9;
    event.data = std::move(data);
    event.at = at;
    return event;
}

Json StageData(std::int64_t stage, std::string_view kind = "open", Json deadline = nullptr) {
    return {{"pipeline_id", 1},   {"stage_id", stage},  {"from_stage_id", 2},
            {"stage_kind", kind}, {"entered_at", 2000}, {"deadline", deadline}};
}

Json TaskData(std::string_view kind, bool open, std::int64_t due = 5000) {
    return {{"task_id", 77},   {"kind", kind}, {"due_at", due}, {"open", open}, {"department_id", nullptr},
            {"assignee_id", 4}};
}

Json Changed(std::string_view field, Json new_value) {
    return {{"changes", Json::array({{{"field", field}, {"old", nullptr}, {"new", new_value}}})}};
}

const LocalMidnightFn kMidnight = [](const std::string& date) -> std::optional<UnixTime> {
    if (date == "2026-11-28") return 1795813200;  // 2026-11-28T00:00:00+03:00
    return std::nullopt;
};

// --- parsing ---------------------------------------------------------------------------------

TEST(ParseRule, ReadsTheWholeShapeWithDefaults) {
    const Rule rule = Parsed(BaseRule());
    EXPECT_EQ(rule.name, "Встреча назначена → SMS");
    EXPECT_TRUE(rule.enabled);
    EXPECT_EQ(rule.record_type, crm::RecordType::kDeal);
    EXPECT_EQ(rule.trigger.type, TriggerType::kStageEntered);
    EXPECT_EQ(rule.trigger.stage_id, 3);
    EXPECT_EQ(rule.trigger.pipeline_id, 1);
    ASSERT_EQ(rule.actions.size(), 1u);
    EXPECT_EQ(rule.actions[0].type, ActionType::kSendSms);
    EXPECT_EQ(rule.actions[0].template_id, 7);
    EXPECT_EQ(rule.actions[0].to, "contact");
    EXPECT_TRUE(rule.conditions.empty());
    EXPECT_EQ(rule.delay_seconds, 0);
}

TEST(ParseRule, RequiredKeysAreNamed) {
    for (const char* key : {"name", "record_type", "trigger", "actions"}) {
        Json json = BaseRule();
        json.erase(key);
        EXPECT_EQ(RefusedField(json), key);
    }
    Json json = BaseRule();
    json["trigger"].erase("stage_id");
    EXPECT_EQ(RefusedField(json), "trigger.stage_id");
}

TEST(ParseRule, UnknownKeysAreRefusedByTheirPath) {
    Json json = BaseRule();
    json["colour"] = "red";
    EXPECT_EQ(RefusedField(json), "colour");
    json = BaseRule();
    json["trigger"]["field"] = "amount";
    EXPECT_EQ(RefusedField(json), "trigger.field");
    json = BaseRule();
    json["actions"][0]["subject"] = "x";
    EXPECT_EQ(RefusedField(json), "actions[0].subject");
    json = BaseRule();
    json["conditions"] = Json::array({{{"field", "amount"}, {"op", "="}, {"value", 1}, {"extra", 1}}});
    EXPECT_EQ(RefusedField(json), "conditions[0].extra");
}

TEST(ParseRule, UnknownTriggerActionOpAndRecordTypeAreRefused) {
    Json json = BaseRule();
    json["trigger"] = {{"type", "moon_phase"}};
    EXPECT_EQ(RefusedField(json), "trigger.type");
    json = BaseRule();
    json["actions"][0] = {{"type", "fax"}};
    EXPECT_EQ(RefusedField(json), "actions[0].type");
    json = BaseRule();
    json["conditions"] = Json::array({{{"field", "amount"}, {"op", "~"}, {"value", 1}}});
    EXPECT_EQ(RefusedField(json), "conditions[0].op");
    json = BaseRule();
    json["record_type"] = "invoice";
    EXPECT_EQ(RefusedField(json), "record_type");
}

TEST(ParseRule, WrongTypesAreRefused) {
    Json json = BaseRule();
    json["enabled"] = "yes";
    EXPECT_EQ(RefusedField(json), "enabled");
    json = BaseRule();
    json["trigger"]["stage_id"] = "3";
    EXPECT_EQ(RefusedField(json), "trigger.stage_id");
    json = BaseRule();
    json["actions"][0]["template_id"] = -1;
    EXPECT_EQ(RefusedField(json), "actions[0].template_id");
    json = BaseRule();
    json["name"] = "   ";
    EXPECT_EQ(RefusedField(json), "name");
    json = BaseRule();
    json["trigger"] = "stage_entered";
    EXPECT_EQ(RefusedField(json), "trigger");
}

TEST(ParseRule, TriggersMustFitTheRecordType) {
    Json json = BaseRule();
    json["record_type"] = "contact";
    EXPECT_EQ(RefusedField(json), "trigger.type");
    json["trigger"] = {{"type", "deal_won"}};
    json["record_type"] = "lead";
    EXPECT_EQ(RefusedField(json), "trigger.type");
    json["record_type"] = "deal";
    EXPECT_EQ(RefusedField(json), "");
    json["record_type"] = "company";
    json["trigger"] = {{"type", "stage_overdue"}};
    EXPECT_EQ(RefusedField(json), "trigger.type");
    json["trigger"] = {{"type", "record_created"}};
    EXPECT_EQ(RefusedField(json), "");
}

TEST(ParseRule, ActionsAreOneToTwentyAndConditionsAtMostTwenty) {
    Json json = BaseRule();
    json["actions"] = Json::array();
    EXPECT_EQ(RefusedField(json), "actions");
    json["actions"] = Json::array();
    for (int i = 0; i < 21; ++i) json["actions"].push_back({{"type", "send_sms"}, {"template_id", 7}});
    EXPECT_EQ(RefusedField(json), "actions");
    json["actions"].erase(json["actions"].size() - 1);
    EXPECT_EQ(RefusedField(json), "");
    json["conditions"] = Json::array();
    for (int i = 0; i < 21; ++i)
        json["conditions"].push_back({{"field", "amount"}, {"op", ">"}, {"value", i}});
    EXPECT_EQ(RefusedField(json), "conditions");
    json["conditions"].erase(json["conditions"].size() - 1);
    EXPECT_EQ(RefusedField(json), "");
}

TEST(ParseRule, DurationsAreIso8601AndOnlyTheOffsetMayBeNegative) {
    Json json = BaseRule();
    json["delay"] = "PT1H30M";
    EXPECT_EQ(Parsed(json).delay_seconds, 5400);
    json["delay"] = "-PT1H";
    EXPECT_EQ(RefusedField(json), "delay");
    json["delay"] = "90 minutes";
    EXPECT_EQ(RefusedField(json), "delay");
    json = BaseRule();
    json["trigger"] = {{"type", "scheduled"}, {"relative_to", "meeting"}, {"offset", "-PT2H"}};
    EXPECT_EQ(Parsed(json).trigger.offset_seconds, -7200);
    json["trigger"]["offset"] = "P1D";
    EXPECT_EQ(Parsed(json).trigger.offset_seconds, 86400);
    json["trigger"]["offset"] = "-2h";
    EXPECT_EQ(RefusedField(json), "trigger.offset");
    json["trigger"].erase("offset");
    EXPECT_EQ(RefusedField(json), "trigger.offset");
}

TEST(ParseRule, ConditionValuesFitTheirOperator) {
    const auto field_of = [](Json condition) {
        Json json = BaseRule();
        json["conditions"] = Json::array({condition});
        return RefusedField(json);
    };
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", "in"}, {"value", 5}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", "in"}, {"value", Json::array()}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", "in"}, {"value", {1, 2}}}), "");
    EXPECT_EQ(field_of({{"field", "title"}, {"op", "empty"}, {"value", "yes"}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", "title"}, {"op", "empty"}, {"value", true}}), "");
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", ">"}, {"value", true}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", "="}, {"value", {{"a", 1}}}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", "amount"}, {"op", "="}}), "conditions[0].value");
    EXPECT_EQ(field_of({{"field", ""}, {"op", "="}, {"value", 1}}), "conditions[0].field");
}

TEST(ParseRule, CreateTaskNeedsSubjectAndDueAndTakesAssigneeOrDepartmentNotBoth) {
    Json json = BaseRule();
    json["actions"] = Json::array({{{"type", "create_task"},
                                    {"subject", "Зарезервировать товар"},
                                    {"due", "P1D"},
                                    {"department_id", 2}}});
    const Rule rule = Parsed(json);
    ASSERT_EQ(rule.actions.size(), 1u);
    EXPECT_EQ(rule.actions[0].task_kind, crm::TaskKind::kTodo);
    EXPECT_EQ(rule.actions[0].due_seconds, 86400);
    EXPECT_EQ(rule.actions[0].department_id, 2);
    json["actions"][0]["assignee_id"] = 5;
    EXPECT_EQ(RefusedField(json), "actions[0].department_id");
    json["actions"][0].erase("assignee_id");
    json["actions"][0].erase("due");
    EXPECT_EQ(RefusedField(json), "actions[0].due");
    json["actions"][0]["due"] = "P1D";
    json["actions"][0]["location"] = "Офис";
    EXPECT_EQ(RefusedField(json), "actions[0].location");
    json["actions"][0]["kind"] = "meeting";
    EXPECT_EQ(Parsed(json).actions[0].location, "Офис");
    json["actions"][0]["kind"] = "lunch";
    EXPECT_EQ(RefusedField(json), "actions[0].kind");
}

TEST(ParseRule, WebhookNeedsAnHttpUrlWithAHostAndASecret) {
    Json json = BaseRule();
    json["actions"] =
        Json::array({{{"type", "notify"}, {"owner", true}, {"text", "x"}},
                     {{"type", "webhook"}, {"url", "https://hooks.example.com/crm"}, {"secret", "s3"}}});
    EXPECT_EQ(RefusedField(json), "");
    for (const char* url : {"ftp://hooks.example.com/x", "https://", "http:///path", "hooks.example.com",
                            "javascript:alert(1)", "https://host:99999/", "https://ex ample.com/"}) {
        json["actions"][1]["url"] = url;
        EXPECT_EQ(RefusedField(json), "actions[1].url") << url;
    }
    for (const char* url : {"http://127.0.0.1:8080/hook", "HTTPS://Example.com", "https://[::1]:443/x?y=1"}) {
        json["actions"][1]["url"] = url;
        EXPECT_EQ(RefusedField(json), "") << url;
    }
    json["actions"][1].erase("secret");
    EXPECT_EQ(RefusedField(json), "actions[1].secret");
    json["actions"][1]["secret"] = "";
    EXPECT_EQ(RefusedField(json), "actions[1].secret");
}

TEST(ParseRule, NotifyNeedsTextAndARecipient) {
    Json json = BaseRule();
    json["actions"] = Json::array({{{"type", "notify"}, {"text", "Сделка просрочена"}}});
    EXPECT_EQ(RefusedField(json), "actions[0].user_ids");
    json["actions"][0]["head"] = true;
    EXPECT_EQ(RefusedField(json), "");
    json["actions"][0]["user_ids"] = {1, "2"};
    EXPECT_EQ(RefusedField(json), "actions[0].user_ids");
    json["actions"][0]["user_ids"] = {1, 2};
    json["actions"][0].erase("text");
    EXPECT_EQ(RefusedField(json), "actions[0].text");
    // The text is a template, checked when the rule is saved.
    json["actions"][0]["text"] = "Сделка {{record.title";
    EXPECT_EQ(RefusedField(json), "actions[0].text");
    json["actions"][0]["text"] = "Сделка {{record.nonsense}}";
    EXPECT_EQ(RefusedField(json), "actions[0].text");
    json["actions"][0]["text"] = "Сделка {{record.title}}";
    EXPECT_EQ(RefusedField(json), "");
}

TEST(ParseRule, SendActionsTakeContactOrOwner) {
    Json json = BaseRule();
    json["actions"][0]["to"] = "owner";
    EXPECT_EQ(Parsed(json).actions[0].to, "owner");
    json["actions"][0]["to"] = "boss";
    EXPECT_EQ(RefusedField(json), "actions[0].to");
}

TEST(RuleToJson, RoundTripsAndNeverShowsTheWebhookSecret) {
    Json json = BaseRule();
    json["conditions"] =
        Json::array({{{"field", "custom_fields.city"}, {"op", "in"}, {"value", {"Москва"}}}});
    json["actions"].push_back(
        {{"type", "webhook"}, {"url", "https://hooks.example.com/"}, {"secret", "top-secret"}});
    json["actions"].push_back(
        {{"type", "create_task"}, {"kind", "call"}, {"subject", "Позвонить"}, {"due", "PT4H"}});
    json["delay"] = "PT10M";
    const Rule rule = Parsed(json);
    const Json shown = RuleToJson(rule);
    EXPECT_EQ(shown.dump().find("top-secret"), std::string::npos) << shown;
    EXPECT_EQ(shown["actions"][1]["secret_set"], true);
    EXPECT_EQ(shown["delay"], "PT10M");
    EXPECT_EQ(shown["actions"][2]["due"], "PT4H");
    // The stored definition keeps the secret and reads back to the same JSON.
    Json stored = RuleDefinitionJson(rule);
    EXPECT_EQ(stored["actions"][1]["secret"], "top-secret");
    stored["name"] = rule.name;
    stored["enabled"] = rule.enabled;
    stored["record_type"] = "deal";
    const Rule again = Parsed(stored);
    EXPECT_EQ(RuleToJson(again), shown);
    EXPECT_EQ(again.actions[1].secret, "top-secret");
}

TEST(RuleToJson, WritesANegativeOffsetWithItsSign) {
    const Rule rule = WithTrigger({{"type", "scheduled"}, {"relative_to", "meeting"}, {"offset", "-PT2H"}});
    EXPECT_EQ(RuleToJson(rule)["trigger"]["offset"], "-PT2H");
}

// --- planning --------------------------------------------------------------------------------

TEST(PlanFiring, RecordCreatedFiresAfterTheDelay) {
    Rule rule = WithTrigger({{"type", "record_created"}});
    rule.delay_seconds = 600;
    const auto firing = PlanFiring(rule, MakeEvent(EventKind::kRecordCreated, {{"owner_id", 3}}), kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 2600);
    EXPECT_EQ(firing->occurrence, "created");
    EXPECT_TRUE(firing->guard.empty());
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kStageEntered, StageData(3)), kMidnight));
}

TEST(PlanFiring, EventsBeforeTheRuleWasEnabledNeverFire) {
    Rule rule = WithTrigger({{"type", "record_created"}});
    rule.enabled_at = 2001;
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kRecordCreated, {{"owner_id", 3}}, 2000), kMidnight));
    EXPECT_TRUE(PlanFiring(rule, MakeEvent(EventKind::kRecordCreated, {{"owner_id", 3}}, 2001), kMidnight));
    rule.enabled = false;
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kRecordCreated, {{"owner_id", 3}}, 3000), kMidnight));
}

TEST(PlanFiring, OtherRecordTypesNeverFire) {
    const Rule rule = WithTrigger({{"type", "record_created"}});
    EXPECT_FALSE(PlanFiring(
        rule, MakeEvent(EventKind::kRecordCreated, {{"owner_id", 3}}, 2000, crm::RecordType::kLead),
        kMidnight));
}

TEST(PlanFiring, StageEnteredMatchesItsStageAndGuardsTheEntry) {
    Rule rule = WithTrigger({{"type", "stage_entered"}, {"pipeline_id", 1}, {"stage_id", 3}});
    rule.delay_seconds = 3600;
    const auto firing = PlanFiring(rule, MakeEvent(EventKind::kStageEntered, StageData(3)), kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 5600);
    EXPECT_EQ(firing->occurrence, "stage:3:42");
    Event reentry = MakeEvent(EventKind::kStageEntered, StageData(3));
    reentry.id = 43;  // the same stage entered again within the same second
    EXPECT_EQ(PlanFiring(rule, reentry, kMidnight)->occurrence, "stage:3:43");
    EXPECT_EQ(firing->guard, (Json{{"stage_id", 3}, {"entered_at", 2000}}));
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kStageEntered, StageData(4)), kMidnight));
    Json other_pipeline = StageData(3);
    other_pipeline["pipeline_id"] = 2;
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kStageEntered, other_pipeline), kMidnight));
}

TEST(PlanFiring, DealWonAndLostFollowTheStageKind) {
    const Rule won = WithTrigger({{"type", "deal_won"}});
    const Rule lost = WithTrigger({{"type", "deal_lost"}});
    const Event into_won = MakeEvent(EventKind::kStageEntered, StageData(5, "won"));
    const Event into_lost = MakeEvent(EventKind::kStageEntered, StageData(6, "lost"));
    const Event into_open = MakeEvent(EventKind::kStageEntered, StageData(3, "open"));
    ASSERT_TRUE(PlanFiring(won, into_won, kMidnight));
    EXPECT_EQ(PlanFiring(won, into_won, kMidnight)->occurrence, "stage:5:42");
    EXPECT_FALSE(PlanFiring(won, into_lost, kMidnight));
    EXPECT_FALSE(PlanFiring(won, into_open, kMidnight));
    EXPECT_TRUE(PlanFiring(lost, into_lost, kMidnight));
    EXPECT_FALSE(PlanFiring(lost, into_won, kMidnight));
}

TEST(PlanOverdue, StageOverdueIsDueAtTheDeadlineOfAnEntryAfterTheRuleWasEnabled) {
    Rule rule = WithTrigger({{"type", "stage_overdue"}});
    rule.delay_seconds = 60;
    const StageEntry entry{.type = crm::RecordType::kDeal,
                           .pipeline_id = 1,
                           .stage_id = 3,
                           .entered_at = 2000,
                           .deadline = 90000};
    const auto firing = PlanOverdue(rule, entry);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 90060);
    EXPECT_EQ(firing->occurrence, "overdue:3:2000");
    EXPECT_EQ(firing->guard, (Json{{"stage_id", 3}, {"entered_at", 2000}}));
    const Rule only_stage_4 = WithTrigger({{"type", "stage_overdue"}, {"stage_id", 4}});
    EXPECT_FALSE(PlanOverdue(only_stage_4, entry));
    const Rule other_pipeline = WithTrigger({{"type", "stage_overdue"}, {"pipeline_id", 2}});
    EXPECT_FALSE(PlanOverdue(other_pipeline, entry));
    Rule later = rule;
    later.enabled_at = 2001;
    EXPECT_FALSE(PlanOverdue(later, entry)) << "entered before the rule was enabled";
    StageEntry lead = entry;
    lead.type = crm::RecordType::kLead;
    EXPECT_FALSE(PlanOverdue(rule, lead));
    // Never from the stage_entered event itself.
    EXPECT_FALSE(
        PlanFiring(rule, MakeEvent(EventKind::kStageEntered, StageData(3, "open", 90000)), kMidnight));
}

TEST(PlanFiring, FieldChangedMatchesTheFieldAndTheNewValue) {
    const Rule any = WithTrigger({{"type", "field_changed"}, {"field", "amount"}});
    const Rule to_big = WithTrigger({{"type", "field_changed"}, {"field", "amount"}, {"to", 100000}});
    const Event changed = MakeEvent(EventKind::kRecordChanged, Changed("amount", "100000"));
    const auto firing = PlanFiring(any, changed, kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->occurrence, "field:amount:42");
    EXPECT_EQ(firing->due_at, 2000);
    EXPECT_TRUE(PlanFiring(to_big, changed, kMidnight));
    EXPECT_FALSE(PlanFiring(to_big, MakeEvent(EventKind::kRecordChanged, Changed("amount", "5")), kMidnight));
    EXPECT_FALSE(PlanFiring(any, MakeEvent(EventKind::kRecordChanged, Changed("title", "x")), kMidnight));
    const Rule custom =
        WithTrigger({{"type", "field_changed"}, {"field", "custom_fields.vip"}, {"to", true}});
    EXPECT_TRUE(PlanFiring(custom, MakeEvent(EventKind::kRecordChanged, Changed("custom_fields.vip", "true")),
                           kMidnight));
}

TEST(PlanFiring, TaskOverdueFollowsOpenTasksOnly) {
    Rule rule = WithTrigger({{"type", "task_overdue"}});
    rule.delay_seconds = 300;
    const auto firing =
        PlanFiring(rule, MakeEvent(EventKind::kTaskChanged, TaskData("call", true)), kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 5300);
    EXPECT_EQ(firing->occurrence, "task:77:5000");
    EXPECT_EQ(firing->guard, (Json{{"task_id", 77}, {"due_at", 5000}}));
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kTaskChanged, TaskData("call", false)), kMidnight));
}

TEST(PlanFiring, ScheduledBeforeAMeeting) {
    const Rule rule = WithTrigger({{"type", "scheduled"}, {"relative_to", "meeting"}, {"offset", "-PT2H"}});
    const auto firing =
        PlanFiring(rule, MakeEvent(EventKind::kTaskChanged, TaskData("meeting", true, 20000)), kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 20000 - 7200);
    EXPECT_EQ(firing->occurrence, "meeting:77:20000");
    EXPECT_EQ(firing->guard, (Json{{"task_id", 77}, {"due_at", 20000}}));
    EXPECT_FALSE(
        PlanFiring(rule, MakeEvent(EventKind::kTaskChanged, TaskData("call", true, 20000)), kMidnight));
    EXPECT_FALSE(
        PlanFiring(rule, MakeEvent(EventKind::kTaskChanged, TaskData("meeting", false, 20000)), kMidnight));
}

TEST(PlanFiring, ScheduledRelativeToADateField) {
    const Rule rule =
        WithTrigger({{"type", "scheduled"}, {"relative_to", "expected_close_on"}, {"offset", "PT9H"}});
    const auto firing = PlanFiring(
        rule, MakeEvent(EventKind::kRecordChanged, Changed("expected_close_on", "2026-11-28")), kMidnight);
    ASSERT_TRUE(firing);
    EXPECT_EQ(firing->due_at, 1795813200 + 9 * 3600);
    EXPECT_EQ(firing->occurrence, "date:expected_close_on:2026-11-28");
    EXPECT_EQ(firing->guard, (Json{{"field", "expected_close_on"}, {"value", "2026-11-28"}}));
    EXPECT_FALSE(PlanFiring(rule, MakeEvent(EventKind::kRecordChanged, Changed("expected_close_on", nullptr)),
                            kMidnight));
    EXPECT_FALSE(PlanFiring(
        rule, MakeEvent(EventKind::kRecordChanged, Changed("expected_close_on", "tomorrow")), kMidnight));
    const Rule day_before =
        WithTrigger({{"type", "scheduled"}, {"relative_to", "expected_close_on"}, {"offset", "-P1D"}});
    EXPECT_EQ(PlanFiring(day_before,
                         MakeEvent(EventKind::kRecordChanged, Changed("expected_close_on", "2026-11-28")),
                         kMidnight)
                  ->due_at,
              1795813200 - 86400);
}

// --- guards and conditions ------------------------------------------------------------------

Json Facts() {
    return Json::parse(R"({
        "id": 9, "record_type": "deal", "owner_id": 3, "department_id": 1, "title": "Поставка станков",
        "amount": 25000000, "currency": "RUB", "stage_id": 3, "pipeline_id": 1,
        "stage_entered_at": "1970-01-01T00:33:20Z", "stage_deadline": null, "is_open": true,
        "expected_close_on": "2026-11-28", "contact_id": null, "lost_reason": "",
        "custom_fields": {"city": "Москва", "vip": true, "discount": 12.5, "tags": []},
        "open_tasks": [{"id": 77, "kind": "meeting", "due_at": "1970-01-01T05:33:20Z", "department_id": null}]
    })");
}

TEST(GuardHolds, StageEntryTaskAndFieldGuards) {
    const Json facts = Facts();
    EXPECT_TRUE(GuardHolds(Json::object(), facts));
    EXPECT_TRUE(GuardHolds({{"stage_id", 3}, {"entered_at", 2000}}, facts));
    EXPECT_FALSE(GuardHolds({{"stage_id", 4}, {"entered_at", 2000}}, facts)) << "left the stage";
    EXPECT_FALSE(GuardHolds({{"stage_id", 3}, {"entered_at", 1000}}, facts)) << "entered again since";
    EXPECT_TRUE(GuardHolds({{"task_id", 77}, {"due_at", 20000}}, facts));
    EXPECT_FALSE(GuardHolds({{"task_id", 77}, {"due_at", 20001}}, facts)) << "rescheduled";
    EXPECT_FALSE(GuardHolds({{"task_id", 78}, {"due_at", 20000}}, facts)) << "done or deleted";
    EXPECT_TRUE(GuardHolds({{"field", "expected_close_on"}, {"value", "2026-11-28"}}, facts));
    EXPECT_FALSE(GuardHolds({{"field", "expected_close_on"}, {"value", "2026-11-29"}}, facts));
    EXPECT_TRUE(GuardHolds({{"field", "custom_fields.city"}, {"value", "Москва"}}, facts));
}

TEST(GuardApplies, AStageGuardWaitsOnlyForADelayOrADeadline) {
    const Json stage = {{"stage_id", 3}, {"entered_at", 2000}};
    EXPECT_FALSE(GuardApplies(0, false, stage)) << "an immediate stage rule runs for the entry it saw";
    EXPECT_TRUE(GuardApplies(60, false, stage)) << "a delayed one is cancelled when the record left";
    EXPECT_TRUE(GuardApplies(0, true, stage)) << "a deadline is about the stage the record is in";
    EXPECT_TRUE(GuardApplies(60, true, stage));
}

TEST(GuardApplies, TaskFieldAndEmptyGuardsAlwaysApply) {
    for (const Json& guard :
         {Json{{"task_id", 77}, {"due_at", 20000}},
          Json{{"field", "expected_close_on"}, {"value", "2026-11-28"}}, Json::object()}) {
        SCOPED_TRACE(guard.dump());
        EXPECT_TRUE(GuardApplies(0, false, guard));
        EXPECT_TRUE(GuardApplies(60, true, guard));
    }
}

TEST(GuardApplies, ARuleAnswersByItsDelayAndTrigger) {
    const Json stage = {{"stage_id", 3}, {"entered_at", 2000}};
    Rule rule;
    rule.trigger.type = TriggerType::kStageEntered;
    EXPECT_FALSE(GuardApplies(rule, stage));
    rule.delay_seconds = 3600;
    EXPECT_TRUE(GuardApplies(rule, stage));
    rule.delay_seconds = 0;
    rule.trigger.type = TriggerType::kStageOverdue;
    EXPECT_TRUE(GuardApplies(rule, stage));
}

TEST(CancelReason, NamesWhatChangedByTheGuardsKind) {
    EXPECT_EQ(CancelReason({{"stage_id", 3}, {"entered_at", 2000}}), Text::kRunLeftStage);
    EXPECT_EQ(CancelReason({{"task_id", 77}, {"due_at", 20000}}), Text::kRunTaskChanged);
    EXPECT_EQ(CancelReason({{"field", "amount"}, {"value", "1"}}), Text::kRunFieldChanged);
    EXPECT_EQ(CancelReason(Json::object()), Text::kRunTriggerGone);
}

bool One(std::string_view field, std::string_view op, Json value) {
    Condition condition;
    condition.field = std::string(field);
    condition.op = *ParseConditionOp(op);
    condition.value = std::move(value);
    return ConditionsHold({condition}, Facts());
}

TEST(ConditionsHold, EqualAndNotEqual) {
    EXPECT_TRUE(One("amount", "=", 25000000));
    EXPECT_FALSE(One("amount", "=", 1));
    EXPECT_TRUE(One("title", "=", "Поставка станков"));
    EXPECT_TRUE(One("owner_id", "=", 3));
    EXPECT_TRUE(One("department_id", "!=", 2));
    EXPECT_TRUE(One("custom_fields.vip", "=", true));
    EXPECT_TRUE(One("custom_fields.vip", "=", "true")) << "compared by history text";
    EXPECT_TRUE(One("custom_fields.discount", "=", 12.5));
    EXPECT_TRUE(One("contact_id", "=", nullptr));
    EXPECT_TRUE(One("custom_fields.missing", "!=", "x"));
    EXPECT_FALSE(One("custom_fields.missing", "=", "x"));
}

TEST(ConditionsHold, GreaterAndLessOnNumbersDatesAndText) {
    EXPECT_TRUE(One("amount", ">", 1000000));
    EXPECT_FALSE(One("amount", "<", 1000000));
    EXPECT_TRUE(One("custom_fields.discount", "<", 20));
    EXPECT_TRUE(One("expected_close_on", ">", "2026-11-01"));
    EXPECT_TRUE(One("expected_close_on", "<", "2026-12-01"));
    EXPECT_FALSE(One("expected_close_on", ">", "2026-12-01"));
    EXPECT_FALSE(One("amount", ">", "1000")) << "a number is never compared with text";
    EXPECT_FALSE(One("contact_id", ">", 0)) << "null compares to nothing";
}

TEST(ConditionsHold, InAndEmpty) {
    EXPECT_TRUE(One("custom_fields.city", "in", {"Казань", "Москва"}));
    EXPECT_FALSE(One("custom_fields.city", "in", {"Казань"}));
    EXPECT_TRUE(One("owner_id", "in", {1, 3}));
    EXPECT_TRUE(One("contact_id", "empty", true));
    EXPECT_TRUE(One("lost_reason", "empty", true));
    EXPECT_TRUE(One("custom_fields.tags", "empty", true));
    EXPECT_TRUE(One("custom_fields.absent", "empty", true));
    EXPECT_FALSE(One("title", "empty", true));
    EXPECT_TRUE(One("title", "empty", false));
    EXPECT_FALSE(One("contact_id", "empty", false));
}

TEST(ConditionsHold, AllMustHold) {
    Condition big{.field = "amount", .op = ConditionOp::kGt, .value = 1000};
    Condition city{.field = "custom_fields.city", .op = ConditionOp::kEq, .value = "Казань"};
    EXPECT_TRUE(ConditionsHold({}, Facts()));
    EXPECT_TRUE(ConditionsHold({big}, Facts()));
    EXPECT_FALSE(ConditionsHold({big, city}, Facts()));
}

TEST(HistoryTextOf, WritesValuesAsTheHistoryDoes) {
    EXPECT_EQ(HistoryTextOf("x"), "x");
    EXPECT_EQ(HistoryTextOf(42), "42");
    EXPECT_EQ(HistoryTextOf(true), "true");
    EXPECT_EQ(HistoryTextOf(nullptr), std::nullopt);
}

}  // namespace
}  // namespace voronka::automation
