// JSON in and out of handlers. JsonBody reads a request body field by field and refuses what it
// did not read; the Json*Response helpers render. Owned by api (the only module that knows
// nlohmann::json). Thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"

namespace voronka::api {

using Json = nlohmann::json;

enum class Presence { kOptional, kRequired };

class JsonBody {
public:
    // 415 unless the content type is application/json (charset utf-8 allowed); 400 for invalid
    // UTF-8, a leading byte order mark or malformed JSON; 422 when the body is not a JSON object
    // or has a key twice in one object (field: the key).
    static Result<JsonBody> Parse(const Request& request);

    // Each reader answers nullopt when the field is absent (or on a wrong type, which is
    // remembered as the error to report). Required fields that are absent are errors too.
    std::optional<std::string> String(std::string_view name, Presence presence = Presence::kOptional);
    std::optional<std::int64_t> Int(std::string_view name, Presence presence = Presence::kOptional);
    std::optional<bool> Bool(std::string_view name, Presence presence = Presence::kOptional);
    // For nullable fields: absent -> nullopt; null -> an engaged optional holding nullopt.
    std::optional<std::optional<std::string>> NullableString(std::string_view name);
    std::optional<std::optional<std::int64_t>> NullableInt(std::string_view name);
    // An array of strings (each without NUL characters); absent -> nullopt.
    std::optional<std::vector<std::string>> StringArray(std::string_view name,
                                                        Presence presence = Presence::kOptional);
    // A JSON object, for the caller to read further (e.g. CustomInputsFrom); absent -> nullptr.
    // The pointer is valid while this JsonBody lives.
    const Json* Object(std::string_view name, Presence presence = Presence::kOptional);
    // A member that is an object, read as a body of its own whose errors name `name.field`;
    // absent -> nullopt. Report its errors with Adopt() after reading it.
    std::optional<JsonBody> Nested(std::string_view name, Presence presence = Presence::kOptional);
    // A member that is an array of objects, each read as with Nested (errors name
    // `name[i].field`); absent -> nullopt.
    std::optional<std::vector<JsonBody>> NestedArray(std::string_view name,
                                                     Presence presence = Presence::kOptional);
    // Takes over the first error of a nested body (its Finish()), if there is one.
    void Adopt(const JsonBody& nested);
    // True when the body has the member, without reading it.
    bool Contains(std::string_view name) const { return json_.contains(name); }
    // Remembers an error found by the caller while reading a field of this body (the first error
    // wins); in a nested body its field and message get the body's prefix ("next_task.due_at").
    void Reject(Error error);
    // A string that must parse with `parse` (e.g. ParseRole); `allowed` lists the values.
    template <typename T, typename Parse>
    std::optional<T> Enum(std::string_view name, Parse parse, std::string_view allowed,
                          Presence presence = Presence::kOptional) {
        const auto text = String(name, presence);
        if (!text) return std::nullopt;
        const std::optional<T> value = parse(*text);
        if (!value) Fail(ValueNotOneOf(name, allowed));
        return value;
    }

    // The first error met, or a 422 naming the first field that no reader asked for.
    Status Finish() const;

private:
    JsonBody(Json json, std::string prefix) : json_(std::move(json)), prefix_(std::move(prefix)) {}
    // The name of a member in errors: with the prefix of a nested body ("stages[1].kind").
    std::string FieldName(std::string_view name) const { return prefix_ + std::string(name); }
    const Json* Find(std::string_view name, Presence presence);
    void WrongType(std::string_view name, std::string_view expected);
    void Fail(Error error);
    Error ValueNotOneOf(std::string_view name, std::string_view allowed) const;

    Json json_;
    std::string prefix_;  // "" for a request body; "stages[1]." for a nested one
    std::set<std::string, std::less<>> read_;
    std::optional<Error> error_;
};

Response JsonResponse(const Json& body, int status = 200);
Response NoContent();

// {"items": [...], "next_cursor": ...} with each item rendered by `to_json`.
template <typename T, typename ToJson>
Json PageJson(const Page<T>& page, ToJson to_json) {
    Json items = Json::array();
    for (const auto& item : page.items) items.push_back(to_json(item));
    return {{"items", std::move(items)},
            {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}};
}

// `limit` (1..200, default 50) and `cursor` from the query; 422 naming the parameter otherwise.
Result<PageRequest> PageRequestOf(const Request& request);
// An optional integer query parameter; 422 naming it when it is not an integer.
Result<std::optional<std::int64_t>> QueryInt(const Request& request, std::string_view name);
// An optional id query parameter (a positive integer); 422 naming it otherwise (`abc`, `0`, `-1`).
Result<std::optional<std::int64_t>> QueryId(const Request& request, std::string_view name);
// An optional boolean query parameter ("true"/"false"); 422 naming it otherwise.
Result<std::optional<bool>> QueryBool(const Request& request, std::string_view name);

// Optional values render as null when empty.
template <typename T>
Json OrNull(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}
// An optional time as ISO 8601 (UTC), null when empty.
Json TimeOrNull(const std::optional<UnixTime>& t);

}  // namespace voronka::api
