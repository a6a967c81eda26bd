#include "core/error.hpp"

namespace voronka {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kMalformed: return "malformed";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kForbidden: return "forbidden";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kDuplicate: return "duplicate";
        case ErrorCode::kNextStepRequired: return "next_step_required";
        case ErrorCode::kPayloadTooLarge: return "payload_too_large";
        case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
        case ErrorCode::kValidationFailed: return "validation_failed";
        case ErrorCode::kThrottled: return "throttled";
    }
    return "unknown";
}

Error Error::Malformed(std::string message, std::string field) {
    return {ErrorCode::kMalformed, std::move(message), std::move(field)};
}
Error Error::Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}};
}
Error Error::Forbidden(std::string message) {
    return {ErrorCode::kForbidden, std::move(message), {}};
}
Error Error::NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
}
Error Error::Conflict(std::string message, std::string field) {
    return {ErrorCode::kConflict, std::move(message), std::move(field)};
}
Error Error::Duplicate(std::string message, std::string field) {
    return {ErrorCode::kDuplicate, std::move(message), std::move(field)};
}
Error Error::Validation(std::string message, std::string field) {
    return {ErrorCode::kValidationFailed, std::move(message), std::move(field)};
}
Error Error::Throttled(std::string message) {
    return {ErrorCode::kThrottled, std::move(message), {}};
}

}  // namespace voronka
