#include "core/validation.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace voronka {

Result<std::string> CheckText(std::string_view value, std::string_view field,
                              std::size_t max_length) {
    const std::string_view trimmed = Trim(value);
    if (trimmed.empty()) return Error::Validation(fmt::format("{} must not be empty", field), std::string(field));
    if (HasControlCharacter(trimmed)) {
        return Error::Validation(fmt::format("{} must not contain control characters", field),
                                 std::string(field));
    }
    if (Utf8Length(trimmed) > max_length) {
        return Error::Validation(fmt::format("{} is longer than {} characters", field, max_length),
                                 std::string(field));
    }
    return std::string(trimmed);
}

Result<std::string> CheckEmail(std::string_view value, std::string_view field) {
    const std::string_view email = Trim(value);
    const auto at = email.find('@');
    const bool well_formed = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
                             email.find('@', at + 1) == std::string_view::npos &&
                             email.find_first_of(" ,;<>\"") == std::string_view::npos &&
                             !HasControlCharacter(email) &&
                             email.size() <= 254;
    if (!well_formed) {
        return Error::Validation(fmt::format("{} is not an e-mail address", field), std::string(field));
    }
    return std::string(email);
}

Error NotOneOf(std::string_view field, std::string_view allowed) {
    return Error::Validation(fmt::format("{} must be one of: {}", field, allowed), std::string(field));
}

}  // namespace voronka
