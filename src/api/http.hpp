// The HTTP request and response as the router and handlers see them: plain values, no sockets
// and no Beast. Owned by api. Value types, thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
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
    std::string host;                               // the Host header
    std::string origin;                             // the Origin header (sent by browsers on writes)
    std::string sec_fetch_site;   // the Sec-Fetch-Site header (same-origin, same-site, cross-site, none)
    std::string accept_encoding;  // the Accept-Encoding header
    std::string body;
    // The file holding the body of a route that streams its body to disk (Route::upload);
    // removed by the server once the handler returns, unless the handler moved it away.
    std::string body_file;
    std::string remote_address;  // the peer's IP address
    // A PBX webhook's X-Voronka-Pbx (its id) and X-Voronka-Signature headers; read on writes only.
    std::string voronka_pbx;
    std::string voronka_signature;

    // The first value of a query parameter, if present.
    std::optional<std::string> QueryParam(std::string_view name) const;
};

// An open-ended body (server-sent events): a handler answers with a Response whose `stream` is
// set. The server writes the head (status, content type and headers of the Response, then
// `Connection: close`), then whatever Take() gives each time the stream wakes it, and a comment
// line `: ping` every ServerOptions::stream_heartbeat. It ends when the client goes, the server
// stops, a write stalls past the idle timeout, or it is older than stream_max_age; Close() then
// tells the stream. Implementations
// are thread-safe.
class ResponseStream {
public:
    virtual ~ResponseStream() = default;
    // Called once by the server, before anything is written: `wake` may then be called from any
    // thread, any number of times, whenever Take() has something new; it is harmless after Close().
    virtual void Open(std::function<void()> wake) = 0;
    // What to write now, "" when nothing; the server's thread.
    virtual std::string Take() = 0;
    // The connection ended: nothing more is taken. Called once.
    virtual void Close() = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
    std::shared_ptr<ResponseStream> stream;                    // set: the body is this stream, not `body`
};

// The framing headers of a request head, as received (RFC 9112 §6): every Transfer-Encoding
// field value, and how many Content-Length and Host fields it has.
struct Framing {
    unsigned version = 11;  // 10 for HTTP/1.0, 11 for HTTP/1.1
    std::vector<std::string_view> transfer_encodings;
    std::size_t content_lengths = 0;
    std::size_t hosts = 0;
};

// Why a request's framing must be refused with 400 and the connection closed, or nothing when
// it is sound: a Transfer-Encoding other than `chunked` alone (a final coding that is not
// chunked would leave the body's end unknown, RFC 9112 §6.3; other codings are not supported),
// Transfer-Encoding in HTTP/1.0 or together with Content-Length (request smuggling, §6.1), and
// an HTTP/1.1 request without exactly one Host (§3.2).
std::optional<std::string_view> FramingProblem(const Framing& framing);

// Whether a request comes from the server's own pages: `Sec-Fetch-Site: same-origin`, or an
// `Origin` equal to http(s)://<Host> or to `public_origin` (the origin users reach the server
// at, e.g. "https://crm.example.com"; empty when not configured). Scheme and host compare
// case-insensitively; `Origin: null` never matches.
bool IsSameOrigin(const Request& request, std::string_view public_origin);

// Splits a request target into its decoded path and query parameters. Answers false when the
// percent-encoding is broken.
bool ParseTarget(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query);

}  // namespace voronka::api
