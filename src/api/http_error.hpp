// The one table from error codes to HTTP statuses, and the error body of every failed request:
// {"error": {"code", "message", "field"}}. Owned by api.
#pragma once

#include "api/http.hpp"
#include "core/error.hpp"

namespace voronka::api {

int HttpStatusOf(ErrorCode code);

// The response for an error: its status, and the body with code, message and field (null when
// the error names none).
Response ErrorResponse(const Error& error);

// 403 `cross_site_request`: a write authenticated by the session cookie that did not come from
// the server's own origin. A code of the api layer alone (like `internal`): no domain function
// can cause it.
Response CrossSiteRequestResponse();

}  // namespace voronka::api
