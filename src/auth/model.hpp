// Accounts of the organisation: users, departments, roles, the signed-in principal and the
// organisation's settings. Owned by auth. Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace voronka::auth {

// When adding a role, also add it to RoleName()/ParseRole() and to ScopeOf().
enum class Role { kAdmin, kHead, kManager };
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

enum class DepartmentKind { kSales, kPurchasing, kLogistics, kOther };
std::string_view DepartmentKindName(DepartmentKind kind);
std::optional<DepartmentKind> ParseDepartmentKind(std::string_view name);

struct User {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    Role role = Role::kManager;
    std::optional<std::int64_t> department_id;
    std::optional<std::string> phone_extension;
    bool active = true;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

struct Department {
    std::int64_t id = 0;
    std::string name;
    DepartmentKind kind = DepartmentKind::kSales;
    std::optional<std::int64_t> head_user_id;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

// Who makes a request: a user signed in with a session, or an integration's API token acting
// as the user it was issued for.
struct Principal {
    User user;
    enum class Via { kSession, kApiToken } via = Via::kSession;
    std::int64_t credential_id = 0;  // the session's or the API token's id

    bool IsAdmin() const { return user.role == Role::kAdmin; }
};

// Organisation-wide settings. Later modules add their own fields here.
struct Settings {
    std::string organisation_name = "Voronka";
    std::string time_zone = "Europe/Moscow";  // IANA name
    std::string language = "ru";              // "ru" or "en"
    std::string currency = "RUB";             // ISO 4217
    std::string phone_region = "RU";          // ISO 3166-1 alpha-2, for phone numbers

    // The next-step rule (crm): "enforce" refuses leaving an open lead, open deal or client
    // without an open task; "warn" allows it with a warning.
    std::string next_step_policy = "enforce";
    // The first task of a new lead or deal without one: kind, subject, due after creation.
    std::string first_task_kind = "call";
    std::string first_task_subject = "Обработать новый лид";
    std::int64_t first_task_due_seconds = 3600;
    // The post-sale next step on the contact of a won deal.
    std::string post_sale_task_kind = "call";
    std::string post_sale_task_subject = "Узнать отзыв клиента";
    std::int64_t post_sale_task_due_seconds = 3 * 86400;
};

}  // namespace voronka::auth
