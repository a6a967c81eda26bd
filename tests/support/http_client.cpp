#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace voronka::test {
namespace {

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view TrimSpace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<HttpResponse*>(user)->body.append(data, size * count);
    return size * count;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* response = static_cast<HttpResponse*>(user);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        // A new status line (after `100 Continue`, say): only the final response's headers count.
        response->headers.clear();
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        response->headers.emplace(Lower(TrimSpace(line.substr(0, colon))),
                                  std::string(TrimSpace(line.substr(colon + 1))));
    }
    return size * count;
}

void Check(CURLcode code, const char* what) {
    if (code != CURLE_OK) {
        throw std::runtime_error(std::string("curl: ") + what + ": " + curl_easy_strerror(code));
    }
}

}  // namespace

nlohmann::json HttpResponse::Json() const {
    nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        throw std::runtime_error("the response body (status " + std::to_string(status) +
                                 ") is not JSON: " + body.substr(0, 2000));
    }
    return json;
}

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
    const auto it = headers.find(Lower(name));
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::string HttpResponse::ErrorCode() const {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("error")) return "";
    const auto& error = json["error"];
    if (!error.is_object() || !error.contains("code") || !error["code"].is_string()) return "";
    return error["code"].get<std::string>();
}

std::string HttpResponse::ErrorField() const {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("error")) return "";
    const auto& error = json["error"];
    if (!error.is_object() || !error.contains("field") || !error["field"].is_string()) return "";
    return error["field"].get<std::string>();
}

void PrintTo(const HttpResponse& response, std::ostream* out) {
    *out << "HTTP " << response.status << " " << response.body.substr(0, 1000);
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) {
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
    if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::Request(std::string_view method, std::string_view path, std::string_view body,
                                 const HttpHeaders& headers) {
    CURL* curl = static_cast<CURL*>(curl_);
    // Reset forgets the options of the last request but keeps its connection for reuse.
    curl_easy_reset(curl);
    HttpResponse response;
    const std::string url = base_url_ + std::string(path);
    const std::string method_text(method);
    const std::string body_text(body);
    char error_buffer[CURL_ERROR_SIZE] = {};

    Check(curl_easy_setopt(curl, CURLOPT_URL, url.c_str()), "URL");
    Check(curl_easy_setopt(curl, CURLOPT_NOPROXY, "*"), "NOPROXY");
    Check(curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L), "NOSIGNAL");
    Check(curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L), "TIMEOUT");
    Check(curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer), "ERRORBUFFER");
    Check(curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody), "WRITEFUNCTION");
    Check(curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response), "WRITEDATA");
    Check(curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader), "HEADERFUNCTION");
    Check(curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response), "HEADERDATA");

    const bool sends_body =
        !body_text.empty() || method_text == "POST" || method_text == "PATCH" || method_text == "PUT";
    if (sends_body) {
        Check(curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_text.size())),
              "POSTFIELDSIZE");
        Check(curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body_text.data()), "POSTFIELDS");
    }
    if (method_text == "HEAD") {
        Check(curl_easy_setopt(curl, CURLOPT_NOBODY, 1L), "NOBODY");
    } else if (method_text != (sends_body ? "POST" : "GET")) {
        Check(curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method_text.c_str()), "CUSTOMREQUEST");
    }

    curl_slist* list = nullptr;
    bool has_content_type = false;
    for (const auto& [name, value] : headers) {
        if (Lower(name) == "content-type") has_content_type = true;
        const std::string line = value.empty() ? name + ";" : name + ": " + value;
        list = curl_slist_append(list, line.c_str());
    }
    // curl would otherwise add `Expect: 100-continue` to large bodies and a form content type.
    list = curl_slist_append(list, "Expect:");
    if (sends_body && !has_content_type) list = curl_slist_append(list, "Content-Type:");
    Check(curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list), "HTTPHEADER");

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(list);
    if (code != CURLE_OK) {
        throw std::runtime_error(method_text + " " + url + " failed: " + curl_easy_strerror(code) + " " +
                                 error_buffer);
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    last_new_connections_ = connects;
    return response;
}

HttpResponse HttpClient::Get(std::string_view path, std::string_view token) {
    return Request("GET", path, {}, BearerHeaders(token));
}

HttpResponse HttpClient::Post(std::string_view path, const nlohmann::json& body, std::string_view token) {
    return Request("POST", path, body.dump(), JsonHeaders(token));
}

HttpResponse HttpClient::Patch(std::string_view path, const nlohmann::json& body, std::string_view token) {
    return Request("PATCH", path, body.dump(), JsonHeaders(token));
}

HttpResponse HttpClient::Delete(std::string_view path, std::string_view token) {
    return Request("DELETE", path, {}, BearerHeaders(token));
}

HttpHeaders BearerHeaders(std::string_view token) {
    HttpHeaders headers;
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + std::string(token));
    return headers;
}

HttpHeaders JsonHeaders(std::string_view token) {
    HttpHeaders headers = BearerHeaders(token);
    headers.emplace_back("Content-Type", "application/json");
    return headers;
}

}  // namespace voronka::test
