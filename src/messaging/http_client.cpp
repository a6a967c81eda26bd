#include "messaging/http_client.hpp"

#include <curl/curl.h>

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
        case CURLE_OPERATION_TIMEDOUT:
            return HttpFailure::Kind::kTimeout;
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_BAD_FUNCTION_ARGUMENT:
            return HttpFailure::Kind::kRequest;
        default:
            return HttpFailure::Kind::kConnection;
    }
}

}  // namespace

CURL* ThreadCurlHandle(CurlPurpose purpose) {
    struct EasyDeleter {
        void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    };
    // curl_global_init is not thread-safe: once per process, before the first handle.
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
    });
    thread_local std::unique_ptr<CURL, EasyDeleter> handles[2];
    auto& handle = handles[purpose == CurlPurpose::kHttp ? 0 : 1];
    if (!handle) {
        handle.reset(curl_easy_init());
        if (!handle) throw std::runtime_error("curl_easy_init failed");
    } else {
        curl_easy_reset(handle.get());  // keeps live connections and caches
    }
    return handle.get();
}

HttpResult HttpSend(const HttpRequest& request, const HttpTimeouts& timeouts) {
    CURL* curl = ThreadCurlHandle(CurlPurpose::kHttp);
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
