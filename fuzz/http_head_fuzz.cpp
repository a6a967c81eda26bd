// The HTTP request as the server reads it, without sockets: the bytes go through Beast's request
// parser with the server's default limits (api/server.hpp ServerOptions), and a request it
// accepts is turned into an api::Request the way the session does (target split and
// percent-decoded, headers copied), then its query is read as list handlers read it.
// When the session gains checks of its own on the head, call them from here too.
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/http.hpp"
#include "api/json.hpp"
#include "api/server.hpp"
#include "property.hpp"

namespace http = boost::beast::http;
using voronka::fuzz::Expect;

namespace {

std::string ToString(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

// Feeds the whole input, as the session's buffer would hold it, then the end of the stream.
void Parse(http::request_parser<http::string_body>& parser, boost::asio::const_buffer input,
           boost::beast::error_code& ec) {
    while (input.size() > 0 && !parser.is_done()) {
        const std::size_t used = parser.put(input, ec);
        if (ec == http::error::need_more) {
            ec = {};
            if (used == 0) break;
        }
        if (ec) return;
        input += used;
    }
    if (!parser.is_done() && parser.got_some()) parser.put_eof(ec);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const voronka::api::ServerOptions options;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    Parse(parser, boost::asio::const_buffer(data, size), ec);
    if (ec || !parser.is_done()) return 0;

    auto& message = parser.get();
    (void)message.keep_alive();
    voronka::api::Request request;
    request.method = ToString(message.method_string());
    request.target = ToString(message.target());
    if (!voronka::api::ParseTarget(request.target, request.path, request.query)) return 0;
    Expect(!request.target.starts_with('/') || request.path.starts_with('/'),
           "an origin-form target gives an absolute path");
    request.content_type = ToString(message[http::field::content_type]);
    request.authorization = ToString(message[http::field::authorization]);
    request.cookie = ToString(message[http::field::cookie]);
    request.body = std::move(message.body());

    const auto page = voronka::api::PageRequestOf(request);
    Expect(!page || (page->limit >= 1 && page->limit <= voronka::kMaxPageLimit), "a page limit is in range");
    (void)voronka::api::QueryInt(request, "company_id");
    (void)voronka::api::QueryBool(request, "no_next_step");
    return 0;
}
