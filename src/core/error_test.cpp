#include "core/error.hpp"

#include <gtest/gtest.h>

namespace voronka {
namespace {

Result<int> Half(int n) {
    if (n % 2 != 0) return Error::Validation("odd", "n");
    return n / 2;
}

TEST(Result, CarriesValueOrError) {
    const auto ok = Half(4);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, 2);
    const auto bad = Half(3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(bad.error().field, "n");
}

TEST(ErrorCodeName, IsSnakeCaseForClients) {
    EXPECT_EQ(ErrorCodeName(ErrorCode::kValidationFailed), "validation_failed");
    EXPECT_EQ(ErrorCodeName(ErrorCode::kNextStepRequired), "next_step_required");
    EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
}

}  // namespace
}  // namespace voronka
