// Departments of the organisation (sales, purchasing, logistics, ...). Owned by auth.
// Thread-safe (stateless over the Database).
#pragma once

#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "store/database.hpp"

namespace voronka::auth {

struct NewDepartment {
    std::string name;
    DepartmentKind kind = DepartmentKind::kSales;
    std::optional<std::int64_t> head_user_id;
};

struct DepartmentPatch {
    std::optional<std::string> name;
    std::optional<DepartmentKind> kind;
    std::optional<std::optional<std::int64_t>> head_user_id;  // inner nullopt: no head
};

class DepartmentService {
public:
    DepartmentService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every signed-in user may read departments: their names are needed to hand work across.
    Result<Page<Department>> List(const PageRequest& page);
    Result<Department> Get(std::int64_t id);
    // The department with this name, compared case-insensitively.
    std::optional<Department> FindByName(const std::string& name);

    // Admin only. Duplicate when the name is taken (case-insensitively); Validation when the
    // head is not an active head or admin.
    Result<Department> Create(const Principal& principal, const NewDepartment& department);
    Result<Department> CreateUnchecked(const NewDepartment& department);
    Result<Department> Update(const Principal& principal, std::int64_t id, const DepartmentPatch& patch);
    // Admin only (Forbidden). Deletes a department nothing works in any more; Conflict naming what
    // still does: its users (active or not: move them to another department), the open tasks of
    // its queue, and the rules, templates and pipelines of its scope. Done and deleted tasks,
    // rules, templates and pipelines that named it stay, without a department. NotFound when
    // there is no such department.
    Status Delete(const Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::auth
