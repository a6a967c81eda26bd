#include "api/openapi.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

// Generated from openapi/*.json (cmake/Embed.cmake). When adding a fragment, also add it to
// src/api/CMakeLists.txt and to kFragments below.
namespace voronka {
std::string_view OpenApiBase();
std::string_view OpenApiCrmRecords();
std::string_view OpenApiCrmPipelines();
std::string_view OpenApiCrmTasks();
std::string_view OpenApiTemplates();
std::string_view OpenApiChannels();
std::string_view OpenApiMessages();
std::string_view OpenApiRules();
std::string_view OpenApiEngine();
std::string_view OpenApiTelephony();
}  // namespace voronka

namespace voronka::api {
namespace {

using Json = nlohmann::json;

void MergeObject(Json& into, const Json& from, const std::string& where) {
    for (const auto& [key, value] : from.items()) {
        if (into.contains(key)) throw std::logic_error("openapi: " + where + "/" + key + " is defined twice");
        into[key] = value;
    }
}

std::string Build() {
    Json document = Json::parse(OpenApiBase());
    for (auto fragment_text :
         {OpenApiCrmRecords(), OpenApiCrmPipelines(), OpenApiCrmTasks(), OpenApiTemplates(),
          OpenApiChannels(), OpenApiMessages(), OpenApiRules(), OpenApiEngine(), OpenApiTelephony()}) {
        const Json fragment = Json::parse(fragment_text);
        if (fragment.contains("paths")) MergeObject(document["paths"], fragment["paths"], "paths");
        if (fragment.contains("components")) {
            for (const auto& [section, entries] : fragment["components"].items()) {
                MergeObject(document["components"][section], entries, "components/" + section);
            }
        }
        if (fragment.contains("tags")) {
            for (const auto& tag : fragment["tags"]) document["tags"].push_back(tag);
        }
    }
    return document.dump(2);
}

}  // namespace

const std::string& OpenApiDocument() {
    static const std::string document = Build();
    return document;
}

}  // namespace voronka::api
