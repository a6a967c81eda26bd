#include "store/statement_log.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace voronka::store::internal {
namespace {

// The directory of the log, or "" when statements are not logged. Read once per process.
const std::string& LogDirectory() {
    static const std::string directory = [] {
        const char* value = std::getenv("VORONKA_STATEMENT_LOG");
        return std::string(value == nullptr ? "" : value);
    }();
    return directory;
}

class StatementLog {
public:
    void Note(const Query& query, Dialect dialect) {
        const std::lock_guard lock(mutex_);
        // Statements have static storage (query.hpp): the text's address identifies one.
        if (!seen_.emplace(query.name.data(), dialect).second) return;
        if (file_ == nullptr) {
            const std::string path =
                LogDirectory() + "/statements-" + std::to_string(static_cast<long>(getpid())) + ".log";
            file_ = std::fopen(path.c_str(), "a");
            if (file_ == nullptr) return;
        }
        std::fprintf(file_, "%.*s %s\n", static_cast<int>(query.name.size()), query.name.data(),
                     dialect == Dialect::kSqlite ? "sqlite" : "pg");
        std::fflush(file_);
    }

private:
    std::mutex mutex_;
    std::set<std::pair<const char*, Dialect>> seen_;
    std::FILE* file_ = nullptr;
};

}  // namespace

void NoteStatement(const Query& query, Dialect dialect) {
    if (LogDirectory().empty()) return;
    // Never destroyed: statements may run on other threads while the process exits.
    static auto* log = new StatementLog;
    log->Note(query, dialect);
}

}  // namespace voronka::store::internal
