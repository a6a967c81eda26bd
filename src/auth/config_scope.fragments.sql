-- Who sees an item of configuration with a scope (rules, templates, pipelines): the twin of
-- auth::AccessToConfig (auth/config_scope.hpp) answering anything but kHidden. Expanded at embed
-- time (cmake/embed_fragments.cmake); change both together.

-- @fragment sees_config(item_department, all, reader_department)
-- `all` is 1 for an admin; `item_department` NULL is organisation-wide; `reader_department` is
-- the reader's users.department_id.
({all} = 1 OR {item_department} IS NULL OR {item_department} = {reader_department})
