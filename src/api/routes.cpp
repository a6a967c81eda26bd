// The route table: every METHOD /path of the server and its handler. When adding a route, also
// describe it in openapi.json (a test compares the two).
#include <array>

#include "api/handlers.hpp"
// [includes]
// [/includes]

namespace voronka::api {
namespace {

constexpr auto kPublic = Access::kPublic;
constexpr auto kSignedIn = Access::kSignedIn;
constexpr bool kBlocking = true;

constexpr std::array kRoutes{
    Route{"GET", "/healthz", GetHealth, kPublic},
    Route{"GET", "/metrics", GetMetrics, kPublic},
    Route{"GET", "/api/v1/openapi.json", GetOpenApi, kPublic},

    Route{"POST", "/api/v1/auth/login", PostLogin, kPublic, kBlocking},
    Route{"POST", "/api/v1/auth/logout", PostLogout, kSignedIn},
    Route{"GET", "/api/v1/me", GetMe, kSignedIn},

    Route{"GET", "/api/v1/users", ListUsers, kSignedIn},
    Route{"POST", "/api/v1/users", PostUser, kSignedIn, kBlocking},
    Route{"GET", "/api/v1/users/{id}", GetUser, kSignedIn},
    Route{"PATCH", "/api/v1/users/{id}", PatchUser, kSignedIn, kBlocking},

    Route{"GET", "/api/v1/departments", ListDepartments, kSignedIn},
    Route{"POST", "/api/v1/departments", PostDepartment, kSignedIn},
    Route{"GET", "/api/v1/departments/{id}", GetDepartment, kSignedIn},
    Route{"PATCH", "/api/v1/departments/{id}", PatchDepartment, kSignedIn},

    Route{"GET", "/api/v1/api-tokens", ListApiTokens, kSignedIn},
    Route{"POST", "/api/v1/api-tokens", PostApiToken, kSignedIn},
    Route{"DELETE", "/api/v1/api-tokens/{id}", DeleteApiToken, kSignedIn},

    Route{"GET", "/api/v1/settings", GetSettings, kSignedIn},
    Route{"PATCH", "/api/v1/settings", PatchSettings, kSignedIn},

    // [records] companies, contacts, custom fields, search
    // [/records]
    // [pipelines] pipelines, stages, board, leads, deals, stage control
    // [/pipelines]
    // [tasks] tasks, notes, history, timeline, no-next-step control
    // [/tasks]
};

}  // namespace

std::span<const Route> AllRoutes() { return kRoutes; }

}  // namespace voronka::api
