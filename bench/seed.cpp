// voronka_seed: fills a database that has the demo accounts (`voronka demo --accounts-only`) with
// many contacts, deals, companies and leads for the issue-3 and issue-11 benchmarks
// (docs/benchmarks.md, bench/README.md).
//
// Usage: voronka_seed --database URL [--contacts N] [--deals N] [--companies N] [--leads N] [--seed S]
//   defaults: 1,000,000 contacts, 200,000 deals, 100,000 companies, 200,000 leads, seed 1.
//   Deterministic for a given seed.
//
// What it writes, row for row as the product writes it (crm/contact_service.cpp,
// crm/deal_service.cpp, crm/sales_record.cpp, crm/task_service.cpp):
// - contacts: Russian names "Фамилия Имя Отчество" from combinatorial lists, owners spread over
//   the active users of the sales departments; `search` by crm::RecordSearchDocument; phones and
//   e-mails normalised by crm::NormalizeContactPoints (libphonenumber, the settings' region) and
//   stored in contact_points with the keys the product uses (PhoneDigits, folded e-mail). Each
//   contact has one unique mobile +79xxxxxxxxx and one unique e-mail.
// - deals over the stages of the default deal pipeline (about 70 % open, 15 % won, 15 % lost,
//   with a lost_reason), stage_entered_at / stage_deadline by crm::StageDeadline, is_open,
//   `search` as crm::SearchText({title}), a contact of the same owner, their creation stage move
//   and its two history entries (pipeline_id, stage_id).
// - the first task (settings first_task_*) of about 90 % of the open deals, so that the
//   no-next-step control finds about 10 % of them; the contacts of won deals become clients
//   (is_client, history entry) with the post-sale task (settings post_sale_task_*) for about 90 %.
// - companies "ООО «Word N»" with a unique 10-digit INN, `search` as company_service writes it;
//   no contact points, and no contacts linked to them (the contacts above stay as they are).
// - leads over the stages of the default lead pipeline (about 80 % open, 20 % lost), each with a
//   person's name, a unique phone (contact_points of the lead), `search` as lead_service writes
//   it, the creation stage move and history, and the first task of about 90 % of the open ones.
//
// Rows go in multi-row INSERT statements of 1,000 records inside transactions of 10,000 records,
// through the store layer (same pragmas as the product: WAL, synchronous=FULL on SQLite). Contact
// and deal ids are given explicitly from max(id) + 1 (on PostgreSQL the sequences are moved past
// them at the end). Created times are spread over the last 180 days. Refuses a database that
// already has contacts or deals. Prints the time of each part.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "auth/settings_service.hpp"
#include "core/phone.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "crm/contact_points.hpp"
#include "crm/model.hpp"
#include "crm/rules.hpp"
#include "crm/sales_record.hpp"
#include "store/database.hpp"

namespace {

using voronka::store::Param;
using voronka::store::Query;
using voronka::store::Value;
namespace crm = voronka::crm;
namespace store = voronka::store;

struct Name {
    const char* ru;
    const char* lat;
};

// Surnames in the masculine form; the feminine adds "а" (all of these end in -ов/-ев/-ин).
constexpr Name kSurnames[] = {
    {"Иванов", "ivanov"},       {"Смирнов", "smirnov"},    {"Кузнецов", "kuznetsov"},
    {"Попов", "popov"},         {"Васильев", "vasilev"},   {"Петров", "petrov"},
    {"Соколов", "sokolov"},     {"Михайлов", "mikhailov"}, {"Новиков", "novikov"},
    {"Фёдоров", "fedorov"},     {"Морозов", "morozov"},    {"Волков", "volkov"},
    {"Алексеев", "alekseev"},   {"Лебедев", "lebedev"},    {"Семёнов", "semenov"},
    {"Егоров", "egorov"},       {"Павлов", "pavlov"},      {"Козлов", "kozlov"},
    {"Степанов", "stepanov"},   {"Николаев", "nikolaev"},  {"Орлов", "orlov"},
    {"Андреев", "andreev"},     {"Макаров", "makarov"},    {"Никитин", "nikitin"},
    {"Захаров", "zakharov"},    {"Зайцев", "zaitsev"},     {"Соловьёв", "solovev"},
    {"Борисов", "borisov"},     {"Яковлев", "yakovlev"},   {"Григорьев", "grigorev"},
    {"Романов", "romanov"},     {"Воробьёв", "vorobev"},   {"Сергеев", "sergeev"},
    {"Кузьмин", "kuzmin"},      {"Фролов", "frolov"},      {"Александров", "aleksandrov"},
    {"Дмитриев", "dmitriev"},   {"Королёв", "korolev"},    {"Гусев", "gusev"},
    {"Киселёв", "kiselev"},     {"Ильин", "ilin"},         {"Максимов", "maksimov"},
    {"Поляков", "polyakov"},    {"Сорокин", "sorokin"},    {"Виноградов", "vinogradov"},
    {"Ковалёв", "kovalev"},     {"Белов", "belov"},        {"Медведев", "medvedev"},
    {"Антонов", "antonov"},     {"Тарасов", "tarasov"},    {"Жуков", "zhukov"},
    {"Баранов", "baranov"},     {"Филиппов", "filippov"},  {"Комаров", "komarov"},
    {"Давыдов", "davydov"},     {"Беляев", "belyaev"},     {"Герасимов", "gerasimov"},
    {"Богданов", "bogdanov"},   {"Осипов", "osipov"},      {"Сидоров", "sidorov"},
    {"Матвеев", "matveev"},     {"Титов", "titov"},        {"Марков", "markov"},
    {"Миронов", "mironov"},     {"Крылов", "krylov"},      {"Куликов", "kulikov"},
    {"Карпов", "karpov"},       {"Власов", "vlasov"},      {"Мельников", "melnikov"},
    {"Денисов", "denisov"},     {"Гаврилов", "gavrilov"},  {"Тихонов", "tikhonov"},
    {"Казаков", "kazakov"},     {"Афанасьев", "afanasev"}, {"Данилов", "danilov"},
    {"Пономарёв", "ponomarev"}, {"Калинин", "kalinin"},    {"Щербаков", "shcherbakov"},
    {"Широков", "shirokov"},    {"Ершов", "ershov"},
};
constexpr Name kMaleNames[] = {
    {"Александр", "aleksandr"}, {"Сергей", "sergei"}, {"Дмитрий", "dmitrii"},   {"Андрей", "andrei"},
    {"Алексей", "aleksei"},     {"Максим", "maksim"}, {"Евгений", "evgenii"},   {"Иван", "ivan"},
    {"Михаил", "mikhail"},      {"Артём", "artem"},   {"Николай", "nikolai"},   {"Владимир", "vladimir"},
    {"Павел", "pavel"},         {"Роман", "roman"},   {"Денис", "denis"},       {"Игорь", "igor"},
    {"Олег", "oleg"},           {"Юрий", "yurii"},    {"Виктор", "viktor"},     {"Пётр", "petr"},
    {"Антон", "anton"},         {"Илья", "ilya"},     {"Кирилл", "kirill"},     {"Никита", "nikita"},
    {"Степан", "stepan"},       {"Фёдор", "fedor"},   {"Григорий", "grigorii"}, {"Василий", "vasilii"},
};
constexpr Name kFemaleNames[] = {
    {"Елена", "elena"},      {"Ольга", "olga"},           {"Наталья", "natalya"},
    {"Анна", "anna"},        {"Татьяна", "tatyana"},      {"Мария", "mariya"},
    {"Ирина", "irina"},      {"Екатерина", "ekaterina"},  {"Светлана", "svetlana"},
    {"Юлия", "yuliya"},      {"Анастасия", "anastasiya"}, {"Марина", "marina"},
    {"Дарья", "darya"},      {"Ксения", "kseniya"},       {"Алёна", "alena"},
    {"Людмила", "lyudmila"}, {"Галина", "galina"},        {"Вера", "vera"},
    {"Надежда", "nadezhda"}, {"Полина", "polina"},        {"Виктория", "viktoriya"},
    {"Евгения", "evgeniya"}, {"Софья", "sofya"},          {"Алина", "alina"},
};
// Patronymic stems: male + "ич", female + "на".
constexpr const char* kPatronymics[] = {
    "Александров", "Сергеев",  "Дмитриев",   "Андреев",  "Алексеев", "Максимов", "Евгеньев",  "Иванов",
    "Михайлов",    "Николаев", "Владимиров", "Павлов",   "Романов",  "Игорев",   "Олегов",    "Викторов",
    "Петров",      "Антонов",  "Ильин",      "Кириллов", "Степанов", "Фёдоров",  "Григорьев", "Васильев",
};
constexpr const char* kMailDomains[] = {"mail.ru",  "yandex.ru", "gmail.com",  "bk.ru",
                                        "inbox.ru", "list.ru",   "rambler.ru", "ya.ru"};
constexpr const char* kDealWhat[] = {
    "Поставка оборудования",
    "Поставка кабеля",
    "Монтаж вентиляции",
    "Ремонт офиса",
    "Аренда спецтехники",
    "Поставка металлопроката",
    "Обслуживание кондиционеров",
    "Поставка труб",
    "Проектирование склада",
    "Поставка мебели",
    "Внедрение CRM",
    "Поставка стройматериалов",
    "Грузоперевозка",
    "Поставка запчастей",
    "Закупка оргтехники",
    "Поставка упаковки",
};
constexpr const char* kDealFor[] = {"ООО «Ромашка»", "АО «Вектор»",     "ИП Сидоров",   "ООО «СтройМир»",
                                    "ООО «Север»",   "АО «Техносфера»", "ООО «Лидер»",  "ООО «Альфа-Трейд»",
                                    "ООО «Восток»",  "ЗАО «Меридиан»",  "ООО «Гранит»", "ООО «Прогресс»"};
constexpr const char* kLostReasons[] = {"Дорого", "Выбрали конкурента", "Нет бюджета", "Не отвечает",
                                        "Сроки не устроили"};

template <typename T, std::size_t N>
constexpr std::size_t Count(const T (&)[N]) {
    return N;
}

[[noreturn]] void Usage(const char* why) {
    std::fprintf(
        stderr,
        "voronka_seed: %s\nusage: voronka_seed --database URL [--contacts N] [--deals N] [--companies N] "
        "[--leads N] [--seed S]\n",
        why);
    std::exit(2);
}

double Seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Multi-row statements built at run time. store::Query identifies a prepared statement by its
// address and holds string_views, so the texts and Query objects live until the end of the
// program, at stable addresses.
class Statements {
public:
    // "INSERT INTO table (cols) VALUES " + rows x "(row)" where `row` uses $N placeholders
    // written as "?" and numbered here.
    const Query& Insert(const std::string& head, const std::string& row_template, int rows) {
        const std::string key = head + "|" + row_template + "|" + std::to_string(rows);
        if (auto it = by_key_.find(key); it != by_key_.end()) return *it->second;
        std::string text = head + " VALUES ";
        int n = 0;
        for (int r = 0; r < rows; ++r) {
            if (r > 0) text += ", ";
            text += '(';
            for (char c : row_template) {
                if (c == '?') {
                    text += '$';
                    text += std::to_string(++n);
                } else {
                    text += c;
                }
            }
            text += ')';
        }
        return Make(key, std::move(text));
    }
    const Query& Plain(const std::string& text) { return Make(text, text); }

private:
    const Query& Make(const std::string& key, std::string text) {
        texts_.push_back(std::move(text));
        const std::string& stored = texts_.back();
        queries_.push_back(Query{"seed", stored, stored});
        by_key_[key] = &queries_.back();
        return queries_.back();
    }
    std::deque<std::string> texts_;
    std::deque<Query> queries_;
    std::map<std::string, const Query*> by_key_;
};

// Rows of one table waiting to be written in multi-row statements of `rows_per_statement`.
class Batch {
public:
    Batch(Statements& statements, std::string head, std::string row_template, int columns,
          int rows_per_statement)
        : statements_(statements),
          head_(std::move(head)),
          row_(std::move(row_template)),
          columns_(columns),
          per_statement_(rows_per_statement) {}

    void Add(std::vector<Value> row) {
        if (static_cast<int>(row.size()) != columns_)
            throw std::logic_error("seed: wrong column count for " + head_);
        for (auto& v : row) params_.push_back(std::move(v));
        ++rows_;
    }
    std::int64_t rows_written() const { return written_; }

    void Flush(store::Transaction& tx) {
        std::size_t offset = 0;
        while (rows_ > 0) {
            const int n = std::min(rows_, per_statement_);
            const Query& query = statements_.Insert(head_, row_, n);
            std::vector<Value> params(params_.begin() + offset, params_.begin() + offset + n * columns_);
            tx.Execute(query, params);
            offset += static_cast<std::size_t>(n) * columns_;
            rows_ -= n;
            written_ += n;
        }
        params_.clear();
    }

private:
    Statements& statements_;
    std::string head_;
    std::string row_;
    int columns_;
    int per_statement_;
    int rows_ = 0;
    std::int64_t written_ = 0;
    std::vector<Value> params_;
};

const Query kSalesUsers{"seed_sales_users",
                        "SELECT u.id FROM users u JOIN departments d ON d.id = u.department_id "
                        "WHERE d.kind = 'sales' AND u.active = 1 ORDER BY u.id",
                        "SELECT u.id FROM users u JOIN departments d ON d.id = u.department_id "
                        "WHERE d.kind = 'sales' AND u.active = 1 ORDER BY u.id"};
// The stages of the default pipeline of a record type ($1: 'deal' or 'lead').
constexpr const char* kDefaultStagesText =
    "SELECT s.id, s.pipeline_id, s.kind, s.max_duration, s.position, s.name FROM stages s "
    "JOIN pipelines p ON p.id = s.pipeline_id WHERE p.record_type = $1 AND p.is_default = 1 "
    "AND s.deleted_at IS NULL ORDER BY s.position";
const Query kDefaultStages{"seed_default_stages", kDefaultStagesText, kDefaultStagesText};
// How many records there are (all four kinds), then the largest id of each.
constexpr const char* kCountsText =
    "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM deals) + (SELECT count(*) FROM "
    "companies) "
    "+ (SELECT count(*) FROM leads), (SELECT coalesce(max(id), 0) FROM contacts), "
    "(SELECT coalesce(max(id), 0) FROM deals), (SELECT coalesce(max(id), 0) FROM companies), "
    "(SELECT coalesce(max(id), 0) FROM leads)";
const Query kCounts{"seed_counts", kCountsText, kCountsText};

std::vector<crm::Stage> ReadStages(const std::vector<store::Row>& rows) {
    return store::ReadRows(rows, [](store::RowReader& r) {
        crm::Stage stage;
        stage.id = r.Int();
        stage.pipeline_id = r.Int();
        const std::string kind = r.Text();
        stage.kind = kind == "won"    ? crm::StageKind::kWon
                     : kind == "lost" ? crm::StageKind::kLost
                                      : crm::StageKind::kOpen;
        stage.max_duration = r.OptInt();
        stage.position = static_cast<int>(r.Int());
        stage.name = r.Text();
        return stage;
    });
}

constexpr const char* kCompanyWords[] = {
    "Ромашка",  "Вектор", "СтройМир", "Север",   "Техносфера", "Лидер", "Альфа-Трейд", "Восток",
    "Меридиан", "Гранит", "Прогресс", "Импульс", "Сибирь",     "Волга", "Орион",       "Старт"};
constexpr const char* kLeadSources[] = {"сайт", "звонок", "выставка", "рекомендация", "реклама"};

struct DealPlan {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::int64_t contact_id = 0;
    std::size_t stage = 0;  // index into the stages
    std::int64_t created_at = 0;
    std::int64_t entered_at = 0;
    bool has_task = false;
};

}  // namespace

int main(int argc, char** argv) {
    std::string url;
    std::int64_t contacts = 1'000'000;
    std::int64_t deals = 200'000;
    std::int64_t companies = 100'000;
    std::int64_t leads = 200'000;
    std::uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) Usage("an option is missing its value");
            return argv[++i];
        };
        if (arg == "--database")
            url = value();
        else if (arg == "--contacts")
            contacts = std::stoll(value());
        else if (arg == "--deals")
            deals = std::stoll(value());
        else if (arg == "--companies")
            companies = std::stoll(value());
        else if (arg == "--leads")
            leads = std::stoll(value());
        else if (arg == "--seed")
            seed = std::stoull(value());
        else
            Usage("unknown argument");
    }
    if (url.empty()) Usage("--database is required");
    if (contacts < 1 || contacts > 100'000'000 || deals < 0 || deals > 10'000'000 || companies < 0 ||
        companies > 10'000'000 || leads < 0 || leads > 10'000'000)
        Usage("bad counts");

    const auto started = std::chrono::steady_clock::now();
    store::Options options;
    options.url = url;
    auto db = store::Database::Open(options);
    db->Migrate();
    const bool pg = db->dialect() == store::Dialect::kPostgres;
    const voronka::auth::Settings settings = voronka::auth::SettingsService(*db).Get();

    std::vector<std::int64_t> owners;
    std::vector<crm::Stage> stages;
    std::vector<crm::Stage> lead_stages;
    std::int64_t first_contact = 0;
    std::int64_t first_deal = 0;
    std::int64_t first_company = 0;
    std::int64_t first_lead = 0;
    db->Read([&](store::Transaction& tx) {
        owners = store::ReadRows(tx.Fetch(kSalesUsers), &store::RowReader::Int);
        stages = ReadStages(tx.Fetch(kDefaultStages, {Param("deal")}));
        lead_stages = ReadStages(tx.Fetch(kDefaultStages, {Param("lead")}));
        store::ReadRow(*tx.FetchOne(kCounts), [&](store::RowReader& r) {
            if (r.Int() > 0) {
                throw std::runtime_error(
                    "the database already has contacts, deals, companies or leads; seed a fresh one "
                    "(voronka demo --accounts-only)");
            }
            first_contact = r.Int() + 1;
            first_deal = r.Int() + 1;
            first_company = r.Int() + 1;
            first_lead = r.Int() + 1;
        });
    });
    if (owners.empty())
        throw std::runtime_error("no active users in a sales department: run voronka demo --accounts-only");
    if (stages.empty()) throw std::runtime_error("no default deal pipeline");
    if (lead_stages.empty()) throw std::runtime_error("no default lead pipeline");
    std::vector<std::size_t> open_stages, won_stages, lost_stages;
    for (std::size_t s = 0; s < stages.size(); ++s) {
        (stages[s].kind == crm::StageKind::kOpen  ? open_stages
         : stages[s].kind == crm::StageKind::kWon ? won_stages
                                                  : lost_stages)
            .push_back(s);
    }
    std::printf(
        "voronka_seed: %s, %zu sales owners, deal pipeline %lld with %zu stages; %lld contacts, %lld deals, "
        "%lld companies, %lld leads\n",
        pg ? "PostgreSQL" : "SQLite", owners.size(), static_cast<long long>(stages[0].pipeline_id),
        stages.size(), static_cast<long long>(contacts), static_cast<long long>(deals),
        static_cast<long long>(companies), static_cast<long long>(leads));

    std::mt19937_64 rng(seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {  // [lo, hi]
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    const std::int64_t n_owners = static_cast<std::int64_t>(owners.size());

    // The deals first: they decide which contacts are clients (contacts of won deals).
    std::vector<DealPlan> plan(static_cast<std::size_t>(deals));
    std::vector<char> is_client(static_cast<std::size_t>(contacts), 0);
    const std::int64_t per_owner = contacts / n_owners;  // contacts of each owner (index % n_owners)
    for (std::int64_t j = 0; j < deals; ++j) {
        DealPlan& d = plan[static_cast<std::size_t>(j)];
        d.id = first_deal + j;
        const std::int64_t o = j % n_owners;
        d.owner_id = owners[static_cast<std::size_t>(o)];
        const std::int64_t index = std::min(uniform(0, per_owner - 1) * n_owners + o, contacts - 1);
        d.contact_id = first_contact + index;
        const int kind = static_cast<int>(uniform(0, 99));
        if (kind < 70 || won_stages.empty() || lost_stages.empty()) {
            d.stage = open_stages[static_cast<std::size_t>(
                uniform(0, static_cast<std::int64_t>(open_stages.size()) - 1))];
        } else if (kind < 85) {
            d.stage = won_stages[0];
            is_client[static_cast<std::size_t>(index)] = 1;
        } else {
            d.stage = lost_stages[0];
        }
        d.created_at = now - uniform(3600, 180 * 86400);
        d.entered_at = std::min(now - 60, d.created_at + uniform(0, 20 * 86400));
        d.has_task = stages[d.stage].kind == crm::StageKind::kOpen && uniform(0, 99) < 90;
    }

    Statements statements;
    constexpr int kPerStatement = 1000;
    constexpr std::int64_t kPerTransaction = 10'000;

    // --- contacts, contact_points, and the clients' history and post-sale tasks
    Batch contact_rows(
        statements,
        "INSERT INTO contacts (id, owner_id, name, company_id, is_client, search, created_at, updated_at)",
        "?, ?, ?, NULL, ?, ?, ?, ?", 7, kPerStatement);
    Batch point_rows(statements,
                     "INSERT INTO contact_points (record_type, record_id, kind, value, key, position)",
                     "'contact', ?, ?, ?, ?, 0", 4, kPerStatement);
    Batch history_rows(
        statements,
        "INSERT INTO history (record_type, record_id, field, old_value, new_value, by_user_id, at)",
        "?, ?, ?, ?, ?, ?, ?", 7, kPerStatement);
    Batch task_rows(
        statements,
        "INSERT INTO tasks (record_type, record_id, owner_id, kind, subject, due_at, location, assignee_id, "
        "department_id, created_by, created_at, updated_at)",
        "?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?", 10, kPerStatement);

    auto t0 = std::chrono::steady_clock::now();
    std::int64_t clients = 0;
    for (std::int64_t begin = 0; begin < contacts; begin += kPerTransaction) {
        const std::int64_t end = std::min(contacts, begin + kPerTransaction);
        for (std::int64_t i = begin; i < end; ++i) {
            const std::int64_t id = first_contact + i;
            const std::int64_t owner = owners[static_cast<std::size_t>(i % n_owners)];
            const bool female = uniform(0, 1) == 1;
            const Name& surname = kSurnames[uniform(0, Count(kSurnames) - 1)];
            const Name& first = female ? kFemaleNames[uniform(0, Count(kFemaleNames) - 1)]
                                       : kMaleNames[uniform(0, Count(kMaleNames) - 1)];
            const char* patronymic = kPatronymics[uniform(0, Count(kPatronymics) - 1)];
            std::string name = std::string(surname.ru) + (female ? "а " : " ") + first.ru + " " + patronymic +
                               (female ? "на" : "ич");
            // Unique mobile numbers: 9 digits from a bijection of i modulo 10^9 (the factor is prime
            // to 10^9), written as people type them; NormalizeContactPoints makes them E.164.
            const std::int64_t digits = (i * 7'919'331 + 123'456'789) % 1'000'000'000;
            char phone[32];
            std::snprintf(phone, sizeof phone, "+7 (9%02lld) %03lld-%02lld-%02lld",
                          static_cast<long long>(digits / 10'000'000),
                          static_cast<long long>(digits / 10'000 % 1000),
                          static_cast<long long>(digits / 100 % 100), static_cast<long long>(digits % 100));
            std::string email = std::string(first.lat) + "." + surname.lat + (female ? "a" : "") +
                                std::to_string(i + 1) + "@" + kMailDomains[i % Count(kMailDomains)];
            auto points = crm::NormalizeContactPoints({phone}, {email}, settings.phone_region);
            if (!points)
                throw std::runtime_error("seed: a generated phone or e-mail was refused: " +
                                         points.error().message);
            const std::string search = crm::RecordSearchDocument({name}, *points);
            const std::int64_t created = now - uniform(3600, 365 * 86400);
            const bool client = is_client[static_cast<std::size_t>(i)] != 0;
            contact_rows.Add({Param(id), Param(owner), Param(name), Param(client ? 1 : 0), Param(search),
                              Param(created), Param(client ? now - uniform(60, 86400) : created)});
            for (const auto& p : points->phones) {
                point_rows.Add({Param(id), Param("phone"), Param(p), Param(voronka::PhoneDigits(p))});
            }
            for (const auto& e : points->emails) {
                point_rows.Add({Param(id), Param("email"), Param(e), Param(voronka::FoldCase(e))});
            }
            if (client) {
                ++clients;
                history_rows.Add({Param("contact"), Param(id), Param("is_client"), Param("false"),
                                  Param("true"), Param(owner), Param(created)});
                if (uniform(0, 99) < 90) {
                    task_rows.Add({Param("contact"), Param(id), Param(owner),
                                   Param(settings.post_sale_task_kind),
                                   Param(settings.post_sale_task_subject),
                                   Param(now + uniform(-86400, settings.post_sale_task_due_seconds)),
                                   Param(owner), Param(owner), Param(now - 86400), Param(now - 86400)});
                }
            }
        }
        db->Write([&](store::Transaction& tx) {
            contact_rows.Flush(tx);
            point_rows.Flush(tx);
            history_rows.Flush(tx);
            task_rows.Flush(tx);
        });
        if ((end / kPerTransaction) % 10 == 0 || end == contacts) {
            std::printf("  contacts %lld / %lld, %.1f s\n", static_cast<long long>(end),
                        static_cast<long long>(contacts), Seconds(t0));
            std::fflush(stdout);
        }
    }
    const double contact_seconds = Seconds(t0);

    // --- deals, their creation stage move and history, and the first tasks
    Batch deal_rows(
        statements,
        "INSERT INTO deals (id, owner_id, title, contact_id, company_id, amount, currency, pipeline_id, "
        "stage_id, stage_entered_at, stage_deadline, is_open, expected_close_on, lost_reason, search, "
        "created_at, updated_at)",
        "?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", 16, kPerStatement);
    Batch move_rows(
        statements,
        "INSERT INTO stage_moves (record_type, record_id, pipeline_id, from_stage_id, to_stage_id, at, "
        "by_user_id, seconds_in_from)",
        "'deal', ?, ?, NULL, ?, ?, ?, NULL", 5, kPerStatement);
    t0 = std::chrono::steady_clock::now();
    std::int64_t open = 0, with_task = 0;
    for (std::int64_t begin = 0; begin < deals; begin += kPerTransaction) {
        const std::int64_t end = std::min(deals, begin + kPerTransaction);
        for (std::int64_t j = begin; j < end; ++j) {
            const DealPlan& d = plan[static_cast<std::size_t>(j)];
            const crm::Stage& stage = stages[d.stage];
            const std::string title = std::string(kDealWhat[uniform(0, Count(kDealWhat) - 1)]) + " — " +
                                      kDealFor[uniform(0, Count(kDealFor) - 1)] + " №" +
                                      std::to_string(j + 1);
            const bool is_open = stage.kind == crm::StageKind::kOpen;
            open += is_open ? 1 : 0;
            const auto deadline = crm::StageDeadline(stage, d.entered_at);
            std::optional<std::string> expected;
            if (is_open && uniform(0, 1) == 1) {
                const std::time_t t = static_cast<std::time_t>(now + uniform(1, 90) * 86400);
                std::tm tm{};
                gmtime_r(&t, &tm);
                char date[16];
                std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
                expected = date;
            }
            std::optional<std::string> lost;
            if (stage.kind == crm::StageKind::kLost) lost = kLostReasons[uniform(0, Count(kLostReasons) - 1)];
            deal_rows.Add({Param(d.id), Param(d.owner_id), Param(title), Param(d.contact_id),
                           Param(uniform(10'000, 5'000'000) * 100), Param(settings.currency),
                           Param(stage.pipeline_id), Param(stage.id), Param(d.entered_at), Param(deadline),
                           Param(is_open ? 1 : 0), Param(expected), Param(lost),
                           Param(crm::SearchText({title}, {})), Param(d.created_at), Param(d.entered_at)});
            move_rows.Add({Param(d.id), Param(stage.pipeline_id), Param(stage.id), Param(d.entered_at),
                           Param(d.owner_id)});
            history_rows.Add({Param("deal"), Param(d.id), Param("pipeline_id"),
                              Param(std::optional<std::string>{}), Param(std::to_string(stage.pipeline_id)),
                              Param(d.owner_id), Param(d.entered_at)});
            history_rows.Add({Param("deal"), Param(d.id), Param("stage_id"),
                              Param(std::optional<std::string>{}), Param(std::to_string(stage.id)),
                              Param(d.owner_id), Param(d.entered_at)});
            if (d.has_task) {
                ++with_task;
                task_rows.Add({Param("deal"), Param(d.id), Param(d.owner_id), Param(settings.first_task_kind),
                               Param(settings.first_task_subject),
                               Param(d.entered_at + settings.first_task_due_seconds + uniform(0, 14 * 86400)),
                               Param(d.owner_id), Param(d.owner_id), Param(d.entered_at),
                               Param(d.entered_at)});
            }
        }
        db->Write([&](store::Transaction& tx) {
            deal_rows.Flush(tx);
            move_rows.Flush(tx);
            history_rows.Flush(tx);
            task_rows.Flush(tx);
        });
    }
    const double deal_seconds = Seconds(t0);

    // --- companies
    Batch company_rows(
        statements,
        "INSERT INTO companies (id, owner_id, name, inn, address, search, created_at, updated_at)",
        "?, ?, ?, ?, NULL, ?, ?, ?", 7, kPerStatement);
    t0 = std::chrono::steady_clock::now();
    for (std::int64_t begin = 0; begin < companies; begin += kPerTransaction) {
        const std::int64_t end = std::min(companies, begin + kPerTransaction);
        for (std::int64_t k = begin; k < end; ++k) {
            const std::string name = std::string("ООО «") +
                                     kCompanyWords[uniform(0, Count(kCompanyWords) - 1)] + " " +
                                     std::to_string(k + 1) + "»";
            const std::string inn = std::to_string(7'700'000'000 + k);
            const std::int64_t created = now - uniform(3600, 365 * 86400);
            company_rows.Add({Param(first_company + k), Param(owners[static_cast<std::size_t>(k % n_owners)]),
                              Param(name), Param(inn), Param(crm::RecordSearchDocument({name, inn}, {})),
                              Param(created), Param(created + uniform(0, 3600))});
        }
        db->Write([&](store::Transaction& tx) { company_rows.Flush(tx); });
    }
    const double company_seconds = Seconds(t0);

    // --- leads, their phones, creation stage move and history, and the first tasks
    std::vector<std::size_t> lead_open, lead_lost;
    for (std::size_t s = 0; s < lead_stages.size(); ++s) {
        if (lead_stages[s].kind == crm::StageKind::kOpen) lead_open.push_back(s);
        if (lead_stages[s].kind == crm::StageKind::kLost) lead_lost.push_back(s);
    }
    if (lead_open.empty()) throw std::runtime_error("the default lead pipeline has no open stage");
    Batch lead_rows(
        statements,
        "INSERT INTO leads (id, owner_id, title, source, person_name, company_name, contact_id, amount, "
        "currency, pipeline_id, stage_id, stage_entered_at, stage_deadline, is_open, lost_reason, search, "
        "created_at, updated_at)",
        "?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", 16, kPerStatement);
    Batch lead_points(statements,
                      "INSERT INTO contact_points (record_type, record_id, kind, value, key, position)",
                      "'lead', ?, 'phone', ?, ?, 0", 3, kPerStatement);
    Batch lead_moves(
        statements,
        "INSERT INTO stage_moves (record_type, record_id, pipeline_id, from_stage_id, to_stage_id, at, "
        "by_user_id, seconds_in_from)",
        "'lead', ?, ?, NULL, ?, ?, ?, NULL", 5, kPerStatement);
    t0 = std::chrono::steady_clock::now();
    std::int64_t open_leads = 0;
    for (std::int64_t begin = 0; begin < leads; begin += kPerTransaction) {
        const std::int64_t end = std::min(leads, begin + kPerTransaction);
        for (std::int64_t j = begin; j < end; ++j) {
            const std::int64_t id = first_lead + j;
            const std::int64_t owner = owners[static_cast<std::size_t>(j % n_owners)];
            const bool lost = !lead_lost.empty() && uniform(0, 99) < 20;
            const crm::Stage& stage =
                lead_stages[lost ? lead_lost[0]
                                 : lead_open[static_cast<std::size_t>(
                                       uniform(0, static_cast<std::int64_t>(lead_open.size()) - 1))]];
            const bool is_open = !lost;
            open_leads += is_open ? 1 : 0;
            const bool female = uniform(0, 1) == 1;
            const Name& first = female ? kFemaleNames[uniform(0, Count(kFemaleNames) - 1)]
                                       : kMaleNames[uniform(0, Count(kMaleNames) - 1)];
            const std::string person = std::string(kSurnames[uniform(0, Count(kSurnames) - 1)].ru) +
                                       (female ? "а " : " ") + first.ru;
            const std::string title = std::string("Заявка: ") + kDealWhat[uniform(0, Count(kDealWhat) - 1)] +
                                      " №" + std::to_string(j + 1);
            // Unique phones, apart from the contacts' (those take the first `contacts` values of the
            // same bijection).
            const std::int64_t digits = ((contacts + j) * 7'919'331 + 123'456'789) % 1'000'000'000;
            char phone[32];
            std::snprintf(phone, sizeof phone, "+79%09lld", static_cast<long long>(digits));
            auto points = crm::NormalizeContactPoints({phone}, {}, settings.phone_region);
            if (!points)
                throw std::runtime_error("seed: a generated lead phone was refused: " +
                                         points.error().message);
            const std::int64_t created = now - uniform(3600, 180 * 86400);
            const std::int64_t entered = std::min(now - 60, created + uniform(0, 5 * 86400));
            std::optional<std::string> lost_reason;
            if (lost) lost_reason = kLostReasons[uniform(0, Count(kLostReasons) - 1)];
            lead_rows.Add({Param(id), Param(owner), Param(title),
                           Param(kLeadSources[uniform(0, Count(kLeadSources) - 1)]), Param(person),
                           Param(uniform(0, 2'000'000) * 100), Param(settings.currency),
                           Param(stage.pipeline_id), Param(stage.id), Param(entered),
                           Param(crm::StageDeadline(stage, entered)), Param(is_open ? 1 : 0),
                           Param(lost_reason), Param(crm::SearchText({title, person, std::nullopt}, *points)),
                           Param(created), Param(entered)});
            for (const auto& p : points->phones)
                lead_points.Add({Param(id), Param(p), Param(voronka::PhoneDigits(p))});
            lead_moves.Add(
                {Param(id), Param(stage.pipeline_id), Param(stage.id), Param(entered), Param(owner)});
            history_rows.Add({Param("lead"), Param(id), Param("pipeline_id"),
                              Param(std::optional<std::string>{}), Param(std::to_string(stage.pipeline_id)),
                              Param(owner), Param(entered)});
            history_rows.Add({Param("lead"), Param(id), Param("stage_id"),
                              Param(std::optional<std::string>{}), Param(std::to_string(stage.id)),
                              Param(owner), Param(entered)});
            if (is_open && uniform(0, 99) < 90) {
                task_rows.Add({Param("lead"), Param(id), Param(owner), Param(settings.first_task_kind),
                               Param(settings.first_task_subject),
                               Param(entered + settings.first_task_due_seconds + uniform(0, 3 * 86400)),
                               Param(owner), Param(owner), Param(entered), Param(entered)});
            }
        }
        db->Write([&](store::Transaction& tx) {
            lead_rows.Flush(tx);
            lead_points.Flush(tx);
            lead_moves.Flush(tx);
            history_rows.Flush(tx);
            task_rows.Flush(tx);
        });
    }
    const double lead_seconds = Seconds(t0);

    t0 = std::chrono::steady_clock::now();
    if (pg) {
        db->Write([&](store::Transaction& tx) {
            for (const char* table : {"contacts", "deals", "companies", "leads", "contact_points", "tasks",
                                      "history", "stage_moves"}) {
                const std::string text = std::string("SELECT setval(pg_get_serial_sequence('") + table +
                                         "', 'id'), (SELECT max(id) FROM " + table + "))";
                tx.Fetch(statements.Plain(text));
            }
        });
    }
    const double finish_seconds = Seconds(t0);

    std::printf(
        "voronka_seed: %lld contacts (%lld clients) with %lld contact points in %.1f s; %lld deals "
        "(%lld open, %lld with an open task) in %.1f s; %lld companies in %.1f s; %lld leads (%lld open) in "
        "%.1f s; %lld tasks, %lld history rows; sequences %.1f s; %.1f s in all\n",
        static_cast<long long>(contacts), static_cast<long long>(clients),
        static_cast<long long>(point_rows.rows_written()), contact_seconds, static_cast<long long>(deals),
        static_cast<long long>(open), static_cast<long long>(with_task), deal_seconds,
        static_cast<long long>(companies), company_seconds, static_cast<long long>(leads),
        static_cast<long long>(open_leads), lead_seconds, static_cast<long long>(task_rows.rows_written()),
        static_cast<long long>(history_rows.rows_written()), finish_seconds, Seconds(started));
    return 0;
}
