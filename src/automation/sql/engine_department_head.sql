SELECT head_user_id FROM departments WHERE id = $1
