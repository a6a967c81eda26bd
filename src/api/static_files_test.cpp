#include "api/static_files.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace voronka::api {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("voronka-static-" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root_);
        fs::create_directories(root_ / "assets");
        Write("index.html", "<!doctype html><title>Voronka</title>");
        Write("index.html.gz", "GZ-INDEX");
        Write("assets/app-1a2b3c.js", "console.log(1)");
        Write("assets/app-1a2b3c.js.gz", "GZ-JS");
        Write("assets/app-1a2b3c.js.br", "BR-JS");
        Write("favicon.svg", "<svg/>");
        // A file outside the root that a traversal would reach.
        Write("../secret.txt", "secret");
        auto loaded = StaticFiles::Load(root_);
        ASSERT_TRUE(loaded) << loaded.error().message;
        files_ = *loaded;
    }
    void TearDown() override {
        fs::remove_all(root_);
        fs::remove(root_.parent_path() / "secret.txt");
    }

    void Write(const std::string& name, const std::string& text) {
        std::ofstream(root_ / name, std::ios::binary) << text;
    }

    Response Get(const std::string& path, const std::string& accept_encoding = "") {
        Request request;
        request.method = "GET";
        request.path = path;
        request.target = path;
        request.accept_encoding = accept_encoding;
        return files_->Serve(request);
    }

    static std::optional<std::string> Header(const Response& response, const std::string& name) {
        for (const auto& [key, value] : response.headers) {
            if (key == name) return value;
        }
        return std::nullopt;
    }

    fs::path root_;
    std::shared_ptr<const StaticFiles> files_;
};

TEST_F(StaticFilesTest, RootAndDeepLinksAnswerIndexHtmlUncached) {
    for (const char* path : {"/", "/index.html", "/deals/17", "/board/2", "/my-day"}) {
        const auto response = Get(path);
        EXPECT_EQ(response.status, 200) << path;
        EXPECT_EQ(response.body, "<!doctype html><title>Voronka</title>") << path;
        EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << path;
        EXPECT_EQ(Header(response, "Cache-Control"), "no-cache") << path;
    }
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
    const auto response = Get("/assets/app-1a2b3c.js");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "console.log(1)");
    EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(Header(response, "Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(Get("/favicon.svg").content_type, "image/svg+xml");
    EXPECT_EQ(Header(Get("/favicon.svg"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, EveryFileCarriesTheContentSecurityPolicy) {
    for (const char* path : {"/", "/assets/app-1a2b3c.js"}) {
        const auto csp = Header(Get(path), "Content-Security-Policy");
        ASSERT_TRUE(csp) << path;
        EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
        EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos);
        EXPECT_EQ(Header(Get(path), "X-Content-Type-Options"), "nosniff");
    }
}

TEST_F(StaticFilesTest, MissingAssetsAre404NotIndexHtml) {
    EXPECT_EQ(Get("/assets/gone-000000.js").status, 404);
    EXPECT_EQ(Get("/robots.txt").status, 404);
    EXPECT_EQ(Get("/assets/app-1a2b3c.js.gz").status, 404);  // variants only through Accept-Encoding
}

TEST_F(StaticFilesTest, PathTraversalIsRefused) {
    for (const char* path :
         {"/../secret.txt", "/assets/../../secret.txt", "/..", "/a/..", "/assets\\..\\x"}) {
        const auto response = Get(path);
        EXPECT_EQ(response.status, 400) << path;
        EXPECT_EQ(response.body.find("secret"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, PrecompressedVariantsFollowAcceptEncoding) {
    auto response = Get("/assets/app-1a2b3c.js", "gzip, deflate, br");
    EXPECT_EQ(response.body, "BR-JS");
    EXPECT_EQ(Header(response, "Content-Encoding"), "br");
    EXPECT_EQ(Header(response, "Vary"), "Accept-Encoding");

    response = Get("/assets/app-1a2b3c.js", "gzip");
    EXPECT_EQ(response.body, "GZ-JS");
    EXPECT_EQ(Header(response, "Content-Encoding"), "gzip");

    response = Get("/assets/app-1a2b3c.js", "br;q=0, gzip;q=0.5");
    EXPECT_EQ(response.body, "GZ-JS");

    response = Get("/assets/app-1a2b3c.js", "");
    EXPECT_EQ(response.body, "console.log(1)");
    EXPECT_FALSE(Header(response, "Content-Encoding"));
    EXPECT_EQ(Header(response, "Vary"), "Accept-Encoding");

    response = Get("/deals/3", "br, gzip");  // index.html has only a gzip variant
    EXPECT_EQ(response.body, "GZ-INDEX");
    EXPECT_EQ(Header(response, "Content-Encoding"), "gzip");

    EXPECT_FALSE(Header(Get("/favicon.svg", "gzip"), "Content-Encoding"));  // no variant made
}

TEST(AcceptEncodingTest, Parses) {
    EXPECT_TRUE(ParseAcceptEncoding("gzip").gzip);
    EXPECT_FALSE(ParseAcceptEncoding("gzip").brotli);
    EXPECT_TRUE(ParseAcceptEncoding("GZIP;q=1.0, BR").brotli);
    EXPECT_FALSE(ParseAcceptEncoding("gzip;q=0").gzip);
    EXPECT_TRUE(ParseAcceptEncoding("*").gzip);
    EXPECT_FALSE(ParseAcceptEncoding("*, br;q=0").brotli);
    EXPECT_FALSE(ParseAcceptEncoding("identity").gzip);
}

TEST(StaticFilesLoadTest, ADirectoryWithoutIndexHtmlIsRefused) {
    const auto root = fs::temp_directory_path() / "voronka-static-empty";
    fs::create_directories(root);
    const auto loaded = StaticFiles::Load(root);
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().field, "web_root");
    fs::remove_all(root);
    EXPECT_FALSE(StaticFiles::Load(root));
}

TEST(WithStaticFilesTest, ApiPathsAndWritesStayWithTheApi) {
    const auto root = fs::temp_directory_path() / "voronka-static-dispatch";
    fs::create_directories(root);
    std::ofstream(root / "index.html") << "INDEX";
    auto files = StaticFiles::Load(root);
    ASSERT_TRUE(files);
    const std::array routes{Route{"GET", "/healthz", nullptr, Access::kPublic},
                            Route{"GET", "/api/v1/me", nullptr, Access::kSignedIn}};
    const Dispatcher api = [](const Request&) {
        return Dispatch{.handle = [](Request&) { return Response{.status = 404, .body = "API"}; }};
    };
    const auto dispatch = WithStaticFiles(api, routes, *files);
    const auto answer = [&](const std::string& method, const std::string& path) {
        Request request;
        request.method = method;
        request.path = path;
        return dispatch(request).handle(request).body;
    };
    EXPECT_EQ(answer("GET", "/api/v1/nothing"), "API");
    EXPECT_EQ(answer("GET", "/api"), "API");
    EXPECT_EQ(answer("GET", "/healthz"), "API");
    EXPECT_EQ(answer("POST", "/deals/1"), "API");
    EXPECT_EQ(answer("GET", "/deals/1"), "INDEX");
    EXPECT_EQ(answer("HEAD", "/"), "INDEX");
    EXPECT_EQ(answer("GET", "/apix"), "INDEX");
    fs::remove_all(root);
}

}  // namespace
}  // namespace voronka::api
