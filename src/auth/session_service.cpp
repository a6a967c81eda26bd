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

// The throttling state of `key`, locked until the transaction ends (a row lock on PostgreSQL;
// SQLite serialises write transactions), so that check and count are one atomic step.
ThrottleState LockThrottle(store::Transaction& tx, const std::string& key) {
    tx.Execute(sql::kThrottleEnsure, {Param(key)});
    const auto row = tx.FetchOne(sql::kThrottleLock, {Param(key)});
    if (!row) return {};
    return store::ReadRow(*row, [](store::RowReader& r) {
        return ThrottleState{
            .attempts = static_cast<int>(r.Int()), .window_started_at = r.Int(), .blocked_until = r.Int()};
    });
}

void StoreThrottle(store::Transaction& tx, const std::string& key, const ThrottleState& state) {
    tx.Execute(sql::kThrottlePut, {Param(key), Param(state.attempts), Param(state.window_started_at),
                                   Param(state.blocked_until)});
}

Error Blocked(std::int64_t seconds) {
    return Error::Throttled(
        fmt::format("too many failed sign-ins; try again in {} minute(s)", (seconds + 59) / 60));
}

}  // namespace

Result<SignedIn> SessionService::SignIn(const std::string& email, const std::string& password,
                                        const std::string& address) {
    const std::string email_key = FoldCase(Trim(email));
    // Keys are locked in this order by every sign-in, so two sign-ins never deadlock.
    const std::string account_key = "account:" + email_key + " address:" + address;
    const std::string address_key = "address:" + address;
    const UnixTime now = clock_.Now();

    // Admission: both keys checked and counted in one write transaction, before argon2id.
    auto admitted = db_.Write([&](store::Transaction& tx) -> Result<bool> {
        const Admission by_account = Admit(LockThrottle(tx, account_key), now, options_.per_account_address);
        const Admission by_address = Admit(LockThrottle(tx, address_key), now, options_.per_address);
        if (!by_account.admitted || !by_address.admitted) {
            return Blocked(std::max(by_account.retry_after, by_address.retry_after));
        }
        StoreThrottle(tx, account_key, by_account.next);
        StoreThrottle(tx, address_key, by_address.next);
        return true;
    });
    if (!admitted) return std::move(admitted).error();

    struct Candidate {
        std::int64_t user_id = 0;
        std::string password_hash;
    };
    const auto candidate = db_.Read([&](store::Transaction& tx) {
        const auto row = tx.FetchOne(sql::kUserForSignIn, {Param(email_key)});
        if (!row) return Candidate{};
        return store::ReadRow(*row, [](store::RowReader& r) { return Candidate{r.Int(), r.Text()}; });
    });

    bool verified = false;
    if (candidate.user_id == 0) {
        VerifyNothing(password);
    } else {
        verified = VerifyPassword(candidate.password_hash, password);
    }
    // A failure stays counted; nothing more to write.
    if (!verified) return Error::Unauthenticated("wrong e-mail or password");

    const std::string token = NewToken(TokenKind::kSession);
    const UnixTime expires_at = now + options_.session_ttl_seconds;
    return db_.Write([&](store::Transaction& tx) -> Result<SignedIn> {
        tx.Execute(sql::kThrottleClear, {Param(account_key)});
        StoreThrottle(tx, address_key, Refund(LockThrottle(tx, address_key), options_.per_address));
        tx.Execute(sql::kSessionDeleteExpired, {Param(now)});
        tx.Insert(sql::kSessionInsert,
                  {Param(candidate.user_id), Param(TokenHash(token)), Param(now), Param(expires_at)});
        auto user = LoadUser(tx, candidate.user_id);
        if (!user) return Error::Unauthenticated("wrong e-mail or password");
        return SignedIn{token, expires_at, std::move(*user)};
    });
}

void SessionService::SignOut(const Principal& principal) {
    if (principal.via != Principal::Via::kSession) return;
    db_.Write(
        [&](store::Transaction& tx) { tx.Execute(sql::kSessionDelete, {Param(principal.credential_id)}); });
}

Result<Principal> SessionService::Authenticate(const std::string& token) {
    TokenKind kind;
    if (!TokenKindOf(token, kind)) return Error::Unauthenticated("invalid token");
    const std::string hash = TokenHash(token);
    const auto rows = kind == TokenKind::kSession
                          ? db_.FetchAlone(sql::kSessionPrincipal, {Param(hash), Param(clock_.Now())})
                          : db_.FetchAlone(sql::kApiTokenPrincipal, {Param(hash)});
    if (rows.empty()) return Error::Unauthenticated("invalid or expired token");
    return store::ReadRow(rows.front(), [&](store::RowReader& r) {
        const std::int64_t credential_id = r.Int();
        return Principal{
            .user = ReadUser(r),
            .via = kind == TokenKind::kSession ? Principal::Via::kSession : Principal::Via::kApiToken,
            .credential_id = credential_id};
    });
}

}  // namespace voronka::auth
