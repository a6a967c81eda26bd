// JSON of telephony: PBXs (never their secret), calls, the webhook's answer, and reading a
// webhook event from a body. Owned by api (the telephony part). Pure, thread-safe.
#pragma once

#include <cstdint>

#include "api/json.hpp"
#include "telephony/call_ingestion.hpp"
#include "telephony/call_service.hpp"
#include "telephony/pbx_service.hpp"

namespace voronka::api {

inline constexpr std::string_view kCallDirections = "in, out";
inline constexpr std::string_view kCallStatuses = "ringing, answered, missed, busy, failed";

// {id, kind, name, department_id, active, created_at, updated_at}: no secret, ever.
Json PbxJson(const telephony::Pbx& pbx);
// The call without its links (lists).
Json CallJson(const telephony::Call& call);
// The call with `links`: [{record_type, record_id}].
Json CallDetailJson(const telephony::Call& call);
// {call_id, changed, status}.
Json IngestOutcomeJson(const telephony::IngestOutcome& outcome);

// The event of Voronka's own webhook: {pbx_id?, call_id, event, at, direction?, from?, to?,
// extension?, end_reason?}. Errors as JsonBody (415, 400, 422 naming the field); pbx_id, when
// present, must be the PBX of the X-Voronka-Pbx header (422 naming pbx_id).
Result<telephony::IncomingEvent> TelephonyEventOf(const Request& request, std::int64_t pbx_id);

}  // namespace voronka::api
