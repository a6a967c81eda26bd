// Handlers of in-app notifications (routes.cpp, the [engine] block). Owned by api.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListNotifications(Call& call);
Response ReadNotification(Call& call);

}  // namespace voronka::api
