#include "api/router.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

#include "api/http_error.hpp"
#include "api/services.hpp"
#include "core/text.hpp"

namespace voronka::api {
namespace {

// Splits "/a/b/c" into {"a", "b", "c"}.
std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < path.size()) {
        if (path[pos] == '/') {
            ++pos;
            continue;
        }
        const auto end = path.find('/', pos);
        out.push_back(path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end;
    }
    return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path, std::vector<std::int64_t>& ids) {
    if (path.size() > 1 && path.back() == '/') return false;
    const auto want = Segments(pattern);
    const auto have = Segments(path);
    if (want.size() != have.size()) return false;
    ids.clear();
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].starts_with('{')) {
            std::int64_t id = 0;
            const auto [end, ec] = std::from_chars(have[i].data(), have[i].data() + have[i].size(), id);
            if (ec != std::errc{} || end != have[i].data() + have[i].size() || id <= 0) return false;
            ids.push_back(id);
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto end = std::min(header.find(';', pos), header.size());
        const std::string_view pair = Trim(header.substr(pos, end - pos));
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            return std::string(pair.substr(eq + 1));
        }
        pos = end + 1;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> BearerToken(const Request& request) {
    if (!request.authorization.empty()) {
        constexpr std::string_view kScheme = "Bearer ";
        std::string_view header = request.authorization;
        if (header.size() > kScheme.size() && FoldCase(header.substr(0, kScheme.size())) == "bearer ") {
            return std::string(Trim(header.substr(kScheme.size())));
        }
        return std::string{};  // another scheme: present but unusable
    }
    return CookieValue(request.cookie, kSessionCookie);
}

Router::Router(std::span<const api::Route> routes, Services& services, Metrics& metrics)
    : routes_(routes), services_(services), metrics_(metrics) {}

Router::Match Router::Find(const Request& request) const {
    Match match;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        if (!MatchPattern(routes_[i].pattern, request.path, match.ids)) continue;
        if (routes_[i].method == request.method) {
            match.route = i;
            return match;
        }
        if (!match.allowed.empty()) match.allowed += ", ";
        match.allowed += routes_[i].method;
    }
    return match;
}

namespace {

// The answer when no route matches: 405 with Allow for a path known under other methods.
Response NoRoute(const Request& request, const std::string& allowed) {
    if (allowed.empty()) return ErrorResponse(Error::NotFound("no such route"));
    Response response =
        ErrorResponse(Error{ErrorCode::kMethodNotAllowed, "this route does not take " + request.method, {}});
    response.headers.emplace_back("Allow", allowed);
    return response;
}

}  // namespace

namespace {

bool IsWrite(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

Response InternalErrorResponse() {
    return Response{.status = 500,
                    .body = R"({"error":{"code":"internal","message":"internal error","field":null}})"};
}

}  // namespace

Router::Gate Router::Check(const api::Route& route, const Request& request) const {
    Gate gate;
    if (route.access != Access::kSignedIn) return gate;
    const auto token = BearerToken(request);
    if (!token || token->empty()) {
        gate.refusal = ErrorResponse(Error::Unauthenticated("sign in first"));
        return gate;
    }
    // A cookie is sent by the browser whoever made the page: a write authenticated by it must
    // come from our own origin. The Authorization header is never added by a browser by itself.
    const bool by_cookie = request.authorization.empty();
    if (by_cookie && IsWrite(request.method) && !IsSameOrigin(request, services_.public_origin)) {
        gate.refusal = CrossSiteRequestResponse();
        return gate;
    }
    auto principal = services_.sessions.Authenticate(*token);
    if (!principal) {
        gate.refusal = ErrorResponse(principal.error());
        return gate;
    }
    gate.principal = std::move(principal).value();
    return gate;
}

Dispatch Router::Select(const Request& request) const {
    auto match = Find(request);
    Gate gate;
    // Checking credentials is part of the request's time, though it runs before the body is read.
    const auto checking = std::chrono::steady_clock::now();
    if (match.route) {
        try {
            gate = Check(routes_[*match.route], request);
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", request.method, routes_[*match.route].pattern, e.what());
            gate.refusal = InternalErrorResponse();
        }
    }
    auto pool = Dispatch::Pool::kIo;
    if (match.route && !gate.refusal) {
        if (routes_[*match.route].blocking) {
            pool = Dispatch::Pool::kBlocking;
        } else if (request.method != "GET" && request.method != "HEAD") {
            pool = Dispatch::Pool::kWrite;
        }
    }
    const bool read_body = match.route && !gate.refusal;
    const bool body_to_file = read_body && routes_[*match.route].upload;
    const bool authenticated = gate.principal.has_value();
    const auto checked = std::chrono::steady_clock::now() - checking;
    return Dispatch{
        .handle =
            [this, match = std::move(match), gate = std::move(gate), checked](Request& req) mutable {
                const auto started = std::chrono::steady_clock::now() - checked;
                std::optional<std::int64_t> user_id;
                if (gate.principal) user_id = gate.principal->user.id;
                std::size_t route = metrics_.UnmatchedRoute();
                std::string_view label = "unmatched";
                Response response;
                if (!match.route) {
                    response = NoRoute(req, match.allowed);
                } else if (gate.refusal) {
                    route = *match.route;
                    label = routes_[route].pattern;
                    response = std::move(*gate.refusal);
                } else {
                    route = *match.route;
                    label = routes_[route].pattern;
                    try {
                        Call call{.request = req,
                                  .services = services_,
                                  .ids = std::move(match.ids),
                                  .principal = std::move(gate.principal)};
                        response = routes_[route].handler(call);
                    } catch (const std::exception& e) {
                        spdlog::error("{} {}: {}", req.method, label, e.what());
                        response = InternalErrorResponse();
                    }
                }
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                metrics_.Observe(route, req.method, response.status, seconds);
                if (req.method != "GET" && response.status < 400 && services_.after_change)
                    services_.after_change();
                spdlog::info(
                    R"({{"method":"{}","route":"{}","status":{},"duration_ms":{:.3f},"user_id":{}}})",
                    req.method, label, response.status, seconds * 1e3,
                    user_id ? std::to_string(*user_id) : "null");
                return response;
            },
        .pool = pool,
        .read_body = read_body,
        .body_to_file = body_to_file,
        .authenticated = authenticated};
}

}  // namespace voronka::api
