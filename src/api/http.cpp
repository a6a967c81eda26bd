#include "api/http.hpp"

#include "core/text.hpp"

namespace voronka::api {

namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Appends the percent-decoding of `in` to `out`; '+' becomes a space when `plus_is_space`.
// Answers false on a '%' not followed by two hex digits.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
    out.reserve(out.size() + in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            const int hi = HexValue(in[i + 1]);
            const int lo = HexValue(in[i + 2]);
            if (hi < 0 || lo < 0) return false;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

// The path and query of an absolute-form target ("http://host/p?q"); origin-form is returned
// unchanged.
std::string_view StripSchemeAndAuthority(std::string_view target) {
    if (target.empty() || target.front() == '/') return target;
    const auto scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos) return target;
    const auto path_start = target.find_first_of("/?", scheme_end + 3);
    if (path_start == std::string_view::npos) return "/";
    return target.substr(path_start);
}

}  // namespace

std::optional<std::string> Request::QueryParam(std::string_view name) const {
    const auto it = query.find(std::string(name));
    if (it == query.end()) return std::nullopt;
    return it->second;
}

bool ParseTarget(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query) {
    path.clear();
    query.clear();
    target = StripSchemeAndAuthority(target);
    const auto question = target.find('?');
    const std::string_view raw_path = target.substr(0, question);
    if (!PercentDecode(raw_path, false, path)) return false;
    if (path.empty() && question != std::string_view::npos) path.push_back('/');
    if (question == std::string_view::npos) return true;

    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        std::string key;
        std::string value;
        if (!PercentDecode(pair.substr(0, eq), true, key)) return false;
        if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, value)) {
            return false;
        }
        query.emplace(std::move(key), std::move(value));
    }
    return true;
}

std::optional<std::string_view> FramingProblem(const Framing& framing) {
    if (framing.hosts > 1) return "more than one Host header";
    if (framing.version >= 11 && framing.hosts == 0) return "an HTTP/1.1 request needs a Host header";
    if (framing.transfer_encodings.empty()) return std::nullopt;
    if (framing.version < 11) return "Transfer-Encoding in an HTTP/1.0 request";
    if (framing.content_lengths > 0) return "both Transfer-Encoding and Content-Length";
    std::size_t codings = 0;
    bool last_is_chunked = false;
    for (const std::string_view field : framing.transfer_encodings) {
        std::size_t pos = 0;
        while (pos <= field.size()) {
            const auto comma = std::min(field.find(',', pos), field.size());
            const std::string_view element = Trim(field.substr(pos, comma - pos));
            pos = comma + 1;
            if (element.empty()) continue;  // empty list elements are allowed (RFC 9110 §5.6.1)
            ++codings;
            last_is_chunked = FoldCase(Trim(element.substr(0, element.find(';')))) == "chunked";
        }
    }
    if (!last_is_chunked) return "the final transfer coding must be chunked";
    if (codings > 1) return "transfer codings other than chunked are not supported";
    return std::nullopt;
}

bool IsSameOrigin(const Request& request, std::string_view public_origin) {
    if (request.sec_fetch_site == "same-origin") return true;
    const std::string origin = FoldCase(Trim(request.origin));
    if (origin.empty() || origin == "null") return false;
    if (!public_origin.empty() && origin == FoldCase(Trim(public_origin))) return true;
    const std::string host = FoldCase(Trim(request.host));
    if (host.empty()) return false;
    return origin == "http://" + host || origin == "https://" + host;
}

}  // namespace voronka::api
