#include "crm/record_support.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace voronka::crm {
namespace {

std::vector<std::string> Missing(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after, bool fold) {
    std::vector<std::string> added;
    for (const auto& value : after) {
        const bool known = std::any_of(before.begin(), before.end(), [&](const std::string& old) {
            return fold ? FoldCase(old) == FoldCase(value) : old == value;
        });
        if (!known) added.push_back(value);
    }
    return added;
}

}  // namespace

ListOrder OrderOf(ListSort sort) {
    switch (sort) {
        case ListSort::kIdAscending: return {"id", false, CursorKeyKind::kIdOnly};
        case ListSort::kIdDescending: return {"id", true, CursorKeyKind::kIdOnly};
        case ListSort::kNameAscending: return {"name", false, CursorKeyKind::kText};
        case ListSort::kNameDescending: return {"name", true, CursorKeyKind::kText};
        case ListSort::kUpdatedAscending: return {"updated_at", false, CursorKeyKind::kInteger};
        case ListSort::kUpdatedDescending: return {"updated_at", true, CursorKeyKind::kInteger};
    }
    return {};
}

std::optional<ListSort> ParseListSort(std::string_view text) {
    if (text == "id" || text == "created_at") return ListSort::kIdAscending;
    if (text == "-id" || text == "-created_at") return ListSort::kIdDescending;
    if (text == "name") return ListSort::kNameAscending;
    if (text == "-name") return ListSort::kNameDescending;
    if (text == "updated_at") return ListSort::kUpdatedAscending;
    if (text == "-updated_at") return ListSort::kUpdatedDescending;
    return std::nullopt;
}

Result<std::int64_t> CheckOwnerChoice(auth::UserService& users, const auth::Principal& principal,
                                      std::optional<std::int64_t> owner_id) {
    if (!owner_id || *owner_id == principal.user.id) return principal.user.id;
    const auto user = users.Get(principal, *owner_id);
    if (!user) return Error::Validation("owner_id must be a user you can see", "owner_id");
    if (!user->active) return Error::Validation("owner_id must be an active user", "owner_id");
    return user->id;
}

std::optional<std::string> PointsText(const std::vector<std::string>& values) {
    if (values.empty()) return std::nullopt;
    std::string text;
    for (const auto& value : values) {
        if (!text.empty()) text += ", ";
        text += value;
    }
    return text;
}

ContactPoints AddedPoints(const ContactPoints& before, const ContactPoints& after) {
    return ContactPoints{Missing(before.phones, after.phones, false),
                         Missing(before.emails, after.emails, true)};
}

Result<std::string> CheckInn(std::string_view inn) {
    const std::string_view trimmed = Trim(inn);
    const bool digits =
        (trimmed.size() == 10 || trimmed.size() == 12) &&
        std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return Error::Validation("inn must be 10 or 12 digits", "inn");
    return std::string(trimmed);
}

}  // namespace voronka::crm
