#include "automation/executor.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace voronka::automation {
namespace {

using Calls = std::vector<std::pair<std::size_t, std::size_t>>;

TEST(RunTogetherOrOneByOne, UnitsThatSucceedTogetherRunOnce) {
    Calls calls;
    std::vector<std::size_t> failed;
    RunTogetherOrOneByOne(
        3, [&](std::size_t from, std::size_t to) { calls.emplace_back(from, to); },
        [&](std::size_t unit, const std::exception&) { failed.push_back(unit); }, "units");
    EXPECT_EQ(calls, (Calls{{0, 3}}));
    EXPECT_TRUE(failed.empty());
}

TEST(RunTogetherOrOneByOne, AFailureTogetherRunsEachAloneAndOnlyTheFailingOneFails) {
    Calls calls;
    std::vector<std::size_t> failed;
    RunTogetherOrOneByOne(
        3,
        [&](std::size_t from, std::size_t to) {
            calls.emplace_back(from, to);
            if (from <= 1 && 1 < to) throw std::runtime_error("unit 1 breaks");
        },
        [&](std::size_t unit, const std::exception& error) {
            failed.push_back(unit);
            EXPECT_STREQ(error.what(), "unit 1 breaks");
        },
        "units");
    EXPECT_EQ(calls, (Calls{{0, 3}, {0, 1}, {1, 2}, {2, 3}})) << "the ones after the failing one still run";
    EXPECT_EQ(failed, (std::vector<std::size_t>{1}));
}

TEST(RunTogetherOrOneByOne, ASingleUnitIsTriedTogetherThenAlone) {
    Calls calls;
    int failures = 0;
    RunTogetherOrOneByOne(
        1,
        [&](std::size_t from, std::size_t to) {
            calls.emplace_back(from, to);
            throw std::runtime_error("broken");
        },
        [&](std::size_t, const std::exception&) { ++failures; }, "unit");
    EXPECT_EQ(calls, (Calls{{0, 1}, {0, 1}}));
    EXPECT_EQ(failures, 1);
}

TEST(RunTogetherOrOneByOne, NoUnitsRunNothing) {
    int calls = 0;
    RunTogetherOrOneByOne(
        0, [&](std::size_t, std::size_t) { ++calls; }, [&](std::size_t, const std::exception&) { ++calls; },
        "none");
    EXPECT_EQ(calls, 0);
}

TEST(RunTogetherOrOneByOne, ALostClaimTogetherFallsBackButALostClaimAlonePropagates) {
    Calls calls;
    EXPECT_THROW(
        RunTogetherOrOneByOne(
            2,
            [&](std::size_t from, std::size_t to) {
                calls.emplace_back(from, to);
                throw LostClaim(5);
            },
            [&](std::size_t, const std::exception&) { ADD_FAILURE() << "a lost claim is no failure"; },
            "units"),
        LostClaim);
    EXPECT_EQ(calls, (Calls{{0, 2}, {0, 1}})) << "the runner stops at the first unit alone";
}

}  // namespace
}  // namespace voronka::automation
