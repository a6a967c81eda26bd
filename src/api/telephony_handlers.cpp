#include "api/telephony_handlers.hpp"

#include <charconv>

#include "api/handlers.hpp"
#include "api/services.hpp"
#include "api/telephony_json.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kRecordTypes = "lead, deal, contact, company";

// The PBX id of the X-Voronka-Pbx header: a positive integer, else nullopt.
std::optional<std::int64_t> PbxIdOf(const Request& request) {
    const std::string& text = request.voronka_pbx;
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id < 1) return std::nullopt;
    return id;
}

Result<telephony::NewPbx> NewPbxOf(const Request& request) {
    auto body = JsonBody::Parse(request);
    if (!body) return std::move(body).error();
    telephony::NewPbx pbx;
    pbx.kind = body->String("kind").value_or(pbx.kind);
    pbx.name = body->String("name", Presence::kRequired).value_or("");
    pbx.department_id = body->NullableInt("department_id").value_or(std::nullopt);
    pbx.secret = body->String("secret", Presence::kRequired).value_or("");
    pbx.active = body->Bool("active").value_or(true);
    if (auto done = body->Finish(); !done) return std::move(done).error();
    return pbx;
}

Result<telephony::PbxPatch> PbxPatchOf(const Request& request) {
    auto body = JsonBody::Parse(request);
    if (!body) return std::move(body).error();
    telephony::PbxPatch patch;
    patch.name = body->String("name");
    patch.department_id = body->NullableInt("department_id");
    patch.secret = body->String("secret");
    patch.active = body->Bool("active");
    if (auto done = body->Finish(); !done) return std::move(done).error();
    return patch;
}

Result<std::optional<UnixTime>> QueryTime(const Request& request, std::string_view name) {
    const auto text = request.QueryParam(name);
    if (!text) return std::optional<UnixTime>{};
    const auto at = ParseIso8601(*text);
    if (!at) return Error::Validation(std::string(name) + " must be an ISO 8601 time", std::string(name));
    return std::optional<UnixTime>(*at);
}

Result<telephony::CallFilter> CallFilterOf(const Request& request) {
    telephony::CallFilter filter;
    const auto user_id = QueryId(request, "user_id");
    if (!user_id) return user_id.error();
    filter.user_id = *user_id;
    if (const auto direction = request.QueryParam("direction")) {
        filter.direction = telephony::ParseCallDirection(*direction);
        if (!filter.direction) return NotOneOf("direction", kCallDirections);
    }
    if (const auto status = request.QueryParam("status")) {
        filter.status = telephony::ParseCallStatus(*status);
        if (!filter.status) return NotOneOf("status", kCallStatuses);
    }
    const auto from = QueryTime(request, "from");
    if (!from) return from.error();
    filter.from = *from;
    const auto to = QueryTime(request, "to");
    if (!to) return to.error();
    filter.to = *to;
    if (const auto type = request.QueryParam("record_type")) {
        filter.record_type = crm::ParseRecordType(*type);
        if (!filter.record_type) return NotOneOf("record_type", kRecordTypes);
    }
    const auto record_id = QueryId(request, "record_id");
    if (!record_id) return record_id.error();
    filter.record_id = *record_id;
    const auto has_recording = QueryBool(request, "has_recording");
    if (!has_recording) return has_recording.error();
    filter.has_recording = *has_recording;
    return filter;
}

}  // namespace

Response PostTelephonyEvent(Call& call) {
    const auto pbx_id = PbxIdOf(call.request);
    if (!pbx_id) return ErrorResponse(Error::Unauthenticated("unknown PBX or wrong signature"));
    auto& ingestion = call.services.call_ingestion;
    if (auto ok = ingestion.Authenticate(*pbx_id, call.request.voronka_signature, call.request.body); !ok)
        return ErrorResponse(ok.error());
    const auto event = TelephonyEventOf(call.request, *pbx_id);
    if (!event) return ErrorResponse(event.error());
    return Render(ingestion.Ingest(*pbx_id, *event), IngestOutcomeJson);
}

Response ListPbxs(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.pbxs.List(call.who(), *page),
                  [](const Page<telephony::Pbx>& p) { return PageJson(p, PbxJson); });
}

Response PostPbx(Call& call) {
    const auto pbx = NewPbxOf(call.request);
    if (!pbx) return ErrorResponse(pbx.error());
    return Render(call.services.pbxs.Create(call.who(), *pbx), PbxJson, 201);
}

Response GetPbx(Call& call) {
    return Render(call.services.pbxs.Get(call.who(), call.id()), PbxJson);
}

Response PatchPbx(Call& call) {
    const auto patch = PbxPatchOf(call.request);
    if (!patch) return ErrorResponse(patch.error());
    return Render(call.services.pbxs.Update(call.who(), call.id(), *patch), PbxJson);
}

Response DeletePbx(Call& call) {
    if (auto done = call.services.pbxs.Delete(call.who(), call.id()); !done)
        return ErrorResponse(done.error());
    return NoContent();
}

Response ListCalls(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto filter = CallFilterOf(call.request);
    if (!filter) return ErrorResponse(filter.error());
    return Render(call.services.calls.List(call.who(), *filter, *page),
                  [](const Page<telephony::Call>& p) { return PageJson(p, CallJson); });
}

Response GetCall(Call& call) {
    return Render(call.services.calls.Get(call.who(), call.id()), CallDetailJson);
}

}  // namespace voronka::api
