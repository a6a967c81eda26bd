#include "automation/sight.hpp"

#include <gtest/gtest.h>

namespace voronka::automation {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kSales = 1;
constexpr std::int64_t kPurchasing = 2;

AuthorNow Author(auth::Role role, std::optional<std::int64_t> department, bool active = true) {
    return AuthorNow{.id = 42, .role = role, .department_id = department, .active = active};
}

Json Owned(std::int64_t owner, std::optional<std::int64_t> department) {
    return Json{{"owner_id", owner}, {"department_id", department ? Json(*department) : Json(nullptr)}};
}

TEST(RuleSight, HeadsDepartmentRuleActsOnlyOnItsDepartmentsRecords) {
    const auto sight = SightOf(kPurchasing, Author(auth::Role::kHead, kPurchasing));
    EXPECT_FALSE(sight.refusal);
    EXPECT_FALSE(sight.scope.all);
    EXPECT_TRUE(MayActOn(sight.scope, Owned(5, kPurchasing)));
    EXPECT_TRUE(MayActOn(sight.scope, Owned(42, std::nullopt)));  // the author's own record
    EXPECT_FALSE(MayActOn(sight.scope, Owned(6, kSales)));
    EXPECT_FALSE(MayActOn(sight.scope, Owned(6, std::nullopt)));
    EXPECT_FALSE(MayActOn(sight.scope, Json::object()));  // no owner: nothing to go by
}

TEST(RuleSight, OrganisationWideRuleOfAnAdminActsEverywhere) {
    const auto sight = SightOf(std::nullopt, Author(auth::Role::kAdmin, std::nullopt));
    EXPECT_FALSE(sight.refusal);
    EXPECT_TRUE(MayActOn(sight.scope, Owned(6, kSales)));
    EXPECT_TRUE(MayActOn(sight.scope, Owned(7, std::nullopt)));
    EXPECT_TRUE(MayReachUser(sight.scope, 9, std::nullopt));
    // A rule saved by no signed-in user has no author.
    EXPECT_FALSE(SightOf(std::nullopt, std::nullopt).refusal);
}

TEST(RuleSight, AnAdminsRuleForADepartmentStaysInThatDepartment) {
    const auto sight = SightOf(kSales, Author(auth::Role::kAdmin, std::nullopt));
    EXPECT_FALSE(sight.refusal);
    EXPECT_TRUE(MayActOn(sight.scope, Owned(6, kSales)));
    EXPECT_FALSE(MayActOn(sight.scope, Owned(6, kPurchasing)));
}

TEST(RuleSight, RuleStopsWhenItsAuthorLostTheSight) {
    EXPECT_EQ(SightOf(kSales, Author(auth::Role::kHead, kSales, false)).refusal, Text::kRunAuthorDeactivated);
    EXPECT_EQ(SightOf(kSales, Author(auth::Role::kHead, kPurchasing)).refusal,
              Text::kRunAuthorNotHead);  // moved
    EXPECT_EQ(SightOf(kSales, Author(auth::Role::kManager, kSales)).refusal,
              Text::kRunAuthorNotHead);  // demoted
    EXPECT_EQ(SightOf(std::nullopt, Author(auth::Role::kHead, kSales)).refusal,
              Text::kRunAuthorNotAdmin);  // org-wide, not an admin
    // The reach stays the rule's: a stopped department rule still never reaches further.
    EXPECT_FALSE(SightOf(kSales, Author(auth::Role::kManager, kSales)).scope.all);
}

TEST(RuleSight, UsersOutsideTheDepartmentAreOutOfReach) {
    const auto scope = SightOf(kPurchasing, Author(auth::Role::kHead, kPurchasing)).scope;
    EXPECT_TRUE(MayReachUser(scope, 42, std::nullopt));  // the author
    EXPECT_TRUE(MayReachUser(scope, 8, kPurchasing));
    EXPECT_FALSE(MayReachUser(scope, 8, kSales));
    EXPECT_FALSE(MayReachUser(scope, 8, std::nullopt));
}

}  // namespace
}  // namespace voronka::automation
