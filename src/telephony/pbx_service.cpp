#include "telephony/pbx_service.hpp"

#include <limits>

#include "core/validation.hpp"
#include "telephony_sql.hpp"

namespace voronka::telephony {
namespace {

using store::Param;

constexpr std::size_t kMinSecret = 16;
constexpr std::size_t kMaxSecret = 512;

Error PbxNotFound() {
    return Error::NotFound("PBX not found");
}

Status AdminOnly(const auth::Principal& principal) {
    if (!principal.IsAdmin()) return Error::Forbidden("only an admin sets up PBXs");
    return Ok{};
}

Pbx PbxFromRow(const store::Row& row) {
    return store::ReadRow(row, [](store::RowReader& r) {
        Pbx pbx;
        pbx.id = r.Int();
        pbx.kind = r.Text();
        pbx.name = r.Text();
        pbx.department_id = r.OptInt();
        pbx.active = r.Bool();
        pbx.created_at = r.Int();
        pbx.updated_at = r.Int();
        return pbx;
    });
}

std::optional<Pbx> FindPbx(store::Transaction& tx, std::int64_t id) {
    const auto row = tx.FetchOne(sql::kPbxGet, {Param(id)});
    if (!row) return std::nullopt;
    return PbxFromRow(*row);
}

Status CheckSecret(const std::string& secret) {
    if (secret.size() < kMinSecret || secret.size() > kMaxSecret) {
        return Error::Validation("the PBX secret must be 16 to 512 bytes", "secret");
    }
    return Ok{};
}

Status CheckDepartment(store::Transaction& tx, const std::optional<std::int64_t>& department_id) {
    if (department_id && !tx.FetchOne(sql::kDepartmentExists, {Param(*department_id)})) {
        return Error::Validation("there is no such department", "department_id");
    }
    return Ok{};
}

}  // namespace

Result<Page<Pbx>> PbxService::List(const auth::Principal& principal, const PageRequest& page) {
    if (auto ok = AdminOnly(principal); !ok) return std::move(ok).error();
    const auto after = page.AfterId("pbxs");
    if (!after) return after.error();
    return db_.Read([&](store::Transaction& tx) -> Result<Page<Pbx>> {
        std::vector<Pbx> rows;
        for (const auto& row : tx.Fetch(sql::kPbxList, {Param(*after), Param(page.limit + 1)})) {
            rows.push_back(PbxFromRow(row));
        }
        return MakePage(std::move(rows), page.limit, "pbxs", [](const Pbx& p) { return p.id; });
    });
}

Result<Pbx> PbxService::Get(const auth::Principal& principal, std::int64_t id) {
    if (auto ok = AdminOnly(principal); !ok) return std::move(ok).error();
    return db_.Read([&](store::Transaction& tx) -> Result<Pbx> {
        auto pbx = FindPbx(tx, id);
        if (!pbx) return PbxNotFound();
        return *pbx;
    });
}

Result<Pbx> PbxService::Create(const auth::Principal& principal, const NewPbx& pbx) {
    if (auto ok = AdminOnly(principal); !ok) return std::move(ok).error();
    if (pbx.kind != kPbxKindVoronka) return Error::Validation("kind must be voronka", "kind");
    auto name = CheckText(pbx.name, "name");
    if (!name) return std::move(name).error();
    if (auto ok = CheckSecret(pbx.secret); !ok) return std::move(ok).error();
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<Pbx> {
        if (auto ok = CheckDepartment(tx, pbx.department_id); !ok) return std::move(ok).error();
        const auto id = tx.Insert(sql::kPbxInsert, {Param(pbx.kind), Param(*name), Param(pbx.department_id),
                                                    Param(pbx.secret), Param(pbx.active), Param(now)});
        return *FindPbx(tx, id);
    });
}

Result<Pbx> PbxService::Update(const auth::Principal& principal, std::int64_t id, const PbxPatch& patch) {
    if (auto ok = AdminOnly(principal); !ok) return std::move(ok).error();
    std::optional<std::string> name;
    if (patch.name) {
        auto checked = CheckText(*patch.name, "name");
        if (!checked) return std::move(checked).error();
        name = *checked;
    }
    if (patch.secret) {
        if (auto ok = CheckSecret(*patch.secret); !ok) return std::move(ok).error();
    }
    const UnixTime now = clock_.Now();
    return db_.Write([&](store::Transaction& tx) -> Result<Pbx> {
        auto pbx = FindPbx(tx, id);
        if (!pbx) return PbxNotFound();
        const auto department = patch.department_id ? *patch.department_id : pbx->department_id;
        if (auto ok = CheckDepartment(tx, department); !ok) return std::move(ok).error();
        tx.Execute(sql::kPbxUpdate,
                   {Param(id), Param(name.value_or(pbx->name)), Param(department), Param(patch.secret),
                    Param(patch.active.value_or(pbx->active)), Param(now)});
        return *FindPbx(tx, id);
    });
}

Status PbxService::Delete(const auth::Principal& principal, std::int64_t id) {
    if (auto ok = AdminOnly(principal); !ok) return std::move(ok).error();
    return db_.Write([&](store::Transaction& tx) -> Status {
        if (!FindPbx(tx, id)) return PbxNotFound();
        if (tx.Execute(sql::kPbxDelete, {Param(id)}) == 0) {
            return Error::Conflict("the PBX has calls: it can only be turned off (active: false)");
        }
        return Ok{};
    });
}

}  // namespace voronka::telephony
