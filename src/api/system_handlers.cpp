#include "api/auth_json.hpp"
#include "api/handlers.hpp"
#include "api/openapi.hpp"
#include "api/services.hpp"

namespace voronka::api {

Response GetHealth(Call& call) {
    if (!call.services.db.Ping()) {
        return JsonResponse({{"status", "unavailable"}, {"database", "unreachable"}}, 503);
    }
    return JsonResponse({{"status", "ok"}, {"database", "ok"}});
}

Response GetMetrics(Call& call) {
    return Response{.status = 200,
                    .content_type = "text/plain; version=0.0.4; charset=utf-8",
                    .body = call.services.metrics.Render(call.services.db.Stats())};
}

Response GetOpenApi(Call&) {
    return Response{.status = 200, .body = OpenApiDocument()};
}

Response GetSettings(Call& call) {
    return JsonResponse(ToJson(call.services.settings.Get()));
}

Response PatchSettings(Call& call) {
    auto body = JsonBody::Parse(call.request);
    if (!body) return ErrorResponse(body.error());
    auth::SettingsPatch patch;
    patch.organisation_name = body->String("organisation_name");
    patch.time_zone = body->String("time_zone");
    patch.language = body->String("language");
    patch.currency = body->String("currency");
    patch.phone_region = body->String("phone_region");
    patch.next_step_policy = body->String("next_step_policy");
    patch.first_task_kind = body->String("first_task_kind");
    patch.first_task_subject = body->String("first_task_subject");
    patch.first_task_due = body->String("first_task_due");
    patch.post_sale_task_kind = body->String("post_sale_task_kind");
    patch.post_sale_task_subject = body->String("post_sale_task_subject");
    patch.post_sale_task_due = body->String("post_sale_task_due");
    if (auto done = body->Finish(); !done) return ErrorResponse(done.error());
    return Render(call.services.settings.Update(call.who(), patch),
                  [](const auth::Settings& s) { return ToJson(s); });
}

}  // namespace voronka::api
