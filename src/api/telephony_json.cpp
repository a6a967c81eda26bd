#include "api/telephony_json.hpp"

#include "crm/model.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kEventKinds = "call_started, call_answered, call_ended, recording_ready";
constexpr std::string_view kEndReasons = "no_answer, busy, failed";

}  // namespace

Json PbxJson(const telephony::Pbx& pbx) {
    return {{"id", pbx.id},
            {"kind", pbx.kind},
            {"name", pbx.name},
            {"department_id", OrNull(pbx.department_id)},
            {"active", pbx.active},
            {"created_at", FormatIso8601(pbx.created_at)},
            {"updated_at", FormatIso8601(pbx.updated_at)}};
}

Json CallJson(const telephony::Call& call) {
    return {
        {"id", call.id},
        {"pbx_id", call.pbx_id},
        {"pbx_call_id", call.pbx_call_id},
        {"direction", call.direction ? Json(telephony::CallDirectionName(*call.direction)) : Json(nullptr)},
        {"from", call.from.empty() ? Json(nullptr) : Json(call.from)},
        {"to", call.to.empty() ? Json(nullptr) : Json(call.to)},
        {"extension", call.extension.empty() ? Json(nullptr) : Json(call.extension)},
        {"user_id", OrNull(call.user_id)},
        {"flagged_unknown_extension", call.flagged_unknown_extension},
        {"started_at", FormatIso8601(call.started_at)},
        {"answered_at", TimeOrNull(call.answered_at)},
        {"ended_at", TimeOrNull(call.ended_at)},
        {"status", telephony::CallStatusName(call.status)},
        {"duration_s", call.duration_s},
        {"talk_s", call.talk_s},
        {"has_recording", call.has_recording},
        {"callback_task_id", OrNull(call.callback_task_id)},
        {"created_at", FormatIso8601(call.created_at)},
        {"updated_at", FormatIso8601(call.updated_at)}};
}

Json CallDetailJson(const telephony::Call& call) {
    Json json = CallJson(call);
    Json links = Json::array();
    for (const auto& link : call.links) {
        links.push_back(
            {{"record_type", crm::RecordTypeName(link.record_type)}, {"record_id", link.record_id}});
    }
    json["links"] = std::move(links);
    return json;
}

Json IngestOutcomeJson(const telephony::IngestOutcome& outcome) {
    return {{"call_id", outcome.call_id},
            {"changed", outcome.changed},
            {"status", telephony::CallStatusName(outcome.status)}};
}

Result<telephony::IncomingEvent> TelephonyEventOf(const Request& request, std::int64_t pbx_id) {
    auto body = JsonBody::Parse(request);
    if (!body) return std::move(body).error();
    telephony::IncomingEvent event;
    if (const auto named = body->Int("pbx_id"); named && *named != pbx_id) {
        body->Reject(Error::Validation("pbx_id differs from the X-Voronka-Pbx header", "pbx_id"));
    }
    event.pbx_call_id = body->String("call_id", Presence::kRequired).value_or("");
    event.kind = body->Enum<telephony::CallEventKind>("event", telephony::ParseCallEventKind, kEventKinds,
                                                      Presence::kRequired)
                     .value_or(telephony::CallEventKind::kStarted);
    if (const auto at = body->String("at", Presence::kRequired)) {
        const auto parsed = ParseIso8601(*at);
        if (!parsed)
            body->Reject(Error::Validation("at must be an ISO 8601 time like 2026-11-27T10:00:00Z", "at"));
        event.at = parsed.value_or(0);
    }
    event.direction =
        body->Enum<telephony::CallDirection>("direction", telephony::ParseCallDirection, kCallDirections);
    event.from = body->String("from").value_or("");
    event.to = body->String("to").value_or("");
    event.extension = body->String("extension").value_or("");
    event.end_reason = body->Enum<telephony::EndReason>("end_reason", telephony::ParseEndReason, kEndReasons)
                           .value_or(telephony::EndReason::kNone);
    if (auto done = body->Finish(); !done) return std::move(done).error();
    return event;
}

}  // namespace voronka::api
