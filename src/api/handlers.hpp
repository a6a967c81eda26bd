// Every handler of the route table (routes.cpp). Each parses and validates its input, calls one
// service function and renders the answer. Owned by api.
#pragma once

#include "api/http_error.hpp"
#include "api/json.hpp"
#include "api/router.hpp"

namespace voronka::api {

// Renders a service's result: the value through `to_json` with `status`, or the error.
template <typename T, typename ToJsonFn>
Response Render(const Result<T>& result, ToJsonFn to_json, int status = 200) {
    if (!result) return ErrorResponse(result.error());
    return JsonResponse(to_json(*result), status);
}

// system_handlers.cpp
Response GetHealth(Call& call);
Response GetMetrics(Call& call);
Response GetOpenApi(Call& call);
Response GetSettings(Call& call);
Response PatchSettings(Call& call);

// session_handlers.cpp
Response PostLogin(Call& call);
Response PostLogout(Call& call);
Response GetMe(Call& call);
Response ListApiTokens(Call& call);
Response PostApiToken(Call& call);
Response DeleteApiToken(Call& call);

// account_handlers.cpp
Response ListUsers(Call& call);
Response PostUser(Call& call);
Response GetUser(Call& call);
Response PatchUser(Call& call);
Response ListDepartments(Call& call);
Response PostDepartment(Call& call);
Response GetDepartment(Call& call);
Response PatchDepartment(Call& call);
Response DeleteDepartment(Call& call);

}  // namespace voronka::api
