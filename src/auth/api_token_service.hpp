// API tokens for integrations (PBX, scripts): issued by an admin, shown once, stored as a hash,
// revocable. A token acts as the user it was issued for. Owned by auth. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "store/database.hpp"

namespace voronka::auth {

struct ApiToken {
    std::int64_t id = 0;
    std::string name;
    std::int64_t user_id = 0;     // whom the token acts as
    std::int64_t created_by = 0;  // the admin who issued it
    UnixTime created_at = 0;
    std::optional<UnixTime> revoked_at;
};

struct IssuedApiToken {
    ApiToken token;
    std::string secret;  // the bearer token itself: returned once, never stored
};

class ApiTokenService {
public:
    ApiTokenService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Admin only. `user_id` defaults to the admin; it must name an active user (Validation).
    Result<IssuedApiToken> Issue(const Principal& principal, const std::string& name,
                                 std::optional<std::int64_t> user_id);
    Result<Page<ApiToken>> List(const Principal& principal, const PageRequest& page);
    // Admin only; NotFound for an unknown id. Revoking twice is harmless.
    Result<ApiToken> Revoke(const Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::auth
