// The web UI's files (web/dist, built by `npm run build`) served at `/`: hashed assets cached
// for a year, index.html never cached and answered for every deep link, gzip/brotli variants
// made at build time chosen by Accept-Encoding, a Content-Security-Policy without inline script.
// Owned by api. The files are read once at start-up; immutable and thread-safe after Load().
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/http.hpp"
#include "api/router.hpp"
#include "api/server.hpp"
#include "core/error.hpp"

namespace voronka::api {

// The policy sent with every file: scripts, styles and connections only from this origin.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Content codings a client accepts, from its Accept-Encoding header (q=0 refuses one).
struct AcceptedEncodings {
    bool gzip = false;
    bool brotli = false;
};
AcceptedEncodings ParseAcceptEncoding(std::string_view header);

class StaticFiles {
public:
    // Reads every regular file under `root`; `NAME.gz` and `NAME.br` beside a file are its
    // compressed variants. Fails when root is not a directory or has no index.html.
    static Result<std::shared_ptr<const StaticFiles>> Load(const std::filesystem::path& root);

    // Answers a GET or HEAD of a path outside the API: the file, index.html for `/` and for any
    // path whose last segment has no extension (a deep link into the app), else 404. A path
    // with a `..` segment, a backslash or a NUL is refused with 400.
    Response Serve(const Request& request) const;

private:
    struct File {
        std::string content_type;
        std::string body;
        std::string gzip;        // empty: no variant
        std::string brotli;      // empty: no variant
        bool immutable = false;  // under /assets/: the name carries the content's hash
    };
    Response Answer(const File& file, const Request& request) const;

    std::unordered_map<std::string, File> files_;  // by URL path, e.g. "/assets/index-3f2a.js"
};

// Wraps the API's dispatcher: GET and HEAD requests whose first path segment is not one of
// the routes' (`api`, `healthz`, `metrics`) are answered from `files`; everything else, so
// every unknown `/api/...` path, stays with the API and its JSON errors.
Dispatcher WithStaticFiles(Dispatcher api, std::span<const Route> routes,
                           std::shared_ptr<const StaticFiles> files);

}  // namespace voronka::api
