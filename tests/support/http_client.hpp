// A small HTTP/1.1 client for the API tests, over libcurl. Owned by the tests.
//
// One HttpClient keeps one CURL easy handle, so consecutive requests reuse the connection
// (keep-alive) as a browser or an integration would. It sends exactly the headers it is given
// (no cookie engine, no proxy, no `Expect: 100-continue`), so a test controls what the server
// sees. Not thread-safe: use one client per thread.
//
//     HttpClient http("http://127.0.0.1:" + std::to_string(port));
//     HttpResponse r = http.Post("/api/v1/auth/login", {{"email", e}, {"password", p}});
//     std::string token = r.Json()["token"];
//     EXPECT_EQ(http.Get("/api/v1/me", token).status, 200);
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace voronka::test {

// Request headers, in the order they are sent: {"Content-Type", "text/plain"}.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    long status = 0;
    // Response headers by lower-case name; a repeated header (Set-Cookie) appears repeatedly.
    std::multimap<std::string, std::string> headers;
    std::string body;

    // The body parsed as JSON; throws std::runtime_error quoting the body when it is not JSON.
    nlohmann::json Json() const;
    // The first value of a header (name in any case), if present.
    std::optional<std::string> Header(std::string_view name) const;
    // The `error.code` of an error body, or "" when the body is not an error body.
    std::string ErrorCode() const;
    // The `error.field` of an error body, or "" when absent or null.
    std::string ErrorField() const;
};

// For gtest failure messages: status and body.
void PrintTo(const HttpResponse& response, std::ostream* out);

class HttpClient {
public:
    // `base_url` like "http://127.0.0.1:8080"; request paths are appended to it.
    explicit HttpClient(std::string base_url);
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;
    ~HttpClient();

    // Sends one request and waits for the whole response (30 s at most). `body` is sent when
    // not empty or when the method is POST, PATCH or PUT. Throws std::runtime_error when no
    // HTTP response arrives (connection refused, reset, timeout).
    HttpResponse Request(std::string_view method, std::string_view path, std::string_view body = {},
                         const HttpHeaders& headers = {});

    // The requests of the API: JSON bodies with Content-Type: application/json, and
    // `Authorization: Bearer <token>` when `token` is not empty.
    HttpResponse Get(std::string_view path, std::string_view token = {});
    HttpResponse Post(std::string_view path, const nlohmann::json& body, std::string_view token = {});
    HttpResponse Patch(std::string_view path, const nlohmann::json& body, std::string_view token = {});
    HttpResponse Delete(std::string_view path, std::string_view token = {});

    // Connections the last request had to open: 0 when it reused a kept-alive one.
    long last_new_connections() const { return last_new_connections_; }
    const std::string& base_url() const { return base_url_; }

private:
    std::string base_url_;
    void* curl_;  // CURL*, kept out of this header
    long last_new_connections_ = 0;
};

// Headers of a JSON request with an optional bearer token.
HttpHeaders JsonHeaders(std::string_view token = {});
// `Authorization: Bearer <token>`, or nothing when `token` is empty.
HttpHeaders BearerHeaders(std::string_view token);

}  // namespace voronka::test
