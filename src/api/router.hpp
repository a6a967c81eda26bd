// Routing: the route table's types, matching a request to a route, and the wrapper every
// request passes through (authentication, one log line, metrics, the last-resort 500). Owned
// by api. Thread-safe after construction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "api/metrics.hpp"
#include "api/server.hpp"
#include "auth/model.hpp"
#include "core/error.hpp"

namespace voronka::api {

struct Services;

// What a handler gets: the request, the services, the path's ids and who calls.
struct Call {
    Request& request;
    Services& services;
    std::vector<std::int64_t> ids;             // the `{...}` segments of the route, in order
    std::optional<auth::Principal> principal;  // set on every route but the public ones

    std::int64_t id(std::size_t i = 0) const { return ids.at(i); }
    const auth::Principal& who() const { return *principal; }
};

using Handler = Response (*)(Call& call);

enum class Access {
    kPublic,    // no credentials needed
    kSignedIn,  // a session or API token (Bearer header, or the session cookie)
};

struct Route {
    std::string_view method;
    // Literal segments and `{name}` segments, which match a positive 64-bit integer id.
    std::string_view pattern;
    Handler handler;
    Access access = Access::kSignedIn;
    bool blocking = false;  // runs on the blocking pool (password hashing)
    // The body is streamed to a file (Request::body_file) up to the upload limit, not read into
    // memory up to the body limit: for files (imports, call recordings).
    bool upload = false;
};

// The route table of the server (api/routes.cpp). Every route is also in openapi.json.
std::span<const Route> AllRoutes();

// The name of the session cookie set at sign-in.
inline constexpr std::string_view kSessionCookie = "voronka_session";

class Router {
public:
    Router(std::span<const Route> routes, Services& services, Metrics& metrics);

    // Finds the route for a request head and returns how to run it; runs on an I/O thread
    // before the body is read. Authenticates here (and refuses cross-site cookie writes), so
    // that a request refused for its credentials is answered without reading its body.
    Dispatch Select(const Request& request) const;

private:
    struct Match {
        std::optional<std::size_t> route;  // none: no route for this method and path
        std::vector<std::int64_t> ids;
        std::string allowed;  // when the path is known under other methods: "GET, POST"
    };
    // Who calls, or the answer refusing the request from its head alone.
    struct Gate {
        std::optional<auth::Principal> principal;
        std::optional<Response> refusal;
    };
    Match Find(const Request& request) const;
    Gate Check(const api::Route& route, const Request& request) const;

    std::span<const api::Route> routes_;
    Services& services_;
    Metrics& metrics_;
};

// The bearer token of a request: the Authorization header's, else the session cookie's.
std::optional<std::string> BearerToken(const Request& request);

}  // namespace voronka::api
