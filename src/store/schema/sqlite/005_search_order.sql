-- 005_search_order: a word search answered in the list's default order (by name) from the
-- index alone. Each search_terms row carries its partner's sort key, so the matches of a
-- word in a country are read in name order and a page stops after its rows, however
-- the matches cluster among the country's partners (the probe of a sorted partners scan
-- read thousands of rows when the matches sat together, e.g. Persian names sharing a
-- first word). Kept equal to partners.name_key by partner_reindex.
--
-- The table is rebuilt rather than updated in place: one UPDATE of every row needs a
-- statement journal as large as the table, which SQLite (3.40, with the statement journal
-- spill the server configures) failed with SQLITE_FULL on a million rows.
CREATE TABLE search_terms_new (
	term        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	vendor_only INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL,                     -- name, city, tag, alias, note
	name_key    TEXT NOT NULL DEFAULT '',          -- the partner's partners.name_key
	PRIMARY KEY (term, country, vendor_only, partner_id)
) WITHOUT ROWID;
INSERT INTO search_terms_new (term, country, partner_id, vendor_only, source, name_key)
	SELECT s.term, s.country, s.partner_id, s.vendor_only, s.source, p.name_key
	FROM search_terms s JOIN partners p ON p.id = s.partner_id;
DROP TABLE search_terms;
ALTER TABLE search_terms_new RENAME TO search_terms;
CREATE INDEX search_terms_partner ON search_terms (partner_id, term);
CREATE INDEX search_terms_order ON search_terms (term, country, name_key, partner_id, vendor_only);
