#include "api/http_error.hpp"

#include <nlohmann/json.hpp>

namespace voronka::api {

int HttpStatusOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::kMalformed: return 400;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kForbidden: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kMethodNotAllowed: return 405;
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kDuplicate: return 409;
        case ErrorCode::kNextStepRequired: return 409;
        case ErrorCode::kPayloadTooLarge: return 413;
        case ErrorCode::kUnsupportedMediaType: return 415;
        case ErrorCode::kValidationFailed: return 422;
        case ErrorCode::kThrottled: return 429;
    }
    return 500;
}

Response ErrorResponse(const Error& error) {
    nlohmann::json body = {
        {"error",
         {{"code", ErrorCodeName(error.code)},
          {"message", error.message},
          {"field", error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field)}}}};
    if (error.existing) {
        body["error"]["existing"] = {{"type", error.existing->type}, {"id", error.existing->id}};
    }
    Response response{.status = HttpStatusOf(error.code), .body = body.dump()};
    if (error.code == ErrorCode::kUnauthenticated) {
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
    }
    return response;
}

Response CrossSiteRequestResponse() {
    const nlohmann::json body = {
        {"error",
         {{"code", "cross_site_request"},
          {"message",
           "a write authenticated by the session cookie must come from this server's origin (Origin or "
           "Sec-Fetch-Site: same-origin); integrations use Authorization: Bearer"},
          {"field", nullptr}}}};
    return Response{.status = 403, .body = body.dump()};
}

}  // namespace voronka::api
