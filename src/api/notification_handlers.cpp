#include "api/notification_handlers.hpp"

#include "api/handlers.hpp"
#include "api/rules_json.hpp"
#include "api/services.hpp"

namespace voronka::api {
Response ListNotifications(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto unread = QueryBool(call.request, "unread");
    if (!unread) return ErrorResponse(unread.error());
    return Render(call.services.notifications.List(call.who(), unread->value_or(false), *page),
                  [](const Page<automation::Notification>& p) { return PageJson(p, NotificationJson); });
}

Response ReadNotification(Call& call) {
    return Render(call.services.notifications.MarkRead(call.who(), call.id()), NotificationJson);
}

Response GetStream(Call& call) {
    auto stream = call.services.live_streams.Open(call.who());
    if (!stream) return ErrorResponse(Error::Throttled("too many open streams; close one first"));
    return Response{.status = 200,
                    .content_type = "text/event-stream",
                    .headers = {{"Cache-Control", "no-store"}, {"X-Accel-Buffering", "no"}},
                    .stream = std::move(stream)};
}

}  // namespace voronka::api
