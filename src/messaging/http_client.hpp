// Outgoing HTTP for the delivery channels (SMS providers, webhooks), under the outbound policy
// (outbound_policy.hpp): one libcurl easy handle per calling thread, reused between calls so
// connections stay alive. Owned by messaging. Thread-safe: any number of threads may call
// HttpSend at once; none shares a handle.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "messaging/outbound_policy.hpp"

namespace voronka::messaging {

// How long one call may take. Defaults suit a provider across the Internet; tests shorten them.
struct HttpTimeouts {
    // Establishing TCP (and TLS). Default 5 s.
    std::chrono::milliseconds connect{5000};
    // The whole call, connect to the last byte of the answer. Default 15 s.
    std::chrono::milliseconds total{15000};
};

struct HttpRequest {
    std::string method = "GET";                                // GET or POST
    std::string url;                                           // http:// or https:// only
    std::vector<std::pair<std::string, std::string>> headers;  // name, value
    std::string body;                                          // sent for POST
};

// An answer from the peer, whatever its status.
struct HttpResponse {
    long status = 0;
    std::string body;  // at most kMaxHttpAnswerBytes; longer answers are cut there
};

// No answer: the peer was unreachable, too slow, or the request could not be made.
struct HttpFailure {
    enum class Kind {
        kTimeout,     // connect or total timeout passed
        kConnection,  // refused, reset, closed without an answer, name not resolved, TLS failed
        kRequest,     // the request itself is unusable (malformed URL, unsupported scheme)
        kRefused,     // the outbound policy refused the target; no byte was sent to it
    };
    Kind kind = Kind::kConnection;
    // libcurl's description, or the policy's reason (host and address); never holds the URL's
    // path or query, nor the body
    std::string message;
};

using HttpResult = std::variant<HttpResponse, HttpFailure>;

inline constexpr std::size_t kMaxHttpAnswerBytes = 1 << 20;

// Sends one request under the outbound policy with the admin's `allow` list: the URL must pass
// ParseOutboundUrl, its host must pass CheckOutboundTarget when it is an address (or localhost),
// and every address libcurl connects to, after DNS resolution, is checked again just before the
// socket is opened (so a name that resolves inside, or re-resolves there, is refused too) —
// kRefused otherwise. Connections kept alive under another allow-list are dropped first. No
// proxy is used (a proxy would reach addresses we cannot check, whatever the environment says).
// TLS peers are verified; redirects are not followed (a 3xx is an answer); only http and https
// are allowed. Never throws for network trouble: it is an HttpFailure.
HttpResult HttpSend(const HttpRequest& request, const HttpTimeouts& timeouts, const OutboundAllowList& allow);

// Percent-encodes `text` for a query string or an application/x-www-form-urlencoded body
// (unreserved characters stay; everything else, UTF-8 bytes included, becomes %XX).
std::string UrlEncode(std::string_view text);

// What a thread's reused libcurl handle is for: one handle per purpose, so that HTTP and SMTP
// connections are kept apart.
enum class CurlPurpose { kHttp, kSmtp };

// The calling thread's libcurl easy handle for `purpose`, reset to libcurl's defaults but keeping
// its live connections and caches; created on first use (libcurl initialised once per process),
// freed when the thread ends; with `drop_connections`, made anew so that no connection opened
// before is reused. The caller must clear options that point at its locals before returning.
// Throws std::runtime_error when libcurl cannot make a handle.
CURL* ThreadCurlHandle(CurlPurpose purpose, bool drop_connections = false);

}  // namespace voronka::messaging
