#include "api/router.hpp"

#include <charconv>
#include <chrono>

#include <spdlog/spdlog.h>

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
    Response response = ErrorResponse(
        Error{ErrorCode::kMethodNotAllowed, "this route does not take " + request.method, {}});
    response.headers.emplace_back("Allow", allowed);
    return response;
}

}  // namespace

Dispatch Router::Select(const Request& request) const {
    auto match = Find(request);
    const bool blocking = match.route && routes_[*match.route].blocking;
    return Dispatch{
        .handle =
            [this, match = std::move(match)](Request& req) mutable {
                const auto started = std::chrono::steady_clock::now();
                std::optional<std::int64_t> user_id;
                std::size_t route = metrics_.UnmatchedRoute();
                std::string_view label = "unmatched";
                Response response;
                if (!match.route) {
                    response = NoRoute(req, match.allowed);
                } else {
                    route = *match.route;
                    label = routes_[route].pattern;
                    try {
                        response = Run(route, req, std::move(match.ids), user_id);
                    } catch (const std::exception& e) {
                        spdlog::error("{} {}: {}", req.method, label, e.what());
                        response = Response{.status = 500,
                                            .body = R"({"error":{"code":"internal","message":"internal error","field":null}})"};
                    }
                }
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                metrics_.Observe(route, req.method, response.status, seconds);
                if (req.method != "GET" && response.status < 400 && services_.after_change) services_.after_change();
                spdlog::info(R"({{"method":"{}","route":"{}","status":{},"duration_ms":{:.3f},"user_id":{}}})",
                             req.method, label, response.status, seconds * 1e3,
                             user_id ? std::to_string(*user_id) : "null");
                return response;
            },
        .blocking = blocking};
}

Response Router::Run(std::size_t route, Request& request, std::vector<std::int64_t> ids,
                     std::optional<std::int64_t>& user_id) const {
    const api::Route& r = routes_[route];
    Call call{.request = request, .services = services_, .ids = std::move(ids), .principal = {}};
    if (r.access == Access::kSignedIn) {
        const auto token = BearerToken(request);
        if (!token || token->empty()) return ErrorResponse(Error::Unauthenticated("sign in first"));
        auto principal = services_.sessions.Authenticate(*token);
        if (!principal) return ErrorResponse(principal.error());
        user_id = principal->user.id;
        call.principal = std::move(principal).value();
    }
    return r.handler(call);
}

}  // namespace voronka::api
