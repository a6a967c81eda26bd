// Organisation settings: readable by every signed-in user, changed by admins, validated; over
// HTTP against the real binary on each back end.
#include "api/api_test_fixture.hpp"

namespace voronka::test {
namespace {

class SettingsApi : public ApiTest {};

TEST_P(SettingsApi, DemoSettingsAreReadableByAnySignedInUser) {
    const HttpResponse response = http().Get("/api/v1/settings", SignIn(kIvanovEmail));
    ASSERT_EQ(response.status, 200) << response.body;
    const nlohmann::json settings = response.Json();
    EXPECT_EQ(settings.at("organisation_name"), "ООО «Демо»");
    EXPECT_EQ(settings.at("time_zone"), "Europe/Moscow");
    EXPECT_EQ(settings.at("language"), "ru");
    EXPECT_EQ(settings.at("currency"), "RUB");
    EXPECT_EQ(settings.at("phone_region"), "RU");
    EXPECT_TRUE(IsError(http().Get("/api/v1/settings"), 401, "unauthenticated"));
}

TEST_P(SettingsApi, AdminChangesTheLanguageAndOtherSettingsStay) {
    const HttpResponse patched = http().Patch("/api/v1/settings", {{"language", "en"}}, AdminToken());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json().at("language"), "en");
    EXPECT_EQ(patched.Json().at("time_zone"), "Europe/Moscow");
    const HttpResponse read = http().Get("/api/v1/settings", SignIn(kHeadEmail));
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.Json().at("language"), "en");
    EXPECT_EQ(read.Json().at("organisation_name"), "ООО «Демо»");

    const HttpResponse several = http().Patch(
        "/api/v1/settings",
        {{"organisation_name", "ООО «Ромашка»"}, {"time_zone", "Asia/Yekaterinburg"}, {"phone_region", "KZ"}},
        AdminToken());
    ASSERT_EQ(several.status, 200) << several.body;
    EXPECT_EQ(several.Json().at("organisation_name"), "ООО «Ромашка»");
    EXPECT_EQ(several.Json().at("time_zone"), "Asia/Yekaterinburg");
    EXPECT_EQ(several.Json().at("phone_region"), "KZ");
}

TEST_P(SettingsApi, UnknownTimeZoneIsRefusedAndNothingChanges) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    for (const char* zone : {"Mars/Olympus", "", "../../etc/passwd", "/etc/localtime", "Europe/Moscow "}) {
        SCOPED_TRACE(zone);
        EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"time_zone", zone}}, AdminToken()), 422,
                            "validation_failed", "time_zone"));
    }
    // One bad value refuses the whole change.
    EXPECT_TRUE(IsError(
        http().Patch("/api/v1/settings", {{"language", "en"}, {"time_zone", "Nowhere"}}, AdminToken()), 422,
        "validation_failed", "time_zone"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(SettingsApi, UnsupportedCurrencyLanguageOrRegionIsRefusedAndNothingChanges) {
    ASSERT_FALSE(AdminToken().empty());
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"currency", "XXX"}}, AdminToken()), 422,
                        "validation_failed", "currency"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"currency", "rub"}}, AdminToken()), 422,
                        "validation_failed", "currency"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"language", "de"}}, AdminToken()), 422,
                        "validation_failed", "language"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"phone_region", "Russia"}}, AdminToken()), 422,
                        "validation_failed", "phone_region"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"organisation_name", " "}}, AdminToken()), 422,
                        "validation_failed", "organisation_name"));
    EXPECT_EQ(Snapshot(), before);
}

TEST_P(SettingsApi, ManagerAndHeadCannotChangeSettings) {
    const std::string manager = SignIn(kIvanovEmail);
    const std::string head = SignIn(kHeadEmail);
    const DatabaseSnapshot before = Snapshot();
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"language", "en"}}, manager), 403, "forbidden"));
    EXPECT_TRUE(IsError(http().Patch("/api/v1/settings", {{"language", "en"}}, head), 403, "forbidden"));
    EXPECT_EQ(Snapshot(), before);
}

}  // namespace

VORONKA_INSTANTIATE_API_TEST(SettingsApi);

}  // namespace voronka::test
