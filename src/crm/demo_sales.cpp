#include "crm/demo_sales.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "auth/settings_service.hpp"
#include "crm/contact_points.hpp"
#include "crm/deal_service.hpp"
#include "crm/history.hpp"
#include "crm/pipeline_service.hpp"
#include "crm/sales_record.hpp"
#include "crm/tasks_hooks.hpp"
#include "crm_sql.hpp"

namespace voronka::crm {
namespace {

using store::Param;

// A small deterministic generator (SplitMix64), the same on every platform and library.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::int64_t Below(std::int64_t n) {
        return static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(n));
    }
    template <typename T, std::size_t N>
    const T& Pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(Below(static_cast<std::int64_t>(N)))];
    }

private:
    std::uint64_t state_;
};

constexpr std::array<const char*, 12> kMaleFirst{"Александр", "Дмитрий", "Максим", "Сергей",
                                                 "Андрей",    "Алексей", "Артём",  "Илья",
                                                 "Кирилл",    "Михаил",  "Никита", "Пётр"};
constexpr std::array<const char*, 12> kFemaleFirst{"Анна",    "Мария",     "Елена", "Ольга",
                                                   "Наталья", "Татьяна",   "Ирина", "Светлана",
                                                   "Юлия",    "Екатерина", "Алёна", "Дарья"};
constexpr std::array<const char*, 12> kMaleLast{"Смирнов", "Попов",    "Васильев", "Петров",
                                                "Соколов", "Михайлов", "Новиков",  "Фёдоров",
                                                "Морозов", "Волков",   "Алексеев", "Лебедев"};
constexpr std::array<const char*, 12> kFemaleLast{"Смирнова", "Попова",    "Васильева", "Петрова",
                                                  "Соколова", "Михайлова", "Новикова",  "Фёдорова",
                                                  "Морозова", "Волкова",   "Алексеева", "Лебедева"};
constexpr std::array<const char*, 12> kCompanyWords{
    "Ромашка", "Вектор",   "Гранит",     "Северный ветер", "Техностиль", "Альфа-Строй",
    "Спектр",  "Меридиан", "Уралсервис", "Волга-Трейд",    "Агроресурс", "Балтика-Логистик"};
constexpr std::array<const char*, 4> kCompanyForms{"ООО", "АО", "ИП", "ООО"};
constexpr std::array<const char*, 10> kProducts{
    "Кондиционеры в офис", "Поставка серверов",  "Монтаж видеонаблюдения", "Офисная мебель",
    "Сопровождение 1С",    "Ремонт склада",      "Корпоративная связь",    "Обучение персонала",
    "Вентиляция цеха",     "Поставка спецодежды"};
constexpr std::array<const char*, 5> kSources{"Сайт", "Входящий звонок", "Выставка", "Рекомендация",
                                              "Реклама"};
constexpr std::array<const char*, 5> kLostReasons{"Дорого", "Выбрали конкурента", "Нет бюджета",
                                                  "Не отвечает", "Нет потребности"};
constexpr std::array<const char*, 6> kNotes{"Клиент просил перезвонить после обеда.",
                                            "Отправил презентацию и прайс на почту.",
                                            "Нужно согласовать сроки поставки с логистикой.",
                                            "Лицо, принимающее решение, — финансовый директор.",
                                            "Интересуется рассрочкой платежа.",
                                            "Договорились о встрече в офисе клиента."};

std::string PersonName(Random& random) {
    if (random.Below(2) == 0) return std::string(random.Pick(kMaleFirst)) + " " + random.Pick(kMaleLast);
    return std::string(random.Pick(kFemaleFirst)) + " " + random.Pick(kFemaleLast);
}

std::string CompanyName(Random& random) {
    return std::string(random.Pick(kCompanyForms)) + " «" + random.Pick(kCompanyWords) + "»";
}

// A stage index by weights: most records in the open stages, fewer won and lost.
std::size_t PickStage(Random& random, const Pipeline& pipeline) {
    std::vector<std::int64_t> weights;
    for (const auto& stage : pipeline.stages) weights.push_back(stage.kind == StageKind::kOpen ? 4 : 2);
    std::int64_t total = 0;
    for (auto w : weights) total += w;
    std::int64_t roll = random.Below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (roll < weights[i]) return i;
        roll -= weights[i];
    }
    return 0;
}

// When a record entered its stage: within twice the stage's limit (so about half are overdue),
// or within the last 60 days for a stage without one.
UnixTime EnteredAt(Random& random, const Stage& stage, UnixTime now) {
    const std::int64_t span = stage.max_duration ? 2 * *stage.max_duration : 60 * 86400;
    return now - 60 - random.Below(std::max<std::int64_t>(span, 120));
}

ContactPoints DemoPoints(Random& random, int index, std::string_view prefix, std::string_view region) {
    std::vector<std::string> phones;
    std::vector<std::string> emails;
    if (random.Below(10) < 8) {
        phones.push_back("+7 9" + std::to_string(10 + random.Below(90)) + " " +
                         std::to_string(100 + index % 900) + "-" + std::to_string(10 + random.Below(90)) +
                         "-" + std::to_string(10 + index / 900 % 90));
    }
    if (random.Below(2) == 0) emails.push_back(std::string(prefix) + std::to_string(index) + "@demo.example");
    auto points = NormalizeContactPoints(phones, emails, region);
    return points ? *points : ContactPoints{};
}

}  // namespace

DemoSalesCounts CreateDemoSales(store::Database& db, const Clock& clock, const DemoSalesOptions& options) {
    if (options.owner_ids.empty()) throw std::invalid_argument("demo sales need owners");
    const auth::Settings settings = auth::SettingsService(db).Get();
    const auto [lead_pipeline, deal_pipeline] = db.Read([](store::Transaction& tx) {
        return std::pair{LoadDefaultPipeline(tx, RecordType::kLead),
                         LoadDefaultPipeline(tx, RecordType::kDeal)};
    });
    if (!lead_pipeline || !deal_pipeline) throw std::runtime_error("demo sales need the default pipelines");
    Random random(options.seed);
    DemoSalesCounts counts;
    const UnixTime now = clock.Now();
    const auto owner_of = [&](int i) {
        return options.owner_ids[static_cast<std::size_t>(i) % options.owner_ids.size()];
    };
    const auto add_note = [&](store::Transaction& tx, std::string_view type, std::int64_t id,
                              std::int64_t author, UnixTime at) {
        if (random.Below(3) != 0) return;
        tx.Insert(sql::kNoteInsert,
                  {Param(type), Param(id), Param(author), Param(random.Pick(kNotes)), Param(at)});
        ++counts.notes;
    };

    for (int first = 0; first < options.leads; first += options.batch) {
        db.Write([&](store::Transaction& tx) {
            for (int i = first; i < std::min(options.leads, first + options.batch); ++i) {
                const std::size_t index = PickStage(random, *lead_pipeline);
                const StagePlace place{*lead_pipeline, lead_pipeline->stages[index]};
                const UnixTime at = EnteredAt(random, place.stage, now);
                Lead lead;
                lead.owner_id = owner_of(i);
                lead.title = std::string("Заявка: ") + random.Pick(kProducts);
                lead.source = random.Pick(kSources);
                lead.name = PersonName(random);
                if (random.Below(10) < 6) lead.company_name = CompanyName(random);
                lead.contact_points = DemoPoints(random, i, "lead", settings.phone_region);
                lead.amount = (10 + random.Below(1990)) * 1000 * 100;
                lead.currency = "RUB";
                if (place.stage.kind == StageKind::kLost) lead.lost_reason = random.Pick(kLostReasons);
                lead.stage = EnterStage(place, at, false);
                lead.id = tx.Insert(
                    sql::kLeadInsert,
                    {Param(lead.owner_id), Param(lead.title), Param(lead.source), Param(lead.name),
                     Param(lead.company_name), Param(lead.contact_id), Param(lead.amount),
                     Param(lead.currency), Param(lead.stage.pipeline_id), Param(lead.stage.stage_id),
                     Param(lead.stage.entered_at), Param(lead.stage.deadline), Param(lead.stage.is_open),
                     Param(lead.lost_reason),
                     Param(SearchText({lead.title, lead.name, lead.company_name}, lead.contact_points)),
                     Param(at)});
                SaveContactPoints(tx, RecordType::kLead, lead.id, lead.contact_points);
                RecordStageMove(tx, RecordType::kLead, lead.id, nullptr, lead.stage, lead.owner_id, at);
                if (lead.stage.is_open) {
                    EnsureFirstTask(tx, RecordType::kLead, lead.id, lead.owner_id, settings, at,
                                    lead.owner_id);
                }
                add_note(tx, "lead", lead.id, lead.owner_id, at);
                ++counts.leads;
            }
        });
    }

    for (int first = 0; first < options.deals; first += options.batch) {
        db.Write([&](store::Transaction& tx) {
            for (int i = first; i < std::min(options.deals, first + options.batch); ++i) {
                const std::size_t index = PickStage(random, *deal_pipeline);
                const StagePlace place{*deal_pipeline, deal_pipeline->stages[index]};
                const UnixTime at = EnteredAt(random, place.stage, now);
                const std::int64_t owner = owner_of(i);
                std::optional<std::int64_t> company_id;
                std::string company;
                if (random.Below(10) < 7) {
                    company = CompanyName(random);
                    company_id = tx.Insert(
                        sql::kLeadInsertCompany,
                        {Param(owner), Param(company), Param(SearchText({company}, {})), Param(at)});
                    ++counts.companies;
                }
                const std::string name = PersonName(random);
                const ContactPoints points = DemoPoints(random, i, "client", settings.phone_region);
                const std::int64_t contact_id =
                    tx.Insert(sql::kLeadInsertContact, {Param(owner), Param(name), Param(company_id),
                                                        Param(SearchText({name}, points)), Param(at)});
                SaveContactPoints(tx, RecordType::kContact, contact_id, points);
                ++counts.contacts;

                Deal deal;
                deal.owner_id = owner;
                deal.title = std::string(random.Pick(kProducts)) + (company.empty() ? "" : " — " + company);
                deal.contact_id = contact_id;
                deal.company_id = company_id;
                deal.amount = (50 + random.Below(4950)) * 1000 * 100;
                deal.currency = "RUB";
                deal.expected_close_on = FormatIso8601(at + (7 + random.Below(60)) * 86400).substr(0, 10);
                if (place.stage.kind == StageKind::kLost) deal.lost_reason = random.Pick(kLostReasons);
                InsertDeal(tx, deal, place, {}, settings, owner, at);
                add_note(tx, "deal", deal.id, owner, at);
                ++counts.deals;
            }
        });
    }
    return counts;
}

}  // namespace voronka::crm
