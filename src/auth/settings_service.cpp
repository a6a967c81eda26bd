#include "auth/settings_service.hpp"

#include <charconv>
#include <filesystem>

#include "auth_sql.hpp"
#include "core/duration.hpp"
#include "core/money.hpp"
#include "core/phone.hpp"
#include "core/validation.hpp"

namespace voronka::auth {
namespace {

using store::Param;

// Setting keys as stored. When adding a setting, also add it to Settings, SettingsPatch,
// ReadSettings() and the api's settings mapping.
constexpr std::string_view kOrganisationName = "organisation_name";
constexpr std::string_view kTimeZone = "time_zone";
constexpr std::string_view kLanguage = "language";
constexpr std::string_view kCurrency = "currency";
constexpr std::string_view kPhoneRegion = "phone_region";
constexpr std::string_view kNextStepPolicy = "next_step_policy";
constexpr std::string_view kFirstTaskKind = "first_task_kind";
constexpr std::string_view kFirstTaskSubject = "first_task_subject";
constexpr std::string_view kFirstTaskDue = "first_task_due";
constexpr std::string_view kPostSaleTaskKind = "post_sale_task_kind";
constexpr std::string_view kPostSaleTaskSubject = "post_sale_task_subject";
constexpr std::string_view kPostSaleTaskDue = "post_sale_task_due";
constexpr std::string_view kTaskKinds = "call, meeting, email, todo";

std::int64_t SecondsOr(const std::string& text, std::int64_t fallback) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

bool IsTaskKind(const std::string& kind) {
    return kind == "call" || kind == "meeting" || kind == "email" || kind == "todo";
}

Settings ReadSettings(store::Transaction& tx) {
    Settings settings;
    for (const auto& row : tx.Fetch(sql::kSettingsAll)) {
        std::string key;
        std::string value;
        store::ReadRow(row, [&](store::RowReader& r) {
            key = r.Text();
            value = r.Text();
        });
        if (key == kOrganisationName)
            settings.organisation_name = std::move(value);
        else if (key == kTimeZone)
            settings.time_zone = std::move(value);
        else if (key == kLanguage)
            settings.language = std::move(value);
        else if (key == kCurrency)
            settings.currency = std::move(value);
        else if (key == kPhoneRegion)
            settings.phone_region = std::move(value);
        else if (key == kNextStepPolicy)
            settings.next_step_policy = std::move(value);
        else if (key == kFirstTaskKind)
            settings.first_task_kind = std::move(value);
        else if (key == kFirstTaskSubject)
            settings.first_task_subject = std::move(value);
        else if (key == kFirstTaskDue)
            settings.first_task_due_seconds = SecondsOr(value, settings.first_task_due_seconds);
        else if (key == kPostSaleTaskKind)
            settings.post_sale_task_kind = std::move(value);
        else if (key == kPostSaleTaskSubject)
            settings.post_sale_task_subject = std::move(value);
        else if (key == kPostSaleTaskDue)
            settings.post_sale_task_due_seconds = SecondsOr(value, settings.post_sale_task_due_seconds);
    }
    return settings;
}

}  // namespace

bool IsKnownTimeZone(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string::npos ||
        name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") !=
            std::string::npos) {
        return false;
    }
    std::error_code ec;
    return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / name, ec);
}

Settings SettingsService::Get() {
    return db_.Read([](store::Transaction& tx) { return ReadSettings(tx); });
}

Result<Settings> SettingsService::Update(const Principal& principal, const SettingsPatch& patch) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change settings");
    return UpdateUnchecked(patch);
}

Result<Settings> SettingsService::UpdateUnchecked(const SettingsPatch& patch) {
    std::vector<std::pair<std::string_view, std::string>> changes;
    if (patch.organisation_name) {
        auto name = CheckText(*patch.organisation_name, "organisation_name");
        if (!name) return std::move(name).error();
        changes.emplace_back(kOrganisationName, *name);
    }
    if (patch.time_zone) {
        if (!IsKnownTimeZone(*patch.time_zone)) {
            return Error::Validation("time_zone must be an IANA time zone such as Europe/Moscow",
                                     "time_zone");
        }
        changes.emplace_back(kTimeZone, *patch.time_zone);
    }
    if (patch.language) {
        if (*patch.language != "ru" && *patch.language != "en") return NotOneOf("language", "ru, en");
        changes.emplace_back(kLanguage, *patch.language);
    }
    if (patch.currency) {
        if (!FindCurrency(*patch.currency)) return NotOneOf("currency", SupportedCurrencyCodes());
        changes.emplace_back(kCurrency, *patch.currency);
    }
    if (patch.phone_region) {
        const auto& r = *patch.phone_region;
        if (r.size() != 2 || r[0] < 'A' || r[0] > 'Z' || r[1] < 'A' || r[1] > 'Z' || !IsPhoneRegion(r)) {
            return Error::Validation("phone_region must be a region code such as RU", "phone_region");
        }
        changes.emplace_back(kPhoneRegion, r);
    }
    if (patch.next_step_policy) {
        if (*patch.next_step_policy != "enforce" && *patch.next_step_policy != "warn") {
            return NotOneOf("next_step_policy", "enforce, warn");
        }
        changes.emplace_back(kNextStepPolicy, *patch.next_step_policy);
    }
    for (const auto& [key, kind] : {std::pair{kFirstTaskKind, &patch.first_task_kind},
                                    std::pair{kPostSaleTaskKind, &patch.post_sale_task_kind}}) {
        if (!*kind) continue;
        if (!IsTaskKind(**kind)) return NotOneOf(key, kTaskKinds);
        changes.emplace_back(key, **kind);
    }
    for (const auto& [key, subject] : {std::pair{kFirstTaskSubject, &patch.first_task_subject},
                                       std::pair{kPostSaleTaskSubject, &patch.post_sale_task_subject}}) {
        if (!*subject) continue;
        auto checked = CheckText(**subject, key);
        if (!checked) return std::move(checked).error();
        changes.emplace_back(key, *checked);
    }
    for (const auto& [key, due] : {std::pair{kFirstTaskDue, &patch.first_task_due},
                                   std::pair{kPostSaleTaskDue, &patch.post_sale_task_due}}) {
        if (!*due) continue;
        const auto seconds = ParseIsoDuration(**due);
        if (!seconds) {
            return Error::Validation(std::string(key) + " must be an ISO 8601 duration such as PT1H or P3D",
                                     std::string(key));
        }
        changes.emplace_back(key, std::to_string(*seconds));
    }
    return db_.Write([&](store::Transaction& tx) -> Result<Settings> {
        for (const auto& [key, value] : changes) tx.Execute(sql::kSettingsPut, {Param(key), Param(value)});
        return ReadSettings(tx);
    });
}

}  // namespace voronka::auth
