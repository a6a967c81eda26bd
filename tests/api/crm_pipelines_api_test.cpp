// Pipelines and stages with ISO 8601 deadlines, leads and deals moving through them, the board,
// the stage-overdue control and lead conversion, over HTTP against the real binary on each back
// end. Bad input answers its documented error and changes nothing (a snapshot of the sales tables
// before and after); a manager never sees, counts or changes another manager's records.

#include <map>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"
#include "core/time.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;
using store::Param;

// The sales tables a bad request must leave as they were.
const store::Query* const kSalesSnapshots[] = {
    &sql::kCrmPipelinesSnapshotPipelines,  &sql::kCrmPipelinesSnapshotStages,
    &sql::kCrmPipelinesSnapshotLeads,      &sql::kCrmPipelinesSnapshotDeals,
    &sql::kCrmPipelinesSnapshotContacts,   &sql::kCrmPipelinesSnapshotCompanies,
    &sql::kCrmPipelinesSnapshotStageMoves, &sql::kCrmPipelinesSnapshotHistory,
    &sql::kCrmPipelinesSnapshotTasks,      &sql::kCrmPipelinesSnapshotContactPoints,
};

class PipelinesApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        if (HasFatalFailure()) return;
        admin_ = AdminToken();
        head_ = SignIn(kHeadEmail);
        ivanov_ = SignIn(kIvanovEmail);
        sokolova_ = SignIn(kSokolovaEmail);
        const json pipelines = http().Get("/api/v1/pipelines", ivanov_).Json()["items"];
        for (const auto& p : pipelines) {
            if (p["is_default"] && p["record_type"] == "lead") lead_pipeline_ = p;
            if (p["is_default"] && p["record_type"] == "deal") deal_pipeline_ = p;
        }
        ASSERT_TRUE(lead_pipeline_.is_object());
        ASSERT_TRUE(deal_pipeline_.is_object());
    }

    std::int64_t LeadStage(int i) const { return lead_pipeline_["stages"][i]["id"].get<std::int64_t>(); }
    std::int64_t DealStage(int i) const { return deal_pipeline_["stages"][i]["id"].get<std::int64_t>(); }
    std::int64_t LeadPipelineId() const { return lead_pipeline_["id"].get<std::int64_t>(); }
    std::int64_t DealPipelineId() const { return deal_pipeline_["id"].get<std::int64_t>(); }

    // Creates a record and answers its JSON; fails the test unless 201.
    json Create(std::string_view path, const json& body, const std::string& token) {
        const HttpResponse response = http().Post(path, body, token);
        EXPECT_EQ(response.status, 201) << response.body;
        return response.status == 201 ? response.Json() : json::object();
    }
    json Lead(const std::string& token, json body = json::object()) {
        if (!body.contains("title")) body["title"] = "Заявка с сайта";
        return Create("/api/v1/leads", body, token);
    }
    json Deal(const std::string& token, json body = json::object()) {
        if (!body.contains("title")) body["title"] = "Поставка оборудования";
        return Create("/api/v1/deals", body, token);
    }

    // A pipeline of `department`, made by the admin: a first open stage and a won one.
    json DepartmentPipeline(std::string_view type, std::int64_t department) {
        return Create("/api/v1/pipelines",
                      {{"name", "Отдельная воронка"},
                       {"record_type", type},
                       {"department_id", department},
                       {"stages", {{{"name", "Запрос"}}, {{"name", "Готово"}, {"kind", "won"}}}}},
                      admin_);
    }

    static std::string Path(std::string_view base, const json& record, std::string_view suffix = "") {
        return std::string(base) + "/" + std::to_string(record["id"].get<std::int64_t>()) +
               std::string(suffix);
    }

    std::vector<std::string> SalesSnapshot() {
        std::vector<std::string> rows;
        db().Read([&](store::Transaction& tx) {
            for (const auto* query : kSalesSnapshots) {
                rows.push_back(std::string("== ") + std::string(query->name));
                for (const auto& row : tx.Fetch(*query)) rows.push_back(RenderRow(row));
            }
        });
        return rows;
    }

    void Backdate(std::string_view type, std::int64_t id, std::int64_t seconds) {
        db().Write([&](store::Transaction& tx) {
            tx.Execute(type == "lead" ? sql::kCrmPipelinesBackdateLead : sql::kCrmPipelinesBackdateDeal,
                       {Param(id), Param(seconds)});
        });
    }

    static std::vector<std::int64_t> Ids(const json& items) {
        std::vector<std::int64_t> ids;
        for (const auto& item : items) ids.push_back(item["id"].get<std::int64_t>());
        return ids;
    }

    std::string admin_, head_, ivanov_, sokolova_;
    json lead_pipeline_, deal_pipeline_;
};

TEST_P(PipelinesApi, DefaultPipelinesExistWithRussianStagesAndDeadlines) {
    EXPECT_EQ(lead_pipeline_["name"], "Лиды");
    const json& lead_stages = lead_pipeline_["stages"];
    ASSERT_EQ(lead_stages.size(), 4u);
    EXPECT_EQ(lead_stages[0]["name"], "Новый");
    EXPECT_EQ(lead_stages[0]["max_duration"], "PT4H");
    EXPECT_EQ(lead_stages[1]["name"], "В работе");
    EXPECT_EQ(lead_stages[1]["max_duration"], "P2D");
    EXPECT_EQ(lead_stages[2]["kind"], "won");
    EXPECT_EQ(lead_stages[3]["name"], "Некачественный");
    EXPECT_EQ(lead_stages[3]["kind"], "lost");

    EXPECT_EQ(deal_pipeline_["name"], "Продажи");
    const json& deal_stages = deal_pipeline_["stages"];
    ASSERT_EQ(deal_stages.size(), 6u);
    EXPECT_EQ(deal_stages[1]["name"], "Встреча назначена");
    EXPECT_EQ(deal_stages[1]["max_duration"], "P3D");
    EXPECT_EQ(deal_stages[2]["name"], "Подготовка спецпредложения");
    EXPECT_EQ(deal_stages[2]["max_duration"], "P2D");
    EXPECT_EQ(deal_stages[4]["kind"], "won");
    EXPECT_EQ(deal_stages[5]["kind"], "lost");

    // A restart does not add a second set.
    RestartServer();
    EXPECT_EQ(http().Get("/api/v1/pipelines", ivanov_).Json()["items"].size(), 2u);
    EXPECT_EQ(http().Get("/api/v1/pipelines?record_type=deal", ivanov_).Json()["items"].size(), 1u);
    EXPECT_TRUE(IsError(http().Get("/api/v1/pipelines?record_type=task", ivanov_), 422, "validation_failed",
                        "record_type"));
}

TEST_P(PipelinesApi, APipelineIsDeletedOnlyWhenNothingUsesIt) {
    const json pipeline = DepartmentPipeline("deal", DepartmentId(kSalesDepartment));
    ASSERT_TRUE(pipeline.contains("id"));
    const std::string path = Path("/api/v1/pipelines", pipeline);
    const auto message = [](const HttpResponse& r) {
        return r.Json()["error"]["message"].get<std::string>();
    };

    // The default pipeline of its type is never deleted.
    auto before = SalesSnapshot();
    const HttpResponse default_refused =
        http().Delete("/api/v1/pipelines/" + std::to_string(DealPipelineId()), admin_);
    EXPECT_TRUE(IsError(default_refused, 409, "conflict"));
    EXPECT_NE(message(default_refused).find("default"), std::string::npos) << default_refused.body;

    // A manager may not; nor may a head delete another department's pipeline.
    EXPECT_TRUE(IsError(http().Delete(path, ivanov_), 403, "forbidden"));
    const json theirs = DepartmentPipeline("deal", DepartmentId("Закупки"));
    EXPECT_TRUE(IsError(http().Delete(Path("/api/v1/pipelines", theirs), head_), 403, "forbidden"));
    before = SalesSnapshot();

    // While a deal is in it.
    const json deal = Deal(ivanov_, {{"pipeline_id", pipeline["id"]}});
    before = SalesSnapshot();
    const HttpResponse with_records = http().Delete(path, head_);
    EXPECT_TRUE(IsError(with_records, 409, "conflict"));
    EXPECT_NE(message(with_records).find("records"), std::string::npos) << with_records.body;
    EXPECT_EQ(SalesSnapshot(), before);
    ASSERT_EQ(http().Delete(Path("/api/v1/deals", deal), ivanov_).status, 204);

    // While a rule is triggered by one of its stages.
    const HttpResponse rule =
        http().Post("/api/v1/automation/rules",
                    {{"name", "Запрос пришёл"},
                     {"record_type", "deal"},
                     {"trigger",
                      {{"type", "stage_entered"},
                       {"pipeline_id", pipeline["id"]},
                       {"stage_id", pipeline["stages"][0]["id"]}}},
                     {"actions", json::array({{{"type", "notify"}, {"text", "Запрос!"}, {"owner", true}}})}},
                    head_);
    ASSERT_EQ(rule.status, 201) << rule.body;
    before = SalesSnapshot();
    const HttpResponse with_rules = http().Delete(path, head_);
    EXPECT_TRUE(IsError(with_rules, 409, "conflict"));
    EXPECT_NE(message(with_rules).find("rules"), std::string::npos) << with_rules.body;
    EXPECT_EQ(SalesSnapshot(), before);
    ASSERT_EQ(http()
                  .Delete("/api/v1/automation/rules/" + std::to_string(rule.Json()["id"].get<std::int64_t>()),
                          head_)
                  .status,
              204);

    // Then it goes: not found, not listed, not to be chosen for a record.
    ASSERT_EQ(http().Delete(path, head_).status, 204);
    EXPECT_TRUE(IsError(http().Get(path, ivanov_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(path, head_), 404, "not_found"));
    for (const auto& id : Ids(http().Get("/api/v1/pipelines", ivanov_).Json()["items"]))
        EXPECT_NE(id, pipeline["id"].get<std::int64_t>());
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/deals", {{"title", "Ещё"}, {"pipeline_id", pipeline["id"]}}, ivanov_),
                422, "validation_failed", "pipeline_id"));
    EXPECT_TRUE(IsError(http().Delete("/api/v1/pipelines/987654", admin_), 404, "not_found"));
}

TEST_P(PipelinesApi, StagesTakeIsoDurationsDownToSeconds) {
    const json pipeline = Create("/api/v1/pipelines",
                                 {{"name", "Тендеры"},
                                  {"record_type", "deal"},
                                  {"stages",
                                   {{{"name", "Заявка"}, {"max_duration", "PT4H"}},
                                    {{"name", "Подготовка"}, {"kind", "open"}, {"max_duration", "P3D"}},
                                    {{"name", "Экспресс"}, {"max_duration", "PT30S"}},
                                    {{"name", "Выигран"}, {"kind", "won"}, {"max_duration", nullptr}}}}},
                                 head_);
    ASSERT_TRUE(pipeline.contains("stages"));
    EXPECT_FALSE(pipeline["is_default"]);
    EXPECT_EQ(pipeline["stages"][0]["max_duration"], "PT4H");
    EXPECT_EQ(pipeline["stages"][1]["max_duration"], "P3D");
    EXPECT_EQ(pipeline["stages"][2]["max_duration"], "PT30S");
    EXPECT_TRUE(pipeline["stages"][3]["max_duration"].is_null());

    const std::string stages = Path("/api/v1/pipelines", pipeline, "/stages");
    const std::string first = stages + "/" + std::to_string(pipeline["stages"][0]["id"].get<std::int64_t>());
    HttpResponse changed =
        http().Patch(first, {{"max_duration", "PT1H30M"}, {"name", "Новая заявка"}}, head_);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json()["stages"][0]["max_duration"], "PT1H30M");
    EXPECT_EQ(changed.Json()["stages"][0]["name"], "Новая заявка");

    const HttpResponse added =
        http().Post(stages, {{"name", "Проверка"}, {"max_duration", "P1DT2H"}, {"position", 2}}, admin_);
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.Json()["stages"][1]["name"], "Проверка");
    EXPECT_EQ(added.Json()["stages"][1]["max_duration"], "P1DT2H");
    EXPECT_EQ(added.Json()["stages"][1]["position"], 2);
    EXPECT_EQ(added.Json()["stages"].size(), 5u);

    // Moving the last stage first re-numbers the rest.
    const std::int64_t won = pipeline["stages"][3]["id"];
    changed = http().Patch(stages + "/" + std::to_string(won), {{"position", 1}}, head_);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json()["stages"][0]["id"], won);
    EXPECT_EQ(changed.Json()["stages"][4]["position"], 5);
}

TEST_P(PipelinesApi, BadPipelinesAndStagesAre422AndChangeNothing) {
    const auto before = SalesSnapshot();
    const std::string stages = "/api/v1/pipelines/" + std::to_string(LeadPipelineId()) + "/stages";
    for (const char* bad : {"3 days", "P1M", "PT0S", "", "P", "PT-5S"}) {
        SCOPED_TRACE(bad);
        EXPECT_TRUE(IsError(http().Post("/api/v1/pipelines",
                                        {{"name", "X"},
                                         {"record_type", "lead"},
                                         {"stages", {{{"name", "A"}, {"max_duration", bad}}}}},
                                        head_),
                            422, "validation_failed", "max_duration"));
        EXPECT_TRUE(IsError(http().Post(stages, {{"name", "A"}, {"max_duration", bad}}, head_), 422,
                            "validation_failed", "max_duration"));
        EXPECT_TRUE(
            IsError(http().Patch(stages + "/" + std::to_string(LeadStage(0)), {{"max_duration", bad}}, head_),
                    422, "validation_failed", "max_duration"));
    }
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/pipelines",
                    {{"name", "X"}, {"record_type", "lead"}, {"stages", {{{"name", "A"}, {"kind", "won"}}}}},
                    head_),
        422, "validation_failed", "stages"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/pipelines",
                            {{"name", "X"}, {"record_type", "lead"}, {"stages", json::array()}}, head_),
                422, "validation_failed", "stages"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/pipelines",
                    {{"name", "X"}, {"record_type", "contact"}, {"stages", {{{"name", "A"}}}}}, head_),
        422, "validation_failed", "record_type"));
    EXPECT_TRUE(IsError(
        http().Post(
            "/api/v1/pipelines",
            {{"name", "X"}, {"record_type", "lead"}, {"stages", {{{"name", "A"}, {"kind", "maybe"}}}}},
            head_),
        422, "validation_failed", "stages[0].kind"));
    // Managers do not change pipelines.
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/pipelines",
                            {{"name", "X"}, {"record_type", "lead"}, {"stages", {{{"name", "A"}}}}}, ivanov_),
                403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post(stages, {{"name", "A"}}, ivanov_), 403, "forbidden"));
    // A stage of another pipeline is not found under this one (the default pipelines are
    // organisation-wide: the admin's to change).
    EXPECT_TRUE(IsError(http().Patch(stages + "/" + std::to_string(DealStage(0)), {{"name", "B"}}, admin_),
                        404, "not_found"));
    EXPECT_TRUE(
        IsError(http().Delete(stages + "/" + std::to_string(DealStage(0)), admin_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/pipelines/" + std::to_string(LeadPipelineId()),
                                     {{"is_default", false}}, admin_),
                        422, "validation_failed", "is_default"));
    EXPECT_EQ(SalesSnapshot(), before);
}

TEST_P(PipelinesApi, DeletingAStageWithRecordsIs409) {
    const json pipeline =
        Create("/api/v1/pipelines",
               {{"name", "Партнёры"},
                {"record_type", "lead"},
                {"stages", {{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}, {"kind", "lost"}}}}},
               head_);
    const std::string stages = Path("/api/v1/pipelines", pipeline, "/stages/");
    const std::int64_t a = pipeline["stages"][0]["id"];
    const std::int64_t b = pipeline["stages"][1]["id"];
    const json lead = Lead(ivanov_, {{"pipeline_id", pipeline["id"]}, {"stage_id", b}});
    EXPECT_TRUE(IsError(http().Delete(stages + std::to_string(b), head_), 409, "conflict"));
    EXPECT_TRUE(IsError(http().Patch(stages + std::to_string(b), {{"kind", "won"}}, head_), 409, "conflict"));
    ASSERT_EQ(http().Patch(Path("/api/v1/leads", lead), {{"stage_id", a}}, ivanov_).status, 200);
    EXPECT_EQ(http().Delete(stages + std::to_string(b), head_).status, 204);
    // The only open stage left stays.
    EXPECT_TRUE(IsError(http().Delete(stages + std::to_string(a), head_), 409, "conflict"));
    ASSERT_EQ(http()
                  .Patch(Path("/api/v1/leads", lead),
                         {{"stage_id", pipeline["stages"][2]["id"]}, {"lost_reason", "Нет бюджета"}}, ivanov_)
                  .status,
              200);
    EXPECT_TRUE(IsError(http().Patch(stages + std::to_string(a), {{"kind", "won"}}, head_), 422,
                        "validation_failed", "kind"));
    const json after = http().Get(Path("/api/v1/pipelines", pipeline), ivanov_).Json();
    ASSERT_EQ(after["stages"].size(), 2u);
    EXPECT_EQ(after["stages"][1]["position"], 2);
}

TEST_P(PipelinesApi, LeadWithoutPipelineLandsInDefaultFirstStageWithDeadlineAndFirstTask) {
    const json lead = Lead(ivanov_, {{"name", "Пётр Сидоров"},
                                     {"company_name", "ООО Ромашка"},
                                     {"phones", {"8 (999) 123-45-67"}},
                                     {"emails", {"petr@romashka.example"}},
                                     {"amount", 1500000}});
    EXPECT_EQ(lead["pipeline_id"], LeadPipelineId());
    EXPECT_EQ(lead["stage_id"], LeadStage(0));
    EXPECT_EQ(lead["currency"], "RUB");
    EXPECT_EQ(lead["phones"], json({"+79991234567"}));
    EXPECT_TRUE(lead["is_open"]);
    EXPECT_FALSE(lead["stage_overdue"]);
    const auto entered = ParseIso8601(lead["stage_entered_at"].get<std::string>());
    const auto deadline = ParseIso8601(lead["stage_deadline"].get<std::string>());
    ASSERT_TRUE(entered && deadline);
    EXPECT_EQ(*deadline - *entered, 4 * 3600);
    EXPECT_EQ(lead["owner_id"], UserId(kIvanovEmail));

    const json tasks =
        http()
            .Get("/api/v1/tasks?record_type=lead&record_id=" + std::to_string(lead["id"].get<std::int64_t>()),
                 ivanov_)
            .Json()["items"];
    EXPECT_EQ(tasks.size(), 1u);

    const json deal = Deal(ivanov_, {{"amount", 100}, {"expected_close_on", "2026-12-31"}});
    EXPECT_EQ(deal["pipeline_id"], DealPipelineId());
    EXPECT_EQ(deal["stage_id"], DealStage(0));
    EXPECT_EQ(deal["expected_close_on"], "2026-12-31");
    ASSERT_TRUE(deal["stage_deadline"].is_string());
    EXPECT_EQ(*ParseIso8601(deal["stage_deadline"].get<std::string>()) -
                  *ParseIso8601(deal["stage_entered_at"].get<std::string>()),
              86400);

    // Duplicates of the phone answer 409 naming the existing lead to whoever sees it, unless
    // allowed; another manager learns only that the client is taken.
    const HttpResponse twin =
        http().Post("/api/v1/leads", {{"title", "Ещё раз"}, {"phones", {"8 999 123-45-67"}}}, ivanov_);
    EXPECT_TRUE(IsError(twin, 409, "duplicate"));
    EXPECT_EQ(twin.Json()["error"]["existing"]["type"], "lead");
    EXPECT_EQ(twin.Json()["error"]["existing"]["id"], lead["id"]);
    const HttpResponse hidden =
        http().Post("/api/v1/leads", {{"title", "Ещё раз"}, {"phones", {"+7 999 1234567"}}}, sokolova_);
    EXPECT_TRUE(IsError(hidden, 409, "duplicate"));
    EXPECT_FALSE(hidden.Json()["error"].contains("existing")) << hidden.body;
    EXPECT_EQ(http()
                  .Post("/api/v1/leads",
                        {{"title", "Ещё раз"}, {"phones", {"+7 999 1234567"}}, {"allow_duplicate", true}},
                        sokolova_)
                  .status,
              201);
}

TEST_P(PipelinesApi, StageOfAnotherPipelineIs422AndChangesNothing) {
    const json lead = Lead(ivanov_);
    const json deal = Deal(ivanov_);
    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/leads", {{"title", "X"}, {"stage_id", DealStage(0)}}, ivanov_),
                        422, "validation_failed", "stage_id"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/leads", {{"title", "X"}, {"pipeline_id", DealPipelineId()}}, ivanov_),
                422, "validation_failed", "pipeline_id"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/leads", lead), {{"stage_id", DealStage(1)}}, ivanov_), 422,
                        "validation_failed", "stage_id"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/deals", {{"title", "X"}, {"stage_id", LeadStage(1)}}, ivanov_),
                        422, "validation_failed", "stage_id"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"stage_id", LeadStage(1)}}, ivanov_), 422,
                        "validation_failed", "stage_id"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"stage_id", 999999}}, ivanov_), 422,
                        "validation_failed", "stage_id"));
    EXPECT_EQ(SalesSnapshot(), before);
}

TEST_P(PipelinesApi, MovingToALostStageNeedsALostReason) {
    const json lead = Lead(ivanov_);
    const json deal = Deal(ivanov_);
    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/leads", lead), {{"stage_id", LeadStage(3)}}, ivanov_), 422,
                        "validation_failed", "lost_reason"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/leads", lead),
                                     {{"stage_id", LeadStage(3)}, {"lost_reason", "  "}}, ivanov_),
                        422, "validation_failed", "lost_reason"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"stage_id", DealStage(5)}}, ivanov_), 422,
                        "validation_failed", "lost_reason"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/deals", {{"title", "X"}, {"stage_id", DealStage(5)}}, ivanov_),
                        422, "validation_failed", "lost_reason"));
    EXPECT_EQ(SalesSnapshot(), before);

    HttpResponse lost = http().Patch(Path("/api/v1/leads", lead),
                                     {{"stage_id", LeadStage(3)}, {"lost_reason", "Спам"}}, ivanov_);
    ASSERT_EQ(lost.status, 200) << lost.body;
    EXPECT_FALSE(lost.Json()["is_open"]);
    EXPECT_EQ(lost.Json()["lost_reason"], "Спам");
    EXPECT_TRUE(lost.Json()["stage_deadline"].is_null());
    lost = http().Patch(Path("/api/v1/deals", deal), {{"stage_id", DealStage(5)}, {"lost_reason", "Дорого"}},
                        ivanov_);
    ASSERT_EQ(lost.status, 200) << lost.body;
    EXPECT_FALSE(lost.Json()["is_open"]);
    EXPECT_EQ(lost.Json()["lost_reason"], "Дорого");
}

TEST_P(PipelinesApi, StageMovesAreRecordedWithTimeSpentAndHistory) {
    const json lead = Lead(ivanov_);
    const std::int64_t id = lead["id"];
    Backdate("lead", id, 1000);
    const HttpResponse moved =
        http().Patch(Path("/api/v1/leads", lead), {{"stage_id", LeadStage(1)}}, ivanov_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(*ParseIso8601(moved.Json()["stage_deadline"].get<std::string>()) -
                  *ParseIso8601(moved.Json()["stage_entered_at"].get<std::string>()),
              2 * 86400);
    const auto rows = db().Read([&](store::Transaction& tx) {
        return tx.Fetch(sql::kCrmPipelinesStageMovesOf, {Param("lead"), Param(id)});
    });
    ASSERT_EQ(rows.size(), 2u);
    const std::int64_t ivanov = UserId(kIvanovEmail);
    store::ReadRow(rows[0], [&](store::RowReader& r) {
        EXPECT_EQ(r.OptInt(), std::nullopt) << "from_stage_id";
        EXPECT_EQ(r.Int(), LeadStage(0)) << "to_stage_id";
        r.Skip(2);
    });
    store::ReadRow(rows[1], [&](store::RowReader& r) {
        EXPECT_EQ(r.Int(), LeadStage(0)) << "from_stage_id";
        EXPECT_EQ(r.Int(), LeadStage(1)) << "to_stage_id";
        const std::int64_t seconds_in_from = r.Int();
        EXPECT_GE(seconds_in_from, 1000);
        EXPECT_LT(seconds_in_from, 1100);
        EXPECT_EQ(r.Int(), ivanov) << "by_user_id";
    });
    EXPECT_EQ(FetchInt(sql::kCrmPipelinesHistoryCount, {Param("lead"), Param(id), Param("stage_id")}), 2);
}

TEST_P(PipelinesApi, OverdueStageFilterAndStageOverdueReport) {
    const json late = Lead(ivanov_, {{"title", "Просроченный"}});
    const json fresh = Lead(ivanov_, {{"title", "Свежий"}});
    const json other = Lead(sokolova_, {{"title", "Чужой просроченный"}});
    const json late_deal = Deal(ivanov_);
    Backdate("lead", late["id"], 5 * 3600);
    Backdate("lead", other["id"], 5 * 3600);
    Backdate("deal", late_deal["id"], 2 * 86400);

    json overdue = http().Get("/api/v1/leads?overdue_stage=true", ivanov_).Json();
    EXPECT_EQ(Ids(overdue["items"]), std::vector<std::int64_t>{late["id"].get<std::int64_t>()});
    EXPECT_TRUE(overdue["items"][0]["stage_overdue"]);
    EXPECT_FALSE(http().Get(Path("/api/v1/leads", fresh), ivanov_).Json()["stage_overdue"]);
    EXPECT_EQ(http().Get("/api/v1/deals?overdue_stage=true", ivanov_).Json()["items"].size(), 1u);

    // The head sees both managers' groups; a manager only their own.
    json report = http().Get("/api/v1/control/stage-overdue", head_).Json();
    ASSERT_EQ(report["groups"].size(), 2u) << report.dump();
    const json& ivanov_group =
        report["groups"][0]["owner_id"] == UserId(kIvanovEmail) ? report["groups"][0] : report["groups"][1];
    EXPECT_EQ(ivanov_group["owner_name"], "Иван Иванов");
    EXPECT_EQ(ivanov_group["lead_count"], 1);
    EXPECT_EQ(ivanov_group["deal_count"], 1);
    EXPECT_EQ(Ids(ivanov_group["leads"]), std::vector<std::int64_t>{late["id"].get<std::int64_t>()});
    report = http().Get("/api/v1/control/stage-overdue", sokolova_).Json();
    ASSERT_EQ(report["groups"].size(), 1u);
    EXPECT_EQ(report["groups"][0]["owner_id"], UserId(kSokolovaEmail));
    EXPECT_EQ(report["groups"][0]["deal_count"], 0);
    EXPECT_EQ(http().Get("/api/v1/control/stage-overdue", SignIn(kVolkovEmail)).Json()["groups"].size(), 0u);
    // Closing the record takes it off the report.
    ASSERT_EQ(http().Patch(Path("/api/v1/leads", late), {{"stage_id", LeadStage(2)}}, ivanov_).status, 200);
    EXPECT_EQ(http().Get("/api/v1/leads?overdue_stage=true", ivanov_).Json()["items"].size(), 0u);
}

TEST_P(PipelinesApi, ChangingAStagesMaxDurationMovesTheDeadlinesOfTheLeadsInIt) {
    const json lead = Lead(ivanov_);
    ASSERT_EQ(lead["stage_id"], LeadStage(0));
    const auto entered = ParseIso8601(lead["stage_entered_at"].get<std::string>());
    ASSERT_TRUE(entered);
    const std::string stage =
        Path("/api/v1/pipelines", lead_pipeline_, "/stages/") + std::to_string(LeadStage(0));

    ASSERT_EQ(http().Patch(stage, {{"max_duration", "PT2H"}}, admin_).status, 200);
    json got = http().Get(Path("/api/v1/leads", lead), ivanov_).Json();
    EXPECT_EQ(got["stage_deadline"], FormatIso8601(*entered + 2 * 3600));
    EXPECT_FALSE(got["stage_overdue"]);

    ASSERT_EQ(http().Patch(stage, {{"max_duration", nullptr}}, admin_).status, 200);
    got = http().Get(Path("/api/v1/leads", lead), ivanov_).Json();
    EXPECT_TRUE(got["stage_deadline"].is_null()) << got;
}

TEST_P(PipelinesApi, ShortStageDeadlinePassesInSeconds) {
    const json pipeline = Create(
        "/api/v1/pipelines",
        {{"name", "Срочные"},
         {"record_type", "deal"},
         {"stages", {{{"name", "Звонок"}, {"max_duration", "PT1S"}}, {{"name", "Итог"}, {"kind", "won"}}}}},
        head_);
    const json deal = Deal(ivanov_, {{"pipeline_id", pipeline["id"]}});
    ASSERT_EQ(deal["stage_id"], pipeline["stages"][0]["id"]);
    const std::int64_t id = deal["id"];
    EXPECT_EQ(ParseIso8601(deal["stage_deadline"].get<std::string>()),
              *ParseIso8601(deal["stage_entered_at"].get<std::string>()) + 1);
    // Two seconds later, without waiting for them: the deal entered the stage two seconds earlier.
    Backdate("deal", id, 2);
    const json overdue = http().Get("/api/v1/deals?overdue_stage=true", ivanov_).Json()["items"];
    ASSERT_EQ(overdue.size(), 1U) << overdue;
    EXPECT_EQ(overdue[0]["id"], id);
    EXPECT_TRUE(http().Get(Path("/api/v1/deals", deal), ivanov_).Json()["stage_overdue"]);
}

TEST_P(PipelinesApi, BoardCountsAndTotalsMatchTheRecordsAndRespectVisibility) {
    Lead(ivanov_, {{"amount", 10000}});
    Lead(ivanov_, {{"amount", 25000}});
    Lead(ivanov_, {{"amount", 7000}, {"stage_id", LeadStage(1)}});
    Lead(sokolova_, {{"amount", 100000}});
    const std::string board = "/api/v1/pipelines/" + std::to_string(LeadPipelineId()) + "/board";

    json mine = http().Get(board, ivanov_).Json();
    ASSERT_EQ(mine["stages"].size(), 4u);
    EXPECT_EQ(mine["pipeline"]["id"], LeadPipelineId());
    EXPECT_EQ(mine["stages"][0]["count"], 2);
    EXPECT_EQ(mine["stages"][0]["amount_total"], 35000);
    EXPECT_EQ(mine["stages"][0]["currency"], "RUB");
    EXPECT_EQ(mine["stages"][0]["items"].size(), 2u);
    EXPECT_EQ(mine["stages"][1]["count"], 1);
    EXPECT_EQ(mine["stages"][1]["amount_total"], 7000);
    EXPECT_EQ(mine["stages"][2]["count"], 0);
    EXPECT_EQ(mine["stages"][2]["amount_total"], 0);
    // Another manager's filter shows nothing more to a manager.
    mine = http().Get(board + "?owner_id=" + std::to_string(UserId(kSokolovaEmail)), ivanov_).Json();
    EXPECT_EQ(mine["stages"][0]["count"], 0);
    EXPECT_EQ(mine["stages"][0]["items"].size(), 0u);

    json all = http().Get(board, head_).Json();
    EXPECT_EQ(all["stages"][0]["count"], 3);
    EXPECT_EQ(all["stages"][0]["amount_total"], 135000);
    all = http().Get(board + "?owner_id=" + std::to_string(UserId(kSokolovaEmail)), head_).Json();
    EXPECT_EQ(all["stages"][0]["count"], 1);
    EXPECT_EQ(all["stages"][0]["amount_total"], 100000);
    // Nothing of sales for a manager of another department.
    EXPECT_EQ(http().Get(board, SignIn(kVolkovEmail)).Json()["stages"][0]["count"], 0);

    // Mixed currencies total by currency.
    Lead(ivanov_, {{"amount", 500}, {"currency", "USD"}});
    mine = http().Get(board, ivanov_).Json();
    EXPECT_EQ(mine["stages"][0]["count"], 3);
    EXPECT_EQ(mine["stages"][0]["amount_total"], json({{"RUB", 35000}, {"USD", 500}}));

    // A stage's column continues with its cursor.
    mine = http().Get(board + "?limit=2", ivanov_).Json();
    ASSERT_TRUE(mine["stages"][0]["next_cursor"].is_string());
    const json more = http()
                          .Get(board + "/stages/" + std::to_string(LeadStage(0)) +
                                   "?limit=2&cursor=" + mine["stages"][0]["next_cursor"].get<std::string>(),
                               ivanov_)
                          .Json();
    EXPECT_EQ(more["items"].size(), 1u);
    EXPECT_TRUE(more["next_cursor"].is_null());
    EXPECT_EQ(more["count"], 3);
    EXPECT_TRUE(
        IsError(http().Get(board + "/stages/" + std::to_string(DealStage(0)), ivanov_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/pipelines/999999/board", ivanov_), 404, "not_found"));
}

TEST_P(PipelinesApi, ConvertMakesContactCompanyAndDealOnceAndCarriesTasks) {
    const json lead = Lead(ivanov_, {{"title", "Окна для офиса"},
                                     {"name", "Пётр Сидоров"},
                                     {"company_name", "ООО Ромашка"},
                                     {"phones", {"+79991234567"}},
                                     {"emails", {"petr@romashka.example"}},
                                     {"amount", 1500000}});
    const std::string lead_path = Path("/api/v1/leads", lead);
    const HttpResponse converted = http().Post(lead_path + "/convert", json::object(), ivanov_);
    ASSERT_EQ(converted.status, 200) << converted.body;
    const json result = converted.Json();
    ASSERT_TRUE(result["company_id"].is_number());

    const json contact =
        http()
            .Get("/api/v1/contacts/" + std::to_string(result["contact_id"].get<std::int64_t>()), ivanov_)
            .Json();
    EXPECT_EQ(contact["name"], "Пётр Сидоров");
    EXPECT_EQ(contact["phones"], json({"+79991234567"}));
    EXPECT_EQ(contact["emails"], json({"petr@romashka.example"}));
    EXPECT_EQ(contact["company_id"], result["company_id"]);
    const json company =
        http()
            .Get("/api/v1/companies/" + std::to_string(result["company_id"].get<std::int64_t>()), ivanov_)
            .Json();
    EXPECT_EQ(company["name"], "ООО Ромашка");
    const json deal =
        http().Get("/api/v1/deals/" + std::to_string(result["deal_id"].get<std::int64_t>()), ivanov_).Json();
    EXPECT_EQ(deal["title"], "Окна для офиса");
    EXPECT_EQ(deal["amount"], 1500000);
    EXPECT_EQ(deal["owner_id"], UserId(kIvanovEmail));
    EXPECT_EQ(deal["contact_id"], result["contact_id"]);
    EXPECT_EQ(deal["pipeline_id"], DealPipelineId());
    EXPECT_EQ(deal["stage_id"], DealStage(0));

    const json after = http().Get(lead_path, ivanov_).Json();
    EXPECT_TRUE(after["converted_at"].is_string());
    EXPECT_EQ(after["deal_id"], result["deal_id"]);
    EXPECT_FALSE(after["is_open"]);
    // The lead's first task moved to the deal.
    const std::string tasks = "/api/v1/tasks?status=open&record_type=";
    EXPECT_EQ(http()
                  .Get(tasks + "lead&record_id=" + std::to_string(lead["id"].get<std::int64_t>()), ivanov_)
                  .Json()["items"]
                  .size(),
              0u);
    EXPECT_EQ(
        http()
            .Get(tasks + "deal&record_id=" + std::to_string(result["deal_id"].get<std::int64_t>()), ivanov_)
            .Json()["items"]
            .size(),
        1u);

    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(http().Post(lead_path + "/convert", json::object(), ivanov_), 409, "conflict"));
    EXPECT_EQ(SalesSnapshot(), before);
}

TEST_P(PipelinesApi, ConvertIntoAGivenStageAndBadStageChangesNothing) {
    const json lead = Lead(ivanov_, {{"title", "Без компании"}});
    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(
        http().Post(Path("/api/v1/leads", lead, "/convert"), {{"deal_stage_id", LeadStage(1)}}, ivanov_), 422,
        "validation_failed", "deal_stage_id"));
    EXPECT_TRUE(IsError(http().Post(Path("/api/v1/leads", lead, "/convert"),
                                    {{"deal_pipeline_id", LeadPipelineId()}}, ivanov_),
                        422, "validation_failed", "deal_pipeline_id"));
    EXPECT_EQ(SalesSnapshot(), before);
    const HttpResponse converted =
        http().Post(Path("/api/v1/leads", lead, "/convert"),
                    {{"deal_stage_id", DealStage(1)}, {"deal_title", "Сделка"}}, ivanov_);
    ASSERT_EQ(converted.status, 200) << converted.body;
    EXPECT_TRUE(converted.Json()["company_id"].is_null());
    const json deal =
        http()
            .Get("/api/v1/deals/" + std::to_string(converted.Json()["deal_id"].get<std::int64_t>()), ivanov_)
            .Json();
    EXPECT_EQ(deal["stage_id"], DealStage(1));
    EXPECT_EQ(deal["title"], "Сделка");
}

TEST_P(PipelinesApi, NegativeAmountAndUnknownCurrencyAre422AndChangeNothing) {
    const json lead = Lead(ivanov_);
    const json deal = Deal(ivanov_);
    const auto before = SalesSnapshot();
    for (const char* path : {"/api/v1/leads", "/api/v1/deals"}) {
        SCOPED_TRACE(path);
        EXPECT_TRUE(IsError(http().Post(path, {{"title", "X"}, {"amount", -1}}, ivanov_), 422,
                            "validation_failed", "amount"));
        EXPECT_TRUE(IsError(http().Post(path, {{"title", "X"}, {"currency", "XYZ"}}, ivanov_), 422,
                            "validation_failed", "currency"));
        EXPECT_TRUE(IsError(http().Post(path, {{"title", "X"}, {"amount", "10"}}, ivanov_), 422,
                            "validation_failed", "amount"));
        EXPECT_TRUE(IsError(http().Post(path, {{"amount", 10}}, ivanov_), 422, "validation_failed", "title"));
        EXPECT_TRUE(IsError(http().Post(path, {{"title", "X"}, {"color", "red"}}, ivanov_), 422,
                            "validation_failed", "color"));
        EXPECT_TRUE(
            IsError(http().Post(path, {{"title", "X"}, {"owner_id", UserId(kSokolovaEmail)}}, ivanov_), 422,
                    "validation_failed", "owner_id"));
    }
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/leads", lead), {{"amount", -5}}, ivanov_), 422,
                        "validation_failed", "amount"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"currency", "rub1"}}, ivanov_), 422,
                        "validation_failed", "currency"));
    EXPECT_TRUE(
        IsError(http().Patch(Path("/api/v1/deals", deal), {{"expected_close_on", "2026-02-30"}}, ivanov_),
                422, "validation_failed", "expected_close_on"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/leads", {{"title", "X"}, {"phones", {"123"}}}, ivanov_), 422,
                        "validation_failed", "phones"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/leads?sort=colour", ivanov_), 422, "validation_failed", "sort"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/deals?overdue_stage=yes", ivanov_), 422, "validation_failed",
                        "overdue_stage"));
    EXPECT_EQ(SalesSnapshot(), before);
}

TEST_P(PipelinesApi, OutOfSightRecordsAre404Everywhere) {
    const json lead = Lead(ivanov_, {{"amount", 300}});
    const json deal = Deal(ivanov_, {{"amount", 700}});
    const auto before = SalesSnapshot();
    for (const std::string& token : {sokolova_, SignIn(kVolkovEmail)}) {
        EXPECT_TRUE(IsError(http().Get(Path("/api/v1/leads", lead), token), 404, "not_found"));
        EXPECT_TRUE(
            IsError(http().Patch(Path("/api/v1/leads", lead), {{"title", "Моё"}}, token), 404, "not_found"));
        EXPECT_TRUE(
            IsError(http().Patch(Path("/api/v1/leads", lead), {{"amount", -1}}, token), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Delete(Path("/api/v1/leads", lead), token), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Post(Path("/api/v1/leads", lead, "/convert"), json::object(), token), 404,
                            "not_found"));
        EXPECT_TRUE(IsError(http().Post(Path("/api/v1/leads", lead, "/restore"), json::object(), token), 404,
                            "not_found"));
        EXPECT_TRUE(IsError(http().Get(Path("/api/v1/deals", deal), token), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"stage_id", DealStage(4)}}, token),
                            404, "not_found"));
        EXPECT_TRUE(IsError(http().Delete(Path("/api/v1/deals", deal), token), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Post(Path("/api/v1/deals", deal, "/restore"), json::object(), token), 404,
                            "not_found"));
        // Never listed, found or counted.
        EXPECT_EQ(http().Get("/api/v1/leads", token).Json()["items"].size(), 0u);
        EXPECT_EQ(http().Get("/api/v1/leads?q=заявка", token).Json()["items"].size(), 0u);
        EXPECT_EQ(http()
                      .Get("/api/v1/leads?owner_id=" + std::to_string(UserId(kIvanovEmail)), token)
                      .Json()["items"]
                      .size(),
                  0u);
        EXPECT_EQ(http().Get("/api/v1/deals", token).Json()["items"].size(), 0u);
        const json board =
            http().Get("/api/v1/pipelines/" + std::to_string(DealPipelineId()) + "/board", token).Json();
        EXPECT_EQ(board["stages"][0]["count"], 0);
        EXPECT_EQ(board["stages"][0]["amount_total"], 0);
    }
    EXPECT_EQ(SalesSnapshot(), before);
    // Their own manager and head see them.
    EXPECT_EQ(http().Get("/api/v1/leads?q=заявка", ivanov_).Json()["items"].size(), 1u);
    EXPECT_EQ(http().Get("/api/v1/leads", head_).Json()["items"].size(), 1u);
}

TEST_P(PipelinesApi, LinkedContactOutOfSightIs422) {
    const HttpResponse contact = http().Post("/api/v1/contacts", {{"name", "Анна Петрова"}}, sokolova_);
    ASSERT_EQ(contact.status, 201) << contact.body;
    const std::int64_t id = contact.Json()["id"];
    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/deals", {{"title", "X"}, {"contact_id", id}}, ivanov_), 422,
                        "validation_failed", "contact_id"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/deals", {{"title", "X"}, {"company_id", 999999}}, ivanov_), 422,
                        "validation_failed", "company_id"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/leads", {{"title", "X"}, {"contact_id", id}}, ivanov_), 422,
                        "validation_failed", "contact_id"));
    EXPECT_EQ(SalesSnapshot(), before);
    const json deal = Deal(sokolova_, {{"contact_id", id}});
    EXPECT_EQ(deal["contact_id"], id);
}

TEST_P(PipelinesApi, WonDealMakesItsContactAClient) {
    const HttpResponse contact = http().Post("/api/v1/contacts", {{"name", "Анна Петрова"}}, ivanov_);
    ASSERT_EQ(contact.status, 201) << contact.body;
    const json deal = Deal(ivanov_, {{"contact_id", contact.Json()["id"]}});
    const HttpResponse won = http().Patch(Path("/api/v1/deals", deal), {{"stage_id", DealStage(4)}}, ivanov_);
    ASSERT_EQ(won.status, 200) << won.body;
    EXPECT_FALSE(won.Json()["is_open"]);
    EXPECT_TRUE(http().Get(Path("/api/v1/contacts", contact.Json()), ivanov_).Json()["is_client"]);
}

TEST_P(PipelinesApi, DeleteIsSoftAndOnlyAnAdminRestores) {
    const json lead = Lead(ivanov_);
    const json deal = Deal(ivanov_);
    for (const auto& [base, record] : {std::pair{"/api/v1/leads", lead}, std::pair{"/api/v1/deals", deal}}) {
        SCOPED_TRACE(base);
        EXPECT_EQ(http().Delete(Path(base, record), ivanov_).status, 204);
        EXPECT_TRUE(IsError(http().Get(Path(base, record), ivanov_), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Get(Path(base, record), admin_), 404, "not_found"));
        EXPECT_TRUE(IsError(http().Delete(Path(base, record), ivanov_), 404, "not_found"));
        EXPECT_EQ(http().Get(base, ivanov_).Json()["items"].size(), 0u);
        EXPECT_TRUE(
            IsError(http().Post(Path(base, record, "/restore"), json::object(), ivanov_), 403, "forbidden"));
        const HttpResponse restored = http().Post(Path(base, record, "/restore"), json::object(), admin_);
        ASSERT_EQ(restored.status, 200) << restored.body;
        EXPECT_TRUE(restored.Json()["deleted_at"].is_null());
        EXPECT_EQ(http().Get(Path(base, record), ivanov_).status, 200);
    }
}

TEST_P(PipelinesApi, ListsSortAndPageWithCursorsAndFilter) {
    const json a = Lead(ivanov_, {{"amount", 300}});
    const json b = Lead(ivanov_, {{"amount", 100}, {"stage_id", LeadStage(1)}});
    const json c = Lead(ivanov_, {{"amount", 200}});
    json page = http().Get("/api/v1/leads?sort=-amount&limit=2", ivanov_).Json();
    EXPECT_EQ(Ids(page["items"]), (std::vector<std::int64_t>{a["id"], c["id"]}));
    ASSERT_TRUE(page["next_cursor"].is_string());
    const std::string cursor = page["next_cursor"].get<std::string>();
    // A cursor belongs to its list and order: anywhere else it is refused, the same way each time.
    for (const std::string other :
         {"/api/v1/leads?sort=amount", "/api/v1/leads?sort=-id", "/api/v1/deals?sort=-amount",
          "/api/v1/contacts?sort=-name", "/api/v1/tasks?limit=5"}) {
        SCOPED_TRACE(other);
        EXPECT_TRUE(
            IsError(http().Get(other + "&cursor=" + cursor, ivanov_), 422, "validation_failed", "cursor"));
    }
    page = http().Get("/api/v1/leads?sort=-amount&limit=2&cursor=" + cursor, ivanov_).Json();
    EXPECT_EQ(Ids(page["items"]), (std::vector<std::int64_t>{b["id"]}));
    EXPECT_TRUE(page["next_cursor"].is_null());
    page = http().Get("/api/v1/leads?sort=amount", ivanov_).Json();
    EXPECT_EQ(Ids(page["items"]), (std::vector<std::int64_t>{b["id"], c["id"], a["id"]}));
    page = http().Get("/api/v1/leads?sort=-id", ivanov_).Json();
    EXPECT_EQ(Ids(page["items"]), (std::vector<std::int64_t>{c["id"], b["id"], a["id"]}));
    page = http().Get("/api/v1/leads?stage_id=" + std::to_string(LeadStage(1)), ivanov_).Json();
    EXPECT_EQ(Ids(page["items"]), (std::vector<std::int64_t>{b["id"]}));
    page = http().Get("/api/v1/leads?no_next_step=true", ivanov_).Json();
    EXPECT_EQ(page["items"].size(), 0u);
}

TEST_P(PipelinesApi, ListsFilterByCustomFieldAndMissingNextStep) {
    const HttpResponse field = http().Post(
        "/api/v1/custom-fields",
        {{"record_type", "lead"}, {"name", "segment"}, {"type", "enum"}, {"options", {"retail", "b2b"}}},
        admin_);
    ASSERT_EQ(field.status, 201) << field.body;
    const json retail = Lead(ivanov_, {{"custom_fields", {{"segment", "retail"}}}});
    const json b2b = Lead(ivanov_, {{"custom_fields", {{"segment", "b2b"}}}});
    EXPECT_EQ(retail["custom_fields"]["segment"], "retail");
    EXPECT_EQ(Ids(http().Get("/api/v1/leads?cf.segment=retail", ivanov_).Json()["items"]),
              std::vector<std::int64_t>{retail["id"].get<std::int64_t>()});
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/leads?cf.colour=red", ivanov_), 422, "validation_failed", "cf.colour"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/leads", {{"title", "X"}, {"custom_fields", {{"segment", "gov"}}}}, ivanov_), 422,
        "validation_failed", "custom_fields.segment"));
    const HttpResponse patched =
        http().Patch(Path("/api/v1/leads", b2b), {{"custom_fields", {{"segment", "retail"}}}}, ivanov_);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(http().Get("/api/v1/leads?cf.segment=retail", ivanov_).Json()["items"].size(), 2u);

    // Under the warn policy the last task may go; the lead then lacks a next step.
    ASSERT_EQ(http().Patch("/api/v1/settings", {{"next_step_policy", "warn"}}, admin_).status, 200);
    const json tasks =
        http()
            .Get("/api/v1/tasks?record_type=lead&record_id=" + std::to_string(b2b["id"].get<std::int64_t>()),
                 ivanov_)
            .Json()["items"];
    ASSERT_EQ(tasks.size(), 1u);
    const HttpResponse deleted =
        http().Delete("/api/v1/tasks/" + std::to_string(tasks[0]["id"].get<std::int64_t>()), ivanov_);
    ASSERT_LT(deleted.status, 300) << deleted.body;
    EXPECT_EQ(Ids(http().Get("/api/v1/leads?no_next_step=true", ivanov_).Json()["items"]),
              std::vector<std::int64_t>{b2b["id"].get<std::int64_t>()});
    EXPECT_EQ(http().Get("/api/v1/leads?no_next_step=true", sokolova_).Json()["items"].size(), 0u);
}

TEST_P(PipelinesApi, ListsAndBoardShowEachRecordWithItsOwnCustomValuesAndPhones) {
    ASSERT_EQ(http()
                  .Post("/api/v1/custom-fields",
                        {{"record_type", "lead"},
                         {"name", "segment"},
                         {"type", "enum"},
                         {"options", {"retail", "b2b"}}},
                        admin_)
                  .status,
              201);
    // Values and phones of a page are loaded for the whole page at once: each must stay with its
    // own record, including a record without any between two with them.
    const json first =
        Lead(ivanov_, {{"phones", {"+7 999 111-11-11"}}, {"custom_fields", {{"segment", "retail"}}}});
    const json bare = Lead(ivanov_);
    const json last =
        Lead(ivanov_, {{"emails", {"b2b@example.com"}}, {"custom_fields", {{"segment", "b2b"}}}});
    const auto check = [&](const json& items) {
        std::map<std::int64_t, json> by_id;
        for (const auto& item : items) by_id[item["id"].get<std::int64_t>()] = item;
        ASSERT_EQ(by_id.size(), 3u) << items.dump();
        const json& a = by_id.at(first["id"].get<std::int64_t>());
        const json& b = by_id.at(bare["id"].get<std::int64_t>());
        const json& c = by_id.at(last["id"].get<std::int64_t>());
        EXPECT_EQ(a["custom_fields"], json({{"segment", "retail"}}));
        EXPECT_EQ(a["phones"], json({"+79991111111"}));
        EXPECT_EQ(a["emails"], json::array());
        EXPECT_EQ(b["custom_fields"], json::object());
        EXPECT_EQ(b["phones"], json::array());
        EXPECT_EQ(c["custom_fields"], json({{"segment", "b2b"}}));
        EXPECT_EQ(c["emails"], json({"b2b@example.com"}));
        EXPECT_EQ(c["phones"], json::array());
    };
    check(http().Get("/api/v1/leads", ivanov_).Json()["items"]);
    check(http().Get("/api/v1/leads?sort=-created_at", ivanov_).Json()["items"]);
    const json board =
        http()
            .Get("/api/v1/pipelines/" + std::to_string(first["pipeline_id"].get<std::int64_t>()) + "/board",
                 ivanov_)
            .Json();
    json items = json::array();
    for (const auto& column : board["stages"]) {
        for (const auto& item : column["items"]) items.push_back(item);
    }
    check(items);
}

TEST_P(PipelinesApi, ANewOwnerTakesTheRecordAndItsTasks) {
    const json lead = Lead(ivanov_);
    EXPECT_TRUE(
        IsError(http().Patch(Path("/api/v1/leads", lead), {{"owner_id", UserId(kSokolovaEmail)}}, ivanov_),
                422, "validation_failed", "owner_id"));
    const HttpResponse moved =
        http().Patch(Path("/api/v1/leads", lead), {{"owner_id", UserId(kSokolovaEmail)}}, head_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.Json()["owner_id"], UserId(kSokolovaEmail));
    EXPECT_TRUE(IsError(http().Get(Path("/api/v1/leads", lead), ivanov_), 404, "not_found"));
    EXPECT_EQ(http().Get(Path("/api/v1/leads", lead), sokolova_).status, 200);
    const json tasks =
        http()
            .Get("/api/v1/tasks?record_type=lead&record_id=" + std::to_string(lead["id"].get<std::int64_t>()),
                 sokolova_)
            .Json()["items"];
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0]["owner_id"], UserId(kSokolovaEmail));
    EXPECT_EQ(FetchInt(sql::kCrmPipelinesHistoryCount,
                       {Param("lead"), Param(lead["id"].get<std::int64_t>()), Param("owner_id")}),
              1);
}

// `voronka demo` without --accounts-only fills the sales: 300 leads and 150 deals over every stage,
// spread over the head and the three sales managers, the same on every run, and the demo rules.
TEST_P(PipelinesApi, DemoFillsEveryStageDeterministically) {
    std::vector<std::string> runs;
    for (int run = 0; run < 2; ++run) {
        TestDatabase fresh(GetParam());
        const CommandResult demo = RunVoronka({"demo", "--database", fresh.url()});
        ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
        const auto fresh_db = fresh.Open();
        const auto counts =
            fresh_db->Read([](store::Transaction& tx) { return *tx.FetchOne(sql::kCrmPipelinesDemoCounts); });
        store::ReadRow(counts, [](store::RowReader& r) {
            EXPECT_EQ(r.Int(), 300) << "leads";
            EXPECT_EQ(r.Int(), 4) << "lead stages";
            EXPECT_EQ(r.Int(), 4) << "lead owners";
            EXPECT_EQ(r.Int(), 150) << "deals";
            EXPECT_EQ(r.Int(), 6) << "deal stages";
            EXPECT_EQ(r.Int(), 4) << "deal owners";
            EXPECT_GT(r.Int(), 200) << "tasks";
            EXPECT_GT(r.Int(), 50) << "notes";
            EXPECT_EQ(r.Int(), 0) << "records not in RUB";
        });
        // The source's five rules (docs/automation.md) and their two templates.
        const auto automation = fresh_db->Read(
            [](store::Transaction& tx) { return *tx.FetchOne(sql::kCrmPipelinesDemoAutomation); });
        store::ReadRow(automation, [](store::RowReader& r) {
            EXPECT_EQ(r.Int(), 5) << "enabled rules";
            EXPECT_EQ(r.Int(), 2) << "rules on deal_won";
            EXPECT_EQ(r.Int(), 2) << "templates";
        });
        std::string text;
        fresh_db->Read([&](store::Transaction& tx) {
            for (const auto& row : tx.Fetch(sql::kCrmPipelinesDemoRecords)) text += RenderRow(row) + "\n";
        });
        runs.push_back(std::move(text));
    }
    EXPECT_EQ(runs[0], runs[1]);
}

// A record enters an organisation-wide pipeline or one of its owner's department
// (crm::MayEnterPipeline), whoever places it: another department's pipeline, named in the body,
// answers as a missing one (422 on pipeline_id, deal_pipeline_id on conversion) and changes nothing.
TEST_P(PipelinesApi, ARecordEntersOnlyOrganisationPipelinesAndItsOwnersDepartments) {
    const std::int64_t purchasing = DepartmentId("Закупки");
    const json their_deals = DepartmentPipeline("deal", purchasing);
    const json their_leads = DepartmentPipeline("lead", purchasing);
    const json our_deals = DepartmentPipeline("deal", DepartmentId(kSalesDepartment));
    const std::int64_t theirs = their_deals["id"];
    const std::int64_t their_stage = their_deals["stages"][0]["id"];
    const std::int64_t ivanov = UserId(kIvanovEmail);
    const json lead = Lead(ivanov_);
    const json deal = Deal(ivanov_);
    const auto before = SalesSnapshot();
    // The manager himself, his head, the admin: the owner's department decides, not the caller's.
    for (const std::string* token : {&ivanov_, &head_, &admin_}) {
        const std::string& who = *token;
        EXPECT_TRUE(IsError(http().Post("/api/v1/deals",
                                        {{"title", "X"}, {"owner_id", ivanov}, {"pipeline_id", theirs}}, who),
                            422, "validation_failed", "pipeline_id"));
        EXPECT_TRUE(IsError(
            http().Post(
                "/api/v1/deals",
                {{"title", "X"}, {"owner_id", ivanov}, {"pipeline_id", theirs}, {"stage_id", their_stage}},
                who),
            422, "validation_failed", "pipeline_id"));
        EXPECT_TRUE(IsError(
            http().Post("/api/v1/leads",
                        {{"title", "X"}, {"owner_id", ivanov}, {"pipeline_id", their_leads["id"]}}, who),
            422, "validation_failed", "pipeline_id"));
        EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"pipeline_id", theirs}}, who), 422,
                            "validation_failed", "pipeline_id"));
        EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal),
                                         {{"pipeline_id", theirs}, {"stage_id", their_stage}}, who),
                            422, "validation_failed", "pipeline_id"));
        EXPECT_TRUE(
            IsError(http().Patch(Path("/api/v1/leads", lead), {{"pipeline_id", their_leads["id"]}}, who), 422,
                    "validation_failed", "pipeline_id"));
        EXPECT_TRUE(
            IsError(http().Post(Path("/api/v1/leads", lead, "/convert"), {{"deal_pipeline_id", theirs}}, who),
                    422, "validation_failed", "deal_pipeline_id"));
    }
    // The admin's own records: the admin is of no department.
    EXPECT_TRUE(IsError(http().Post("/api/v1/deals", {{"title", "X"}, {"pipeline_id", theirs}}, admin_), 422,
                        "validation_failed", "pipeline_id"));
    EXPECT_EQ(SalesSnapshot(), before);

    // His department's pipeline takes his records, as the organisation's does.
    const HttpResponse moved =
        http().Patch(Path("/api/v1/deals", deal), {{"pipeline_id", our_deals["id"]}}, ivanov_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.Json()["pipeline_id"], our_deals["id"]);
    EXPECT_EQ(moved.Json()["stage_id"], our_deals["stages"][0]["id"]);
    EXPECT_EQ(Deal(ivanov_, {{"pipeline_id", our_deals["id"]}})["pipeline_id"], our_deals["id"]);
    EXPECT_EQ(Deal(ivanov_, {{"pipeline_id", DealPipelineId()}})["pipeline_id"], DealPipelineId());
    const HttpResponse converted = http().Post(Path("/api/v1/leads", lead, "/convert"),
                                               {{"deal_pipeline_id", our_deals["id"]}}, ivanov_);
    ASSERT_EQ(converted.status, 200) << converted.body;
    const json converted_deal =
        http()
            .Get("/api/v1/deals/" + std::to_string(converted.Json()["deal_id"].get<std::int64_t>()), ivanov_)
            .Json();
    EXPECT_EQ(converted_deal["pipeline_id"], our_deals["id"]);
    // Purchasing's records enter purchasing's pipeline, placed by their owner or by the admin.
    EXPECT_EQ(Deal(SignIn(kVolkovEmail), {{"pipeline_id", theirs}})["pipeline_id"], theirs);
    EXPECT_EQ(Deal(admin_, {{"pipeline_id", theirs}, {"owner_id", UserId(kVolkovEmail)}})["pipeline_id"],
              theirs);
    EXPECT_EQ(
        Lead(admin_, {{"pipeline_id", their_leads["id"]}, {"owner_id", UserId(kVolkovEmail)}})["pipeline_id"],
        their_leads["id"]);
}

// A record in a department's pipeline changes owner within the department; handing it to a user of
// another department moves it out in the same change (pipeline_id), else 422 on owner_id.
TEST_P(PipelinesApi, AnOwnerOfAnotherDepartmentTakesTheRecordOnlyOutOfTheDepartmentsPipeline) {
    const std::int64_t volkov = UserId(kVolkovEmail);
    const std::int64_t ivanov = UserId(kIvanovEmail);
    const json their_deals = DepartmentPipeline("deal", DepartmentId("Закупки"));
    const json their_leads = DepartmentPipeline("lead", DepartmentId("Закупки"));
    const json deal = Deal(admin_, {{"owner_id", volkov}, {"pipeline_id", their_deals["id"]}});
    const json lead = Lead(admin_, {{"owner_id", volkov}, {"pipeline_id", their_leads["id"]}});
    const auto before = SalesSnapshot();
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal), {{"owner_id", ivanov}}, admin_), 422,
                        "validation_failed", "owner_id"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/deals", deal),
                                     {{"owner_id", ivanov}, {"pipeline_id", their_deals["id"]}}, admin_),
                        422, "validation_failed", "owner_id"));
    EXPECT_TRUE(IsError(http().Patch(Path("/api/v1/leads", lead), {{"owner_id", ivanov}}, admin_), 422,
                        "validation_failed", "owner_id"));
    EXPECT_EQ(SalesSnapshot(), before);

    const HttpResponse handed = http().Patch(
        Path("/api/v1/deals", deal), {{"owner_id", ivanov}, {"pipeline_id", DealPipelineId()}}, admin_);
    ASSERT_EQ(handed.status, 200) << handed.body;
    EXPECT_EQ(handed.Json()["owner_id"], ivanov);
    EXPECT_EQ(handed.Json()["pipeline_id"], DealPipelineId());
    EXPECT_EQ(handed.Json()["stage_id"], DealStage(0));
    EXPECT_EQ(http().Get(Path("/api/v1/deals", deal), ivanov_).status, 200);

    // Within a department's pipeline the head hands a record to a manager of the department.
    const json ours = DepartmentPipeline("deal", DepartmentId(kSalesDepartment));
    const json sales_deal = Deal(ivanov_, {{"pipeline_id", ours["id"]}});
    const HttpResponse passed =
        http().Patch(Path("/api/v1/deals", sales_deal), {{"owner_id", UserId(kSokolovaEmail)}}, head_);
    ASSERT_EQ(passed.status, 200) << passed.body;
    EXPECT_EQ(passed.Json()["pipeline_id"], ours["id"]);
}

// Every user reads every pipeline, but the board of another department's pipeline shows, counts
// and totals only the records the reader sees.
TEST_P(PipelinesApi, BoardOfAnotherDepartmentsPipelineShowsOnlyWhatTheReaderSees) {
    const json theirs = DepartmentPipeline("deal", DepartmentId("Закупки"));
    Deal(admin_, {{"owner_id", UserId(kVolkovEmail)}, {"pipeline_id", theirs["id"]}, {"amount", 5000}});
    const std::string board = Path("/api/v1/pipelines", theirs, "/board");
    const std::string column =
        board + "/stages/" + std::to_string(theirs["stages"][0]["id"].get<std::int64_t>());
    for (const std::string* token : {&ivanov_, &head_}) {
        const HttpResponse outside = http().Get(board, *token);
        ASSERT_EQ(outside.status, 200) << outside.body;
        EXPECT_EQ(outside.Json()["stages"][0]["count"], 0);
        EXPECT_EQ(outside.Json()["stages"][0]["amount_total"], 0);
        EXPECT_TRUE(outside.Json()["stages"][0]["items"].empty());
        const HttpResponse stage = http().Get(column, *token);
        ASSERT_EQ(stage.status, 200) << stage.body;
        EXPECT_EQ(stage.Json()["count"], 0);
        EXPECT_TRUE(stage.Json()["items"].empty());
    }
    for (const std::string& token : {SignIn(kVolkovEmail), admin_}) {
        const json inside = http().Get(board, token).Json();
        EXPECT_EQ(inside["stages"][0]["count"], 1);
        EXPECT_EQ(inside["stages"][0]["amount_total"], 5000);
    }
}

VORONKA_INSTANTIATE_API_TEST(PipelinesApi);

}  // namespace
}  // namespace voronka::test
