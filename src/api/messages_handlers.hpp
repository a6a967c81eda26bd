// Handlers of the outbox's messages (routes.cpp, the [messages] block) and their JSON. Owned by
// api. Each parses, calls one messaging::MessageService function, renders.
#pragma once

#include "api/json.hpp"
#include "api/router.hpp"
#include "messaging/message.hpp"

namespace voronka::api {

// Every column of the message but claimed_until; times in ISO 8601, absent values null.
Json MessageJson(const messaging::Message& message);

Response ListMessages(Call& call);
Response GetMessage(Call& call);
Response RetryMessage(Call& call);

}  // namespace voronka::api
