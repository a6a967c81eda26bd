SELECT kind FROM stages WHERE id = $1
