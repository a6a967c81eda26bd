// The OpenAPI document (openapi/*.json merged by OpenApiDocument()) against the route table
// (routes.cpp): every route is described, and the document names no route the server lacks.
#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/router.hpp"

namespace voronka {
std::string_view OpenApiBase();  // generated from openapi/base.json
}

namespace voronka::api {
namespace {

using Json = nlohmann::json;
using Operation = std::pair<std::string, std::string>;  // (METHOD, path)

constexpr std::string_view kHttpMethods[] = {"get",     "put",  "post",  "delete",
                                             "options", "head", "patch", "trace"};

Json Document() {
    return Json::parse(OpenApiDocument());
}

std::string Upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::set<Operation> DocumentedOperations(const Json& document) {
    std::set<Operation> operations;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto method : kHttpMethods) {
            if (item.contains(method)) operations.emplace(Upper(std::string(method)), path);
        }
    }
    return operations;
}

std::set<Operation> RouteTableOperations() {
    std::set<Operation> operations;
    for (const Route& route : AllRoutes()) {
        operations.emplace(std::string(route.method), std::string(route.pattern));
    }
    return operations;
}

std::string List(const std::set<Operation>& operations) {
    std::ostringstream out;
    for (const auto& [method, path] : operations) out << "\n  " << method << ' ' << path;
    return out.str();
}

std::set<Operation> Minus(const std::set<Operation>& a, const std::set<Operation>& b) {
    std::set<Operation> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

TEST(OpenApiTest, IsValidJsonOfOpenApi3) {
    const Json document = Json::parse(OpenApiDocument(), nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(document.is_discarded()) << "openapi.json is not valid JSON";
    ASSERT_TRUE(document.is_object());
    ASSERT_TRUE(document.contains("openapi"));
    EXPECT_TRUE(document.at("openapi").get<std::string>().starts_with("3.0."))
        << "openapi is " << document.at("openapi");
    EXPECT_TRUE(document.contains("info"));
    ASSERT_TRUE(document.contains("paths"));
    EXPECT_TRUE(document.at("paths").is_object());
}

TEST(OpenApiTest, EmbedsTheFileExactly) {
    // The embedding splits the text into raw string literals; nothing may be lost or added at
    // the chunk boundaries.
    std::ifstream file(VORONKA_OPENAPI_JSON, std::ios::binary);
    ASSERT_TRUE(file) << "cannot open " << VORONKA_OPENAPI_JSON;
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    EXPECT_GT(text.size(), 8000u) << "the document should span several literal chunks";
    EXPECT_TRUE(OpenApiBase() == text) << "OpenApiBase() differs from openapi/base.json";
    EXPECT_EQ(text.find(")voronka_embed\""), std::string::npos)
        << "openapi/base.json must not contain the embedding's raw-string delimiter";
}

TEST(OpenApiTest, DescribesEveryRouteOfTheTable) {
    const auto missing = Minus(RouteTableOperations(), DocumentedOperations(Document()));
    EXPECT_TRUE(missing.empty()) << "routes of routes.cpp missing from openapi.json:" << List(missing);
}

TEST(OpenApiTest, NamesNoRouteTheTableLacks) {
    const auto extra = Minus(DocumentedOperations(Document()), RouteTableOperations());
    EXPECT_TRUE(extra.empty()) << "routes in openapi.json that routes.cpp lacks:" << List(extra);
}

TEST(OpenApiTest, EveryOperationHasAnIdAndASuccessResponse) {
    const Json document = Document();
    std::set<std::string> ids;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto method : kHttpMethods) {
            if (!item.contains(method)) continue;
            const Json& operation = item.at(method);
            const std::string name = Upper(std::string(method)) + " " + path;
            ASSERT_TRUE(operation.contains("operationId")) << name << " has no operationId";
            const auto id = operation.at("operationId").get<std::string>();
            EXPECT_FALSE(id.empty()) << name;
            EXPECT_TRUE(ids.insert(id).second) << name << ": operationId " << id << " is used twice";
            ASSERT_TRUE(operation.contains("responses")) << name << " has no responses";
            bool success = false;
            for (const auto& [status, response] : operation.at("responses").items()) {
                if (status.size() == 3 && status[0] == '2') success = true;
            }
            EXPECT_TRUE(success) << name << " has no 2xx response";
        }
    }
}

TEST(OpenApiTest, PublicRoutesNeedNoCredentialsAndTheOthersDo) {
    const Json document = Document();
    ASSERT_TRUE(document.contains("security"));
    EXPECT_FALSE(document.at("security").empty());
    for (const Route& route : AllRoutes()) {
        const std::string path(route.pattern);
        const std::string method = [&] {
            std::string m(route.method);
            std::transform(m.begin(), m.end(), m.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return m;
        }();
        if (!document.at("paths").contains(path) || !document.at("paths").at(path).contains(method)) {
            continue;  // reported by DescribesEveryRouteOfTheTable
        }
        const Json& operation = document.at("paths").at(path).at(method);
        const bool open = operation.contains("security") && operation.at("security").empty();
        EXPECT_EQ(open, route.access == Access::kPublic)
            << route.method << ' ' << route.pattern
            << (open ? " is documented as public but needs credentials"
                     : " needs no credentials but is documented as needing them");
    }
}

// Every code the server answers is in the Error schema's list, which the web UI's catalogues
// are checked against (web/src/ui/errors.test.ts): the domain's ErrorCode and the codes the HTTP
// layer writes itself (server.cpp, router.cpp, http_error.cpp). When adding a code, also add it
// to that list and a sentence for it to web/src/app/messages.ts.
TEST(OpenApiTest, ErrorCodesAreDocumented) {
    const Json codes =
        Document()["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
    const std::set<std::string> documented(codes.begin(), codes.end());
    for (int i = 0; i <= static_cast<int>(ErrorCode::kThrottled); ++i) {
        const std::string name(ErrorCodeName(static_cast<ErrorCode>(i)));
        EXPECT_TRUE(documented.contains(name)) << name;
    }
    for (const char* own : {"cross_site_request", "unavailable", "internal"})
        EXPECT_TRUE(documented.contains(own)) << own;
}

TEST(OpenApiTest, ReferencesResolve) {
    const Json document = Document();
    std::vector<std::string> broken;
    const auto walk = [&](const auto& self, const Json& node) -> void {
        if (node.is_object()) {
            if (const auto it = node.find("$ref"); it != node.end() && it->is_string()) {
                const std::string ref = it->get<std::string>();
                if (!ref.starts_with("#/") || !document.contains(Json::json_pointer(ref.substr(1)))) {
                    broken.push_back(ref);
                }
            }
            for (const auto& [key, value] : node.items()) self(self, value);
        } else if (node.is_array()) {
            for (const auto& value : node) self(self, value);
        }
    };
    walk(walk, document);
    EXPECT_TRUE(broken.empty()) << "unresolved $ref: " << Json(broken).dump();
}

}  // namespace
}  // namespace voronka::api
