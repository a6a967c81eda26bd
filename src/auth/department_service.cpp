#include "auth/department_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <string_view>
#include <vector>

#include "auth/user_row.hpp"
#include "auth_sql.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "store/scope.hpp"

namespace voronka::auth {
namespace {

using store::Param;

Department DepartmentFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Department d;
        d.id = r.Int();
        d.name = r.Text();
        d.kind = ParseDepartmentKind(r.Text()).value_or(DepartmentKind::kOther);
        d.head_user_id = r.OptInt();
        d.created_at = r.Int();
        d.updated_at = r.Int();
        return d;
    });
}

Result<Department> Fetch(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kDepartmentGet, {Param(id)});
    if (!row) return Error::NotFound("no such department");
    return DepartmentFromRow(*row);
}

Status CheckHead(store::Transaction& tx, const std::optional<std::int64_t>& head_user_id) {
    if (!head_user_id) return Ok{};
    const auto head = LoadUser(tx, *head_user_id);
    if (!head) return Error::Validation("no such user", "head_user_id");
    if (!head->active || head->role == Role::kManager) {
        return Error::Validation("the head must be an active head or admin", "head_user_id");
    }
    return Ok{};
}

Status CheckAdmin(const Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin may change departments");
    return Ok{};
}

}  // namespace

Result<Page<Department>> DepartmentService::List(const PageRequest& page) {
    const auto after_id = page.AfterId("departments");
    if (!after_id) return after_id.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Department>> {
        std::vector<Department> items;
        for (const auto& row : tx.Fetch(sql::kDepartmentList, {Param(*after_id), Param(page.limit + 1)})) {
            items.push_back(DepartmentFromRow(row));
        }
        return MakePage(std::move(items), page.limit, "departments",
                        [](const Department& d) { return d.id; });
    });
}

Result<Department> DepartmentService::Get(std::int64_t id) {
    return db_.Read([&](store::Transaction& tx) { return Fetch(tx, id); });
}

std::optional<Department> DepartmentService::FindByName(const std::string& name) {
    return db_.Read([&](store::Transaction& tx) -> std::optional<Department> {
        const auto row = tx.FetchOne(sql::kDepartmentByName, {Param(FoldCase(Trim(name)))});
        if (!row) return std::nullopt;
        return DepartmentFromRow(*row);
    });
}

Result<Department> DepartmentService::Create(const Principal& principal, const NewDepartment& department) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    return CreateUnchecked(department);
}

Result<Department> DepartmentService::CreateUnchecked(const NewDepartment& input) {
    auto name = CheckText(input.name, "name");
    if (!name) return std::move(name).error();
    return db_.Write([&](store::Transaction& tx) -> Result<Department> {
        if (auto ok = CheckHead(tx, input.head_user_id); !ok) return std::move(ok).error();
        try {
            const auto id =
                tx.Insert(sql::kDepartmentInsert, {Param(*name), Param(FoldCase(*name)),
                                                   Param(std::string(DepartmentKindName(input.kind))),
                                                   Param(input.head_user_id), Param(clock_.Now())});
            return Fetch(tx, id);
        } catch (const store::DbError& e) {
            if (e.kind() != store::DbError::Kind::kUniqueViolation) throw;
            return Error::Duplicate("a department with this name already exists", "name");
        }
    });
}

Result<Department> DepartmentService::Update(const Principal& principal, std::int64_t id,
                                             const DepartmentPatch& patch) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = *checked;
    }
    return db_.Write([&](store::Transaction& tx) -> Result<Department> {
        auto current = Fetch(tx, id);
        if (!current) return current;
        Department d = *current;
        if (name) d.name = *name;
        if (patch.kind) d.kind = *patch.kind;
        if (patch.head_user_id) d.head_user_id = *patch.head_user_id;
        if (auto ok = CheckHead(tx, d.head_user_id); !ok) return std::move(ok).error();
        try {
            tx.Execute(sql::kDepartmentUpdate, {Param(id), Param(d.name), Param(FoldCase(d.name)),
                                                Param(std::string(DepartmentKindName(d.kind))),
                                                Param(d.head_user_id), Param(clock_.Now())});
        } catch (const store::DbError& e) {
            if (e.kind() != store::DbError::Kind::kUniqueViolation) throw;
            return Error::Duplicate("a department with this name already exists", "name");
        }
        return Fetch(tx, id);
    });
}

Status DepartmentService::Delete(const Principal& principal, std::int64_t id) {
    if (auto allowed = CheckAdmin(principal); !allowed) return std::move(allowed).error();
    return db_.Write([&](store::Transaction& tx) -> Status {
        if (auto found = Fetch(tx, id); !found) return std::move(found).error();
        const auto counts = tx.FetchOne(sql::kDepartmentBlockers, {Param(id)});
        // In the order of department_blockers.sql's columns.
        constexpr std::array<std::string_view, 6> kWhat = {
            "users", "open queue tasks", "automation rules", "message templates", "pipelines", "PBXs"};
        std::vector<std::string> blockers;
        store::ReadRow(*counts, [&](store::RowReader& r) {
            for (const std::string_view what : kWhat) {
                if (const std::int64_t n = r.Int(); n > 0) blockers.push_back(fmt::format("{} {}", n, what));
            }
        });
        if (!blockers.empty()) {
            return Error::Conflict(fmt::format("the department still has {}: move or delete them first",
                                               fmt::join(blockers, ", ")));
        }
        for (const auto& detach : {sql::kDepartmentDetachTasks, sql::kDepartmentDetachAutomationRules,
                                   sql::kDepartmentDetachMessageTemplates, sql::kDepartmentDetachPipelines,
                                   sql::kDepartmentDetachCalls}) {
            tx.Execute(detach, {Param(id)});
        }
        tx.Execute(sql::kDepartmentDelete, {Param(id)});
        return Ok{};
    });
}

}  // namespace voronka::auth
