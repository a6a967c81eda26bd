#include "messaging/sms_provider.hpp"

#include <gtest/gtest.h>

#include <string>

#include "messaging/smtp.hpp"

namespace voronka::messaging {
namespace {

using Outcome = DeliveryResult::Outcome;

SmsSettings SmsRu() {
    SmsSettings settings;
    settings.api_key = "KEY-1";
    settings.base_url = "http://127.0.0.1:9/";
    return settings;
}

HttpResult Answer(long status, std::string body) {
    return HttpResponse{status, std::move(body)};
}

DeliveryResult SmsRuSays(const std::string& body) {
    return ClassifySmsAnswer(SmsRu(), Answer(200, body), "+79991234567", Language::kRussian);
}

std::string NumberAnswer(int code, const std::string& extra) {
    return R"({"status":"OK","status_code":100,"sms":{"79991234567":{"status":")" +
           std::string(code == 100 ? "OK" : "ERROR") + R"(","status_code":)" + std::to_string(code) + extra +
           R"(}},"balance":10.5})";
}

TEST(SmsRuRequest, PostsFormWithApiIdDigitsTextAndJson) {
    SmsSettings settings = SmsRu();
    settings.sender = "Voronka";
    const auto request = BuildSmsRequest(settings, "+79991234567", "Встреча в 15:00 & кофе");
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, "POST");
    EXPECT_EQ(request->url, "http://127.0.0.1:9/sms/send");
    EXPECT_EQ(request->body,
              "api_id=KEY-1&to=79991234567&msg=%D0%92%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0%20%D0%B2%2015%3A00%"
              "20%26%20"
              "%D0%BA%D0%BE%D1%84%D0%B5&json=1&from=Voronka");
    ASSERT_EQ(request->headers.size(), 1u);
    EXPECT_EQ(request->headers[0].second, "application/x-www-form-urlencoded");
}

TEST(SmsRequest, RefusesRecipientsThatAreNotE164) {
    for (const char* phone : {"79991234567", "+7999abc4567", "+", "", "+1234567890123456"}) {
        const auto request = BuildSmsRequest(SmsRu(), phone, "x");
        ASSERT_FALSE(request.ok()) << phone;
        EXPECT_EQ(request.error().field, "recipient");
    }
}

TEST(SmsRuAnswer, Code100ForTheNumberIsSentWithItsSmsId) {
    const auto result = SmsRuSays(NumberAnswer(100, R"(,"sms_id":"000000-10000001")"));
    EXPECT_EQ(result.outcome, Outcome::kSent);
    EXPECT_EQ(result.provider_id, "000000-10000001");
}

TEST(SmsRuAnswer, RequestErrorsClassifiedByCode) {
    const auto says = [](int code) {
        return SmsRuSays(R"({"status":"ERROR","status_code":)" + std::to_string(code) +
                         R"(,"status_text":"текст ошибки"})");
    };
    const auto bad_api_id = says(200);
    EXPECT_EQ(bad_api_id.outcome, Outcome::kPermanent);
    EXPECT_EQ(bad_api_id.error, "SMS.ru 200: текст ошибки");
    EXPECT_EQ(says(201).outcome, Outcome::kTemporary);  // no money yet: a top-up lets it through
    EXPECT_EQ(says(204).outcome, Outcome::kPermanent);  // sender name not approved
    EXPECT_EQ(says(206).outcome, Outcome::kTemporary);  // daily limit
    EXPECT_EQ(says(210).outcome, Outcome::kPermanent);
    EXPECT_EQ(says(220).outcome, Outcome::kTemporary);  // service busy
    EXPECT_EQ(says(300).outcome, Outcome::kPermanent);
    EXPECT_EQ(says(999).outcome, Outcome::kPermanent);  // unknown codes are not retried forever
}

TEST(SmsRuAnswer, NumberErrorsClassifiedByCode) {
    const auto says = [](int code) {
        return SmsRuSays(NumberAnswer(code, R"(,"status_text":"нет маршрута")"));
    };
    const auto no_route = says(207);
    EXPECT_EQ(no_route.outcome, Outcome::kPermanent);
    EXPECT_EQ(no_route.error, "SMS.ru 207: нет маршрута");
    EXPECT_EQ(says(202).outcome, Outcome::kPermanent);
    EXPECT_EQ(says(209).outcome, Outcome::kPermanent);  // stop list
    EXPECT_EQ(says(230).outcome, Outcome::kTemporary);  // per-number daily limit
    EXPECT_EQ(says(231).outcome, Outcome::kTemporary);
    EXPECT_EQ(says(232).outcome, Outcome::kTemporary);
}

TEST(SmsRuAnswer, HttpAndTransportFailures) {
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(500, "oops"), "+79991234567", Language::kRussian).outcome,
              Outcome::kTemporary);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(503, ""), "+79991234567", Language::kRussian).outcome,
              Outcome::kTemporary);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(429, ""), "+79991234567", Language::kRussian).outcome,
              Outcome::kTemporary);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(404, ""), "+79991234567", Language::kRussian).outcome,
              Outcome::kPermanent);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(403, ""), "+79991234567", Language::kRussian).outcome,
              Outcome::kPermanent);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), Answer(301, ""), "+79991234567", Language::kRussian).outcome,
              Outcome::kPermanent);
    const auto timeout = ClassifySmsAnswer(SmsRu(), HttpFailure{HttpFailure::Kind::kTimeout, "timed out"},
                                           "+7999", Language::kRussian);
    EXPECT_EQ(timeout.outcome, Outcome::kTemporary);
    EXPECT_NE(timeout.error.find("timed out"), std::string::npos);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), HttpFailure{HttpFailure::Kind::kConnection, "reset"}, "+7999",
                                Language::kRussian)
                  .outcome,
              Outcome::kTemporary);
    EXPECT_EQ(ClassifySmsAnswer(SmsRu(), HttpFailure{HttpFailure::Kind::kRequest, "bad url"}, "+7999",
                                Language::kRussian)
                  .outcome,
              Outcome::kPermanent);
    EXPECT_EQ(SmsRuSays("<html>gateway</html>").outcome, Outcome::kTemporary);
    EXPECT_EQ(SmsRuSays(R"({"status":"OK","status_code":100,"sms":{}})").outcome, Outcome::kTemporary);
}

SmsSettings Custom() {
    SmsSettings settings;
    settings.preset = SmsPreset::kCustom;
    settings.url = "https://sms.example/api/send";
    settings.api_key = "k&y";
    settings.sender = "Shop";
    settings.success_pointer = "/result/ok";
    settings.success_value = "true";
    settings.id_pointer = "/result/id";
    return settings;
}

TEST(CustomSmsRequest, GetPutsRenderedParamsInTheQuery) {
    SmsSettings settings = Custom();
    settings.method = "GET";
    settings.params = {{"key", "{{api_key}}"}, {"phone", "{{to_e164}}"}, {"text", "{{sender}}: {{text}}"}};
    const auto request = BuildSmsRequest(settings, "+79991234567", "Привет");
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, "GET");
    EXPECT_EQ(request->url,
              "https://sms.example/api/"
              "send?key=k%26y&phone=%2B79991234567&text=Shop%3A%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82");
    EXPECT_TRUE(request->body.empty());
}

TEST(CustomSmsRequest, JsonBodyTemplateEscapesValues) {
    SmsSettings settings = Custom();
    settings.body_template = R"({"to":"{{to}}","text":"{{text}}","key":"{{api_key}}"})";
    settings.content_type = "application/json";
    const auto request = BuildSmsRequest(settings, "+79991234567", "Он сказал \"да\"\nвсё");
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, "POST");
    EXPECT_EQ(request->body, R"({"to":"79991234567","text":"Он сказал \"да\"\nвсё","key":"k&y"})");
    EXPECT_EQ(request->headers[0].second, "application/json");
}

TEST(CustomSmsAnswer, SuccessAndIdReadByJsonPointer) {
    const auto sent = ClassifySmsAnswer(Custom(), Answer(200, R"({"result":{"ok":true,"id":12345}})"),
                                        "+7999", Language::kRussian);
    EXPECT_EQ(sent.outcome, Outcome::kSent);
    EXPECT_EQ(sent.provider_id, "12345");
    EXPECT_EQ(ClassifySmsAnswer(Custom(), Answer(200, R"({"result":{"ok":false}})"), "+7", Language::kRussian)
                  .outcome,
              Outcome::kPermanent);
    EXPECT_EQ(ClassifySmsAnswer(Custom(), Answer(200, "not json"), "+7", Language::kRussian).outcome,
              Outcome::kPermanent);
    EXPECT_EQ(ClassifySmsAnswer(Custom(), Answer(502, ""), "+7", Language::kRussian).outcome,
              Outcome::kTemporary);
    EXPECT_EQ(ClassifySmsAnswer(Custom(), Answer(400, ""), "+7", Language::kRussian).outcome,
              Outcome::kPermanent);
    SmsSettings any_2xx = Custom();
    any_2xx.success_pointer.clear();
    any_2xx.id_pointer.clear();
    EXPECT_EQ(ClassifySmsAnswer(any_2xx, Answer(204, ""), "+7", Language::kRussian).outcome, Outcome::kSent);
}

TEST(CheckSmsTemplate, RefusesUnknownPlaceholdersAndUnbalancedBraces) {
    EXPECT_TRUE(CheckSmsTemplate("{{to}} {{text}} {{sender}} {{api_key}} {{to_e164}}", "body_template").ok());
    for (const char* text : {"{{phone}}", "{{to}", "to}}", "{{text", "}}{{to}}"}) {
        const Status status = CheckSmsTemplate(text, "params.msg");
        ASSERT_FALSE(status.ok()) << text;
        EXPECT_EQ(status.error().field, "params.msg");
    }
}

TEST(CheckJsonPointer, AcceptsRfc6901Pointers) {
    EXPECT_TRUE(CheckJsonPointer("", "id_pointer").ok());
    EXPECT_TRUE(CheckJsonPointer("/sms/0/id", "id_pointer").ok());
    EXPECT_FALSE(CheckJsonPointer("sms/id", "id_pointer").ok());
    EXPECT_FALSE(CheckJsonPointer("/a~2", "id_pointer").ok());
}

TEST(SmtpOutcome, RepliesAndFailuresClassified) {
    EXPECT_EQ(ClassifySmtpOutcome(0, 0, "", Language::kRussian).outcome, Outcome::kSent);
    EXPECT_EQ(ClassifySmtpOutcome(55, 550, "Failed sending data", Language::kRussian).outcome,
              Outcome::kPermanent);
    EXPECT_EQ(ClassifySmtpOutcome(67, 535, "Login denied", Language::kRussian).outcome, Outcome::kPermanent);
    EXPECT_EQ(ClassifySmtpOutcome(55, 451, "Failed", Language::kRussian).outcome, Outcome::kTemporary);
    EXPECT_EQ(ClassifySmtpOutcome(28, 0, "Timeout", Language::kRussian).outcome,
              Outcome::kTemporary);  // CURLE_OPERATION_TIMEDOUT
    EXPECT_EQ(ClassifySmtpOutcome(7, 0, "Couldn't connect", Language::kRussian).outcome, Outcome::kTemporary);
    EXPECT_EQ(ClassifySmtpOutcome(3, 0, "URL malformed", Language::kRussian).outcome, Outcome::kPermanent);
}

}  // namespace
}  // namespace voronka::messaging
