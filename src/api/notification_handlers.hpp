// Handlers of in-app notifications and of the live stream that announces them (routes.cpp, the
// block). Owned by api.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListNotifications(Call& call);
Response ReadNotification(Call& call);
// GET /api/v1/stream: the caller's server-sent events (api/live_streams.hpp); 429 over the cap.
Response GetStream(Call& call);

}  // namespace voronka::api
