#include "api/static_files.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>
#include <vector>

#include "api/http_error.hpp"
#include "core/text.hpp"

namespace voronka::api {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

std::string ContentType(const fs::path& path) {
    static const std::unordered_map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const auto it = types.find(path.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string ReadAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string ReadIfPresent(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) ? ReadAll(path) : std::string{};
}

// The q value of one Accept-Encoding element's parameters (";q=0.5"); 1 when absent.
double QValue(std::string_view parameters) {
    const auto q = parameters.find("q=");
    if (q == std::string_view::npos) return 1.0;
    try {
        return std::stod(std::string(Trim(parameters.substr(q + 2))));
    } catch (const std::exception&) {
        return 0.0;
    }
}

bool SafePath(std::string_view path) {
    if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) return false;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        const auto end = std::min(path.find('/', pos), path.size());
        if (path.substr(pos, end - pos) == "..") return false;
        pos = end + 1;
    }
    return true;
}

// The first segment of a path or route pattern: "api" of "/api/v1/me".
std::string_view FirstSegment(std::string_view path) {
    if (path.starts_with('/')) path.remove_prefix(1);
    return path.substr(0, path.find('/'));
}

}  // namespace

AcceptedEncodings ParseAcceptEncoding(std::string_view header) {
    AcceptedEncodings accepted;
    bool star = false;
    bool gzip_named = false;
    bool brotli_named = false;
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto end = std::min(header.find(',', pos), header.size());
        const std::string_view element = Trim(header.substr(pos, end - pos));
        const auto semicolon = element.find(';');
        const std::string coding = FoldCase(Trim(element.substr(0, semicolon)));
        const bool ok = QValue(semicolon == std::string_view::npos ? "" : element.substr(semicolon + 1)) > 0;
        if (coding == "gzip" || coding == "x-gzip") {
            accepted.gzip = ok;
            gzip_named = true;
        } else if (coding == "br") {
            accepted.brotli = ok;
            brotli_named = true;
        } else if (coding == "*") {
            star = ok;
        }
        pos = end + 1;
    }
    if (star && !gzip_named) accepted.gzip = true;
    if (star && !brotli_named) accepted.brotli = true;
    return accepted;
}

Result<std::shared_ptr<const StaticFiles>> StaticFiles::Load(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return Error::Validation("the web UI directory " + root.string() + " does not exist", "web_root");
    }
    auto files = std::make_shared<StaticFiles>();
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
        const fs::path& path = it->path();
        const auto extension = path.extension().string();
        if (extension == ".gz" || extension == ".br") continue;
        const std::string url = "/" + fs::relative(path, root).generic_string();
        File file{.content_type = ContentType(path),
                  .body = ReadAll(path),
                  .gzip = ReadIfPresent(path.string() + ".gz"),
                  .brotli = ReadIfPresent(path.string() + ".br"),
                  .immutable = url.starts_with("/assets/")};
        files->files_.emplace(url, std::move(file));
    }
    if (ec) return Error::Validation("cannot read " + root.string() + ": " + ec.message(), "web_root");
    if (!files->files_.contains("/index.html")) {
        return Error::Validation("the web UI directory " + root.string() + " has no index.html", "web_root");
    }
    return std::shared_ptr<const StaticFiles>(std::move(files));
}

Response StaticFiles::Serve(const Request& request) const {
    if (!SafePath(request.path)) return ErrorResponse(Error::Malformed("bad path"));
    const std::string& path = request.path == "/" ? std::string("/index.html") : request.path;
    if (const auto it = files_.find(path); it != files_.end()) return Answer(it->second, request);
    const std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
    if (path.starts_with("/assets/") || last.find('.') != std::string_view::npos) {
        Response response = ErrorResponse(Error::NotFound("no such file"));
        response.headers.emplace_back("Cache-Control", std::string(kNoCache));
        return response;
    }
    return Answer(files_.at("/index.html"), request);
}

Response StaticFiles::Answer(const File& file, const Request& request) const {
    Response response;
    response.content_type = file.content_type;
    const auto accepted = ParseAcceptEncoding(request.accept_encoding);
    if (accepted.brotli && !file.brotli.empty()) {
        response.body = file.brotli;
        response.headers.emplace_back("Content-Encoding", "br");
    } else if (accepted.gzip && !file.gzip.empty()) {
        response.body = file.gzip;
        response.headers.emplace_back("Content-Encoding", "gzip");
    } else {
        response.body = file.body;
    }
    if (!file.gzip.empty() || !file.brotli.empty()) response.headers.emplace_back("Vary", "Accept-Encoding");
    response.headers.emplace_back("Cache-Control", std::string(file.immutable ? kImmutable : kNoCache));
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    return response;
}

Dispatcher WithStaticFiles(Dispatcher api, std::span<const Route> routes,
                           std::shared_ptr<const StaticFiles> files) {
    std::vector<std::string> reserved;
    for (const auto& route : routes) {
        std::string first(FirstSegment(route.pattern));
        if (std::find(reserved.begin(), reserved.end(), first) == reserved.end()) reserved.push_back(first);
    }
    return [api = std::move(api), reserved = std::move(reserved),
            files = std::move(files)](const Request& request) {
        const bool read = request.method == "GET" || request.method == "HEAD";
        const std::string first(FirstSegment(request.path));
        if (!read || std::find(reserved.begin(), reserved.end(), first) != reserved.end())
            return api(request);
        return Dispatch{.handle = [files](Request& req) { return files->Serve(req); }};
    };
}

}  // namespace voronka::api
