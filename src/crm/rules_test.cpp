#include "crm/rules.hpp"

#include <gtest/gtest.h>

namespace voronka::crm {
namespace {

TEST(StageDeadline, IsEntryPlusMaxDurationForOpenStages) {
    Stage stage{.id = 1,
                .pipeline_id = 1,
                .name = "Meeting",
                .position = 1,
                .kind = StageKind::kOpen,
                .max_duration = 3 * 86400};
    EXPECT_EQ(StageDeadline(stage, 1000), 1000 + 3 * 86400);
    stage.max_duration = 1;  // down to seconds
    EXPECT_EQ(StageDeadline(stage, 1000), 1001);
}

TEST(StageDeadline, NoneWithoutLimitOrOnClosedStages) {
    Stage stage{.id = 1,
                .pipeline_id = 1,
                .name = "New",
                .position = 0,
                .kind = StageKind::kOpen,
                .max_duration = std::nullopt};
    EXPECT_EQ(StageDeadline(stage, 1000), std::nullopt);
    stage.max_duration = 60;
    stage.kind = StageKind::kWon;
    EXPECT_EQ(StageDeadline(stage, 1000), std::nullopt);
    stage.kind = StageKind::kLost;
    EXPECT_EQ(StageDeadline(stage, 1000), std::nullopt);
}

TEST(StageOverdue, OnlyOpenRecordsPastTheirDeadline) {
    StagePosition position{
        .pipeline_id = 1, .stage_id = 2, .entered_at = 0, .deadline = 100, .is_open = true};
    EXPECT_FALSE(IsStageOverdue(position, 100));
    EXPECT_TRUE(IsStageOverdue(position, 101));
    position.is_open = false;
    EXPECT_FALSE(IsStageOverdue(position, 101));
    position = {.pipeline_id = 1, .stage_id = 2, .entered_at = 0, .deadline = std::nullopt, .is_open = true};
    EXPECT_FALSE(IsStageOverdue(position, 1'000'000));
}

TEST(StageOverdue, BecomesOverdueInTheFirstScanAfterItsDeadlineSecond) {
    const StagePosition position{
        .pipeline_id = 1, .stage_id = 2, .entered_at = 0, .deadline = 100, .is_open = true};
    EXPECT_FALSE(BecameStageOverdue(position, 90, 100));  // the deadline second itself: not yet
    EXPECT_TRUE(BecameStageOverdue(position, 100, 101));
    EXPECT_TRUE(BecameStageOverdue(position, 90, 101));
    EXPECT_FALSE(BecameStageOverdue(position, 101, 200));  // overdue already at the last scan
    StagePosition closed = position;
    closed.is_open = false;
    EXPECT_FALSE(BecameStageOverdue(closed, 90, 200));
}

TEST(PipelineEntry, DepartmentPipelinesTakeOnlyTheirDepartmentsOwners) {
    EXPECT_TRUE(MayEnterPipeline(std::nullopt, std::nullopt));  // organisation-wide: everyone's
    EXPECT_TRUE(MayEnterPipeline(std::nullopt, 1));
    EXPECT_TRUE(MayEnterPipeline(1, 1));
    EXPECT_FALSE(MayEnterPipeline(1, 2));
    EXPECT_FALSE(MayEnterPipeline(1, std::nullopt));  // an owner of no department (an admin)
}

TEST(NextStepRule, OpenLeadsDealsAndClientContactsNeedATask) {
    EXPECT_TRUE(NeedsNextStep({.type = RecordType::kLead, .is_open = true}));
    EXPECT_TRUE(NeedsNextStep({.type = RecordType::kDeal, .is_open = true}));
    EXPECT_TRUE(NeedsNextStep({.type = RecordType::kContact, .is_client = true}));
    EXPECT_FALSE(NeedsNextStep({.type = RecordType::kContact, .is_client = false}));
    EXPECT_FALSE(NeedsNextStep({.type = RecordType::kCompany, .is_open = true, .is_client = true}));
}

TEST(NextStepRule, ClosingOrDeletingEndsTheRequirement) {
    EXPECT_FALSE(NeedsNextStep({.type = RecordType::kDeal, .is_open = false}));
    EXPECT_FALSE(NeedsNextStep({.type = RecordType::kLead, .is_open = false}));
    EXPECT_FALSE(NeedsNextStep({.type = RecordType::kDeal, .is_open = true, .is_deleted = true}));
}

TEST(NextStepRule, CompletingLastTaskWithoutNextIsRefusedUnderEnforce) {
    const NextStepSubject deal{.type = RecordType::kDeal, .is_open = true};
    EXPECT_EQ(JudgeNextStep(deal, 0, NextStepPolicy::kEnforce), NextStepVerdict::kRefuse);
    EXPECT_EQ(JudgeNextStep(deal, 0, NextStepPolicy::kWarn), NextStepVerdict::kWarn);
    EXPECT_EQ(JudgeNextStep(deal, 1, NextStepPolicy::kEnforce), NextStepVerdict::kAllowed);
    EXPECT_EQ(JudgeNextStep({.type = RecordType::kDeal, .is_open = false}, 0, NextStepPolicy::kEnforce),
              NextStepVerdict::kAllowed);
}

// Its HTTP status (409) is api's: api/http_test.cpp.
TEST(NextStepRule, RefusalIsNextStepRequiredNamingNextTask) {
    const Error error = NextStepRequired(RecordType::kLead);
    EXPECT_EQ(error.code, ErrorCode::kNextStepRequired);
    EXPECT_EQ(error.field, "next_task");
}

TEST(NextStepRule, AConvertedOrDeletedLeadNeedsNoNextStepAReopenedOneDoes) {
    Lead lead;
    lead.stage.is_open = true;
    EXPECT_TRUE(NeedsNextStep(SubjectOf(lead)));
    lead.converted_at = 100;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(lead)));
    lead.converted_at.reset();
    lead.deleted_at = 100;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(lead)));
    lead.deleted_at.reset();
    lead.stage.is_open = false;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(lead)));
}

TEST(NextStepRule, OpenDealsAndClientContactsNeedOneUnlessDeleted) {
    Deal deal;
    deal.stage.is_open = true;
    EXPECT_TRUE(NeedsNextStep(SubjectOf(deal)));
    deal.stage.is_open = false;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(deal)));
    Contact contact;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(contact)));
    contact.is_client = true;
    EXPECT_TRUE(NeedsNextStep(SubjectOf(contact)));
    contact.deleted_at = 100;
    EXPECT_FALSE(NeedsNextStep(SubjectOf(contact)));
}

}  // namespace
}  // namespace voronka::crm
