// Users of the organisation: listing, reading, creating and changing them. Owned by auth.
// Thread-safe (stateless over the Database).
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "store/database.hpp"

namespace voronka::auth {

struct NewUser {
    std::string email;
    std::string name;
    Role role = Role::kManager;
    std::optional<std::int64_t> department_id;
    std::optional<std::string> phone_extension;
    std::string password;
};

// Absent fields stay as they are; for the nullable ones an inner nullopt clears the value.
struct UserPatch {
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::optional<Role> role;
    std::optional<std::optional<std::int64_t>> department_id;
    std::optional<std::optional<std::string>> phone_extension;
    std::optional<bool> active;
    std::optional<std::string> password;
};

struct UserFilter {
    std::optional<std::int64_t> department_id;
    std::optional<Role> role;
    std::optional<bool> active;
};

// Smallest and largest accepted password lengths (characters / bytes).
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

class UserService {
public:
    UserService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // The users the principal may see (ScopeOf), filtered, in id order.
    Result<Page<User>> List(const Principal& principal, const UserFilter& filter, const PageRequest& page);

    // NotFound when the user does not exist or is out of the principal's sight.
    Result<User> Get(const Principal& principal, std::int64_t id);

    // Admin only (Forbidden). Validation names the field; Duplicate when the e-mail is taken
    // (case-insensitively). Hashes the password: slow, call off the I/O threads.
    Result<User> Create(const Principal& principal, const NewUser& user);

    // Creates a user without a principal: for the command line (`voronka user add`, `demo`).
    Result<User> CreateUnchecked(const NewUser& user);

    // Admin only; NotFound as Get. Deactivating a user ends their sessions at once. Conflict when
    // the change would leave no active admin.
    Result<User> Update(const Principal& principal, std::int64_t id, const UserPatch& patch);

    // Users in the database (for start-up messages).
    std::int64_t Count();

private:
    store::Database& db_;
    const Clock& clock_;
};

// Checks the password rule; answers a validation error on the field `password`.
Status CheckPassword(const std::string& password);

}  // namespace voronka::auth
