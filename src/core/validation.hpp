// Checks of common input values, answering a validation error that names the field. Owned by
// core. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace voronka {

// A non-empty one-line text of at most `max_length` characters after trimming, without control
// characters; answers the trimmed text.
Result<std::string> CheckText(std::string_view value, std::string_view field,
                              std::size_t max_length = 200);

// An e-mail address: local@domain, no spaces or control characters, at most 254 bytes; answers
// it trimmed.
Result<std::string> CheckEmail(std::string_view value, std::string_view field);

// A value that must be one of `allowed`, for error messages listing them.
Error NotOneOf(std::string_view field, std::string_view allowed);

}  // namespace voronka
