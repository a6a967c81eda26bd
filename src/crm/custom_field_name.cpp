#include <algorithm>

#include "crm/custom_fields.hpp"

namespace voronka::crm {

// Apart from the custom field service, so that the template parser can link it without the store
// (the fuzz target of templates does).
Status CheckCustomFieldName(std::string_view name) {
    const bool ok = !name.empty() && name.size() <= 63 && name[0] >= 'a' && name[0] <= 'z' &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
    if (!ok) {
        return Error::Validation("name must be a lower-case Latin letter, then up to 62 letters, digits or _",
                                 "name");
    }
    return Ok{};
}

}  // namespace voronka::crm
