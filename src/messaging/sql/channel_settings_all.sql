SELECT key, value FROM settings WHERE key LIKE 'smtp.%' OR key LIKE 'sms.%'
