#include "auth/api_token_service.hpp"

#include "auth/credentials.hpp"
#include "auth/user_row.hpp"
#include "auth_sql.hpp"
#include "core/validation.hpp"
#include "store/scope.hpp"

namespace voronka::auth {
namespace {

using store::Param;

ApiToken ApiTokenFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        return ApiToken{.id = r.Int(),
                        .name = r.Text(),
                        .user_id = r.Int(),
                        .created_by = r.Int(),
                        .created_at = r.Int(),
                        .revoked_at = r.OptInt()};
    });
}

Status CheckAdmin(const Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may manage API tokens");
    return Ok{};
}

}  // namespace

Result<IssuedApiToken> ApiTokenService::Issue(const Principal& principal, const std::string& name,
                                              std::optional<std::int64_t> user_id) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    auto checked_name = CheckText(name, "name");
    if (!checked_name) return std::move(checked_name).error();
    const std::int64_t acting_user = user_id.value_or(principal.user.id);
    const std::string secret = NewToken(TokenKind::kApiToken);
    return db_.Write([&](store::Transaction& tx) -> Result<IssuedApiToken> {
        const auto user = LoadUser(tx, acting_user);
        if (!user || !user->active) {
            return Error::Validation("no such active user", "user_id");
        }
        const auto id = tx.Insert(sql::kApiTokenInsert,
                                  {Param(*checked_name), Param(acting_user), Param(TokenHash(secret)),
                                   Param(principal.user.id), Param(clock_.Now())});
        return IssuedApiToken{ApiTokenFromRow(*tx.FetchOne(sql::kApiTokenGet, {Param(id)})), secret};
    });
}

Result<Page<ApiToken>> ApiTokenService::List(const Principal& principal, const PageRequest& page) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    const auto after_id = page.AfterId("api_tokens");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<ApiToken>> {
        std::vector<ApiToken> items;
        for (const auto& row : tx.Fetch(sql::kApiTokenList, {Param(*after_id), Param(page.limit + 1)})) {
            items.push_back(ApiTokenFromRow(row));
        }
        return MakePage(std::move(items), page.limit, "api_tokens", [](const ApiToken& t) { return t.id; });
    });
}

Result<ApiToken> ApiTokenService::Revoke(const Principal& principal, std::int64_t id) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Result<ApiToken> {
        tx.Execute(sql::kApiTokenRevoke, {Param(id), Param(clock_.Now())});
        const auto row = tx.FetchOne(sql::kApiTokenGet, {Param(id)});
        if (!row) return Error::NotFound("no such API token");
        return ApiTokenFromRow(*row);
    });
}

}  // namespace voronka::auth
