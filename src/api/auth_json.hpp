// JSON of the auth module's types, as the API shows them. Owned by api.
#pragma once

#include "api/json.hpp"
#include "auth/api_token_service.hpp"
#include "auth/model.hpp"

namespace voronka::api {

Json ToJson(const auth::User& user);
Json ToJson(const auth::Department& department);
Json ToJson(const auth::ApiToken& token);
Json ToJson(const auth::Settings& settings);

}  // namespace voronka::api
