#include "messaging/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace voronka::messaging {
namespace {

struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t CollectBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    const std::size_t room = kMaxHttpAnswerBytes - std::min(body->size(), kMaxHttpAnswerBytes);
    body->append(data, std::min(bytes, room));
    return bytes;
}

HttpFailure::Kind FailureKind(CURLcode code) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT: return HttpFailure::Kind::kTimeout;
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_BAD_FUNCTION_ARGUMENT: return HttpFailure::Kind::kRequest;
        default: return HttpFailure::Kind::kConnection;
    }
}

// What the socket callback checks a connection against, and what it found.
struct PolicyCheck {
    const OutboundUrl* url;
    const OutboundAllowList* allow;
    std::string refusal;  // the first refusal, empty when none
};

std::optional<IpAddress> AddressOf(const curl_sockaddr& address) {
    IpAddress out;
    if (address.family == AF_INET && address.addrlen >= sizeof(sockaddr_in)) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&address.addr);
        std::memcpy(out.bytes.data(), &in->sin_addr, 4);
        return out;
    }
    if (address.family == AF_INET6 && address.addrlen >= sizeof(sockaddr_in6)) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address.addr);
        out.family = IpAddress::Family::kV6;
        std::memcpy(out.bytes.data(), &in6->sin6_addr, 16);
        return out;
    }
    return std::nullopt;
}

// CURLOPT_OPENSOCKETFUNCTION: runs after resolution, for each address libcurl tries, before it
// connects. A refused address gets no socket; libcurl then tries the next one or fails.
curl_socket_t OpenCheckedSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
    auto* check = static_cast<PolicyCheck*>(user);
    const auto ip = AddressOf(*address);
    Status allowed = Error::Validation("the address family is not IPv4 or IPv6");
    if (purpose == CURLSOCKTYPE_IPCXN && ip) {
        allowed =
            CheckOutboundTarget(*check->url, std::span<const IpAddress>(&*ip, 1), *check->allow, "the URL");
    }
    if (!allowed) {
        if (check->refusal.empty()) check->refusal = allowed.error().message;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

// The allow-list the calling thread's kept connections were opened under.
std::string& ThreadAllowListKey() {
    thread_local std::string key;
    return key;
}

std::string AllowListKey(const OutboundAllowList& allow) {
    std::string key;
    for (const auto& entry : allow.Entries()) key += entry + '\n';
    return key;
}

}  // namespace

CURL* ThreadCurlHandle(CurlPurpose purpose, bool drop_connections) {
    struct EasyDeleter {
        void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    };
    // curl_global_init is not thread-safe: once per process, before the first handle.
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("curl_global_init failed");
    });
    thread_local std::unique_ptr<CURL, EasyDeleter> handles[2];
    auto& handle = handles[purpose == CurlPurpose::kHttp ? 0 : 1];
    if (!handle || drop_connections) {
        handle.reset(curl_easy_init());
        if (!handle) throw std::runtime_error("curl_easy_init failed");
    } else {
        curl_easy_reset(handle.get());  // keeps live connections and caches
    }
    return handle.get();
}

HttpResult HttpSend(const HttpRequest& request, const HttpTimeouts& timeouts,
                    const OutboundAllowList& allow) {
    const auto url = ParseOutboundUrl(request.url, "the URL");
    if (!url) return HttpFailure{HttpFailure::Kind::kRequest, url.error().message};
    if (auto literal = CheckOutboundTarget(*url, AddressesWithoutLookup(*url), allow, "the URL"); !literal) {
        return HttpFailure{HttpFailure::Kind::kRefused, literal.error().message};
    }
    // A kept connection is not checked again: keep none that an older allow-list let through.
    std::string allow_key = AllowListKey(allow);
    const bool allow_changed = allow_key != ThreadAllowListKey();
    CURL* curl = ThreadCurlHandle(CurlPurpose::kHttp, allow_changed);
    if (allow_changed) ThreadAllowListKey() = std::move(allow_key);
    PolicyCheck check{&*url, &allow, {}};
    std::unique_ptr<curl_slist, ListDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = name + ": " + value;
        curl_slist* extended = curl_slist_append(headers.get(), line.c_str());
        if (!extended) throw std::bad_alloc();
        headers.release();
        headers.reset(extended);
    }
    // A POST without Content-Type would be sent as a form by libcurl: callers name it; an
    // empty "Expect:" stops the 100-continue round trip on larger bodies.
    curl_slist* expect = curl_slist_append(headers.get(), "Expect:");
    if (!expect) throw std::bad_alloc();
    headers.release();
    headers.reset(expect);

    HttpResponse response;
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenCheckedSocket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &check);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts.connect.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts.total.count()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "voronka");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CollectBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
        return HttpFailure{HttpFailure::Kind::kRequest, "unsupported HTTP method " + request.method};
    }

    const CURLcode code = curl_easy_perform(curl);
    // The handle outlives this call: it must not keep pointers to our locals.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, nullptr);
    if (code != CURLE_OK && !check.refusal.empty())
        return HttpFailure{HttpFailure::Kind::kRefused, check.refusal};
    if (code != CURLE_OK) return HttpFailure{FailureKind(code), curl_easy_strerror(code)};
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

std::string UrlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
            byte == '-' || byte == '.' || byte == '_' || byte == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0F]);
        }
    }
    return out;
}

}  // namespace voronka::messaging
