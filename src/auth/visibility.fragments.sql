-- The visibility rule in SQL: the twin of auth::Sees (auth/visibility.hpp), which states it in
-- C++. Expanded into statements at embed time (cmake/embed_fragments.cmake); change both together,
-- and Backends/RulesAgree (tests/crm/rules_agree_test.cpp) compares them.

-- @fragment sees(owner, owner_department)
-- The principal whose scope is bound as $1..$3 (store::ScopedParams: all, user id, department id)
-- sees a record of `owner` (the owner's user id) whose owner belongs to `owner_department`
-- (users.department_id of the owner; a NULL department matches no head).
($1 = 1 OR {owner} = $2 OR {owner_department} = $3)
