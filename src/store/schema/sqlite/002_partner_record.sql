-- 002_partner_record: the four-layer partner record — identity and structure columns,
-- configurable tiers, tags (industries, specialisations, languages), contacts,
-- territories, channel-manager notes, documents, merge aliases, and the search index.
-- Coordinates are stored as integer micro-degrees; money would be integer minor units.

CREATE TABLE tiers (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	rank        INTEGER NOT NULL,
	colour      TEXT NOT NULL DEFAULT '#6b7280',
	description TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX tiers_name ON tiers (name);
CREATE UNIQUE INDEX tiers_rank ON tiers (rank);
INSERT INTO tiers (name, rank, colour, description, created_at, updated_at) VALUES
	('Registered', 1, '#6b7280', 'Entry level: portal access, deal registration, first courses', 0, 0),
	('Silver', 2, '#9ca3af', 'Trained partner with first sales: standard discount, MDF on request', 0, 0),
	('Gold', 3, '#d4a017', 'Certified specialisations and a joint business plan: higher discount, MDF budget, dedicated manager', 0, 0),
	('Platinum', 4, '#334155', 'Strategic partner: best discount, priority support, early access to assets', 0, 0);

ALTER TABLE partners ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN type TEXT NOT NULL DEFAULT 'reseller';
ALTER TABLE partners ADD COLUMN model TEXT NOT NULL DEFAULT 'sell_to';
ALTER TABLE partners ADD COLUMN status TEXT NOT NULL DEFAULT 'prospect';
ALTER TABLE partners ADD COLUMN tier_id INTEGER REFERENCES tiers(id);
ALTER TABLE partners ADD COLUMN segment TEXT;
ALTER TABLE partners ADD COLUMN country TEXT;
ALTER TABLE partners ADD COLUMN region TEXT;
ALTER TABLE partners ADD COLUMN city TEXT;
ALTER TABLE partners ADD COLUMN address TEXT;
ALTER TABLE partners ADD COLUMN lat_e6 INTEGER;
ALTER TABLE partners ADD COLUMN lon_e6 INTEGER;
ALTER TABLE partners ADD COLUMN website TEXT;
ALTER TABLE partners ADD COLUMN email_domain TEXT;
ALTER TABLE partners ADD COLUMN tax_id TEXT;
ALTER TABLE partners ADD COLUMN phone TEXT;
ALTER TABLE partners ADD COLUMN employees TEXT;
ALTER TABLE partners ADD COLUMN description TEXT;
ALTER TABLE partners ADD COLUMN manager_id INTEGER REFERENCES users(id);
ALTER TABLE partners ADD COLUMN technical_score INTEGER;
ALTER TABLE partners ADD COLUMN commercial_score INTEGER;
ALTER TABLE partners ADD COLUMN current_value INTEGER;
ALTER TABLE partners ADD COLUMN future_potential INTEGER;
ALTER TABLE partners ADD COLUMN erp_id TEXT;
ALTER TABLE partners ADD COLUMN crm_id TEXT;
ALTER TABLE partners ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE partners ADD COLUMN merged_into INTEGER REFERENCES partners(id);
-- derived, for matching and sorting (maintained by core/partner_index.c)
ALTER TABLE partners ADD COLUMN name_norm TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN phone_norm TEXT;
ALTER TABLE partners ADD COLUMN web_domain TEXT;
ALTER TABLE partners ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE partners SET legal_name = name, name_key = lower(name);

CREATE INDEX partners_name ON partners (name_key, id);
CREATE INDEX partners_country ON partners (country, name_key, id);
CREATE INDEX partners_status ON partners (status, id);
CREATE INDEX partners_tier ON partners (tier_id, id);
CREATE INDEX partners_manager ON partners (manager_id, id);
CREATE INDEX partners_updated ON partners (updated_at, id);
CREATE INDEX partners_name_norm ON partners (name_norm);
CREATE INDEX partners_tax ON partners (tax_id) WHERE tax_id IS NOT NULL;
CREATE INDEX partners_web ON partners (web_domain) WHERE web_domain IS NOT NULL;
CREATE INDEX partners_mail ON partners (email_domain) WHERE email_domain IS NOT NULL;
CREATE INDEX partners_phone ON partners (phone_norm) WHERE phone_norm IS NOT NULL;
CREATE UNIQUE INDEX partners_erp ON partners (erp_id) WHERE erp_id IS NOT NULL;
CREATE UNIQUE INDEX partners_crm ON partners (crm_id) WHERE crm_id IS NOT NULL;

CREATE TABLE partner_tags (
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	kind        TEXT NOT NULL,                     -- industry, specialisation, language
	tag         TEXT NOT NULL,
	PRIMARY KEY (partner_id, kind, tag)
) WITHOUT ROWID;

CREATE TABLE partner_aliases (
	id           INTEGER PRIMARY KEY,
	partner_id   INTEGER NOT NULL REFERENCES partners(id),
	name         TEXT NOT NULL,
	from_partner INTEGER,                          -- the merged partner
	created_at   INTEGER NOT NULL
);
CREATE INDEX partner_aliases_partner ON partner_aliases (partner_id);

-- Search index: normalised words of a partner's searchable text. `country` is copied so
-- the common "words + country" search is answered from the index alone; notes' words
-- are vendor_only.
CREATE TABLE search_terms (
	term        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	vendor_only INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL,                     -- name, city, tag, alias, note
	PRIMARY KEY (term, country, vendor_only, partner_id)
) WITHOUT ROWID;
CREATE INDEX search_terms_partner ON search_terms (partner_id, term);

CREATE TABLE contacts (
	id          INTEGER PRIMARY KEY,
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	name        TEXT NOT NULL,
	title       TEXT,
	email       TEXT,
	phone       TEXT,
	role        TEXT NOT NULL DEFAULT 'other',     -- owner, sales, technical, finance, marketing, support, other
	is_primary  INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX contacts_partner ON contacts (partner_id, id);
CREATE INDEX contacts_email ON contacts (email) WHERE email IS NOT NULL;

CREATE TABLE territories (
	id          INTEGER PRIMARY KEY,
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	country     TEXT NOT NULL,
	region      TEXT NOT NULL DEFAULT '',          -- '' = the whole country
	exclusive   INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX territories_unique ON territories (partner_id, country, region);
CREATE INDEX territories_area ON territories (country, region);

CREATE TABLE notes (
	id          INTEGER PRIMARY KEY,
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	author_id   INTEGER REFERENCES users(id),
	kind        TEXT NOT NULL,                     -- visit, call, email, qbr, other
	day         TEXT NOT NULL,                     -- YYYY-MM-DD
	body        TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX notes_partner ON notes (partner_id, day, id);

CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT 'other',     -- contract, certificate, tax, other
	mime        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	uploaded_by INTEGER REFERENCES users(id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX documents_partner ON documents (partner_id, id);
CREATE INDEX documents_sha ON documents (sha256);
