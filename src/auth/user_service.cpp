#include "auth/user_service.hpp"

#include "auth/credentials.hpp"
#include "auth/user_row.hpp"
#include "auth/visibility.hpp"
#include "auth_sql.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "store/scope.hpp"

namespace voronka::auth {
namespace {

using store::Param;

Status CheckPhoneExtension(const std::optional<std::string>& extension) {
    if (!extension) return Ok{};
    const bool digits = !extension->empty() && extension->size() <= 10 &&
                        extension->find_first_not_of("0123456789") == std::string::npos;
    if (!digits) return Error::Validation("phone_extension must be 1 to 10 digits", "phone_extension");
    return Ok{};
}

Status CheckDepartmentExists(store::Transaction& tx, const std::optional<std::int64_t>& id) {
    if (id && !tx.FetchOne(sql::kDepartmentGet, {Param(*id)})) {
        return Error::Validation("no such department", "department_id");
    }
    return Ok{};
}

Result<User> Fetch(store::Transaction& tx, std::int64_t id) {
    auto user = LoadUser(tx, id);
    if (!user) return Error::NotFound("no such user");
    return std::move(*user);
}

Status CheckAdmin(const Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change users");
    return Ok{};
}

}  // namespace

User ReadUser(store::RowReader& r) {
    User user;
    user.id = r.Int();
    user.email = r.Text();
    user.name = r.Text();
    user.role = ParseRole(r.Text()).value_or(Role::kManager);
    user.department_id = r.OptInt();
    user.phone_extension = r.OptText();
    user.active = r.Bool();
    user.created_at = r.Int();
    user.updated_at = r.Int();
    return user;
}

std::optional<User> LoadUser(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kUserGet, store::ScopedParams(store::Scope::Everything(), {Param(id)}));
    if (!row) return std::nullopt;
    return store::ReadRow(*row, ReadUser);
}

Status CheckPassword(const std::string& password) {
    if (!IsValidUtf8(password) || Utf8Length(password) < kMinPasswordLength) {
        return Error::Validation("password must be at least 8 characters", "password");
    }
    if (password.size() > kMaxPasswordBytes) {
        return Error::Validation("password is too long", "password");
    }
    return Ok{};
}

Result<Page<User>> UserService::List(const Principal& principal, const UserFilter& filter,
                                     const PageRequest& page) {
    const auto after_id = page.AfterId("users");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<User>> {
        const auto rows =
            tx.Fetch(sql::kUserList,
                     store::ScopedParams(
                         ScopeOf(principal),
                         {Param(*after_id), Param(filter.department_id ? 1 : 0),
                          Param(filter.department_id.value_or(0)),
                          Param(filter.role ? std::string(RoleName(*filter.role)) : ""),
                          Param(filter.active ? (*filter.active ? 1 : 0) : -1), Param(page.limit + 1)}));
        std::vector<User> users;
        for (const auto& row : rows) users.push_back(store::ReadRow(row, ReadUser));
        return MakePage(std::move(users), page.limit, "users", [](const User& u) { return u.id; });
    });
}

Result<User> UserService::Get(const Principal& principal, std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) -> Result<User> {
        const auto row = tx.FetchOne(sql::kUserGet, store::ScopedParams(ScopeOf(principal), {Param(id)}));
        if (!row) return Error::NotFound("no such user");
        return store::ReadRow(*row, ReadUser);
    });
}

Result<User> UserService::Create(const Principal& principal, const NewUser& user) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    return CreateUnchecked(user);
}

Result<User> UserService::CreateUnchecked(const NewUser& input) {
    auto email = CheckEmail(input.email, "email");
    if (!email) return std::move(email).error();
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    if (auto ok = CheckPhoneExtension(input.phone_extension); !ok) return std::move(ok).error();
    if (auto ok = CheckPassword(input.password); !ok) return std::move(ok).error();
    const std::string hash = HashPassword(input.password);
    return db_.Write([&](store::Transaction& tx) -> Result<User> {
        if (auto ok = CheckDepartmentExists(tx, input.department_id); !ok) return std::move(ok).error();
        const UnixTime now = clock_.Now();
        try {
            const auto id = tx.Insert(sql::kUserInsert,
                                      {Param(*email), Param(FoldCase(*email)), Param(*name),
                                       Param(std::string(RoleName(input.role))), Param(input.department_id),
                                       Param(input.phone_extension), Param(true), Param(hash), Param(now)});
            return Fetch(tx, id);
        } catch (const store::DbError& e) {
            if (e.kind() != store::DbError::Kind::kUniqueViolation) throw;
            return Error::Duplicate("a user with this e-mail already exists", "email");
        }
    });
}

Result<User> UserService::Update(const Principal& principal, std::int64_t id, const UserPatch& patch) {
    if (auto allowed = CheckAdmin(principal); !allowed) {
        // Out-of-sight users answer 404 before the role check, as if they did not exist.
        if (auto visible = Get(principal, id); !visible) return std::move(visible).error();
        return std::move(allowed).error();
    }
    std::optional<std::string> email;
    if (patch.email) {
        auto checked = CheckEmail(*patch.email, "email");
        if (!checked) return std::move(checked).error();
        email = *checked;
    }
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = *checked;
    }
    if (patch.phone_extension) {
        if (auto ok = CheckPhoneExtension(*patch.phone_extension); !ok) return std::move(ok).error();
    }
    std::optional<std::string> hash;
    if (patch.password) {
        if (auto ok = CheckPassword(*patch.password); !ok) return std::move(ok).error();
        hash = HashPassword(*patch.password);
    }
    return db_.Write([&](store::Transaction& tx) -> Result<User> {
        auto current = Fetch(tx, id);
        if (!current) return current;
        User user = *current;
        if (email) user.email = *email;
        if (name) user.name = *name;
        if (patch.role) user.role = *patch.role;
        if (patch.department_id) user.department_id = *patch.department_id;
        if (patch.phone_extension) user.phone_extension = *patch.phone_extension;
        if (patch.active) user.active = *patch.active;
        if (auto ok = CheckDepartmentExists(tx, user.department_id); !ok) return std::move(ok).error();

        const bool was_admin = current->role == Role::kAdmin && current->active;
        const bool is_admin = user.role == Role::kAdmin && user.active;
        if (was_admin && !is_admin &&
            store::ReadRow(*tx.FetchOne(sql::kUserCountActiveAdmins), &store::RowReader::Int) <= 1) {
            return Error::Conflict("the organisation must keep at least one active admin",
                                   patch.active ? "active" : "role");
        }
        const UnixTime now = clock_.Now();
        try {
            tx.Execute(sql::kUserUpdate,
                       {Param(id), Param(user.email), Param(FoldCase(user.email)), Param(user.name),
                        Param(std::string(RoleName(user.role))), Param(user.department_id),
                        Param(user.phone_extension), Param(user.active), Param(now)});
        } catch (const store::DbError& e) {
            if (e.kind() != store::DbError::Kind::kUniqueViolation) throw;
            return Error::Duplicate("a user with this e-mail already exists", "email");
        }
        if (hash) tx.Execute(sql::kUserSetPassword, {Param(id), Param(*hash), Param(now)});
        if (!user.active || hash) tx.Execute(sql::kSessionDeleteOfUser, {Param(id)});
        return Fetch(tx, id);
    });
}

std::int64_t UserService::Count() {
    return db_.Read([](store::Transaction& tx) {
        return store::ReadRow(*tx.FetchOne(sql::kUserCount), &store::RowReader::Int);
    });
}

}  // namespace voronka::auth
