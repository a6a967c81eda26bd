#include "auth/session_service.hpp"

#include <fmt/format.h>

#include "auth/credentials.hpp"
#include "auth/user_row.hpp"
#include "auth_sql.hpp"
#include "core/text.hpp"
#include "store/scope.hpp"

namespace voronka::auth {
namespace {

using store::Param;

ThrottleState LoadThrottle(store::Transaction& tx, const std::string& key) {
    const auto row = tx.FetchOne(sql::kThrottleGet, {Param(key)});
    if (!row) return {};
    return {.failures = static_cast<int>(row->Int(0)),
            .window_started_at = row->Int(1),
            .blocked_until = row->Int(2)};
}

void RecordFailure(store::Transaction& tx, const std::string& key, UnixTime now,
                   const ThrottlePolicy& policy) {
    const ThrottleState next = AfterFailure(LoadThrottle(tx, key), now, policy);
    tx.Execute(sql::kThrottlePut, {Param(key), Param(next.failures), Param(next.window_started_at),
                                   Param(next.blocked_until)});
}

Error Blocked(std::int64_t seconds) {
    return Error::Throttled(
        fmt::format("too many failed sign-ins; try again in {} minute(s)", (seconds + 59) / 60));
}

}  // namespace

Result<SignedIn> SessionService::SignIn(const std::string& email, const std::string& password,
                                        const std::string& address) {
    const std::string account_key = "account:" + FoldCase(Trim(email));
    const std::string address_key = "address:" + address;
    const UnixTime now = clock_.Now();

    struct Candidate {
        std::int64_t user_id = 0;
        std::string password_hash;
    };
    auto candidate = db_.Read([&](store::Transaction& tx) -> Result<Candidate> {
        const auto blocked = std::max(SecondsBlocked(LoadThrottle(tx, account_key), now),
                                      SecondsBlocked(LoadThrottle(tx, address_key), now));
        if (blocked > 0) return Blocked(blocked);
        const auto row = tx.FetchOne(sql::kUserForSignIn, {Param(FoldCase(Trim(email)))});
        if (!row) return Candidate{};
        return Candidate{row->Int(0), row->Text(1)};
    });
    if (!candidate) return std::move(candidate).error();

    bool verified = false;
    if (candidate->user_id == 0) {
        VerifyNothing(password);
    } else {
        verified = VerifyPassword(candidate->password_hash, password);
    }

    if (!verified) {
        db_.Write([&](store::Transaction& tx) {
            RecordFailure(tx, account_key, now, options_.per_account);
            RecordFailure(tx, address_key, now, options_.per_address);
        });
        return Error::Unauthenticated("wrong e-mail or password");
    }

    const std::string token = NewToken(TokenKind::kSession);
    const UnixTime expires_at = now + options_.session_ttl_seconds;
    return db_.Write([&](store::Transaction& tx) -> Result<SignedIn> {
        tx.Execute(sql::kThrottleClear, {Param(account_key)});
        tx.Execute(sql::kSessionDeleteExpired, {Param(now)});
        tx.Insert(sql::kSessionInsert,
                  {Param(candidate->user_id), Param(TokenHash(token)), Param(now), Param(expires_at)});
        auto user = LoadUser(tx, candidate->user_id);
        if (!user) return Error::Unauthenticated("wrong e-mail or password");
        return SignedIn{token, expires_at, std::move(*user)};
    });
}

void SessionService::SignOut(const Principal& principal) {
    if (principal.via != Principal::Via::kSession) return;
    db_.Write([&](store::Transaction& tx) {
        tx.Execute(sql::kSessionDelete, {Param(principal.credential_id)});
    });
}

Result<Principal> SessionService::Authenticate(const std::string& token) {
    TokenKind kind;
    if (!TokenKindOf(token, kind)) return Error::Unauthenticated("invalid token");
    const std::string hash = TokenHash(token);
    const auto rows = kind == TokenKind::kSession
                          ? db_.FetchAlone(sql::kSessionPrincipal, {Param(hash), Param(clock_.Now())})
                          : db_.FetchAlone(sql::kApiTokenPrincipal, {Param(hash)});
    if (rows.empty()) return Error::Unauthenticated("invalid or expired token");
    return Principal{.user = UserFromRow(rows.front(), 1),
                     .via = kind == TokenKind::kSession ? Principal::Via::kSession : Principal::Via::kApiToken,
                     .credential_id = rows.front().Int(0)};
}

}  // namespace voronka::auth
