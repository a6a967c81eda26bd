#include "api/auth_json.hpp"

#include "core/duration.hpp"
#include "core/time.hpp"

namespace voronka::api {

Json ToJson(const auth::User& user) {
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", auth::RoleName(user.role)},
            {"department_id", OrNull(user.department_id)},
            {"phone_extension", OrNull(user.phone_extension)},
            {"active", user.active},
            {"created_at", FormatIso8601(user.created_at)},
            {"updated_at", FormatIso8601(user.updated_at)}};
}

Json ToJson(const auth::Department& department) {
    return {{"id", department.id},
            {"name", department.name},
            {"kind", auth::DepartmentKindName(department.kind)},
            {"head_user_id", OrNull(department.head_user_id)},
            {"created_at", FormatIso8601(department.created_at)},
            {"updated_at", FormatIso8601(department.updated_at)}};
}

Json ToJson(const auth::ApiToken& token) {
    return {{"id", token.id},
            {"name", token.name},
            {"user_id", token.user_id},
            {"created_by", token.created_by},
            {"created_at", FormatIso8601(token.created_at)},
            {"revoked_at", TimeOrNull(token.revoked_at)}};
}

Json ToJson(const auth::Settings& settings) {
    return {{"organisation_name", settings.organisation_name},
            {"time_zone", settings.time_zone},
            {"language", settings.language},
            {"currency", settings.currency},
            {"phone_region", settings.phone_region},
            {"next_step_policy", settings.next_step_policy},
            {"first_task_kind", settings.first_task_kind},
            {"first_task_subject", settings.first_task_subject},
            {"first_task_due", FormatIsoDuration(settings.first_task_due_seconds)},
            {"post_sale_task_kind", settings.post_sale_task_kind},
            {"post_sale_task_subject", settings.post_sale_task_subject},
            {"post_sale_task_due", FormatIsoDuration(settings.post_sale_task_due_seconds)}};
}

}  // namespace voronka::api
