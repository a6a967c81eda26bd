// Handlers of the delivery channels' settings (routes.cpp, the [channels] block): SMTP server,
// SMS provider and the outbound allow-list, and a test message through SMTP or SMS; admin only.
// Owned by api. Each parses, calls one messaging service function, renders; secrets are never
// rendered.
#pragma once

#include "api/router.hpp"

namespace voronka::api {

Response GetSmtpSettings(Call& call);
Response PutSmtpSettings(Call& call);
Response GetSmsSettings(Call& call);
Response PutSmsSettings(Call& call);
// A test message through the settings as they are now (messaging::SendTestMessage).
Response PostSmtpTest(Call& call);
Response PostSmsTest(Call& call);
Response GetOutboundSettings(Call& call);
Response PutOutboundSettings(Call& call);

}  // namespace voronka::api
