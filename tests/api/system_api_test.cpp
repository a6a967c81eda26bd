// The server's own routes (/healthz, /metrics, the OpenAPI document), routing, keep-alive and
// the request log, over HTTP against the real binary on each back end.
#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class SystemApi : public ApiTest {};

// The value of the sample `name{labels}` in Prometheus text, when exactly these labels (in any
// order) are present; labels not listed in `labels` are ignored.
std::optional<double> MetricValue(const std::string& text, std::string_view name,
                                  const std::map<std::string, std::string>& labels) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with(name) || line.size() <= name.size()) continue;
        std::size_t pos = name.size();
        std::map<std::string, std::string> have;
        if (line[pos] == '{') {
            const auto close = line.find('}', pos);
            if (close == std::string::npos) continue;
            const std::string body = line.substr(pos + 1, close - pos - 1);
            std::size_t at = 0;
            while (at < body.size()) {
                const auto eq = body.find('=', at);
                const auto open_quote = body.find('"', eq);
                const auto close_quote = body.find('"', open_quote + 1);
                if (eq == std::string::npos || open_quote == std::string::npos ||
                    close_quote == std::string::npos) {
                    break;
                }
                have[body.substr(at, eq - at)] = body.substr(open_quote + 1, close_quote - open_quote - 1);
                at = close_quote + 1;
                if (at < body.size() && body[at] == ',') ++at;
            }
            pos = close + 1;
        } else if (line[pos] != ' ') {
            continue;  // a longer metric name that starts with `name`
        }
        bool matches = true;
        for (const auto& [key, value] : labels) {
            const auto it = have.find(key);
            if (it == have.end() || it->second != value) matches = false;
        }
        if (!matches) continue;
        return std::stod(line.substr(pos));
    }
    return std::nullopt;
}

TEST_P(SystemApi, HealthzAnswersOkWhenTheDatabaseAnswers) {
    const HttpResponse response = http().Get("/healthz");
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.Json().at("status"), "ok");
    EXPECT_NE(response.Header("content-type").value_or("").find("application/json"), std::string::npos);
}

TEST_P(SystemApi, MetricsCountRequestsByRouteAndStatusWithLatencyAndPoolUse) {
    ASSERT_EQ(http().Get("/healthz").status, 200);
    ASSERT_EQ(http().Get("/healthz").status, 200);
    ASSERT_EQ(http().Get("/api/v1/me").status, 401);
    ASSERT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);

    const HttpResponse response = http().Get("/metrics");
    ASSERT_EQ(response.status, 200);
    EXPECT_NE(response.Header("content-type").value_or("").find("text/plain"), std::string::npos);
    const std::string& text = response.body;

    const auto healthz =
        MetricValue(text, "voronka_http_requests_total", {{"route", "/healthz"}, {"status", "200"}});
    ASSERT_TRUE(healthz.has_value()) << text;
    EXPECT_GE(*healthz, 2);
    const auto me_401 =
        MetricValue(text, "voronka_http_requests_total", {{"route", "/api/v1/me"}, {"status", "401"}});
    ASSERT_TRUE(me_401.has_value()) << text;
    EXPECT_GE(*me_401, 1);
    const auto me_200 =
        MetricValue(text, "voronka_http_requests_total", {{"route", "/api/v1/me"}, {"status", "200"}});
    ASSERT_TRUE(me_200.has_value()) << text;
    EXPECT_GE(*me_200, 1);

    const auto le_inf = MetricValue(text, "voronka_http_request_duration_seconds_bucket",
                                    {{"route", "/healthz"}, {"le", "+Inf"}});
    ASSERT_TRUE(le_inf.has_value()) << text;
    EXPECT_GE(*le_inf, 2);
    const auto count =
        MetricValue(text, "voronka_http_request_duration_seconds_count", {{"route", "/healthz"}});
    ASSERT_TRUE(count.has_value()) << text;
    EXPECT_EQ(*count, *le_inf);
    EXPECT_TRUE(MetricValue(text, "voronka_http_request_duration_seconds_sum", {{"route", "/healthz"}}))
        << text;

    const auto open = MetricValue(text, "voronka_db_pool_connections", {});
    ASSERT_TRUE(open.has_value()) << text;
    EXPECT_GE(*open, 0);
}

TEST_P(SystemApi, OpenApiDocumentIsJsonDescribingTheApi) {
    const HttpResponse response = http().Get("/api/v1/openapi.json");
    ASSERT_EQ(response.status, 200);
    const nlohmann::json document = response.Json();
    ASSERT_TRUE(document.contains("openapi")) << response.body.substr(0, 500);
    EXPECT_TRUE(document["openapi"].get<std::string>().starts_with("3.")) << document["openapi"];
    ASSERT_TRUE(document.contains("paths"));
    EXPECT_TRUE(document["paths"].contains("/api/v1/users"));
    EXPECT_TRUE(document["paths"].contains("/api/v1/auth/login"));
}

TEST_P(SystemApi, EveryRouteTheOpenApiDocumentNamesIsServed) {
    const nlohmann::json document = http().Get("/api/v1/openapi.json").Json();
    int routes = 0;
    for (const auto& [pattern, operations] : document.at("paths").items()) {
        std::string path = pattern;
        for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
            path.replace(open, path.find('}', open) - open + 1, "1");
        }
        for (const auto& [method, operation] : operations.items()) {
            if (method == "parameters" || method.starts_with("x-")) continue;
            std::string upper = method;
            for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            SCOPED_TRACE(upper + " " + pattern);
            ++routes;
            // Without a token the route answers 401 where it needs one, before looking anything
            // up; a route the server lacks answers 404 or 405.
            const bool has_body = upper == "POST" || upper == "PATCH" || upper == "PUT";
            const HttpResponse response =
                http().Request(upper, path, has_body ? "{}" : "", {{"Content-Type", "application/json"}});
            EXPECT_NE(response.status, 404) << response.body;
            EXPECT_NE(response.status, 405) << response.body;
        }
    }
    EXPECT_GE(routes, 19);
}

TEST_P(SystemApi, UnknownRouteAnswers404NotFoundJson) {
    EXPECT_TRUE(IsError(http().Get("/api/v1/no-such-thing"), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/no-such-thing", AdminToken()), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get("/"), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/users/1/extra", AdminToken()), 404, "not_found"));
}

TEST_P(SystemApi, WrongMethodOnAKnownPathAnswers405) {
    EXPECT_TRUE(IsError(http().Request("PUT", "/healthz"), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(http().Delete("/api/v1/users", AdminToken()), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(http().Delete("/api/v1/settings"), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/auth/login"), 405, "method_not_allowed"));
}

// RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response
// containing a list of the target resource's currently supported methods."
TEST_P(SystemApi, WrongMethodNamesTheAllowedMethods) {
    const HttpResponse response = http().Delete("/api/v1/users", AdminToken());
    ASSERT_EQ(response.status, 405);
    const auto allow = response.Header("allow");
    ASSERT_TRUE(allow.has_value()) << "a 405 response has no Allow header";
    EXPECT_NE(allow->find("GET"), std::string::npos) << *allow;
    EXPECT_NE(allow->find("POST"), std::string::npos) << *allow;
}

TEST_P(SystemApi, IdsThatAreNotPositiveIntegersAnswer404) {
    const std::string& token = AdminToken();
    for (const char* id : {"abc", "0", "-1", "1.5", "1e3", "%201", "99999999999999999999", "0x1"}) {
        SCOPED_TRACE(id);
        EXPECT_TRUE(IsError(http().Get(std::string("/api/v1/users/") + id, token), 404, "not_found"));
    }
    EXPECT_TRUE(IsError(http().Patch("/api/v1/users/abc", {{"name", "X"}}, token), 404, "not_found"));
    EXPECT_TRUE(IsError(http().Get("/api/v1/departments/0", token), 404, "not_found"));
    // A positive id that does not exist is a plain 404 too.
    EXPECT_TRUE(IsError(http().Get("/api/v1/users/987654", token), 404, "not_found"));
}

TEST_P(SystemApi, KeepAliveServesTwoRequestsOnOneConnection) {
    const HttpResponse first = http().Get("/healthz");
    ASSERT_EQ(first.status, 200);
    const HttpResponse second = http().Get("/healthz");
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(http().last_new_connections(), 0) << "the second request opened a new connection";
    const HttpResponse third = http().Get("/api/v1/me", AdminToken());
    ASSERT_EQ(third.status, 200);
    EXPECT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);
    EXPECT_EQ(http().last_new_connections(), 0);
}

TEST_P(SystemApi, EveryRequestIsLoggedWithMethodRouteStatusAndUser) {
    const std::int64_t admin_id = UserId(kAdminEmail);
    ASSERT_EQ(http().Get("/api/v1/me", AdminToken()).status, 200);
    const std::string wanted_route = R"("route":"/api/v1/me","status":200)";
    const std::string wanted_user = "\"user_id\":" + std::to_string(admin_id);
    // The log is written by another process: poll it, within a bounded time.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string log;
    bool found = false;
    while (!found && std::chrono::steady_clock::now() < deadline) {
        log = server().Stderr();
        std::istringstream lines(log);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.find(wanted_route) != std::string::npos && line.find(wanted_user) != std::string::npos &&
                line.find("\"method\":\"GET\"") != std::string::npos &&
                line.find("duration") != std::string::npos) {
                found = true;
            }
        }
        if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(found) << "no log line with " << wanted_route << " and " << wanted_user << " in:\n" << log;
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(SystemApi);

}  // namespace voronka::test
