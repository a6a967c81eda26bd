// The JSON body reader of api (api/json.hpp): the bytes are a request body sent as
// application/json, read field by field as handlers do, then finished. A body that parses is
// valid UTF-8, an object, and nothing the readers do to it throws. The same bytes are also tried
// as a Content-Type header.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/json.hpp"
#include "core/text.hpp"
#include "property.hpp"

using voronka::api::JsonBody;
using voronka::api::Presence;
using voronka::api::Request;
using voronka::fuzz::Expect;

namespace {

// Reads the members a handler of tasks or pipelines would, each with the reader of its type.
void ReadLikeAHandler(JsonBody& body) {
    (void)body.String("title", Presence::kRequired);
    (void)body.Int("amount");
    (void)body.Bool("done");
    (void)body.NullableString("note");
    (void)body.NullableInt("company_id");
    (void)body.StringArray("phones");
    (void)body.Object("custom_fields");
    (void)body.Enum<int>(
        "kind", [](const std::string& s) { return s == "call" ? std::optional<int>(1) : std::nullopt; },
        "call");
    if (auto next = body.Nested("next_task")) {
        (void)next->String("title", Presence::kRequired);
        (void)next->Int("due_at");
        body.Adopt(*next);
    }
    if (auto stages = body.NestedArray("stages")) {
        for (auto& stage : *stages) {
            (void)stage.String("name", Presence::kRequired);
            (void)stage.NullableString("limit");
            body.Adopt(stage);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = voronka::fuzz::TextOf(data, size);
    Request request;
    request.method = "POST";
    request.content_type = "application/json";
    request.body = std::string(text);
    auto body = JsonBody::Parse(request);
    if (body) {
        Expect(voronka::IsValidUtf8(text), "a body that parses is valid UTF-8");
        ReadLikeAHandler(*body);
        const auto finished = body->Finish();
        Expect(finished.ok() || !finished.error().message.empty(), "a refused body says why");
    } else {
        Expect(!body.error().message.empty(), "a refused body says why");
    }

    Request typed;
    typed.content_type = std::string(text.substr(0, 256));
    typed.body = "{}";
    (void)JsonBody::Parse(typed);
    return 0;
}
