#include "api/crm_json.hpp"

#include <fmt/format.h>

namespace voronka::api {

Result<crm::CustomInputs> CustomInputsFrom(const Json& object) {
    if (!object.is_object()) return Error::Validation("custom_fields must be an object", "custom_fields");
    crm::CustomInputs inputs;
    for (const auto& [name, value] : object.items()) {
        const std::string field = "custom_fields." + name;
        if (value.is_null()) {
            inputs[name] = std::monostate{};
        } else if (value.is_boolean()) {
            inputs[name] = value.get<bool>();
        } else if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) {
            return Error::Validation(fmt::format("{} is too large", field), field);
        } else if (value.is_number_integer()) {
            inputs[name] = value.get<std::int64_t>();
        } else if (value.is_number_float()) {
            inputs[name] = value.get<double>();
        } else if (value.is_string() && value.get_ref<const std::string&>().find('\0') == std::string::npos) {
            inputs[name] = value.get<std::string>();
        } else {
            return Error::Validation(fmt::format("{} must be a string, number, boolean or null", field),
                                     field);
        }
    }
    return inputs;
}

crm::CustomInputs ReadCustomFields(JsonBody& body) {
    const Json* object = body.Object("custom_fields");
    if (object == nullptr) return {};
    auto inputs = CustomInputsFrom(*object);
    if (!inputs) {
        body.Reject(inputs.error());
        return {};
    }
    return std::move(*inputs);
}

void AddContactPoints(Json& record, const crm::ContactPoints& points) {
    record["phones"] = points.phones;
    record["emails"] = points.emails;
}

}  // namespace voronka::api
