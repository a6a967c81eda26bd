#include "api/json.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/text.hpp"

namespace voronka::api {
namespace {

bool IsJsonContentType(std::string_view content_type) {
    const auto semicolon = content_type.find(';');
    const std::string media = FoldCase(Trim(content_type.substr(0, semicolon)));
    if (media != "application/json") return false;
    if (semicolon == std::string_view::npos) return true;
    const std::string params = FoldCase(content_type.substr(semicolon + 1));
    const auto charset = params.find("charset=");
    if (charset == std::string::npos) return true;
    std::string value(Trim(std::string_view(params).substr(charset + 8)));
    if (!value.empty() && value.front() == '"') value = value.substr(1, value.size() - 2);
    return value == "utf-8" || value == "utf8";
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The deepest nesting of arrays and objects in `text`, not counting brackets inside strings.
int NestingDepth(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

constexpr int kMaxNestingDepth = 32;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Parses `text` (nlohmann would accept a duplicate key silently, keeping the last value); sets
// `duplicate` to the first key that appears twice in one object.
Json ParseRefusingDuplicates(std::string_view text, std::optional<std::string>& duplicate) {
    std::vector<std::set<std::string, std::less<>>> open;  // the keys of each open object
    const Json::parser_callback_t check = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start: open.emplace_back(); break;
            case Json::parse_event_t::object_end:
                if (!open.empty()) open.pop_back();
                break;
            case Json::parse_event_t::key:
                if (!open.empty() && !open.back().insert(parsed.get<std::string>()).second && !duplicate) {
                    duplicate = parsed.get<std::string>();
                }
                break;
            default: break;
        }
        return true;
    };
    return Json::parse(text, check, /*allow_exceptions=*/false);
}

}  // namespace

Result<JsonBody> JsonBody::Parse(const Request& request) {
    if (!IsJsonContentType(request.content_type)) {
        return Error{ErrorCode::kUnsupportedMediaType,
                     "the body must be JSON sent as Content-Type: application/json",
                     {}};
    }
    if (!IsValidUtf8(request.body)) return Error::Malformed("the body is not valid UTF-8");
    if (std::string_view(request.body).starts_with(kByteOrderMark)) {
        return Error::Malformed("the body starts with a byte order mark (U+FEFF); send JSON without it");
    }
    if (NestingDepth(request.body) > kMaxNestingDepth) {
        return Error::Malformed("the body is nested too deeply");
    }
    std::optional<std::string> duplicate;
    Json json = ParseRefusingDuplicates(request.body, duplicate);
    if (json.is_discarded()) return Error::Malformed("the body is not valid JSON");
    if (duplicate) {
        return Error::Validation(
            fmt::format("the key {} appears twice in one object", Json(*duplicate).dump()), *duplicate);
    }
    if (!json.is_object()) return Error::Validation("the body must be a JSON object");
    return JsonBody(std::move(json), {});
}

const Json* JsonBody::Find(std::string_view name, Presence presence) {
    read_.emplace(name);
    const auto it = json_.find(name);
    if (it == json_.end()) {
        if (presence == Presence::kRequired) {
            Fail(Error::Validation(fmt::format("{} is required", FieldName(name)), FieldName(name)));
        }
        return nullptr;
    }
    if (it->is_null() && presence == Presence::kRequired) {
        Fail(Error::Validation(fmt::format("{} is required", FieldName(name)), FieldName(name)));
        return nullptr;
    }
    return &*it;
}

void JsonBody::WrongType(std::string_view name, std::string_view expected) {
    Fail(Error::Validation(fmt::format("{} must be {}", FieldName(name), expected), FieldName(name)));
}

void JsonBody::Fail(Error error) {
    if (!error_) error_ = std::move(error);
}

Error JsonBody::ValueNotOneOf(std::string_view name, std::string_view allowed) const {
    return Error::Validation(fmt::format("{} must be one of: {}", FieldName(name), allowed), FieldName(name));
}

std::optional<std::string> JsonBody::String(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        WrongType(name, "a string");
        return std::nullopt;
    }
    auto text = value->get<std::string>();
    if (text.find('\0') != std::string::npos) {
        WrongType(name, "a string without NUL characters");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> JsonBody::Int(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) {
        WrongType(name, "an integer");
        return std::nullopt;
    }
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
        WrongType(name, "a 64-bit integer");
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

std::optional<bool> JsonBody::Bool(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
        WrongType(name, "true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<std::optional<std::string>> JsonBody::NullableString(std::string_view name) {
    const Json* value = Find(name, Presence::kOptional);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<std::string>{};
    auto text = value->is_string() ? value->get<std::string>() : std::string{};
    if (!value->is_string() || text.find('\0') != std::string::npos) {
        WrongType(name, "a string without NUL characters, or null");
        return std::nullopt;
    }
    return std::optional<std::string>{std::move(text)};
}

std::optional<std::optional<std::int64_t>> JsonBody::NullableInt(std::string_view name) {
    const Json* value = Find(name, Presence::kOptional);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<std::int64_t>{};
    if (!value->is_number_integer() ||
        (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX)) {
        WrongType(name, "an integer or null");
        return std::nullopt;
    }
    return std::optional<std::int64_t>{value->get<std::int64_t>()};
}

std::optional<std::vector<std::string>> JsonBody::StringArray(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) {
        WrongType(name, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> items;
    for (const auto& item : *value) {
        if (!item.is_string() || item.get_ref<const std::string&>().find('\0') != std::string::npos) {
            WrongType(name, "an array of strings without NUL characters");
            return std::nullopt;
        }
        items.push_back(item.get<std::string>());
    }
    return items;
}

const Json* JsonBody::Object(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return nullptr;
    if (!value->is_object()) {
        WrongType(name, "an object");
        return nullptr;
    }
    return value;
}

std::optional<JsonBody> JsonBody::Nested(std::string_view name, Presence presence) {
    const Json* object = Object(name, presence);
    if (object == nullptr) return std::nullopt;
    return JsonBody(*object, FieldName(name) + ".");
}

std::optional<std::vector<JsonBody>> JsonBody::NestedArray(std::string_view name, Presence presence) {
    const Json* value = Find(name, presence);
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) {
        WrongType(name, "an array of objects");
        return std::nullopt;
    }
    std::vector<JsonBody> items;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const std::string item_name = fmt::format("{}[{}]", name, i);
        if (!(*value)[i].is_object()) {
            WrongType(item_name, "an object");
            return std::nullopt;
        }
        items.push_back(JsonBody((*value)[i], FieldName(item_name) + "."));
    }
    return items;
}

void JsonBody::Reject(Error error) {
    if (!prefix_.empty() && !error.field.empty()) {
        error.field = FieldName(error.field);
        error.message = prefix_ + error.message;
    }
    Fail(std::move(error));
}

void JsonBody::Adopt(const JsonBody& nested) {
    if (auto done = nested.Finish(); !done) Fail(std::move(done).error());
}

Status JsonBody::Finish() const {
    if (error_) return *error_;
    for (const auto& [key, value] : json_.items()) {
        if (!read_.contains(key)) {
            return Error::Validation(fmt::format("unknown field {}", FieldName(key)), FieldName(key));
        }
    }
    return Ok{};
}

Response JsonResponse(const Json& body, int status) {
    return Response{.status = status, .body = body.dump()};
}

Response NoContent() {
    return Response{.status = 204, .content_type = {}, .body = {}};
}

Json TimeOrNull(const std::optional<UnixTime>& t) {
    return t ? Json(FormatIso8601(*t)) : Json(nullptr);
}

Result<PageRequest> PageRequestOf(const Request& request) {
    PageRequest page;
    if (const auto limit = request.QueryParam("limit")) {
        const auto value = ParseInt(*limit);
        if (!value || *value < 1 || *value > kMaxPageLimit) {
            return Error::Validation(fmt::format("limit must be an integer from 1 to {}", kMaxPageLimit),
                                     "limit");
        }
        page.limit = static_cast<int>(*value);
    }
    if (const auto cursor = request.QueryParam("cursor"); cursor && !cursor->empty()) {
        page.after = DecodeCursor(*cursor);
        if (!page.after) return Error::Validation("cursor is not one this server gave", "cursor");
    }
    return page;
}

Result<std::optional<std::int64_t>> QueryInt(const Request& request, std::string_view name) {
    const auto text = request.QueryParam(name);
    if (!text) return std::optional<std::int64_t>{};
    const auto value = ParseInt(*text);
    if (!value) return Error::Validation(fmt::format("{} must be an integer", name), std::string(name));
    return std::optional<std::int64_t>{*value};
}

Result<std::optional<std::int64_t>> QueryId(const Request& request, std::string_view name) {
    auto value = QueryInt(request, name);
    if (value && value->has_value() && **value <= 0) {
        return Error::Validation(fmt::format("{} must be a positive id", name), std::string(name));
    }
    return value;
}

Result<std::optional<bool>> QueryBool(const Request& request, std::string_view name) {
    const auto text = request.QueryParam(name);
    if (!text) return std::optional<bool>{};
    if (*text == "true") return std::optional<bool>{true};
    if (*text == "false") return std::optional<bool>{false};
    return Error::Validation(fmt::format("{} must be true or false", name), std::string(name));
}

}  // namespace voronka::api
