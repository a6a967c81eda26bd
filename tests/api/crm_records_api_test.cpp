// Companies, contacts, custom fields and the global search over HTTP against the real binary, on
// each back end: CRUD, visibility, duplicates, search folding, custom fields, history, soft
// delete and restore, and bad input that changes nothing.
//
// The managers of purchasing (Volkov) and logistics (Morozova) own no demo records, so what they
// see and find is exactly what a test creates.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;
using store::Param;

class CrmRecordsApi : public ApiTest {
protected:
    void SetUp() override {
        ApiTest::SetUp();
        if (HasFatalFailure()) return;
        admin_ = AdminToken();
        volkov_ = SignIn(kVolkovEmail);
        morozova_ = SignIn(kMorozovaEmail);
    }

    // Creates a record and answers its id; fails the test unless the answer is 201.
    std::int64_t Create(std::string_view path, const json& body, const std::string& token) {
        const HttpResponse response = http().Post(path, body, token);
        EXPECT_EQ(response.status, 201) << response.body;
        if (response.status != 201) return 0;
        return response.Json().at("id").get<std::int64_t>();
    }

    // The ids of a list's or the search's items, optionally of one type.
    static std::vector<std::int64_t> Ids(const HttpResponse& response, std::string_view type = {}) {
        std::vector<std::int64_t> ids;
        const json body = response.Json();
        for (const auto& item : body.at("items")) {
            if (!type.empty() && item.at("type") != type) continue;
            ids.push_back(item.at("id").get<std::int64_t>());
        }
        return ids;
    }

    static bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    }

    std::vector<std::int64_t> SearchIds(std::string_view q, const std::string& token, std::string_view type) {
        const HttpResponse response = http().Get("/api/v1/search?q=" + Encode(q), token);
        EXPECT_EQ(response.status, 200) << response.body;
        return response.status == 200 ? Ids(response, type) : std::vector<std::int64_t>{};
    }

    // Percent-encodes a query parameter value.
    static std::string Encode(std::string_view text) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        std::string out;
        for (const unsigned char c : text) {
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += kHex[c >> 4];
                out += kHex[c & 15];
            }
        }
        return out;
    }

    // Every row of the sales-core tables these routes write.
    DatabaseSnapshot RecordsSnapshot() {
        const std::pair<const char*, const store::Query*> tables[] = {
            {"companies", &sql::kCrmRecordsSnapshotCompanies},
            {"contacts", &sql::kCrmRecordsSnapshotContacts},
            {"contact_points", &sql::kCrmRecordsSnapshotContactPoints},
            {"custom_fields", &sql::kCrmRecordsSnapshotCustomFields},
            {"custom_values", &sql::kCrmRecordsSnapshotCustomValues},
            {"history", &sql::kCrmRecordsSnapshotHistory},
            {"tasks", &sql::kCrmRecordsSnapshotTasks},
        };
        DatabaseSnapshot snapshot = Snapshot();
        db().Read([&](store::Transaction& tx) {
            for (const auto& [table, query] : tables) {
                auto& rows = snapshot.tables[table];
                for (const auto& row : tx.Fetch(*query)) rows.push_back(RenderRow(row));
            }
        });
        return snapshot;
    }

    // The history of a record as "field: old -> new".
    struct HistoryRow {
        std::string change;  // "field: old -> new"
        std::optional<std::int64_t> by_user_id;
    };
    std::vector<HistoryRow> HistoryRows(std::string_view type, std::int64_t id) {
        return db().Read([&](store::Transaction& tx) {
            return store::ReadRows(tx.Fetch(sql::kCrmRecordsHistoryOf, {Param(type), Param(id)}),
                                   [](store::RowReader& r) {
                                       std::string change = r.Text() + ": ";
                                       change += r.OptText().value_or("null") + " -> ";
                                       change += r.OptText().value_or("null");
                                       return HistoryRow{std::move(change), r.OptInt()};
                                   });
        });
    }
    std::vector<std::string> History(std::string_view type, std::int64_t id) {
        std::vector<std::string> entries;
        for (auto& row : HistoryRows(type, id)) entries.push_back(std::move(row.change));
        return entries;
    }

    std::int64_t InsertTask(std::string_view type, std::int64_t record_id, std::int64_t owner_id) {
        return db().Write([&](store::Transaction& tx) {
            return tx.Insert(sql::kCrmRecordsInsertTask, {Param(type), Param(record_id), Param(owner_id)});
        });
    }

    // Every id of a list, page by page (`path` holds its query), following next_cursor.
    std::vector<std::int64_t> AllPages(const std::string& path, const std::string& token) {
        std::vector<std::int64_t> ids;
        std::string cursor;
        for (int pages = 0; pages < 20; ++pages) {
            const HttpResponse page =
                http().Get(path + (cursor.empty() ? "" : "&cursor=" + Encode(cursor)), token);
            EXPECT_EQ(page.status, 200) << page.body;
            if (page.status != 200) break;
            const auto items = Ids(page);
            ids.insert(ids.end(), items.begin(), items.end());
            const json next = page.Json().at("next_cursor");
            if (next.is_null()) break;
            cursor = next.get<std::string>();
        }
        return ids;
    }

    std::string admin_;
    std::string volkov_;
    std::string morozova_;
};

TEST_P(CrmRecordsApi, CompanyIsCreatedReadChangedListedAndDeleted) {
    const HttpResponse created = http().Post("/api/v1/companies",
                                             {{"name", "  ООО Ромашка "},
                                              {"inn", "7707083893"},
                                              {"address", "Москва, ул. Ленина, 1"},
                                              {"phones", {"8 (913) 571-24-68"}},
                                              {"emails", {"Info@Romashka-Test.example"}}},
                                             volkov_);
    ASSERT_EQ(created.status, 201) << created.body;
    const json company = created.Json();
    EXPECT_EQ(company.at("name"), "ООО Ромашка");
    EXPECT_EQ(company.at("inn"), "7707083893");
    EXPECT_EQ(company.at("owner_id"), UserId(kVolkovEmail));
    EXPECT_EQ(company.at("phones"), json({"+79135712468"}));
    EXPECT_EQ(company.at("emails"), json({"Info@Romashka-Test.example"}));
    EXPECT_EQ(company.at("custom_fields"), json::object());
    EXPECT_TRUE(company.at("deleted_at").is_null());
    const std::string path = "/api/v1/companies/" + std::to_string(company.at("id").get<std::int64_t>());

    EXPECT_EQ(http().Get(path, volkov_).Json(), company);
    const HttpResponse changed = http().Patch(
        path, {{"name", "ООО Ромашка и Ко"}, {"address", nullptr}, {"inn", "500100732259"}}, volkov_);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json().at("name"), "ООО Ромашка и Ко");
    EXPECT_TRUE(changed.Json().at("address").is_null());
    EXPECT_EQ(changed.Json().at("inn"), "500100732259");
    EXPECT_TRUE(Contains(Ids(http().Get("/api/v1/companies", volkov_)), company.at("id")));

    EXPECT_EQ(http().Delete(path, volkov_).status, 204);
    EXPECT_TRUE(IsError(http().Get(path, volkov_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"name", "x"}}, volkov_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(path, volkov_), 404, "not_found"));
    EXPECT_FALSE(Contains(Ids(http().Get("/api/v1/companies", volkov_)), company.at("id")));
    EXPECT_FALSE(Contains(SearchIds("Ромашка", volkov_, "company"), company.at("id")));
}

TEST_P(CrmRecordsApi, ContactBelongsToAVisibleCompanyAndIsClientIsReadOnly) {
    const auto company = Create("/api/v1/companies", {{"name", "Берёзка"}}, volkov_);
    const HttpResponse created =
        http().Post("/api/v1/contacts", {{"name", "Анна Смирнова"}, {"company_id", company}}, volkov_);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().at("company_id"), company);
    EXPECT_EQ(created.Json().at("is_client"), false);
    const std::string path =
        "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());

    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(
        IsError(http().Patch(path, {{"is_client", true}}, volkov_), 422, "validation_failed", "is_client"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/contacts", {{"name", "Б"}, {"is_client", true}}, volkov_), 422,
                        "validation_failed", "is_client"));
    EXPECT_EQ(RecordsSnapshot(), before);

    const HttpResponse detached = http().Patch(path, {{"company_id", nullptr}}, volkov_);
    ASSERT_EQ(detached.status, 200) << detached.body;
    EXPECT_TRUE(detached.Json().at("company_id").is_null());
}

TEST_P(CrmRecordsApi, AnotherManagersContactIsNotFoundListedSearchedOrCounted) {
    const auto id = Create("/api/v1/contacts",
                           {{"name", "Фёдор Тайный"},
                            {"phones", {"+7 913 222-33-44"}},
                            {"emails", {"fedor@secret-test.example"}}},
                           volkov_);
    const std::string path = "/api/v1/contacts/" + std::to_string(id);
    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(IsError(http().Get(path, morozova_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Patch(path, {{"name", "Украден"}}, morozova_), 404, "not_found"));
    EXPECT_TRUE(
        IsError(http().Patch(path, {{"owner_id", UserId(kMorozovaEmail)}}, morozova_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(path, morozova_), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Post(path + "/restore", json::object(), morozova_), 404, "not_found"));
    EXPECT_EQ(RecordsSnapshot(), before);

    EXPECT_TRUE(Ids(http().Get("/api/v1/contacts", morozova_)).empty());
    EXPECT_TRUE(Ids(http().Get("/api/v1/contacts?q=%D1%82%D0%B0%D0%B9%D0%BD", morozova_)).empty());
    EXPECT_TRUE(
        Ids(http().Get("/api/v1/contacts?owner_id=" + std::to_string(UserId(kVolkovEmail)), morozova_))
            .empty());
    EXPECT_TRUE(SearchIds("Тайный", morozova_, "").empty());
    EXPECT_TRUE(SearchIds("8 913 222 33 44", morozova_, "").empty());
    EXPECT_TRUE(SearchIds("fedor@secret", morozova_, "").empty());
    // The head of sales does not see purchasing either; the admin sees everything.
    const std::string head = SignIn(kHeadEmail);
    EXPECT_TRUE(IsError(http().Get(path, head), 404, "not_found"));
    EXPECT_FALSE(Contains(SearchIds("Тайный", head, "contact"), id));
    EXPECT_EQ(http().Get(path, admin_).status, 200);
    EXPECT_TRUE(Contains(SearchIds("Тайный", admin_, "contact"), id));
    EXPECT_TRUE(Contains(Ids(http().Get("/api/v1/contacts?q=%D1%82%D0%B0%D0%B9%D0%BD", admin_)), id));
}

TEST_P(CrmRecordsApi, DuplicatePhoneOrEmailInAnotherFormIs409NamingTheExistingRecord) {
    const auto contact =
        Create("/api/v1/contacts",
               {{"name", "Олег"}, {"phones", {"8 (913) 571-24-68"}}, {"emails", {"Oleg@Dup-Test.example"}}},
               volkov_);
    const DatabaseSnapshot before = RecordsSnapshot();
    for (const char* path : {"/api/v1/contacts", "/api/v1/companies"}) {
        const HttpResponse by_phone =
            http().Post(path, {{"name", "Копия"}, {"phones", {"+7 913 5712468"}}}, volkov_);
        EXPECT_TRUE(IsError(by_phone, 409, "duplicate", "phones"));
        EXPECT_EQ(by_phone.Json()["error"]["existing"], json({{"type", "contact"}, {"id", contact}}));
        const HttpResponse by_email =
            http().Post(path, {{"name", "Копия"}, {"emails", {"oleg@dup-test.EXAMPLE"}}}, volkov_);
        EXPECT_TRUE(IsError(by_email, 409, "duplicate", "emails"));
        EXPECT_EQ(by_email.Json()["error"]["existing"], json({{"type", "contact"}, {"id", contact}}));
    }
    EXPECT_EQ(RecordsSnapshot(), before);
    // Adding the phone to another record by a change is refused the same way.
    const auto other = Create("/api/v1/companies", {{"name", "Другая"}}, volkov_);
    const DatabaseSnapshot with_other = RecordsSnapshot();
    EXPECT_TRUE(IsError(
        http().Patch("/api/v1/companies/" + std::to_string(other), {{"phones", {"79135712468"}}}, volkov_),
        409, "duplicate", "phones"));
    EXPECT_EQ(RecordsSnapshot(), with_other);
    // Keeping its own phone is no duplicate.
    EXPECT_EQ(http()
                  .Patch("/api/v1/contacts/" + std::to_string(contact),
                         {{"name", "Олег Петров"}, {"phones", {"+79135712468"}}}, volkov_)
                  .status,
              200);

    const HttpResponse allowed =
        http().Post("/api/v1/contacts",
                    {{"name", "Копия"}, {"phones", {"+7 913 5712468"}}, {"allow_duplicate", true}}, volkov_);
    EXPECT_EQ(allowed.status, 201) << allowed.body;
}

TEST_P(CrmRecordsApi, DuplicateOfARecordOutOfSightIs409WithoutDisclosingIt) {
    Create("/api/v1/contacts", {{"name", "Чужой клиент"}, {"phones", {"+7 913 444-55-66"}}}, volkov_);
    const DatabaseSnapshot before = RecordsSnapshot();
    const HttpResponse response =
        http().Post("/api/v1/contacts", {{"name", "Мой клиент"}, {"phones", {"8 913 444 55 66"}}}, morozova_);
    EXPECT_TRUE(IsError(response, 409, "duplicate", "phones"));
    EXPECT_FALSE(response.Json()["error"].contains("existing")) << response.body;
    EXPECT_NE(response.Json()["error"]["message"].get<std::string>().find("another manager"),
              std::string::npos);
    EXPECT_EQ(RecordsSnapshot(), before);
}

TEST_P(CrmRecordsApi, SearchFoldsCaseAndYoFindsFragmentsPhonesAndShortQueries) {
    const auto ivanov =
        Create("/api/v1/contacts", {{"name", "Иванов Пётр"}, {"phones", {"8 (913) 123-45-67"}}}, volkov_);
    const auto john = Create("/api/v1/contacts",
                             {{"name", "John Ivanov"}, {"emails", {"john@search-test.example"}}}, volkov_);
    const auto company =
        Create("/api/v1/companies", {{"name", "Эюзов и партнёры"}, {"inn", "7707083893"}}, volkov_);

    EXPECT_TRUE(Contains(SearchIds("иванов", volkov_, "contact"), ivanov));
    EXPECT_TRUE(Contains(SearchIds("IVANOV", volkov_, "contact"), john));
    EXPECT_TRUE(Contains(SearchIds("петр", volkov_, "contact"), ivanov));
    EXPECT_TRUE(Contains(SearchIds("ПЕТР", volkov_, "contact"), ivanov));
    EXPECT_TRUE(Contains(SearchIds("ванов", volkov_, "contact"), ivanov));
    EXPECT_TRUE(SearchIds("ванов", volkov_, "company").empty());
    for (const char* phone : {"8 (913) 123-45-67", "+7 913 1234567", "79131234567", "123-45-67"}) {
        EXPECT_EQ(SearchIds(phone, volkov_, "contact"), std::vector<std::int64_t>{ivanov}) << phone;
    }
    EXPECT_EQ(SearchIds("JOHN@search", volkov_, "contact"), std::vector<std::int64_t>{john});
    EXPECT_EQ(SearchIds("юз", volkov_, "company"), std::vector<std::int64_t>{company});
    EXPECT_EQ(SearchIds("7707083893", volkov_, "company"), std::vector<std::int64_t>{company});
    const HttpResponse hits = http().Get("/api/v1/search?q=" + Encode("эюзов"), volkov_);
    ASSERT_EQ(hits.status, 200);
    EXPECT_EQ(hits.Json().at("items"), json::array({{{"type", "company"},
                                                     {"id", company},
                                                     {"title", "Эюзов и партнёры"},
                                                     {"owner_id", UserId(kVolkovEmail)}}}));

    // The lists' q works the same way.
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?q=" + Encode("ВАНОВ"), volkov_)),
              std::vector<std::int64_t>{ivanov});
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?q=" + Encode("Ivanov"), volkov_)),
              std::vector<std::int64_t>{john});
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?q=" + Encode("+7 (913) 123-45-67"), volkov_)),
              std::vector<std::int64_t>{ivanov});
    EXPECT_EQ(Ids(http().Get("/api/v1/companies?q=" + Encode("юз"), volkov_)),
              std::vector<std::int64_t>{company});

    EXPECT_TRUE(IsError(http().Get("/api/v1/search?q=%20%20", volkov_), 422, "validation_failed", "q"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/search", volkov_), 422, "validation_failed", "q"));
}

TEST_P(CrmRecordsApi, SearchAndDuplicatesCoverLeads) {
    const auto lead = Create(
        "/api/v1/leads", {{"title", "Иванов: поставка бумаги"}, {"phones", {"+7 913 765-43-21"}}}, volkov_);
    ASSERT_NE(lead, 0);
    EXPECT_TRUE(Contains(SearchIds("иванов", volkov_, "lead"), lead));
    EXPECT_TRUE(Contains(SearchIds("8 913 765 43 21", volkov_, "lead"), lead));
    EXPECT_TRUE(SearchIds("иванов", morozova_, "lead").empty());
    const DatabaseSnapshot before = RecordsSnapshot();
    const HttpResponse duplicate =
        http().Post("/api/v1/contacts", {{"name", "Иванов"}, {"phones", {"89137654321"}}}, volkov_);
    EXPECT_TRUE(IsError(duplicate, 409, "duplicate", "phones"));
    EXPECT_EQ(duplicate.Json()["error"]["existing"], json({{"type", "lead"}, {"id", lead}}));
    EXPECT_EQ(RecordsSnapshot(), before);
}

TEST_P(CrmRecordsApi, DeletingACustomFieldDeletesItsDefinitionAndValues) {
    const auto segment = Create("/api/v1/custom-fields",
                                {{"record_type", "contact"},
                                 {"name", "segment"},
                                 {"type", "enum"},
                                 {"options", {"retail", "wholesale"}}},
                                admin_);
    const auto contact =
        Create("/api/v1/contacts", {{"name", "Клиент"}, {"custom_fields", {{"segment", "retail"}}}}, volkov_);
    const std::string path = "/api/v1/custom-fields/" + std::to_string(segment);
    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(IsError(http().Delete(path, volkov_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete("/api/v1/custom-fields/987654", admin_), 404, "not_found"));
    EXPECT_EQ(RecordsSnapshot(), before);

    ASSERT_EQ(http().Delete(path, admin_).status, 204);
    EXPECT_TRUE(IsError(http().Get(path, volkov_), 404, "not_found"));
    EXPECT_TRUE(http().Get("/api/v1/custom-fields?record_type=contact", volkov_).Json().at("items").empty());
    const HttpResponse read = http().Get("/api/v1/contacts/" + std::to_string(contact), volkov_);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_TRUE(read.Json().at("custom_fields").empty()) << read.body;
    // The name is free again, and the old values do not come back with it (SQLite may even give
    // the new field the old id).
    Create("/api/v1/custom-fields", {{"record_type", "contact"}, {"name", "segment"}, {"type", "string"}},
           admin_);
    EXPECT_TRUE(http()
                    .Get("/api/v1/contacts/" + std::to_string(contact), volkov_)
                    .Json()
                    .at("custom_fields")
                    .empty());
}

TEST_P(CrmRecordsApi, CustomFieldsAreDefinedByAnAdminValidatedFilteredAndKeptInHistory) {
    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(IsError(http().Post("/api/v1/custom-fields",
                                    {{"record_type", "contact"},
                                     {"name", "segment"},
                                     {"type", "enum"},
                                     {"options", {"retail", "wholesale"}}},
                                    volkov_),
                        403, "forbidden"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/custom-fields",
                            {{"record_type", "contact"}, {"name", "segment"}, {"type", "enum"}}, admin_),
                422, "validation_failed", "options"));
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/custom-fields",
                            {{"record_type", "contact"}, {"name", "Сегмент"}, {"type", "string"}}, admin_),
                422, "validation_failed", "name"));
    EXPECT_EQ(RecordsSnapshot(), before);

    const auto segment = Create("/api/v1/custom-fields",
                                {{"record_type", "contact"},
                                 {"name", "segment"},
                                 {"type", "enum"},
                                 {"options", {"retail", "wholesale"}}},
                                admin_);
    Create("/api/v1/custom-fields", {{"record_type", "contact"}, {"name", "visits"}, {"type", "number"}},
           admin_);
    Create("/api/v1/custom-fields",
           {{"record_type", "company"}, {"name", "budget"}, {"type", "money"}, {"required", true}}, admin_);
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/custom-fields",
                            {{"record_type", "contact"}, {"name", "segment"}, {"type", "string"}}, admin_),
                409, "duplicate", "name"));
    EXPECT_EQ(http().Get("/api/v1/custom-fields?record_type=contact", volkov_).Json().at("items").size(), 2u);
    EXPECT_TRUE(IsError(
        http().Patch("/api/v1/custom-fields/" + std::to_string(segment), {{"options", {"retail"}}}, admin_),
        422, "validation_failed", "options"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/custom-fields/" + std::to_string(segment),
                                     {{"options", {"retail", "wholesale", "vip"}}}, volkov_),
                        403, "forbidden"));
    // Options may grow, and the change is what everyone reads next.
    const HttpResponse grown = http().Patch("/api/v1/custom-fields/" + std::to_string(segment),
                                            {{"options", {"retail", "wholesale", "partner"}}}, admin_);
    ASSERT_EQ(grown.status, 200) << grown.body;
    EXPECT_EQ(grown.Json()["options"], json({"retail", "wholesale", "partner"}));
    EXPECT_EQ(http().Get("/api/v1/custom-fields/" + std::to_string(segment), volkov_).Json()["options"],
              json({"retail", "wholesale", "partner"}));

    const HttpResponse created =
        http().Post("/api/v1/contacts",
                    {{"name", "Клиент"}, {"custom_fields", {{"segment", "retail"}, {"visits", 3}}}}, volkov_);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().at("custom_fields"), json({{"segment", "retail"}, {"visits", 3}}));
    const auto id = created.Json().at("id").get<std::int64_t>();
    const auto other = Create("/api/v1/contacts",
                              {{"name", "Другой"}, {"custom_fields", {{"segment", "wholesale"}}}}, volkov_);

    const DatabaseSnapshot with_contacts = RecordsSnapshot();
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/contacts", {{"name", "X"}, {"custom_fields", {{"segment", "vip"}}}}, volkov_),
        422, "validation_failed", "custom_fields.segment"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/contacts", {{"name", "X"}, {"custom_fields", {{"visits", "3"}}}}, volkov_), 422,
        "validation_failed", "custom_fields.visits"));
    EXPECT_TRUE(IsError(
        http().Post("/api/v1/contacts", {{"name", "X"}, {"custom_fields", {{"colour", "red"}}}}, volkov_),
        422, "validation_failed", "custom_fields.colour"));
    EXPECT_TRUE(IsError(http().Post("/api/v1/companies", {{"name", "Без бюджета"}}, volkov_), 422,
                        "validation_failed", "custom_fields.budget"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/contacts/" + std::to_string(id),
                                     {{"custom_fields", {{"segment", "vip"}}}}, volkov_),
                        422, "validation_failed", "custom_fields.segment"));
    EXPECT_EQ(RecordsSnapshot(), with_contacts);
    const HttpResponse company = http().Post(
        "/api/v1/companies", {{"name", "С бюджетом"}, {"custom_fields", {{"budget", 25000000}}}}, volkov_);
    ASSERT_EQ(company.status, 201) << company.body;
    EXPECT_EQ(company.Json().at("custom_fields"), json({{"budget", 25000000}}));
    EXPECT_TRUE(IsError(
        http().Patch("/api/v1/companies/" + std::to_string(company.Json().at("id").get<std::int64_t>()),
                     {{"custom_fields", {{"budget", nullptr}}}}, volkov_),
        422, "validation_failed", "custom_fields.budget"));

    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?cf.segment=retail", volkov_)), std::vector<std::int64_t>{id});
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?cf.segment=wholesale", volkov_)),
              std::vector<std::int64_t>{other});
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?cf.visits=3.0", volkov_)), std::vector<std::int64_t>{id});
    EXPECT_TRUE(IsError(http().Get("/api/v1/contacts?cf.colour=red", volkov_), 422, "validation_failed",
                        "cf.colour"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/contacts?cf.segment=vip", volkov_), 422, "validation_failed",
                        "cf.segment"));

    const HttpResponse changed =
        http().Patch("/api/v1/contacts/" + std::to_string(id),
                     {{"custom_fields", {{"segment", "wholesale"}, {"visits", nullptr}}}}, volkov_);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json().at("custom_fields"), json({{"segment", "wholesale"}}));
    EXPECT_EQ(History("contact", id), (std::vector<std::string>{"custom_fields.segment: retail -> wholesale",
                                                                "custom_fields.visits: 3 -> null"}));
}

TEST_P(CrmRecordsApi, EveryChangedFieldGoesToHistoryWithWhoChangedIt) {
    const auto company = Create("/api/v1/companies", {{"name", "Вектор"}}, volkov_);
    const auto id = Create(
        "/api/v1/contacts",
        {{"name", "Игорь"}, {"phones", {"+7 913 000-11-22"}}, {"emails", {"igor@history-test.example"}}},
        volkov_);
    const HttpResponse changed = http().Patch("/api/v1/contacts/" + std::to_string(id),
                                              {{"name", "Игорь Волков"},
                                               {"phones", {"+7 913 000-11-22", "8 913 000 11 23"}},
                                               {"company_id", company}},
                                              volkov_);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json().at("phones"), json({"+79130001122", "+79130001123"}));
    EXPECT_EQ(History("contact", id),
              (std::vector<std::string>{"name: Игорь -> Игорь Волков",
                                        "company_id: null -> " + std::to_string(company),
                                        "phones: +79130001122 -> +79130001122, +79130001123"}));
    // Nothing changes, nothing is written.
    EXPECT_EQ(
        http().Patch("/api/v1/contacts/" + std::to_string(id), {{"name", "Игорь Волков"}}, volkov_).status,
        200);
    EXPECT_EQ(History("contact", id).size(), 3u);
    const auto volkov_id = UserId(kVolkovEmail);
    for (const auto& row : HistoryRows("contact", id)) EXPECT_EQ(row.by_user_id, volkov_id);
}

TEST_P(CrmRecordsApi, ChangingTheOwnerMovesTheRecordsTasks) {
    const auto id = Create("/api/v1/contacts", {{"name", "Передаваемый"}}, volkov_);
    const auto task = InsertTask("contact", id, UserId(kVolkovEmail));
    // A manager may not hand a record to a user out of their sight.
    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(IsError(http().Patch("/api/v1/contacts/" + std::to_string(id),
                                     {{"owner_id", UserId(kMorozovaEmail)}}, volkov_),
                        422, "validation_failed", "owner_id"));
    EXPECT_EQ(RecordsSnapshot(), before);

    const HttpResponse moved = http().Patch("/api/v1/contacts/" + std::to_string(id),
                                            {{"owner_id", UserId(kMorozovaEmail)}}, admin_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.Json().at("owner_id"), UserId(kMorozovaEmail));
    EXPECT_EQ(FetchInt(sql::kCrmRecordsTaskOwner, {Param(task)}), UserId(kMorozovaEmail));
    EXPECT_EQ(http().Get("/api/v1/contacts/" + std::to_string(id), morozova_).status, 200);
    EXPECT_TRUE(IsError(http().Get("/api/v1/contacts/" + std::to_string(id), volkov_), 404, "not_found"));
}

TEST_P(CrmRecordsApi, NoNextStepListsClientContactsWithoutAnOpenTask) {
    const auto client = Create("/api/v1/contacts", {{"name", "Клиент без задачи"}}, volkov_);
    const auto prospect = Create("/api/v1/contacts", {{"name", "Не клиент"}}, volkov_);
    db().Write([&](store::Transaction& tx) { tx.Execute(sql::kCrmRecordsMarkClient, {Param(client)}); });
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?no_next_step=true", volkov_)),
              std::vector<std::int64_t>{client});
    EXPECT_EQ(http().Get("/api/v1/contacts/" + std::to_string(client), volkov_).Json().at("is_client"), true);
    InsertTask("contact", client, UserId(kVolkovEmail));
    EXPECT_TRUE(Ids(http().Get("/api/v1/contacts?no_next_step=true", volkov_)).empty());
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?no_next_step=false", volkov_)),
              (std::vector<std::int64_t>{client, prospect}));
}

TEST_P(CrmRecordsApi, ListsPageWithCursorsInBothDirections) {
    std::vector<std::int64_t> ids;
    for (const char* name : {"Альфа", "Бета", "Гамма"})
        ids.push_back(Create("/api/v1/companies", {{"name", name}}, volkov_));
    const HttpResponse first = http().Get("/api/v1/companies?limit=2", volkov_);
    EXPECT_EQ(Ids(first), (std::vector<std::int64_t>{ids[0], ids[1]}));
    const std::string cursor = first.Json().at("next_cursor").get<std::string>();
    const HttpResponse second = http().Get("/api/v1/companies?limit=2&cursor=" + Encode(cursor), volkov_);
    EXPECT_EQ(Ids(second), std::vector<std::int64_t>{ids[2]});
    EXPECT_TRUE(second.Json().at("next_cursor").is_null());

    const HttpResponse newest = http().Get("/api/v1/companies?limit=2&sort=-created_at", volkov_);
    EXPECT_EQ(Ids(newest), (std::vector<std::int64_t>{ids[2], ids[1]}));
    const std::string back = newest.Json().at("next_cursor").get<std::string>();
    EXPECT_EQ(Ids(http().Get("/api/v1/companies?limit=2&sort=-created_at&cursor=" + Encode(back), volkov_)),
              std::vector<std::int64_t>{ids[0]});
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/companies?sort=size", volkov_), 422, "validation_failed", "sort"));

    // A searched list pages the same way ("мма" uses the trigram index, "а" a scan).
    const HttpResponse searched = http().Get("/api/v1/companies?limit=1&q=" + Encode("мма"), volkov_);
    EXPECT_EQ(Ids(searched), std::vector<std::int64_t>{ids[2]});
    EXPECT_TRUE(searched.Json().at("next_cursor").is_null());
    const HttpResponse searched_a = http().Get("/api/v1/companies?limit=1&q=" + Encode("а"), volkov_);
    EXPECT_EQ(Ids(searched_a), std::vector<std::int64_t>{ids[0]});
    const HttpResponse searched_b =
        http().Get("/api/v1/companies?limit=2&q=" + Encode("а") +
                       "&cursor=" + Encode(searched_a.Json().at("next_cursor").get<std::string>()),
                   volkov_);
    EXPECT_EQ(Ids(searched_b), (std::vector<std::int64_t>{ids[1], ids[2]}));
    const HttpResponse trigram_first = http().Get("/api/v1/companies?limit=1&q=" + Encode("ьфа"), volkov_);
    EXPECT_EQ(Ids(trigram_first), std::vector<std::int64_t>{ids[0]});

    // By name, both ways, across pages; then by the last change.
    const auto aardvark = Create("/api/v1/companies", {{"name", "Аардварк"}}, volkov_);
    const HttpResponse by_name = http().Get("/api/v1/companies?limit=2&sort=name", volkov_);
    EXPECT_EQ(Ids(by_name), (std::vector<std::int64_t>{aardvark, ids[0]}));
    EXPECT_EQ(Ids(http().Get("/api/v1/companies?limit=2&sort=name&cursor=" +
                                 Encode(by_name.Json().at("next_cursor").get<std::string>()),
                             volkov_)),
              (std::vector<std::int64_t>{ids[1], ids[2]}));
    const HttpResponse by_name_desc = http().Get("/api/v1/companies?limit=3&sort=-name", volkov_);
    EXPECT_EQ(Ids(by_name_desc), (std::vector<std::int64_t>{ids[2], ids[1], ids[0]}));
    EXPECT_EQ(Ids(http().Get("/api/v1/companies?sort=-name&cursor=" +
                                 Encode(by_name_desc.Json().at("next_cursor").get<std::string>()),
                             volkov_)),
              std::vector<std::int64_t>{aardvark});
    db().Write([](store::Transaction& tx) { tx.Execute(sql::kCrmRecordsAgeCompanies); });
    EXPECT_EQ(
        http().Patch("/api/v1/companies/" + std::to_string(ids[0]), {{"name", "Альфа-1"}}, volkov_).status,
        200);
    const auto by_update = Ids(http().Get("/api/v1/companies?sort=-updated_at&limit=1", volkov_));
    EXPECT_EQ(by_update, std::vector<std::int64_t>{ids[0]});
}

TEST_P(CrmRecordsApi, SoftDeletedRecordsAreRestoredByAnAdminOnly) {
    const auto id =
        Create("/api/v1/contacts", {{"name", "Удаляемый"}, {"phones", {"+7 913 999-88-77"}}}, volkov_);
    const std::string path = "/api/v1/contacts/" + std::to_string(id);
    EXPECT_TRUE(IsError(http().Post(path + "/restore", json::object(), admin_), 409, "conflict"));
    EXPECT_EQ(http().Delete(path, volkov_).status, 204);
    EXPECT_EQ(History("contact", id).size(), 1u);
    // A deleted record's phone is free again.
    EXPECT_EQ(
        http().Post("/api/v1/contacts", {{"name", "Новый"}, {"phones", {"89139998877"}}}, morozova_).status,
        201);

    const DatabaseSnapshot before = RecordsSnapshot();
    EXPECT_TRUE(IsError(http().Post(path + "/restore", json::object(), volkov_), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Post(path + "/restore", json::object(), morozova_), 404, "not_found"));
    EXPECT_EQ(RecordsSnapshot(), before);

    const HttpResponse restored = http().Post(path + "/restore", json::object(), admin_);
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_TRUE(restored.Json().at("deleted_at").is_null());
    EXPECT_EQ(http().Get(path, volkov_).status, 200);
    EXPECT_EQ(History("contact", id).size(), 2u);

    const auto company = Create("/api/v1/companies", {{"name", "Удаляемая"}}, volkov_);
    const std::string company_path = "/api/v1/companies/" + std::to_string(company);
    EXPECT_EQ(http().Delete(company_path, volkov_).status, 204);
    EXPECT_TRUE(IsError(http().Post(company_path + "/restore", json::object(), volkov_), 403, "forbidden"));
    EXPECT_EQ(http().Post(company_path + "/restore", json::object(), admin_).status, 200);
    EXPECT_EQ(http().Get(company_path, volkov_).status, 200);
}

TEST_P(CrmRecordsApi, BadInputIs422NamingTheFieldAndChangesNothing) {
    const auto foreign_company = Create("/api/v1/companies", {{"name", "Чужая"}}, morozova_);
    const auto contact = Create("/api/v1/contacts", {{"name", "Свой"}}, volkov_);
    const std::string contact_path = "/api/v1/contacts/" + std::to_string(contact);
    const DatabaseSnapshot before = RecordsSnapshot();
    struct Case {
        const char* method;
        std::string path;
        json body;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"phones", {"123"}}}, "phones"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"phones", {"8 (999) abc-45-67"}}}, "phones"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"emails", {"not an e-mail"}}}, "emails"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"colour", "red"}}, "colour"},
        {"POST", "/api/v1/contacts", {{"name", 5}}, "name"},
        {"POST", "/api/v1/contacts", {{"name", "   "}}, "name"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"phones", "+79131112233"}}, "phones"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"phones", {79131112233}}}, "phones"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"custom_fields", {1, 2}}}, "custom_fields"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"company_id", foreign_company}}, "company_id"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"company_id", 999999}}, "company_id"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"company_id", "1"}}, "company_id"},
        {"POST", "/api/v1/contacts", {{"name", "X"}, {"owner_id", UserId(kMorozovaEmail)}}, "owner_id"},
        {"POST", "/api/v1/companies", {{"name", "X"}, {"inn", "12345"}}, "inn"},
        {"POST", "/api/v1/companies", {{"name", "X"}, {"inn", "77070838ab"}}, "inn"},
        {"POST", "/api/v1/companies", {{"name", "X"}, {"allow_duplicate", "yes"}}, "allow_duplicate"},
        {"PATCH", contact_path, {{"phones", {"+7 (913) 12"}}}, "phones"},
        {"PATCH", contact_path, {{"company_id", foreign_company}}, "company_id"},
        {"PATCH", contact_path, {{"name", nullptr}}, "name"},
        {"PATCH", contact_path, {{"created_at", "2026-01-01T00:00:00Z"}}, "created_at"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.method) + " " + c.path + " " + c.body.dump());
        const HttpResponse response = c.method == std::string("POST") ? http().Post(c.path, c.body, volkov_)
                                                                      : http().Patch(c.path, c.body, volkov_);
        EXPECT_TRUE(IsError(response, 422, "validation_failed", c.field));
    }
    EXPECT_TRUE(IsError(http().Get("/api/v1/contacts?no_next_step=yes", volkov_), 422, "validation_failed",
                        "no_next_step"));
    EXPECT_TRUE(
        IsError(http().Get("/api/v1/contacts?owner_id=x", volkov_), 422, "validation_failed", "owner_id"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/custom-fields?record_type=task", volkov_), 422,
                        "validation_failed", "record_type"));
    EXPECT_EQ(RecordsSnapshot(), before);
}

// GET /contacts and /deals?company_id= (the company card): the company's records the caller sees,
// paged and searched like the whole list. The filter only narrows the caller's list: a company out
// of sight answers as a missing one, and both as a company without records.
TEST_P(CrmRecordsApi, CompanyIdListsTheCompanysVisibleContactsAndDealsOnly) {
    const auto company = Create("/api/v1/companies", {{"name", "Орловский завод"}}, volkov_);
    const auto other = Create("/api/v1/companies", {{"name", "Сосед"}}, volkov_);
    const std::string of = "company_id=" + std::to_string(company);
    std::vector<std::int64_t> contacts;
    for (const char* name : {"Вера Орлова", "Анна Орлова", "Борис Орлов"})
        contacts.push_back(Create("/api/v1/contacts", {{"name", name}, {"company_id", company}}, volkov_));
    const auto neighbour =
        Create("/api/v1/contacts", {{"name", "Галина Орлова"}, {"company_id", other}}, volkov_);
    Create("/api/v1/contacts", {{"name", "Дмитрий Орлов"}}, volkov_);
    // Morozova's contact of Volkov's company: Volkov sees the company, not this contact of it.
    const auto hidden = Create(
        "/api/v1/contacts",
        {{"name", "Ольга Орлова"}, {"company_id", company}, {"owner_id", UserId(kMorozovaEmail)}}, admin_);

    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?" + of, volkov_)), contacts);
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=2&" + of, volkov_), contacts);
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=1&sort=-id&" + of, volkov_),
              (std::vector<std::int64_t>{contacts[2], contacts[1], contacts[0]}));
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=2&sort=name&" + of, volkov_),
              (std::vector<std::int64_t>{contacts[1], contacts[2], contacts[0]}));
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=2&sort=-updated_at&" + of, volkov_),
              (std::vector<std::int64_t>{contacts[2], contacts[1], contacts[0]}));
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=2&" + of, admin_),
              (std::vector<std::int64_t>{contacts[0], contacts[1], contacts[2], hidden}));
    EXPECT_EQ(Ids(http().Get("/api/v1/contacts?company_id=" + std::to_string(other), volkov_)),
              std::vector<std::int64_t>{neighbour});
    // With q: the trigram statement ("рлов", "Орлов") and the short scan ("ор", "а").
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=2&q=" + Encode("Орлов") + "&" + of, volkov_), contacts);
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=1&q=" + Encode("рлова") + "&" + of, volkov_),
              (std::vector<std::int64_t>{contacts[0], contacts[1]}));
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=1&q=" + Encode("ор") + "&" + of, volkov_), contacts);
    EXPECT_EQ(AllPages("/api/v1/contacts?limit=1&sort=name&q=" + Encode("а") + "&" + of, volkov_),
              (std::vector<std::int64_t>{contacts[1], contacts[0]}));

    std::vector<std::int64_t> deals;
    for (const auto& [title, amount] : {std::pair{"Станки", 300}, {"Стулья", 100}, {"Станки ЧПУ", 200}})
        deals.push_back(Create("/api/v1/deals",
                               {{"title", title}, {"company_id", company}, {"amount", amount}}, volkov_));
    Create("/api/v1/deals", {{"title", "Станки соседу"}, {"company_id", other}}, volkov_);
    Create("/api/v1/deals", {{"title", "Станки без компании"}}, volkov_);
    const auto hidden_deal =
        Create("/api/v1/deals",
               {{"title", "Станки Морозовой"}, {"company_id", company}, {"owner_id", UserId(kMorozovaEmail)}},
               admin_);
    EXPECT_EQ(Ids(http().Get("/api/v1/deals?" + of, volkov_)), deals);
    EXPECT_EQ(AllPages("/api/v1/deals?limit=2&" + of, volkov_), deals);
    EXPECT_EQ(AllPages("/api/v1/deals?limit=1&sort=-id&" + of, volkov_),
              (std::vector<std::int64_t>{deals[2], deals[1], deals[0]}));
    EXPECT_EQ(AllPages("/api/v1/deals?limit=2&sort=amount&" + of, volkov_),
              (std::vector<std::int64_t>{deals[1], deals[2], deals[0]}));
    EXPECT_EQ(AllPages("/api/v1/deals?limit=1&sort=-created_at&" + of, volkov_),
              (std::vector<std::int64_t>{deals[2], deals[1], deals[0]}));
    EXPECT_EQ(AllPages("/api/v1/deals?limit=2&sort=-updated_at&" + of, volkov_).size(), 3U);
    EXPECT_EQ(AllPages("/api/v1/deals?limit=2&" + of, admin_),
              (std::vector<std::int64_t>{deals[0], deals[1], deals[2], hidden_deal}));
    EXPECT_EQ(AllPages("/api/v1/deals?limit=1&q=" + Encode("станки") + "&" + of, volkov_),
              (std::vector<std::int64_t>{deals[0], deals[2]}));
    EXPECT_EQ(AllPages("/api/v1/deals?limit=2&q=" + Encode("ст") + "&" + of, volkov_), deals);

    // Out of sight and missing answer alike, as a company without records; Morozova's own
    // contact and deal of Volkov's company (she reads its id in them) are in her list.
    const auto empty = Create("/api/v1/companies", {{"name", "Пустая"}}, volkov_);
    for (const std::string list : {"contacts", "deals"}) {
        SCOPED_TRACE(list);
        const HttpResponse mine =
            http().Get("/api/v1/" + list + "?company_id=" + std::to_string(empty), volkov_);
        const HttpResponse unseen =
            http().Get("/api/v1/" + list + "?company_id=" + std::to_string(empty), morozova_);
        const HttpResponse missing = http().Get("/api/v1/" + list + "?company_id=999999999", morozova_);
        for (const HttpResponse* response : {&mine, &unseen, &missing}) {
            EXPECT_EQ(response->status, 200);
            EXPECT_EQ(response->Json(), json::parse(R"({"items": [], "next_cursor": null})"));
        }
        EXPECT_EQ(Ids(http().Get("/api/v1/" + list + "?" + of, morozova_)),
                  std::vector<std::int64_t>{list == "contacts" ? hidden : hidden_deal});
        for (const char* bad : {"abc", "0", "-3", "1.5", ""}) {
            SCOPED_TRACE(bad);
            EXPECT_TRUE(IsError(http().Get("/api/v1/" + list + "?company_id=" + bad, volkov_), 422,
                                "validation_failed", "company_id"));
        }
    }
}

VORONKA_INSTANTIATE_API_TEST(CrmRecordsApi);

}  // namespace
}  // namespace voronka::test
