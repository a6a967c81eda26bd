#include "api/messages_handlers.hpp"

#include "api/handlers.hpp"
#include "api/messaging_json.hpp"
#include "api/services.hpp"
#include "core/validation.hpp"

namespace voronka::api {
namespace {

constexpr std::string_view kStates = "queued, sending, sent, retrying, failed";
constexpr std::string_view kChannels = "sms, email, webhook";
constexpr std::string_view kRecordTypes = "lead, deal, contact, company";

Result<messaging::MessageFilter> MessageFilterOf(const Request& request) {
    messaging::MessageFilter filter;
    if (const auto state = request.QueryParam("state")) {
        filter.state = messaging::ParseMessageState(*state);
        if (!filter.state) return NotOneOf("state", kStates);
    }
    if (const auto channel = request.QueryParam("channel")) {
        filter.channel = messaging::ParseChannel(*channel);
        if (!filter.channel) return NotOneOf("channel", kChannels);
    }
    if (const auto type = request.QueryParam("record_type")) {
        filter.record_type = crm::ParseRecordType(*type);
        if (!filter.record_type) return NotOneOf("record_type", kRecordTypes);
    }
    const auto record_id = QueryInt(request, "record_id");
    if (!record_id) return record_id.error();
    filter.record_id = *record_id;
    const auto rule_id = QueryInt(request, "rule_id");
    if (!rule_id) return rule_id.error();
    filter.rule_id = *rule_id;
    return filter;
}

}  // namespace

Response ListMessages(Call& call) {
    const auto page = PageRequestOf(call.request);
    if (!page) return ErrorResponse(page.error());
    const auto filter = MessageFilterOf(call.request);
    if (!filter) return ErrorResponse(filter.error());
    return Render(call.services.messages.List(call.who(), *filter, *page),
                  [](const Page<messaging::Message>& p) { return PageJson(p, MessageJson); });
}

Response GetMessage(Call& call) {
    return Render(call.services.messages.Get(call.who(), call.id()), MessageJson);
}

Response RetryMessage(Call& call) {
    return Render(call.services.messages.Retry(call.who(), call.id()), MessageJson);
}

}  // namespace voronka::api
