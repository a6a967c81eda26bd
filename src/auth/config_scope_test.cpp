#include "auth/config_scope.hpp"

#include <gtest/gtest.h>

namespace voronka::auth {
namespace {

constexpr std::int64_t kSales = 1;
constexpr std::int64_t kPurchasing = 2;

User Someone(Role role, std::optional<std::int64_t> department) {
    return User{.id = 7, .email = "u@voronka.test", .name = "U", .role = role, .department_id = department};
}

TEST(ConfigAccess, AdminChangesEveryItem) {
    const auto admin = Someone(Role::kAdmin, std::nullopt);
    EXPECT_EQ(AccessToConfig(admin, std::nullopt), ConfigAccess::kChange);
    EXPECT_EQ(AccessToConfig(admin, kSales), ConfigAccess::kChange);
}

TEST(ConfigAccess, HeadChangesOwnDepartmentsReadsOrganisationWideAndSeesNoOtherDepartments) {
    const auto head = Someone(Role::kHead, kPurchasing);
    EXPECT_EQ(AccessToConfig(head, kPurchasing), ConfigAccess::kChange);
    EXPECT_EQ(AccessToConfig(head, std::nullopt), ConfigAccess::kRead);
    EXPECT_EQ(AccessToConfig(head, kSales), ConfigAccess::kHidden);
    const auto lone_head = Someone(Role::kHead, std::nullopt);
    EXPECT_EQ(AccessToConfig(lone_head, std::nullopt), ConfigAccess::kRead);
    EXPECT_EQ(AccessToConfig(lone_head, kSales), ConfigAccess::kHidden);
}

TEST(ConfigAccess, ManagerReadsOrganisationWideAndOwnDepartmentsOnly) {
    const auto manager = Someone(Role::kManager, kSales);
    EXPECT_EQ(AccessToConfig(manager, std::nullopt), ConfigAccess::kRead);
    EXPECT_EQ(AccessToConfig(manager, kSales), ConfigAccess::kRead);
    EXPECT_EQ(AccessToConfig(manager, kPurchasing), ConfigAccess::kHidden);
}

TEST(DepartmentOfNewConfig, HeadsItemsAreTheirDepartmentsAdminsOrganisationWideUnlessNamed) {
    const auto head = Someone(Role::kHead, kSales);
    EXPECT_EQ(DepartmentOfNewConfig(head, std::nullopt, "rule").value(), kSales);
    EXPECT_EQ(DepartmentOfNewConfig(head, std::optional<std::int64_t>(kSales), "rule").value(), kSales);
    EXPECT_EQ(DepartmentOfNewConfig(head, std::optional<std::int64_t>(kPurchasing), "rule").error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(DepartmentOfNewConfig(head, std::optional<std::int64_t>(), "rule").error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(DepartmentOfNewConfig(Someone(Role::kHead, std::nullopt), std::nullopt, "rule").error().code,
              ErrorCode::kForbidden);
    const auto admin = Someone(Role::kAdmin, std::nullopt);
    EXPECT_EQ(DepartmentOfNewConfig(admin, std::nullopt, "rule").value(), std::nullopt);
    EXPECT_EQ(DepartmentOfNewConfig(admin, std::optional<std::int64_t>(kPurchasing), "rule").value(),
              kPurchasing);
    EXPECT_EQ(DepartmentOfNewConfig(Someone(Role::kManager, kSales), std::nullopt, "rule").error().code,
              ErrorCode::kForbidden);
}

TEST(CheckMayChangeConfig, OutOfSightIsNotFoundVisibleButNotTheirsIsForbidden) {
    const auto head = Someone(Role::kHead, kSales);
    EXPECT_TRUE(CheckMayChangeConfig(head, kSales, "rule"));
    EXPECT_EQ(CheckMayChangeConfig(head, std::nullopt, "rule").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(CheckMayChangeConfig(head, kPurchasing, "rule").error().code, ErrorCode::kNotFound);
    // A head may not move their item elsewhere, an admin may.
    EXPECT_EQ(CheckMayChangeConfig(head, kSales, "rule", std::optional<std::int64_t>()).error().code,
              ErrorCode::kForbidden);
    EXPECT_TRUE(CheckMayChangeConfig(head, kSales, "rule", std::optional<std::int64_t>(kSales)));
    EXPECT_TRUE(CheckMayChangeConfig(Someone(Role::kAdmin, std::nullopt), kSales, "rule",
                                     std::optional<std::int64_t>()));
    EXPECT_EQ(CheckMayChangeConfig(Someone(Role::kManager, kSales), kSales, "rule").error().code,
              ErrorCode::kForbidden);
}

}  // namespace
}  // namespace voronka::auth
