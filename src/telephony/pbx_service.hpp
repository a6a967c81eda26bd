// PBXs that post call events, configured by an admin. Owned by telephony. Thread-safe
// (stateless over the Database).
//
// A PBX's secret is write-only: it is stored to check signatures (CallIngestion::Authenticate)
// and never returned by this service. Only admins read or change PBXs; everyone else gets
// Forbidden, as the other admin-only services answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/page.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace voronka::telephony {

// The protocols a PBX may speak. Only Voronka's own webhook for now; when adding one, also add
// it to the CHECK of pbxs.kind (a migration) and to openapi/telephony.json.
inline constexpr std::string_view kPbxKindVoronka = "voronka";

struct Pbx {
    std::int64_t id = 0;
    std::string kind;
    std::string name;
    std::optional<std::int64_t> department_id;
    bool active = true;
    UnixTime created_at = 0;
    UnixTime updated_at = 0;
};

struct NewPbx {
    std::string kind = std::string(kPbxKindVoronka);
    std::string name;                           // 1..200 characters, one line
    std::optional<std::int64_t> department_id;  // an existing department
    std::string secret;                         // 16..512 bytes
    bool active = true;
};

// Absent fields stay; department_id's inner nullopt clears it.
struct PbxPatch {
    std::optional<std::string> name;
    std::optional<std::optional<std::int64_t>> department_id;
    std::optional<std::string> secret;
    std::optional<bool> active;
};

class PbxService {
public:
    PbxService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    // Every call: Forbidden unless admin.
    Result<Page<Pbx>> List(const auth::Principal& principal, const PageRequest& page);
    // NotFound when missing.
    Result<Pbx> Get(const auth::Principal& principal, std::int64_t id);
    // Validation naming kind (not a known protocol), name, department_id or secret.
    Result<Pbx> Create(const auth::Principal& principal, const NewPbx& pbx);
    // NotFound as Get; Validation as Create.
    Result<Pbx> Update(const auth::Principal& principal, std::int64_t id, const PbxPatch& patch);
    // NotFound as Get; Conflict when calls refer to it (deactivate it instead).
    Status Delete(const auth::Principal& principal, std::int64_t id);

private:
    store::Database& db_;
    const Clock& clock_;
};

}  // namespace voronka::telephony
