// Rules, templates and pipelines with a scope (issue 11), over HTTP on both back ends: a head
// changes only their department's, reads the organisation-wide ones (403 on changing them) and
// does not see other departments' (404); a rule's run log shows only the runs on records the
// reader may see. The demo organisation's head leads sales; the test adds a head of purchasing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "core/time.hpp"

namespace voronka::test {
namespace {

using json = nlohmann::json;
using store::Param;

constexpr const char* kRules = "/api/v1/automation/rules";
constexpr const char* kTemplates = "/api/v1/templates";
constexpr const char* kPipelines = "/api/v1/pipelines";

class ConfigScopeApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        sales_head_ = SignIn(kHeadEmail);
        purchasing_ = DepartmentId("Закупки");
        const HttpResponse created = http().Post("/api/v1/users",
                                                 {{"email", "buyer-head@voronka.example"},
                                                  {"name", "Олег Закупщик"},
                                                  {"role", "head"},
                                                  {"department_id", purchasing_},
                                                  {"password", "buyer-head-pass-1"}},
                                                 AdminToken());
        ASSERT_EQ(created.status, 201) << created.body;
        purchasing_head_id_ = created.Json().at("id").get<std::int64_t>();
        purchasing_head_ = SignIn("buyer-head@voronka.example", "buyer-head-pass-1");
    }

    json Created(const HttpResponse& r) {
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.Json() : json::object();
    }
    static std::string PathOf(const char* base, std::int64_t id, std::string_view rest = "") {
        return std::string(base) + "/" + std::to_string(id) + std::string(rest);
    }
    static json NotifyRule(const std::string& name) {
        return {{"name", name},
                {"record_type", "deal"},
                {"trigger", {{"type", "record_created"}}},
                {"actions", {{{"type", "notify"}, {"text", "{{record.title}}"}, {"owner", true}}}}};
    }
    std::int64_t Deal(const std::string& owner_email, const std::string& title) {
        const json deal{{"title", title}, {"amount", 100}, {"owner_id", UserId(owner_email)}};
        return Created(http().Post("/api/v1/deals", deal, AdminToken())).at("id").get<std::int64_t>();
    }

    std::string sales_head_;
    std::string purchasing_head_;
    std::int64_t purchasing_head_id_ = 0;
    std::int64_t purchasing_ = 0;
};

TEST_P(ConfigScopeApi, HeadCannotChangeDisableOrDeleteTheAdminsRule) {
    const json rule = Created(http().Post(kRules, NotifyRule("Для всей организации"), AdminToken()));
    const std::int64_t id = rule.at("id");
    EXPECT_TRUE(rule.at("department_id").is_null());
    EXPECT_EQ(rule.at("author_id"), UserId(kAdminEmail));

    // Visible (organisation-wide rules act on their records too), but not theirs.
    EXPECT_EQ(http().Get(PathOf(kRules, id), sales_head_).status, 200);
    EXPECT_TRUE(
        IsError(http().Patch(PathOf(kRules, id), {{"enabled", false}}, sales_head_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch(PathOf(kRules, id), {{"name", "Моё"}}, sales_head_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(PathOf(kRules, id), sales_head_), 403, "forbidden"));
    const HttpResponse after = http().Get(PathOf(kRules, id), AdminToken());
    EXPECT_EQ(after.Json(), rule);
    // A head cannot make an organisation-wide rule or one for another department.
    json body = NotifyRule("Чужой отдел");
    body["department_id"] = nullptr;
    EXPECT_TRUE(IsError(http().Post(kRules, body, sales_head_), 403, "forbidden"));
    body["department_id"] = purchasing_;
    EXPECT_TRUE(IsError(http().Post(kRules, body, sales_head_), 403, "forbidden"));
}

TEST_P(ConfigScopeApi, HeadsRulesAreTheirDepartmentsAndHiddenFromOtherHeads) {
    const json rule = Created(http().Post(kRules, NotifyRule("Закупки"), purchasing_head_));
    const std::int64_t id = rule.at("id");
    EXPECT_EQ(rule.at("department_id"), purchasing_);
    EXPECT_TRUE(IsError(http().Get(PathOf(kRules, id), sales_head_), 404, "not_found"));
    EXPECT_TRUE(
        IsError(http().Patch(PathOf(kRules, id), {{"enabled", false}}, sales_head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(PathOf(kRules, id), sales_head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(PathOf(kRules, id, "/runs"), sales_head_), 404, "not_found"));
    const HttpResponse listed = http().Get(kRules, sales_head_);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json listed_body = listed.Json();
    for (const auto& item : listed_body.at("items")) EXPECT_NE(item.at("id"), id);
    // Its own head and the admin change it.
    EXPECT_EQ(http().Patch(PathOf(kRules, id), {{"enabled", false}}, purchasing_head_).status, 200);
    EXPECT_EQ(http().Patch(PathOf(kRules, id), {{"enabled", true}}, AdminToken()).status, 200);
    EXPECT_EQ(http().Delete(PathOf(kRules, id), purchasing_head_).status, 204);
}

TEST_P(ConfigScopeApi, HeadCannotChangeOrDeleteTheAdminsTemplateButMayUseIt) {
    const json made = Created(http().Post(
        kTemplates, {{"kind", "sms"}, {"name", "Общий"}, {"body", "{{record.title}}"}}, AdminToken()));
    const std::int64_t id = made.at("id");
    EXPECT_TRUE(made.at("department_id").is_null());
    EXPECT_EQ(http().Get(PathOf(kTemplates, id), sales_head_).status, 200);
    EXPECT_TRUE(
        IsError(http().Patch(PathOf(kTemplates, id), {{"body", "Другое"}}, sales_head_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(PathOf(kTemplates, id), sales_head_), 403, "forbidden"));
    EXPECT_EQ(http().Get(PathOf(kTemplates, id), AdminToken()).Json(), made);
    // A department's rule may send it.
    json rule = NotifyRule("SMS");
    rule["actions"] = {{{"type", "send_sms"}, {"template_id", id}}};
    Created(http().Post(kRules, rule, sales_head_));

    // A department's template: hidden from other departments' heads and managers.
    const json own = Created(http().Post(
        kTemplates, {{"kind", "sms"}, {"name", "Закупки"}, {"body", "{{record.title}}"}}, purchasing_head_));
    EXPECT_EQ(own.at("department_id"), purchasing_);
    const std::int64_t own_id = own.at("id");
    EXPECT_TRUE(IsError(http().Get(PathOf(kTemplates, own_id), sales_head_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get(PathOf(kTemplates, own_id), SignIn(kIvanovEmail)), 404, "not_found"));
    EXPECT_EQ(http().Get(PathOf(kTemplates, own_id), SignIn(kVolkovEmail)).status,
              200);  // a purchasing manager
    EXPECT_TRUE(IsError(http().Delete(PathOf(kTemplates, own_id), sales_head_), 404, "not_found"));
    rule["actions"] = {{{"type", "send_sms"}, {"template_id", own_id}}};
    EXPECT_TRUE(
        IsError(http().Post(kRules, rule, sales_head_), 422, "validation_failed", "actions[0].template_id"));
}

TEST_P(ConfigScopeApi, HeadCannotChangeTheOrganisationsPipelinesOrStages) {
    const HttpResponse pipelines = http().Get(std::string(kPipelines) + "?record_type=deal", sales_head_);
    ASSERT_EQ(pipelines.status, 200) << pipelines.body;
    const json pipeline = pipelines.Json().at("items").at(0);
    EXPECT_TRUE(pipeline.at("department_id").is_null());
    const std::int64_t id = pipeline.at("id");
    const std::int64_t stage = pipeline.at("stages").at(0).at("id");
    EXPECT_TRUE(IsError(http().Patch(PathOf(kPipelines, id), {{"name", "Мои продажи"}}, sales_head_), 403,
                        "forbidden"));
    EXPECT_TRUE(IsError(http().Post(PathOf(kPipelines, id, "/stages"), {{"name", "Новый этап"}}, sales_head_),
                        403, "forbidden"));
    const std::string stage_path = PathOf(kPipelines, id, "/stages/" + std::to_string(stage));
    EXPECT_TRUE(IsError(http().Patch(stage_path, {{"max_duration", "PT1S"}}, sales_head_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(stage_path, sales_head_), 403, "forbidden"));
    EXPECT_EQ(http().Get(PathOf(kPipelines, id), AdminToken()).Json(),
              http().Get(PathOf(kPipelines, id), sales_head_).Json());
    EXPECT_EQ(http().Get(PathOf(kPipelines, id), AdminToken()).Json().at("stages"), pipeline.at("stages"));

    // A head's own pipeline: theirs to change, another head's to read only.
    const json own =
        Created(http().Post(kPipelines,
                            {{"name", "Тендеры"},
                             {"record_type", "deal"},
                             {"stages", {{{"name", "Заявка"}}, {{"name", "Выигран"}, {"kind", "won"}}}}},
                            purchasing_head_));
    EXPECT_EQ(own.at("department_id"), purchasing_);
    const std::int64_t own_id = own.at("id");
    EXPECT_EQ(http().Patch(PathOf(kPipelines, own_id), {{"name", "Тендеры 2027"}}, purchasing_head_).status,
              200);
    EXPECT_TRUE(
        IsError(http().Patch(PathOf(kPipelines, own_id), {{"name", "Моё"}}, sales_head_), 403, "forbidden"));
    EXPECT_EQ(http().Patch(PathOf(kPipelines, id), {{"name", "Продажи"}}, AdminToken()).status, 200);
}

TEST_P(ConfigScopeApi, RunLogShowsOnlyRunsOnRecordsTheReaderSees) {
    const std::int64_t id =
        Created(http().Post(kRules, NotifyRule("Для всей организации"), AdminToken())).at("id");
    const std::int64_t sales_deal = Deal(kIvanovEmail, "Сделка продаж");
    const std::int64_t purchasing_deal = Deal(kVolkovEmail, "Сделка закупок");
    for (const std::int64_t deal : {sales_deal, purchasing_deal, sales_deal}) {
        db().Write([&](store::Transaction& tx) {
            tx.Insert(sql::kRulesInsertRun, {Param(id), Param(std::int64_t{500}), Param("deal"), Param(deal),
                                             Param(std::int64_t{1795000000}), Param("ok"),
                                             Param(std::optional<std::string>{}), Param("[]")});
        });
    }
    const auto record_ids = [&](const std::string& token) {
        std::vector<std::int64_t> ids;
        const HttpResponse r = http().Get(PathOf(kRules, id, "/runs?limit=100"), token);
        EXPECT_EQ(r.status, 200) << r.body;
        // The engine may have run the rule too: only the record ids matter here.
        const json body = r.Json();
        for (const auto& run : body.at("items")) ids.push_back(run.at("record_id").get<std::int64_t>());
        return ids;
    };
    for (const auto deal : record_ids(sales_head_)) EXPECT_EQ(deal, sales_deal);
    for (const auto deal : record_ids(purchasing_head_)) EXPECT_EQ(deal, purchasing_deal);
    const auto all = record_ids(AdminToken());
    EXPECT_GE(std::count(all.begin(), all.end(), sales_deal), 2);
    EXPECT_GE(std::count(all.begin(), all.end(), purchasing_deal), 1);
    EXPECT_GE(record_ids(sales_head_).size(), 2U);
    EXPECT_GE(record_ids(purchasing_head_).size(), 1U);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(ConfigScopeApi);

}  // namespace voronka::test
