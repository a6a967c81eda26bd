// Linked into every test binary of voronka_add_test (cmake/Testing.cmake) for the test
// `statement_coverage` (docs/testing.md): turns on the statement log of store
// (store/statement_log.hpp) for this process and the processes it starts, and notes each test
// that starts in DIR/tests-PID.log, so that the coverage test can tell a full run from a subset.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace {

class TestRunLog : public testing::EmptyTestEventListener {
public:
    explicit TestRunLog(std::string directory) : directory_(std::move(directory)) {}

    void OnTestStart(const testing::TestInfo& info) override {
        const std::string path =
            directory_ + "/tests-" + std::to_string(static_cast<long>(getpid())) + ".log";
        if (std::FILE* file = std::fopen(path.c_str(), "a")) {
            std::fprintf(file, "%s.%s\n", info.test_suite_name(), info.name());
            std::fclose(file);
        }
    }

private:
    std::string directory_;
};

// A developer may point the log elsewhere by setting the variable; the build directory's
// statement-log/ is the default (VORONKA_STATEMENT_LOG_DIR, set by Testing.cmake).
[[maybe_unused]] const bool kRegistered = [] {
    setenv("VORONKA_STATEMENT_LOG", VORONKA_STATEMENT_LOG_DIR, 0);
    const char* directory = std::getenv("VORONKA_STATEMENT_LOG");
    if (directory != nullptr && *directory != '\0') {
        testing::UnitTest::GetInstance()->listeners().Append(new TestRunLog(directory));
    }
    return true;
}();

}  // namespace
