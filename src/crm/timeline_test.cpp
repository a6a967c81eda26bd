#include <gtest/gtest.h>

#include "crm/task_service.hpp"
#include "crm/timeline_service.hpp"

namespace voronka::crm {
namespace {

TEST(TimelineCursor, RoundTripsThroughItsText) {
    const TimelineCursor cursor{.at = 1795000000, .rank = 2, .id = 42};
    const auto text = EncodeTimelineCursor(cursor);
    EXPECT_EQ(DecodeTimelineCursor(text), cursor);
}

TEST(TimelineCursor, RefusesTextItDidNotMake) {
    for (const char* text :
         {"", "c1.5", "t1.", "t1.1.2", "t1.1.2.x", "t1.1.9.3", "t1.1.2.-3", "t1.a.1.1", "t1.1.2.3.4"}) {
        SCOPED_TRACE(text);
        EXPECT_FALSE(DecodeTimelineCursor(text));
    }
}

TEST(TimelinePosition, TaskIsPlacedWhenDoneOrElseWhenCreated) {
    Task task;
    task.id = 7;
    task.created_at = 100;
    EXPECT_EQ(TimelinePosition(TimelineItem{task}).at, 100);
    task.done_at = 250;
    EXPECT_EQ(TimelinePosition(TimelineItem{task}).at, 250);
}

TEST(TimelinePosition, NotesRankAboveTasksStageMovesAndHistoryAtTheSameSecond) {
    Note note;
    note.created_at = 5;
    Task task;
    task.created_at = 5;
    StageMove move;
    move.at = 5;
    HistoryEntry entry;
    entry.at = 5;
    EXPECT_GT(TimelinePosition(note).rank, TimelinePosition(task).rank);
    EXPECT_GT(TimelinePosition(task).rank, TimelinePosition(move).rank);
    EXPECT_GT(TimelinePosition(move).rank, TimelinePosition(entry).rank);
}

TEST(LongText, KeepsLineBreaksAndRefusesBlankOverlongOrControlText) {
    EXPECT_EQ(*CheckLongText("  первая строка\nвторая  ", "text", 100), "первая строка\nвторая");
    EXPECT_FALSE(CheckLongText("   \n ", "text", 100));
    EXPECT_FALSE(CheckLongText("a\x01b", "text", 100));
    EXPECT_EQ(CheckLongText(std::string(11, 'x'), "text", 10).error().field, "text");
}

TEST(NextStepPolicy, WarnOnlyWhenTheSettingSaysWarn) {
    auth::Settings settings;
    EXPECT_EQ(PolicyOf(settings), NextStepPolicy::kEnforce);
    settings.next_step_policy = "warn";
    EXPECT_EQ(PolicyOf(settings), NextStepPolicy::kWarn);
}

}  // namespace
}  // namespace voronka::crm
