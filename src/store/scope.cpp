#include "store/scope.hpp"

namespace voronka::store {

std::vector<Value> ScopedParams(const Scope& scope, std::vector<Value> rest) {
    std::vector<Value> params;
    params.reserve(rest.size() + 3);
    params.push_back(Param(scope.all));
    params.push_back(Param(scope.user_id));
    params.push_back(Param(scope.department_id));
    for (auto& value : rest) params.push_back(std::move(value));
    return params;
}

}  // namespace voronka::store
