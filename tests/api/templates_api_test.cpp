// Message templates and their preview over HTTP against the real binary on each back end: CRUD
// by heads and admins, reading by everyone, refusal of bad texts naming the field with nothing
// changed, and previews of SMS and e-mail against visible records.
#include <string>
#include <vector>

#include "api/api_test_fixture.hpp"
#include "api_test_sql.hpp"

namespace voronka::test {
namespace {

using nlohmann::json;

// Every row of message_templates and tasks, and the accounts tables.
struct TemplatesSnapshot {
    std::vector<std::string> templates, tasks;
    DatabaseSnapshot accounts;
    bool operator==(const TemplatesSnapshot&) const = default;
};

void PrintTo(const TemplatesSnapshot& s, std::ostream* out) {
    *out << s.templates.size() << " templates, " << s.tasks.size() << " tasks";
}

// `base` with the members of `extra` added or replaced.
json With(json base, const json& extra) {
    base.update(extra);
    return base;
}

// The number of UTF-16 code units of UTF-8 text.
std::size_t Utf16Units(std::string_view text) {
    std::size_t units = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
    }
    return units;
}

constexpr const char* kMeetingSms =
    "{{contact.name}}, ждём вас {{ meeting.at }} по адресу {{meeting.location}}. Сумма: {{record.amount}}. "
    "{{owner.name}}, {{organisation.name}}";

class TemplatesApi : public ApiTest {
protected:
    TemplatesSnapshot Templates() {
        TemplatesSnapshot s;
        db().Read([&](store::Transaction& tx) {
            for (const auto& row : tx.Fetch(sql::kTemplatesSnapshot)) s.templates.push_back(RenderRow(row));
            for (const auto& row : tx.Fetch(sql::kTemplatesSnapshotTasks)) s.tasks.push_back(RenderRow(row));
        });
        s.accounts = Snapshot();
        return s;
    }

    std::int64_t Created(const HttpResponse& response) {
        EXPECT_EQ(response.status, 201) << response.body;
        return response.status == 201 ? response.Json().at("id").get<std::int64_t>() : 0;
    }
    std::string Path(std::int64_t id, std::string_view rest = "") {
        return "/api/v1/templates/" + std::to_string(id) + std::string(rest);
    }
    std::int64_t NewSms(const std::string& token, const std::string& body,
                        const std::string& name = "Встреча") {
        return Created(
            http().Post("/api/v1/templates", {{"kind", "sms"}, {"name", name}, {"body", body}}, token));
    }

    // A deal of the manager with a contact (phone, e-mail) and a meeting at 2030-11-28T12:00Z.
    struct DealWithMeeting {
        std::int64_t deal = 0;
        std::int64_t contact = 0;
    };
    DealWithMeeting NewDealWithMeeting(const std::string& token, bool with_meeting = true) {
        DealWithMeeting d;
        d.contact = Created(http().Post("/api/v1/contacts",
                                        {{"name", "Анна Смирнова"},
                                         {"phones", {"+7 913 222-33-44"}},
                                         {"emails", {"anna@client.example"}}},
                                        token));
        d.deal = Created(http().Post(
            "/api/v1/deals",
            {{"title", "Поставка станков"}, {"contact_id", d.contact}, {"amount", 125000000}}, token));
        if (with_meeting) {
            Created(http().Post("/api/v1/tasks",
                                {{"record_type", "deal"},
                                 {"record_id", d.deal},
                                 {"kind", "meeting"},
                                 {"subject", "Встреча в офисе"},
                                 {"due_at", "2030-11-28T12:00:00Z"},
                                 {"location", "Москва, ул. Ленина, 1"}},
                                token));
        }
        return d;
    }

    HttpResponse Preview(std::int64_t template_id, std::string_view type, std::int64_t record_id,
                         const std::string& token) {
        return http().Post(Path(template_id, "/preview"), {{"record_type", type}, {"record_id", record_id}},
                           token);
    }

    std::string UserName(std::string_view email) {
        const HttpResponse r = http().Get("/api/v1/users/" + std::to_string(UserId(email)), AdminToken());
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.Json().at("name").get<std::string>() : "";
    }
};

TEST_P(TemplatesApi, HeadCreatesReadsChangesListsAndDeletesTemplates) {
    const std::string head = SignIn(kHeadEmail);
    const std::int64_t sms = NewSms(head, "{{contact.name}}, встреча {{meeting.at}}");
    const HttpResponse email_created =
        http().Post("/api/v1/templates",
                    {{"kind", "email"},
                     {"name", "Коммерческое предложение"},
                     {"subject", "Предложение по сделке {{record.title}}"},
                     {"body", "Здравствуйте, {{contact.name}}!\nСумма: {{record.amount}}"},
                     {"html", "<p>Здравствуйте, {{contact.name}}!</p>"}},
                    head);
    const std::int64_t email = Created(email_created);
    const json created = email_created.Json();
    EXPECT_EQ(created.at("kind"), "email");
    EXPECT_EQ(created.at("subject"), "Предложение по сделке {{record.title}}");
    EXPECT_EQ(created.at("html"), "<p>Здравствуйте, {{contact.name}}!</p>");

    const HttpResponse read = http().Get(Path(sms), SignIn(kIvanovEmail));
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json().at("kind"), "sms");
    EXPECT_EQ(read.Json().at("subject"), nullptr);
    EXPECT_EQ(read.Json().at("body"), "{{contact.name}}, встреча {{meeting.at}}");

    const HttpResponse smses = http().Get("/api/v1/templates?kind=sms", head);
    ASSERT_EQ(smses.status, 200) << smses.body;
    ASSERT_EQ(smses.Json().at("items").size(), 1u);
    EXPECT_EQ(smses.Json().at("items").at(0).at("id"), sms);
    const HttpResponse page = http().Get("/api/v1/templates?limit=1", head);
    ASSERT_EQ(page.status, 200) << page.body;
    ASSERT_EQ(page.Json().at("items").size(), 1u);
    ASSERT_TRUE(page.Json().at("next_cursor").is_string());
    const HttpResponse next = http().Get(
        "/api/v1/templates?limit=1&cursor=" + page.Json().at("next_cursor").get<std::string>(), head);
    ASSERT_EQ(next.status, 200) << next.body;
    ASSERT_EQ(next.Json().at("items").size(), 1u);
    EXPECT_EQ(next.Json().at("items").at(0).at("id"), email);
    EXPECT_TRUE(next.Json().at("next_cursor").is_null());

    const HttpResponse patched = http().Patch(
        Path(email), {{"name", "КП"}, {"html", nullptr}, {"body", "Текст {{owner.name}}"}}, AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("name"), "КП");
    EXPECT_EQ(patched.Json().at("html"), nullptr);
    EXPECT_EQ(patched.Json().at("body"), "Текст {{owner.name}}");
    EXPECT_EQ(patched.Json().at("subject"), "Предложение по сделке {{record.title}}");

    EXPECT_EQ(http().Delete(Path(sms), head).status, 204);
    EXPECT_TRUE(IsError(http().Get(Path(sms), head), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Delete(Path(sms), head), 404, "not_found"));
    const HttpResponse rest = http().Get("/api/v1/templates", head);
    ASSERT_EQ(rest.status, 200);
    ASSERT_EQ(rest.Json().at("items").size(), 1u);
    EXPECT_EQ(rest.Json().at("items").at(0).at("id"), email);
}

TEST_P(TemplatesApi, ManagerMayReadButNotWrite) {
    const std::int64_t sms = NewSms(AdminToken(), "Текст");
    const std::string ivanov = SignIn(kIvanovEmail);
    const TemplatesSnapshot before = Templates();
    EXPECT_TRUE(
        IsError(http().Post("/api/v1/templates", {{"kind", "sms"}, {"name", "x"}, {"body", "y"}}, ivanov),
                403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch(Path(sms), {{"name", "x"}}, ivanov), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Delete(Path(sms), ivanov), 403, "forbidden"));
    EXPECT_EQ(Templates(), before);
    const HttpResponse list = http().Get("/api/v1/templates", ivanov);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.Json().at("items").size(), 1u);
}

TEST_P(TemplatesApi, BadTemplatesAreRefusedNamingTheFieldAndChangeNothing) {
    const std::string head = SignIn(kHeadEmail);
    const std::int64_t sms = NewSms(head, "Текст");
    const TemplatesSnapshot before = Templates();
    const auto post = [&](json body) { return http().Post("/api/v1/templates", body, head); };
    const json sms_base = {{"kind", "sms"}, {"name", "Шаблон"}};
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "Привет, {{contact.surname}}"}})), 422,
                        "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(post(With(sms_base, {{"body", "Встреча {{meeting.at"}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(post(With(sms_base, {{"body", "Встреча meeting.at}}"}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "{{}}"}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(post(With(sms_base, {{"body", "{{ {{record.id}} }}"}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "{{custom_fields.no_such_field}}"}})), 422,
                        "validation_failed", "body"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "Текст"}, {"subject", "Тема"}})), 422,
                        "validation_failed", "subject"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "Текст"}, {"html", "<p>x</p>"}})), 422,
                        "validation_failed", "html"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "   "}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(post(With(sms_base, {{"body", std::string(10001, 'a')}})), 422, "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(post({{"kind", "sms"}, {"name", ""}, {"body", "Текст"}}), 422, "validation_failed", "name"));
    EXPECT_TRUE(
        IsError(post({{"kind", "fax"}, {"name", "Ш"}, {"body", "Текст"}}), 422, "validation_failed", "kind"));
    EXPECT_TRUE(IsError(post({{"kind", "email"}, {"name", "Ш"}, {"body", "Текст"}}), 422, "validation_failed",
                        "subject"));
    EXPECT_TRUE(
        IsError(post({{"kind", "email"}, {"name", "Ш"}, {"subject", "Тема {{record.title"}, {"body", "Т"}}),
                422, "validation_failed", "subject"));
    EXPECT_TRUE(
        IsError(post({{"kind", "email"}, {"name", "Ш"}, {"subject", "Т"}, {"body", "Т"}, {"html", "{{x}}"}}),
                422, "validation_failed", "html"));
    EXPECT_TRUE(IsError(post(With(sms_base, {{"body", "Т"}, {"colour", "red"}})), 422, "validation_failed",
                        "colour"));
    EXPECT_TRUE(IsError(http().Patch(Path(sms), {{"body", "{{owner.phone}}"}}, head), 422,
                        "validation_failed", "body"));
    EXPECT_TRUE(
        IsError(http().Patch(Path(sms), {{"subject", "Тема"}}, head), 422, "validation_failed", "subject"));
    EXPECT_TRUE(
        IsError(http().Patch(Path(sms), {{"kind", "email"}}, head), 422, "validation_failed", "kind"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/templates?kind=fax", head), 422, "validation_failed", "kind"));
    EXPECT_EQ(Templates(), before);
}

TEST_P(TemplatesApi, CustomFieldPlaceholderNeedsAnExistingField) {
    const HttpResponse field =
        http().Post("/api/v1/custom-fields", {{"record_type", "deal"}, {"name", "budget"}, {"type", "money"}},
                    AdminToken());
    ASSERT_EQ(field.status, 201) << field.body;
    NewSms(SignIn(kHeadEmail), "Бюджет: {{custom_fields.budget}}");
}

TEST_P(TemplatesApi, SmsPreviewOfADealWithAContactAndAMeeting) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const auto d = NewDealWithMeeting(ivanov);
    const std::int64_t sms = NewSms(AdminToken(), kMeetingSms);
    const TemplatesSnapshot before = Templates();

    const HttpResponse r = Preview(sms, "deal", d.deal, ivanov);
    ASSERT_EQ(r.status, 200) << r.body;
    const json preview = r.Json();
    // 12:00Z is 15:00 in Moscow, the demo organisation's zone.
    const std::string expected =
        "Анна Смирнова, ждём вас 28 ноября, 15:00 по адресу Москва, ул. Ленина, 1. Сумма: "
        "1\u00A0250\u00A0000\u00A0₽. " +
        UserName(kIvanovEmail) + ", " +
        http().Get("/api/v1/settings", ivanov).Json().at("organisation_name").get<std::string>();
    EXPECT_EQ(preview.at("text"), expected);
    EXPECT_EQ(preview.at("kind"), "sms");
    EXPECT_EQ(preview.at("encoding"), "UCS-2");
    const std::size_t units = Utf16Units(expected);
    ASSERT_GT(units, 70u);
    EXPECT_EQ(preview.at("parts").get<std::size_t>(), (units + 66) / 67);
    EXPECT_EQ(Templates(), before);

    // A Latin-only text against the same deal is GSM-7 in one part.
    const std::int64_t latin = NewSms(AdminToken(), "Deal {{record.id}}: see you soon", "Latin");
    const HttpResponse gsm = Preview(latin, "deal", d.deal, ivanov);
    ASSERT_EQ(gsm.status, 200) << gsm.body;
    EXPECT_EQ(gsm.Json().at("text"), "Deal " + std::to_string(d.deal) + ": see you soon");
    EXPECT_EQ(gsm.Json().at("encoding"), "GSM-7");
    EXPECT_EQ(gsm.Json().at("parts"), 1);
}

TEST_P(TemplatesApi, EmailPreviewRendersSubjectTextAndEscapedHtml) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t contact =
        Created(http().Post("/api/v1/contacts", {{"name", "ООО <Ромашка> & Ко"}}, ivanov));
    const HttpResponse created = http().Post("/api/v1/templates",
                                             {{"kind", "email"},
                                              {"name", "Карточка"},
                                              {"subject", "Для {{ contact.name }}"},
                                              {"body", "Здравствуйте, {{record.title}}!"},
                                              {"html", "<p>{{record.title}}</p>"}},
                                             AdminToken());
    const std::int64_t email = Created(created);
    const HttpResponse r = Preview(email, "contact", contact, ivanov);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Json().at("subject"), "Для ООО <Ромашка> & Ко");
    EXPECT_EQ(r.Json().at("text"), "Здравствуйте, ООО <Ромашка> & Ко!");
    EXPECT_EQ(r.Json().at("html"), "<p>ООО &lt;Ромашка&gt; &amp; Ко</p>");
    EXPECT_FALSE(r.Json().contains("parts"));
}

TEST_P(TemplatesApi, PreviewWithoutAValueNamesThePlaceholderAndChangesNothing) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const auto d = NewDealWithMeeting(ivanov, /*with_meeting=*/false);
    const std::int64_t sms = NewSms(AdminToken(), kMeetingSms);
    const TemplatesSnapshot before = Templates();
    const HttpResponse r = Preview(sms, "deal", d.deal, ivanov);
    EXPECT_TRUE(IsError(r, 422, "validation_failed", "meeting.at"));
    EXPECT_NE(r.body.find("meeting.at"), std::string::npos) << r.body;
    EXPECT_EQ(Templates(), before);
}

TEST_P(TemplatesApi, ManagerPreviewingAnotherManagersDealGetsNotFound) {
    const std::string ivanov = SignIn(kIvanovEmail);
    const auto d = NewDealWithMeeting(ivanov);
    const std::int64_t sms = NewSms(AdminToken(), kMeetingSms);
    const std::string sokolova = SignIn(kSokolovaEmail);
    const TemplatesSnapshot before = Templates();
    EXPECT_TRUE(IsError(Preview(sms, "deal", d.deal, sokolova), 404, "not_found"));
    EXPECT_TRUE(IsError(Preview(sms, "deal", d.deal + 1000, ivanov), 404, "not_found"));
    EXPECT_TRUE(IsError(Preview(sms + 1000, "deal", d.deal, ivanov), 404, "not_found"));
    EXPECT_TRUE(IsError(Preview(sms, "invoice", d.deal, ivanov), 422, "validation_failed", "record_type"));
    EXPECT_TRUE(IsError(http().Post(Path(sms, "/preview"), {{"record_type", "deal"}}, ivanov), 422,
                        "validation_failed", "record_id"));
    EXPECT_EQ(Templates(), before);
    // The head of the department sees the deal.
    EXPECT_EQ(Preview(sms, "deal", d.deal, SignIn(kHeadEmail)).status, 200);
}

TEST_P(TemplatesApi, LeadPreviewUsesItsOwnContactAndTheNearestMeetingInTheOrganisationsLanguage) {
    const HttpResponse settings =
        http().Patch("/api/v1/settings", {{"language", "en"}, {"time_zone", "Europe/Berlin"}}, AdminToken());
    ASSERT_EQ(settings.status, 200) << settings.body;
    const std::string ivanov = SignIn(kIvanovEmail);
    const std::int64_t lead = Created(http().Post("/api/v1/leads",
                                                  {{"title", "Заявка с сайта"},
                                                   {"name", "Пётр Сидоров"},
                                                   {"company_name", "ООО Ромашка"},
                                                   {"phones", {"8 (999) 123-45-67"}},
                                                   {"amount", 99900}},
                                                  ivanov));
    const auto meeting = [&](const char* due) {
        Created(http().Post("/api/v1/tasks",
                            {{"record_type", "lead"},
                             {"record_id", lead},
                             {"kind", "meeting"},
                             {"subject", "Встреча"},
                             {"due_at", due},
                             {"location", due}},
                            ivanov));
    };
    const std::int64_t sms = NewSms(AdminToken(),
                                    "{{record.title}}/{{contact.name}}/{{contact.phone}}/{{company.name}}/"
                                    "{{record.amount}}/{{meeting.at}}/{{meeting.location}}");
    const auto text = [&] {
        const HttpResponse r = Preview(sms, "lead", lead, ivanov);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.Json().at("text").get<std::string>() : "";
    };
    // Only a past meeting: it is the one shown. Berlin is UTC+1 in January.
    meeting("2020-01-10T07:00:00Z");
    EXPECT_EQ(text(),
              "Заявка с сайта/Пётр Сидоров/+79991234567/ООО Ромашка/RUB 999/10 January, 08:00/"
              "2020-01-10T07:00:00Z");
    // Upcoming meetings win over past ones, the nearest first; Berlin is UTC+2 in July.
    meeting("2032-07-01T10:00:00Z");
    meeting("2031-07-01T10:30:00Z");
    EXPECT_EQ(text(),
              "Заявка с сайта/Пётр Сидоров/+79991234567/ООО Ромашка/RUB 999/1 July, 12:30/"
              "2031-07-01T10:30:00Z");
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(TemplatesApi);

}  // namespace voronka::test
