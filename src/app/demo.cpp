// The demo organisation: departments, users and settings of a small sales company, with one
// password for every demo user, and its sales (crm/demo_sales.hpp) spread over the head and the
// managers of sales. Deterministic; created only into a database without users.
#include <iostream>

#include "app/commands.hpp"
#include "auth/department_service.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "automation/demo_rules.hpp"
#include "crm/demo_sales.hpp"
#include "crm/pipeline_service.hpp"
#include "store/database.hpp"

namespace voronka::app {
namespace {

constexpr const char* kDemoPassword = "voronka-demo";
constexpr const char* kAdminEmail = "admin@voronka.example";

struct DemoUser {
    const char* email;
    const char* name;
    auth::Role role;
    int department;  // index into kDepartments, -1 for none
    const char* extension;
};

struct DemoDepartment {
    const char* name;
    auth::DepartmentKind kind;
};

constexpr DemoDepartment kDepartments[] = {
    {"Отдел продаж", auth::DepartmentKind::kSales},
    {"Закупки", auth::DepartmentKind::kPurchasing},
    {"Логистика", auth::DepartmentKind::kLogistics},
};

constexpr DemoUser kUsers[] = {
    {kAdminEmail, "Администратор", auth::Role::kAdmin, -1, nullptr},
    {"head@voronka.example", "Ольга Смирнова", auth::Role::kHead, 0, "100"},
    {"ivanov@voronka.example", "Иван Иванов", auth::Role::kManager, 0, "101"},
    {"sokolova@voronka.example", "Мария Соколова", auth::Role::kManager, 0, "102"},
    {"kuznetsov@voronka.example", "Алексей Кузнецов", auth::Role::kManager, 0, "103"},
    {"volkov@voronka.example", "Сергей Волков", auth::Role::kManager, 1, "201"},
    {"morozova@voronka.example", "Анна Морозова", auth::Role::kManager, 2, "301"},
};

void PrintSignIn() {
    std::cout << "Sign in as " << kAdminEmail << " with the password " << kDemoPassword
              << " (every demo user, e.g. head@voronka.example, has the same password).\n";
}

}  // namespace

int Demo(const Config& config, bool accounts_only) {
    store::Options options;
    options.url = config.database;
    auto db = store::Database::Open(options);
    db->Migrate();
    SystemClock clock;
    auth::UserService users(*db, clock);
    auth::DepartmentService departments(*db, clock);
    auth::SettingsService settings(*db);
    crm::PipelineService(*db, clock).EnsureDefaultPipelines();

    if (users.Count() > 0) {
        std::cout << "voronka: the database already has users; the demo organisation was not created.\n";
        PrintSignIn();
        return 0;
    }
    auto checked = [](auto result) {
        if (!result) throw std::runtime_error("demo: " + result.error().message);
        return std::move(result).value();
    };
    checked(settings.UpdateUnchecked({.organisation_name = "ООО «Демо»",
                                      .time_zone = "Europe/Moscow",
                                      .language = "ru",
                                      .currency = "RUB",
                                      .phone_region = "RU"}));
    std::vector<std::int64_t> department_ids;
    for (const auto& d : kDepartments) {
        department_ids.push_back(checked(departments.CreateUnchecked(
                                             {.name = d.name, .kind = d.kind, .head_user_id = std::nullopt}))
                                     .id);
    }
    std::optional<auth::User> admin;
    std::optional<std::int64_t> head_id;
    std::vector<std::int64_t> sales_ids;  // the head and the managers of sales
    for (const auto& u : kUsers) {
        auto user = checked(users.CreateUnchecked(
            {.email = u.email,
             .name = u.name,
             .role = u.role,
             .department_id = u.department >= 0 ? std::optional(department_ids[u.department]) : std::nullopt,
             .phone_extension = u.extension ? std::optional<std::string>(u.extension) : std::nullopt,
             .password = kDemoPassword}));
        if (u.department == 0) sales_ids.push_back(user.id);
        if (u.role == auth::Role::kAdmin) admin = user;
        if (u.role == auth::Role::kHead) head_id = user.id;
    }
    checked(departments.Update(auth::Principal{.user = *admin}, department_ids[0],
                               {.name = std::nullopt, .kind = std::nullopt, .head_user_id = head_id}));
    if (!accounts_only) {
        const auto automation = automation::CreateDemoAutomation(*db, clock, auth::Principal{.user = *admin},
                                                                 department_ids[1], department_ids[2]);
        std::cout << "voronka: demo automation created: " << automation.templates << " templates, "
                  << automation.rules << " rules.\n";
        const auto sales = crm::CreateDemoSales(*db, clock, {.owner_ids = sales_ids});
        std::cout << "voronka: demo sales created: " << sales.leads << " leads, " << sales.deals << " deals, "
                  << sales.contacts << " contacts, " << sales.companies << " companies, " << sales.notes
                  << " notes.\n";
    }
    std::cout << "voronka: demo organisation created.\n";
    PrintSignIn();
    return 0;
}

}  // namespace voronka::app
