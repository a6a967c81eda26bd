// Handlers of telephony (routes.cpp): Voronka's own PBX webhook, PBX configuration and the
// calls list. Owned by api. Each parses, calls one telephony service function, renders; the
// webhook first has the PBX's signature checked.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

// The webhook names its PBX in the header X-Voronka-Pbx (the PBX's id) and signs the exact body
// in X-Voronka-Signature: "sha256=" + hex HMAC-SHA256 with the PBX's secret, as
// messaging::WebhookSignature computes it (server.cpp reads both into the Request).
Response PostTelephonyEvent(Call& call);
Response ListPbxs(Call& call);
Response PostPbx(Call& call);
Response GetPbx(Call& call);
Response PatchPbx(Call& call);
Response DeletePbx(Call& call);
Response ListCalls(Call& call);
Response GetCall(Call& call);

}  // namespace voronka::api
