SELECT count(*) FROM departments
