#include "messaging/message.hpp"

#include "core/names.hpp"

namespace voronka::messaging {
namespace {

constexpr NameTable<Channel, 3> kChannels{{
    {Channel::kSms, "sms"},
    {Channel::kEmail, "email"},
    {Channel::kWebhook, "webhook"},
}};
constexpr NameTable<MessageState, 5> kStates{{
    {MessageState::kQueued, "queued"},
    {MessageState::kSending, "sending"},
    {MessageState::kSent, "sent"},
    {MessageState::kRetrying, "retrying"},
    {MessageState::kFailed, "failed"},
}};

}  // namespace

std::string_view ChannelName(Channel channel) {
    return NameIn(kChannels, channel);
}
std::optional<Channel> ParseChannel(std::string_view name) {
    return ValueIn(kChannels, name);
}
std::string_view MessageStateName(MessageState state) {
    return NameIn(kStates, state);
}
std::optional<MessageState> ParseMessageState(std::string_view name) {
    return ValueIn(kStates, name);
}

}  // namespace voronka::messaging
