#include "messaging/smtp.hpp"

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/catalogue.hpp"
#include "core/names.hpp"

namespace voronka::messaging {
namespace {

using Outcome = DeliveryResult::Outcome;

constexpr NameTable<SmtpSecurity, 3> kSecurities{{
    {SmtpSecurity::kNone, "none"},
    {SmtpSecurity::kStartTls, "starttls"},
    {SmtpSecurity::kSsl, "ssl"},
}};

struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
    std::string_view data;
    std::size_t sent = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->sent);
    std::memcpy(buffer, upload->data.data() + upload->sent, n);
    upload->sent += n;
    return n;
}

bool HasLineBreakOrAngle(std::string_view text) {
    return text.find_first_of("\r\n<>") != std::string_view::npos;
}

std::string HostForUrl(const std::string& host) {
    // An IPv6 literal needs brackets in a URL.
    if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]";
    return host;
}

}  // namespace

std::string_view SmtpSecurityName(SmtpSecurity security) {
    return NameIn(kSecurities, security);
}
std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view name) {
    return ValueIn(kSecurities, name);
}

DeliveryResult ClassifySmtpOutcome(int curl_code, long reply, std::string_view curl_message,
                                   Language language) {
    if (curl_code == CURLE_OK && (reply == 0 || (reply >= 200 && reply < 400)))
        return {Outcome::kSent, {}, {}};
    if (reply >= 500 && reply < 600) {
        return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmtpRefused, reply, curl_message)};
    }
    if (reply >= 400 && reply < 500) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliverySmtpDeferred, reply, curl_message)};
    }
    if (curl_code == CURLE_OPERATION_TIMEDOUT) {
        return {Outcome::kTemporary, {}, Say(language, Text::kDeliveryTimeout, "SMTP", curl_message)};
    }
    if (curl_code == CURLE_URL_MALFORMAT || curl_code == CURLE_UNSUPPORTED_PROTOCOL) {
        return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmtpBadSettings, curl_message)};
    }
    return {Outcome::kTemporary, {}, Say(language, Text::kDeliveryConnectionFailed, "SMTP", curl_message)};
}

DeliveryResult SmtpSend(const SmtpSettings& settings, MailMessage message, const HttpTimeouts& timeouts,
                        Language language) {
    if (HasLineBreakOrAngle(message.to.address) || message.to.address.find('@') == std::string::npos) {
        return {Outcome::kPermanent, {}, Say(language, Text::kDeliverySmtpBadRecipient)};
    }
    message.from = settings.from;
    if (message.message_id.empty()) message.message_id = NewMessageId(settings.from.address);
    const std::string mime = BuildMime(message);

    CURL* curl = ThreadCurlHandle(CurlPurpose::kSmtp);
    const std::string scheme = settings.security == SmtpSecurity::kSsl ? "smtps" : "smtp";
    const std::string url = fmt::format("{}://{}:{}", scheme, HostForUrl(settings.host), settings.port);
    const std::string mail_from = "<" + settings.from.address + ">";
    std::unique_ptr<curl_slist, ListDeleter> recipients(
        curl_slist_append(nullptr, ("<" + message.to.address + ">").c_str()));
    if (!recipients) throw std::bad_alloc();
    Upload upload{mime};

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     settings.security == SmtpSecurity::kNone ? static_cast<long>(CURLUSESSL_NONE)
                                                              : static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.username.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts.connect.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts.total.count()));

    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    // The handle outlives this call: it must not keep pointers to our locals.
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
    DeliveryResult result =
        ClassifySmtpOutcome(code, code == CURLE_OK ? 0 : reply, curl_easy_strerror(code), language);
    if (result.outcome == Outcome::kSent) result.provider_id = message.message_id;
    return result;
}

}  // namespace voronka::messaging
