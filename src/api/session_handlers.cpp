#include <fmt/format.h>

#include "api/auth_json.hpp"
#include "api/handlers.hpp"
#include "api/services.hpp"

namespace voronka::api {
namespace {

std::string SessionCookie(const Services& services, const std::string& token, std::int64_t max_age) {
    return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token,
                       max_age, services.secure_cookie ? "; Secure" : "");
}

}  // namespace

Response PostLogin(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const auto email = body->String("email", Presence::kRequired);
    const auto password = body->String("password", Presence::kRequired);
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());

    auto signed_in = call.services.sessions.SignIn(*email, *password, call.request.remote_address);
    if (!signed_in) return ErrorResponse(signed_in.error());
    Response response = JsonResponse({{"token", signed_in->token},
                                      {"expires_at", FormatIso8601(signed_in->expires_at)},
                                      {"user", ToJson(signed_in->user)}});
    response.headers.emplace_back(
        "Set-Cookie",
        SessionCookie(call.services, signed_in->token, signed_in->expires_at - call.services.clock.Now()));
    return response;
}

Response PostLogout(Call& call) {
    call.services.sessions.SignOut(call.who());
    Response response = NoContent();
    response.headers.emplace_back("Set-Cookie", SessionCookie(call.services, "", 0));
    return response;
}

Response GetMe(Call& call) {
    return JsonResponse(ToJson(call.who().user));
}

Response ListApiTokens(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    return Render(call.services.api_tokens.List(call.who(), *page), [](const auto& p) {
        return PageJson(p, [](const auth::ApiToken& t) { return ToJson(t); });
    });
}

Response PostApiToken(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    const auto name = body->String("name", Presence::kRequired);
    const auto user_id = body->Int("user_id");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(
        call.services.api_tokens.Issue(call.who(), *name, user_id),
        [](const auth::IssuedApiToken& issued) {
            Json json = ToJson(issued.token);
            json["token"] = issued.secret;
            return json;
        },
        201);
}

Response DeleteApiToken(Call& call) {
    return Render(call.services.api_tokens.Revoke(call.who(), call.id()),
                  [](const auth::ApiToken& t) { return ToJson(t); });
}

}  // namespace voronka::api
