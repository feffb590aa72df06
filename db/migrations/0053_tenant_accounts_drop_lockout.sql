-- Tenant accounts lose their own lockout counters (issue 4): sign-in failures are counted by the
-- login throttle keyed by the tenant reference and by the address (login_throttle, identity/throttle.h),
-- which also covers references with no account, so failed_logins and locked_until were written but
-- never read. Both engines drop a plain column the same way (SQLite 3.35+, PostgreSQL).
ALTER TABLE tenant_accounts DROP COLUMN failed_logins;
ALTER TABLE tenant_accounts DROP COLUMN locked_until;
