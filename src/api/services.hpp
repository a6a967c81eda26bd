// The domain services the handlers call, wired once by app. Owned by api. Each service is
// thread-safe; this struct is shared by all request threads.
#pragma once

#include "api/metrics.hpp"
#include "auth/api_token_service.hpp"
#include "auth/department_service.hpp"
#include "auth/session_service.hpp"
#include "auth/settings_service.hpp"
#include "auth/user_service.hpp"
#include "core/time.hpp"
// [includes]
// [/includes]
#include "store/database.hpp"

namespace voronka::api {

struct Services {
    Services(store::Database& database, const Clock& time, Metrics& request_metrics,
             auth::SessionOptions session_options, bool secure_cookies)
        : db(database),
          clock(time),
          metrics(request_metrics),
          users(database, time),
          departments(database, time),
          sessions(database, time, session_options),
          api_tokens(database, time),
          settings(database),
          // [records]
          // [/records]
          // [pipelines]
          // [/pipelines]
          // [tasks]
          // [/tasks]
          secure_cookie(secure_cookies) {}

    store::Database& db;
    const Clock& clock;
    Metrics& metrics;
    auth::UserService users;
    auth::DepartmentService departments;
    auth::SessionService sessions;
    auth::ApiTokenService api_tokens;
    auth::SettingsService settings;
    // [records] members
    // [/records]
    // [pipelines] members
    // [/pipelines]
    // [tasks] members
    // [/tasks]
    bool secure_cookie;  // mark the session cookie Secure (when served over HTTPS)
};

}  // namespace voronka::api
