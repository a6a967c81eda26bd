// The HTTP request and response as the router and handlers see them: plain values, no sockets
// and no Beast. Owned by api. Value types, thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace voronka::api {

struct Request {
    std::string method;                             // "GET", "POST", ...
    std::string target;                             // as received: path and query
    std::string path;                               // percent-decoded path, without the query
    std::multimap<std::string, std::string> query;  // percent-decoded query parameters
    std::string content_type;                       // the Content-Type header, as received
    std::string authorization;                      // the Authorization header
    std::string cookie;                             // the Cookie header
    std::string accept_encoding;                    // the Accept-Encoding header
    std::string body;
    std::string remote_address;  // the peer's IP address

    // The first value of a query parameter, if present.
    std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
};

// Splits a request target into its decoded path and query parameters. Answers false when the
// percent-encoding is broken.
bool ParseTarget(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query);

}  // namespace voronka::api
