-- 001_foundation: partners (identity only; issue 3 fills them out), users, sessions,
-- API tokens, login-failure counters and the audit log.
-- Timestamps are integer seconds since the Unix epoch (UTC).

CREATE TABLE partners (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);

CREATE TABLE users (
	id                  INTEGER PRIMARY KEY,
	email               TEXT NOT NULL,              -- lower-cased
	name                TEXT NOT NULL DEFAULT '',
	role                TEXT NOT NULL CHECK (role IN ('admin', 'channel_manager', 'analyst',
	                        'finance', 'partner_admin', 'partner_rep')),
	partner_id          INTEGER REFERENCES partners(id),
	password_hash       TEXT,                       -- argon2id; NULL = cannot log in
	locale              TEXT NOT NULL DEFAULT 'en',
	disabled            INTEGER NOT NULL DEFAULT 0,
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	password_changed_at INTEGER NOT NULL,
	CHECK ((role IN ('partner_admin', 'partner_rep')) = (partner_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_partner ON users (partner_id, id);

CREATE TABLE sessions (
	id            INTEGER PRIMARY KEY,
	token_hash    TEXT NOT NULL,                    -- BLAKE2b of the cookie value
	user_id       INTEGER NOT NULL REFERENCES users(id),
	csrf_token    TEXT NOT NULL,
	created_at    INTEGER NOT NULL,
	last_seen_at  INTEGER NOT NULL,
	expires_at    INTEGER NOT NULL,                 -- absolute expiry
	client_ip     TEXT
);
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users(id),
	name          TEXT NOT NULL,
	token_hash    TEXT NOT NULL,                    -- BLAKE2b of the secret
	prefix        TEXT NOT NULL,                    -- first characters, to recognise it
	created_at    INTEGER NOT NULL,
	last_used_at  INTEGER,
	revoked_at    INTEGER
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE login_failures (
	id   INTEGER PRIMARY KEY,
	key  TEXT NOT NULL,                             -- 'email:<addr>' or 'ip:<addr>'
	at   INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          INTEGER NOT NULL,
	actor_id    INTEGER,                            -- user id; NULL for anonymous/system
	actor       TEXT NOT NULL,                      -- e-mail or 'system' / 'anonymous'
	action      TEXT NOT NULL,                      -- e.g. 'user.create'
	entity      TEXT NOT NULL,                      -- e.g. 'user'
	entity_id   INTEGER,
	changes     TEXT,                               -- JSON {field: [before, after]}
	request_id  TEXT,
	client_ip   TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_actor ON audit_log (actor_id, id);
