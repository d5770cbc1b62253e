-- 007_search_key: one b-tree for the search index instead of three. The table's key
-- becomes the order 005 added as a second index (term, country, name_key, partner_id,
-- vendor_only): it answers every lookup the old key did — a word, a word in a country,
-- a probe for one partner (which now also names the partner's name_key) — and the
-- name-ordered pages 005 was for. Every indexed word was written to three b-trees at
-- random places; an import of 100,000 partners spent more than half its time there.
-- search_terms_partner stays: a partner's rows are found by it when they are rebuilt,
-- and a new partner's rows go at its end.
CREATE TABLE search_terms_new (
	term        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	partner_id  INTEGER NOT NULL REFERENCES partners(id),
	vendor_only INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL,                     -- name, city, tag, alias, note
	name_key    TEXT NOT NULL DEFAULT '',          -- the partner's partners.name_key
	PRIMARY KEY (term, country, name_key, partner_id, vendor_only)
) WITHOUT ROWID;
INSERT INTO search_terms_new (term, country, partner_id, vendor_only, source, name_key)
	SELECT term, country, partner_id, vendor_only, source, name_key FROM search_terms
	ORDER BY term, country, name_key, partner_id, vendor_only;
DROP TABLE search_terms;
ALTER TABLE search_terms_new RENAME TO search_terms;
CREATE INDEX search_terms_partner ON search_terms (partner_id, term);
