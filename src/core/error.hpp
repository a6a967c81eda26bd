// Expected outcomes of domain operations: a closed set of error codes and Result<T>.
// Owned by core; used by every module. Value types, thread-compatible.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace voronka {

// When adding a code, also add it to ErrorCodeName() and to the HTTP status table in
// api/http_error.cpp.
enum class ErrorCode {
    kMalformed,             // the request cannot be parsed (bad JSON, bad UTF-8)
    kUnauthenticated,       // no, forged or expired credentials
    kForbidden,             // authenticated, but the role may not do this
    kNotFound,              // does not exist, or is out of the caller's sight
    kMethodNotAllowed,      // the route exists, but not with this method
    kConflict,              // the state forbids the change (e.g. wrong password of a user)
    kDuplicate,             // a unique value already exists
    kNextStepRequired,      // the change would leave a record without an open task
    kPayloadTooLarge,       // the body exceeds the limit
    kUnsupportedMediaType,  // the body is not application/json
    kValidationFailed,      // well-formed, but a value breaks a rule
    kThrottled,             // too many attempts; try later
};

// The stable, snake_case name of a code as clients see it ("validation_failed").
std::string_view ErrorCodeName(ErrorCode code);

// The record an error is about, e.g. the existing record of a `duplicate`.
struct ErrorRecord {
    std::string type;  // "contact", "lead", ...
    std::int64_t id = 0;
};

struct Error {
    ErrorCode code;
    std::string message;                  // clear, for people; never contains internals
    std::string field;                    // the offending input field, empty when none applies
    std::optional<ErrorRecord> existing;  // rendered as "existing": {"type", "id"}

    static Error Malformed(std::string message, std::string field = {});
    static Error Unauthenticated(std::string message);
    static Error Forbidden(std::string message);
    static Error NotFound(std::string message);
    static Error Conflict(std::string message, std::string field = {});
    static Error Duplicate(std::string message, std::string field = {});
    static Error Validation(std::string message, std::string field = {});
    static Error Throttled(std::string message);
};

// Either a value or an Error, like std::expected (which GCC 12 lacks in C++20).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& {
        assert(!ok());
        return std::get<1>(state_);
    }
    Error&& error() && {
        assert(!ok());
        return std::get<1>(std::move(state_));
    }

private:
    std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace voronka
