// Handlers of the outbox's messages (routes.cpp, the [messages] block). Owned by
// api. Each parses, calls one messaging::MessageService function, renders.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response ListMessages(Call& call);
Response GetMessage(Call& call);
Response RetryMessage(Call& call);

}  // namespace voronka::api
