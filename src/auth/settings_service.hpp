// The organisation's settings (name, time zone, language, currency, phone region), kept as
// key/value rows so that later modules add settings without a migration. Owned by auth.
// Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace voronka::auth {

struct SettingsPatch {
    std::optional<std::string> organisation_name;
    std::optional<std::string> time_zone;
    std::optional<std::string> language;
    std::optional<std::string> currency;
    std::optional<std::string> phone_region;
    std::optional<std::string> next_step_policy;
    std::optional<std::string> first_task_kind;
    std::optional<std::string> first_task_subject;
    std::optional<std::string> first_task_due;  // ISO 8601 duration
    std::optional<std::string> post_sale_task_kind;
    std::optional<std::string> post_sale_task_subject;
    std::optional<std::string> post_sale_task_due;  // ISO 8601 duration
};

class SettingsService {
public:
    explicit SettingsService(store::Database& db) : db_(db) {}

    // The stored settings over the defaults of Settings.
    Settings Get();

    // Admin only (Forbidden). Validation names the field: an unknown time zone, a language
    // other than ru/en, an unsupported currency, an unknown phone region, a policy other than
    // enforce/warn, an unknown task kind, a malformed ISO 8601 duration.
    Result<Settings> Update(const Principal& principal, const SettingsPatch& patch);
    Result<Settings> UpdateUnchecked(const SettingsPatch& patch);

private:
    store::Database& db_;
};

// True when `name` is an IANA time zone known to the system's tz database.
bool IsKnownTimeZone(const std::string& name);

}  // namespace voronka::auth
