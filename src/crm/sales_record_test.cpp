#include "crm/sales_record.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/money.hpp"

namespace voronka::crm {
namespace {

StagePlace Place(StageKind kind, std::optional<std::int64_t> max_duration) {
    Pipeline pipeline;
    pipeline.id = 7;
    Stage stage{.id = 70,
                .pipeline_id = 7,
                .name = "Этап",
                .position = 1,
                .kind = kind,
                .max_duration = max_duration};
    pipeline.stages.push_back(stage);
    return StagePlace{.pipeline = pipeline, .stage = stage};
}

TEST(EnterStage, OpenStageSetsTheDeadlineFromItsMaximumDuration) {
    const StagePosition position = EnterStage(Place(StageKind::kOpen, 4 * 3600), 1000, false);
    EXPECT_EQ(position.pipeline_id, 7);
    EXPECT_EQ(position.stage_id, 70);
    EXPECT_EQ(position.entered_at, 1000);
    EXPECT_EQ(position.deadline, 1000 + 4 * 3600);
    EXPECT_TRUE(position.is_open);
}

TEST(EnterStage, StageWithoutMaximumDurationHasNoDeadline) {
    EXPECT_FALSE(EnterStage(Place(StageKind::kOpen, std::nullopt), 1000, false).deadline);
}

TEST(EnterStage, WonAndLostStagesCloseTheRecordWithoutDeadline) {
    for (auto kind : {StageKind::kWon, StageKind::kLost}) {
        const StagePosition position = EnterStage(Place(kind, 3600), 1000, false);
        EXPECT_FALSE(position.is_open);
        EXPECT_FALSE(position.deadline);
    }
}

TEST(EnterStage, ConvertedLeadStaysClosedInAnOpenStage) {
    EXPECT_FALSE(EnterStage(Place(StageKind::kOpen, 3600), 1000, true).is_open);
}

TEST(CheckLostReason, LostStageNeedsANonEmptyReason) {
    const Stage lost = Place(StageKind::kLost, std::nullopt).stage;
    EXPECT_EQ(CheckLostReason(lost, std::nullopt).error().field, "lost_reason");
    EXPECT_FALSE(CheckLostReason(lost, std::string()).ok());
    EXPECT_TRUE(CheckLostReason(lost, std::string("Дорого")).ok());
    EXPECT_TRUE(CheckLostReason(Place(StageKind::kOpen, std::nullopt).stage, std::nullopt).ok());
}

TEST(CheckMoney, AmountsOutsideZeroToTheMaximumAndUnknownCurrencyNameTheirFields) {
    EXPECT_TRUE(CheckAmount(0).ok());
    EXPECT_TRUE(CheckAmount(kMaxAmount).ok());
    EXPECT_EQ(CheckAmount(-1).error().field, "amount");
    EXPECT_EQ(CheckAmount(kMaxAmount + 1).error().field, "amount");
    EXPECT_EQ(CheckAmount(std::numeric_limits<std::int64_t>::max()).error().field, "amount");
    EXPECT_EQ(*CheckCurrency("RUB"), "RUB");
    EXPECT_EQ(CheckCurrency("XYZ").error().field, "currency");
}

TEST(CheckOptionalText, BlankTextBecomesNone) {
    EXPECT_FALSE(*CheckOptionalText(std::string("   "), "source"));
    EXPECT_EQ(**CheckOptionalText(std::string(" Сайт "), "source"), "Сайт");
    EXPECT_EQ(CheckOptionalText(std::string("a\nb"), "source").error().field, "source");
}

}  // namespace
}  // namespace voronka::crm
