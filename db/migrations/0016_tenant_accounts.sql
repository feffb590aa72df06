-- Tenant accounts (the tenant portal, docs/adr/0012-tenant-accounts.md): one per household, its
-- login the household's tenant reference, signed in by password (optional) or by a one-time code
-- sent to the phone or e-mail on file. Sessions are separate from the staff ones.
CREATE TABLE tenant_accounts (
  id @ID@,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  household_id BIGINT NOT NULL UNIQUE REFERENCES households(id) ON DELETE CASCADE,
  login TEXT NOT NULL,
  -- Argon2id (platform/auth/password.h); NULL: signs in by one-time code only.
  password_hash TEXT,
  -- pending: a code was sent, never used; active: activated; disabled: closed by the landlord.
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'disabled')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  activated_at BIGINT,
  UNIQUE (organisation_id, login)
);
CREATE INDEX tenant_accounts_login ON tenant_accounts (login);

-- The one live one-time code of an account (a new one replaces it): only its SHA-256 is kept.
CREATE TABLE tenant_codes (
  account_id BIGINT PRIMARY KEY REFERENCES tenant_accounts(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  tries_left INTEGER NOT NULL
);

CREATE TABLE tenant_sessions (
  id_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES tenant_accounts(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL,
  household_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL
);
CREATE INDEX tenant_sessions_account ON tenant_sessions (account_id);

-- What the landlord shows its tenants in the portal; no row: the defaults (tenant/tenant.h).
CREATE TABLE tenant_portal_settings (
  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  show_members SMALLINT NOT NULL,
  show_rent SMALLINT NOT NULL,
  show_lease_start SMALLINT NOT NULL,
  show_agency SMALLINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Activation finds a household by its reference alone (the tenant does not know their landlord's id).
CREATE INDEX households_reference ON households (reference);
