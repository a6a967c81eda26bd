// Automation rules and their run log over HTTP against the real binary on each back end: the
// CRUD of a head or an admin, every bad input of the issue answering 422 naming the field and
// changing nothing, 403 for a manager, and the mapping of the run log (rows written straight into
// automation_runs, since the engine that writes them is tested elsewhere).
#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "core/time.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;
using store::Param;

constexpr const char* kRules = "/api/v1/automation/rules";

class RulesApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        head_ = SignIn(kHeadEmail);
        const auto [pipeline, stage] = DefaultStage("deal", "open");
        pipeline_ = pipeline;
        stage_ = stage;
        lead_stage_ = DefaultStage("lead", "open").second;
        sms_template_ = InsertTemplate("sms", "Встреча", std::nullopt, "Ждём вас {{meeting.at}}");
        email_template_ =
            InsertTemplate("email", "Предложение", std::string("Коммерческое предложение"), "Текст");
    }

    std::int64_t InsertTemplate(std::string_view kind, std::string_view name,
                                std::optional<std::string> subject, std::string_view body) {
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(sql::kRulesInsertTemplate, {Param(kind), Param(name), Param(subject),
                                                         Param(body), Param(std::int64_t{1795000000})});
        });
    }
    std::vector<std::string> RulesTable() {
        std::vector<std::string> rows;
        db().Read([&](store::Transaction& tx) {
            for (const auto& row : tx.Fetch(sql::kRulesSnapshotRules)) rows.push_back(RenderRow(row));
        });
        return rows;
    }
    json StoredDefinition(std::int64_t id) {
        return db().Read([&](store::Transaction& tx) {
            return store::ReadRow(*tx.FetchOne(sql::kRulesDefinition, {Param(id)}), [](store::RowReader& r) {
                json definition = json::parse(r.Text());
                r.Skip(2);  // deleted_at, enabled: for the test of deletion
                return definition;
            });
        });
    }
    std::string RulePath(std::int64_t id, std::string_view rest = "") {
        return std::string(kRules) + "/" + std::to_string(id) + std::string(rest);
    }

    // "Meeting scheduled -> SMS" on the default deal pipeline, with a webhook and a queue task.
    json MeetingRule() {
        return {
            {"name", "Встреча назначена → SMS"},
            {"record_type", "deal"},
            {"trigger", {{"type", "stage_entered"}, {"pipeline_id", pipeline_}, {"stage_id", stage_}}},
            {"conditions", {{{"field", "amount"}, {"op", ">"}, {"value", 100000}}}},
            {"actions",
             {{{"type", "send_sms"}, {"template_id", sms_template_}},
              {{"type", "webhook"}, {"url", "https://hooks.example.com/voronka"}, {"secret", "very-secret"}},
              {{"type", "create_task"},
               {"subject", "Зарезервировать товар"},
               {"due", "P1D"},
               {"department_id", DepartmentId(kSalesDepartment)}}}},
            {"delay", "PT5M"}};
    }
    std::int64_t CreateRule(const json& body, const std::string& token) {
        const HttpResponse r = http().Post(kRules, body, token);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.Json().at("id").get<std::int64_t>() : 0;
    }
    std::int64_t NewDealPipelineStage() {
        const HttpResponse r = http().Post("/api/v1/pipelines",
                                           {{"name", "Тендеры"},
                                            {"record_type", "deal"},
                                            {"stages",
                                             {{{"name", "Заявка"}},
                                              {{"name", "Выигран"}, {"kind", "won"}},
                                              {{"name", "Проигран"}, {"kind", "lost"}}}}},
                                           head_);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.Json().at("stages").at(0).at("id").get<std::int64_t>() : 0;
    }

    std::string head_;
    std::int64_t pipeline_ = 0, stage_ = 0, lead_stage_ = 0, sms_template_ = 0, email_template_ = 0;
};

TEST_P(RulesApi, HeadCreatesReadsChangesAndDeletesARule) {
    const UnixTime before = std::time(nullptr);
    const HttpResponse created = http().Post(kRules, MeetingRule(), head_);
    ASSERT_EQ(created.status, 201) << created.body;
    const json rule = created.Json();
    const std::int64_t id = rule.at("id").get<std::int64_t>();
    EXPECT_EQ(rule.at("name"), "Встреча назначена → SMS");
    EXPECT_EQ(rule.at("enabled"), true);
    EXPECT_EQ(rule.at("record_type"), "deal");
    EXPECT_EQ(rule.at("trigger"),
              (json{{"type", "stage_entered"}, {"pipeline_id", pipeline_}, {"stage_id", stage_}}));
    EXPECT_EQ(rule.at("conditions"), MeetingRule().at("conditions"));
    EXPECT_EQ(rule.at("delay"), "PT5M");
    EXPECT_EQ(rule.at("created_by"), UserId(kHeadEmail));
    ASSERT_EQ(rule.at("actions").size(), 3u);
    EXPECT_EQ(rule.at("actions")[0],
              (json{{"type", "send_sms"}, {"template_id", sms_template_}, {"to", "contact"}}));
    EXPECT_EQ(
        rule.at("actions")[1],
        (json{{"type", "webhook"}, {"url", "https://hooks.example.com/voronka"}, {"secret_set", true}}));
    EXPECT_EQ(rule.at("actions")[2].at("due"), "P1D");
    EXPECT_EQ(created.body.find("very-secret"), std::string::npos) << "the secret is never read back";
    const auto enabled_at = ParseIso8601(rule.at("enabled_at").get<std::string>());
    ASSERT_TRUE(enabled_at);
    EXPECT_GE(*enabled_at, before);
    EXPECT_EQ(StoredDefinition(id).at("actions")[1].at("secret"), "very-secret");

    EXPECT_EQ(http().Get(RulePath(id), head_).Json(), rule);
    const json list = http().Get(kRules, AdminToken()).Json();
    ASSERT_EQ(list.at("items").size(), 1u);
    EXPECT_EQ(list.at("items")[0], rule);
    EXPECT_EQ(list.dump().find("very-secret"), std::string::npos);

    // A patch of some keys; a webhook sent back as read keeps its secret.
    json actions = rule.at("actions");
    actions.erase(0);
    const HttpResponse patched = http().Patch(
        RulePath(id), {{"name", "Только вебхук"}, {"enabled", false}, {"actions", actions}}, head_);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("name"), "Только вебхук");
    EXPECT_EQ(patched.Json().at("enabled"), false);
    EXPECT_EQ(patched.Json().at("trigger"), rule.at("trigger"));
    EXPECT_EQ(patched.Json().at("delay"), "PT5M");
    EXPECT_EQ(patched.Json().at("actions").size(), 2u);
    EXPECT_EQ(StoredDefinition(id).at("actions")[0].at("secret"), "very-secret");

    // Switching it on again sets enabled_at anew.
    db().Write([&](store::Transaction& tx) {
        tx.Execute(sql::kRulesBackdateEnabled, {Param(id), Param(std::int64_t{1000})});
    });
    const HttpResponse enabled = http().Patch(RulePath(id), {{"enabled", true}}, head_);
    ASSERT_EQ(enabled.status, 200) << enabled.body;
    const auto again = ParseIso8601(enabled.Json().at("enabled_at").get<std::string>());
    ASSERT_TRUE(again);
    EXPECT_GE(*again, before);

    const HttpResponse deleted = http().Delete(RulePath(id), head_);
    EXPECT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_TRUE(IsError(http().Get(RulePath(id), head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch(RulePath(id), {{"enabled", true}}, head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(RulePath(id), head_), 404, "not_found"));
    EXPECT_TRUE(http().Get(kRules, head_).Json().at("items").empty());
    const auto row =
        db().Read([&](store::Transaction& tx) { return tx.FetchOne(sql::kRulesDefinition, {Param(id)}); });
    ASSERT_TRUE(row);
    store::ReadRow(*row, [](store::RowReader& r) {
        r.Skip();  // definition
        EXPECT_NE(r.OptInt(), std::nullopt) << "soft delete keeps the row";
        EXPECT_FALSE(r.Bool()) << "a deleted rule is disabled";
    });
}

TEST_P(RulesApi, AStageTriggerWithoutPipelineTakesTheStagesPipeline) {
    json body = MeetingRule();
    body["trigger"].erase("pipeline_id");
    const HttpResponse r = http().Post(kRules, body, AdminToken());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.Json().at("trigger").at("pipeline_id"), pipeline_);
}

TEST_P(RulesApi, BadInputAnswers422NamingTheFieldAndChangesNothing) {
    const std::int64_t other_stage = NewDealPipelineStage();
    const std::int64_t existing = CreateRule(MeetingRule(), head_);
    struct Case {
        std::string what;
        json body;
        std::string field;
    };
    std::vector<Case> cases;
    const auto with = [&](std::string what, std::string field, auto change) {
        json body = MeetingRule();
        change(body);
        cases.push_back({std::move(what), std::move(body), std::move(field)});
    };
    with("stage of another pipeline", "trigger.stage_id",
         [&](json& b) { b["trigger"]["stage_id"] = other_stage; });
    with("stage of leads", "trigger.stage_id", [&](json& b) {
        b["trigger"].erase("pipeline_id");
        b["trigger"]["stage_id"] = lead_stage_;
    });
    with("no such stage", "trigger.stage_id", [&](json& b) { b["trigger"]["stage_id"] = 999999; });
    with("unknown condition field", "conditions[0].field",
         [&](json& b) { b["conditions"][0]["field"] = "shoe_size"; });
    with("unknown custom field", "conditions[0].field",
         [&](json& b) { b["conditions"][0]["field"] = "custom_fields.shoe_size"; });
    with("unknown trigger field", "trigger.field", [&](json& b) {
        b["trigger"] = {{"type", "field_changed"}, {"field", "colour"}};
    });
    with("scheduled on a non-date field", "trigger.relative_to", [&](json& b) {
        b["trigger"] = {{"type", "scheduled"}, {"relative_to", "title"}, {"offset", "-PT2H"}};
    });
    with("e-mail template for SMS", "actions[0].template_id",
         [&](json& b) { b["actions"][0]["template_id"] = email_template_; });
    with("SMS template for e-mail", "actions[0].template_id", [&](json& b) {
        b["actions"][0] = {{"type", "send_email"}, {"template_id", sms_template_}};
    });
    with("no such template", "actions[0].template_id",
         [&](json& b) { b["actions"][0]["template_id"] = 999999; });
    with("invalid webhook URL", "actions[1].url", [&](json& b) { b["actions"][1]["url"] = "not a url"; });
    with("ftp webhook URL", "actions[1].url",
         [&](json& b) { b["actions"][1]["url"] = "ftp://files.example.com/x"; });
    with("new webhook without a secret", "actions[1].secret", [&](json& b) {
        b["actions"][1]["url"] = "https://other.example.com/hook";
        b["actions"][1].erase("secret");
    });
    with("unknown trigger", "trigger.type", [&](json& b) { b["trigger"] = {{"type", "full_moon"}}; });
    with("deal_won on a lead", "trigger.type", [&](json& b) {
        b["record_type"] = "lead";
        b["trigger"] = {{"type", "deal_won"}};
    });
    with("missing actions", "actions", [&](json& b) { b.erase("actions"); });
    with("no actions", "actions", [&](json& b) { b["actions"] = json::array(); });
    with("unknown top-level key", "colour", [&](json& b) { b["colour"] = "red"; });
    with("unknown trigger key", "trigger.colour", [&](json& b) { b["trigger"]["colour"] = "red"; });
    with("unknown action key", "actions[2].colour", [&](json& b) { b["actions"][2]["colour"] = "red"; });
    with("unknown action type", "actions[0].type", [&](json& b) { b["actions"][0] = {{"type", "fax"}}; });
    with("bad condition op", "conditions[0].op", [&](json& b) { b["conditions"][0]["op"] = "~"; });
    with("bad delay", "delay", [&](json& b) { b["delay"] = "five minutes"; });
    with("no such department", "actions[2].department_id",
         [&](json& b) { b["actions"][2]["department_id"] = 999999; });
    with("no such owner", "actions[0].owner_id", [&](json& b) {
        b["actions"][0] = {{"type", "change_owner"}, {"owner_id", 999999}};
    });
    with("move to a stage of another pipeline", "actions[0].stage_id", [&](json& b) {
        b["actions"][0] = {{"type", "move_stage"}, {"stage_id", other_stage}};
    });
    with("notify an unknown user", "actions[0].user_ids", [&](json& b) {
        b["actions"][0] = {{"type", "notify"}, {"text", "Сделка ждёт"}, {"user_ids", {999999}}};
    });

    const auto before = RulesTable();
    for (const auto& c : cases) {
        EXPECT_TRUE(IsError(http().Post(kRules, c.body, head_), 422, "validation_failed", c.field))
            << "POST " << c.what;
        json patch = c.body;
        patch.erase("name");
        if (!c.body.contains("actions")) patch["actions"] = nullptr;
        EXPECT_TRUE(
            IsError(http().Patch(RulePath(existing), patch, head_), 422, "validation_failed", c.field))
            << "PATCH " << c.what;
    }
    EXPECT_EQ(RulesTable(), before);
}

TEST_P(RulesApi, AManagerIsForbiddenEveryRuleRoute) {
    const std::int64_t id = CreateRule(MeetingRule(), head_);
    const std::string ivanov = SignIn(kIvanovEmail);
    const auto before = RulesTable();
    EXPECT_TRUE(IsError(http().Get(kRules, ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post(kRules, MeetingRule(), ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Get(RulePath(id), ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch(RulePath(id), {{"enabled", false}}, ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(RulePath(id), ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Get(RulePath(id, "/runs"), ivanov), 403, "forbidden"));
    EXPECT_EQ(RulesTable(), before);
    EXPECT_TRUE(IsError(http().Get(kRules), 401, "unauthenticated"));
}

TEST_P(RulesApi, RunLogIsListedNewestFirstWithEachActionsOutcome) {
    const std::int64_t id = CreateRule(MeetingRule(), head_);
    const std::int64_t other = CreateRule(MeetingRule(), AdminToken());
    // A deal of a manager of the head's department: the head sees runs on it.
    const HttpResponse deal_made = http().Post(
        "/api/v1/deals", {{"title", "Поставка"}, {"amount", 100}, {"owner_id", UserId(kIvanovEmail)}}, head_);
    ASSERT_EQ(deal_made.status, 201) << deal_made.body;
    const std::int64_t deal = deal_made.Json().at("id");
    const auto insert_run = [&](std::int64_t rule, UnixTime at, std::string outcome,
                                std::optional<std::string> detail, const json& actions) {
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(sql::kRulesInsertRun,
                             {Param(rule), Param(std::int64_t{500}), Param("deal"), Param(deal), Param(at),
                              Param(outcome), Param(detail), Param(actions.dump())});
        });
    };
    const json first_actions = {{{"type", "send_sms"}, {"outcome", "ok"}, {"message_id", 12}}};
    const json failed_actions = {
        {{"type", "send_sms"}, {"outcome", "failed"}, {"error", "у контакта нет телефона"}},
        {{"type", "create_task"}, {"outcome", "ok"}, {"task_id", 7}}};
    const std::int64_t first = insert_run(id, 1795000000, "ok", std::nullopt, first_actions);
    insert_run(other, 1795000001, "ok", std::nullopt, json::array());
    const std::int64_t second = insert_run(id, 1795000100, "failed", std::nullopt, failed_actions);
    const std::int64_t third =
        insert_run(id, 1795000200, "refused", std::string("цепочка правил глубже 5"), json::array());

    const HttpResponse page1 = http().Get(RulePath(id, "/runs?limit=2"), head_);
    ASSERT_EQ(page1.status, 200) << page1.body;
    const json items = page1.Json().at("items");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("id"), third);
    EXPECT_EQ(items[0].at("outcome"), "refused");
    EXPECT_EQ(items[0].at("detail"), "цепочка правил глубже 5");
    EXPECT_EQ(items[1], (json{{"id", second},
                              {"rule_id", id},
                              {"job_id", 500},
                              {"record_type", "deal"},
                              {"record_id", deal},
                              {"at", FormatIso8601(1795000100)},
                              {"outcome", "failed"},
                              {"detail", nullptr},
                              {"actions", failed_actions}}));
    ASSERT_TRUE(page1.Json().at("next_cursor").is_string());
    const HttpResponse page2 = http().Get(
        RulePath(id, "/runs?limit=2&cursor=" + page1.Json().at("next_cursor").get<std::string>()), head_);
    ASSERT_EQ(page2.status, 200) << page2.body;
    ASSERT_EQ(page2.Json().at("items").size(), 1u);
    EXPECT_EQ(page2.Json().at("items")[0].at("id"), first);
    EXPECT_EQ(page2.Json().at("items")[0].at("actions"), first_actions);
    EXPECT_TRUE(page2.Json().at("next_cursor").is_null());

    EXPECT_TRUE(IsError(http().Get(RulePath(999999, "/runs"), head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(RulePath(id, "/runs?limit=0"), head_), 422, "validation_failed", "limit"));
}

TEST_P(RulesApi, WebhookToAnInsideAddressIsRefusedAtSaveUnlessTheAdminAllowsIt) {
    const auto with_url = [&](const std::string& url) {
        json body = MeetingRule();
        body["actions"][1]["url"] = url;
        return body;
    };
    const std::vector<std::string> inside{"http://127.0.0.1/hook",
                                          "http://[::1]/",
                                          "http://0.0.0.0/",
                                          "http://2130706433/",
                                          "http://0x7f000001/",
                                          "http://localhost:5432/",
                                          "http://169.254.169.254/latest/meta-data/",
                                          "http://0177.0.0.1/",
                                          "http://127.1/",
                                          "http://[::ffff:127.0.0.1]/",
                                          "http://10.1.2.3/",
                                          "http://192.168.0.1:8080/",
                                          "http://[fd00::1]/",
                                          "http://100.64.0.1/"};
    const auto before = RulesTable();
    for (const auto& url : inside) {
        const HttpResponse refused = http().Post(kRules, with_url(url), head_);
        EXPECT_TRUE(IsError(refused, 422, "validation_failed", "actions[1].url")) << url;
        EXPECT_NE(refused.body.find("outbound policy"), std::string::npos) << url << ": " << refused.body;
    }
    EXPECT_EQ(RulesTable(), before);

    // A change of a saved rule is checked the same way.
    const HttpResponse created = http().Post(kRules, MeetingRule(), head_);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id").get<std::int64_t>();
    EXPECT_TRUE(IsError(
        http().Patch(RulePath(id), {{"actions", with_url("http://127.0.0.1:5432/")["actions"]}}, head_), 422,
        "validation_failed", "actions[1].url"));

    // Allowed by the admin: that address, in any spelling, and nothing else.
    AllowOutbound({"127.0.0.1"});
    for (const std::string url : {"http://127.0.0.1:8080/hook", "http://2130706433:8080/hook"}) {
        const HttpResponse allowed = http().Post(kRules, with_url(url), head_);
        EXPECT_EQ(allowed.status, 201) << url << ": " << allowed.body;
    }
    EXPECT_TRUE(IsError(http().Post(kRules, with_url("http://[::1]/"), head_), 422, "validation_failed",
                        "actions[1].url"));
    EXPECT_TRUE(IsError(http().Post(kRules, with_url("http://127.0.0.2/"), head_), 422, "validation_failed",
                        "actions[1].url"));
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(RulesApi);

}  // namespace voronka::test
