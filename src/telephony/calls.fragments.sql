-- The visibility of calls in SQL: the twin of telephony::SeesCall (telephony/call.hpp), which
-- states it in C++. Change both together; Backends/CallSightAgrees
-- (tests/telephony/ingestion_test.cpp) compares them.

-- @fragment sees_call(c, user_department)
-- The principal whose scope is bound as $1..$3 sees the call `c` (a calls row) whose user
-- belongs to `user_department`: as the user's own record when it has a user; else when the
-- principal sees everything or heads the department of the call's PBX (c.department_id).
(({c}.user_id IS NOT NULL AND /*@ sees({c}.user_id, {user_department}) @*/)
 OR ({c}.user_id IS NULL AND ($1 = 1 OR {c}.department_id = $3)))
