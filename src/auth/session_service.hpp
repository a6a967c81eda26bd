// Signing in and out, and telling who makes a request from its bearer token. Owned by auth.
// Thread-safe. Sessions and throttling state are rows, so several server processes may share
// one PostgreSQL database.
#pragma once

#include <chrono>
#include <string>

#include "auth/model.hpp"
#include "auth/throttle.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace voronka::auth {

struct SessionOptions {
    // How long a session lasts after sign-in.
    std::int64_t session_ttl_seconds = 30 * 24 * 3600;
    // Failed sign-ins allowed per account from one client address before that account is
    // blocked from that address for a while. Per account *and* address, so that a stranger
    // cannot lock the owner out from elsewhere.
    ThrottlePolicy per_account_address{.max_attempts = 5, .window = 15 * 60, .block = 15 * 60};
    // Failed sign-ins allowed per client address over all accounts (against password spraying,
    // and to bound the argon2id work one address can cause).
    ThrottlePolicy per_address{.max_attempts = 20, .window = 15 * 60, .block = 15 * 60};
};

struct SignedIn {
    std::string token;  // shown once; only its hash is stored
    UnixTime expires_at = 0;
    User user;
};

class SessionService {
public:
    SessionService(store::Database& db, const Clock& clock, SessionOptions options = {})
        : db_(db), clock_(clock), options_(options) {}

    // Checks the password (slow: argon2id, call off the I/O threads) and opens a session.
    // Unauthenticated for an unknown e-mail, a wrong password or a deactivated user, alike;
    // Throttled (message says when to retry) while the account from this address, or the
    // address, is blocked. The attempt is counted (atomically, on both back ends) before the
    // password is checked, and refunded when it succeeds.
    Result<SignedIn> SignIn(const std::string& email, const std::string& password,
                            const std::string& address);

    // Ends the session the principal signed in with; nothing for API tokens.
    void SignOut(const Principal& principal);

    // The principal a bearer token (session or API token) stands for; Unauthenticated when the
    // token is unknown, expired, revoked, or its user deactivated.
    Result<Principal> Authenticate(const std::string& token);

private:
    store::Database& db_;
    const Clock& clock_;
    SessionOptions options_;
};

}  // namespace voronka::auth
