-- 007_search_key: the search index in one b-tree instead of three. An import of
-- 100,000 partners writes 1.17 million words, and each went to three b-trees at random
-- places: more than half of the import's time.
-- * The table's key becomes the order 005 added as a second index (term, country,
--   name_key, partner_id, vendor_only). It answers every lookup the old key did — a
--   word, a word in a country, a probe for one partner (which now also names the
--   partner's name_key) — and the name-ordered pages 005 was for.
-- * search_terms_partner goes. What a partner has in the index is listed instead in its
--   one search_docs row (its words, its note words, and the country and sort key they
--   were written under), so its rows are found and deleted by key. An import writes new
--   partners' words in key order at its end, which an index by partner would turn back
--   into random writes.
-- * No foreign key: the rows are derived data, written and deleted only with their
--   partner's search_docs row (which has one); the check was a random read per word.
CREATE TABLE search_terms_new (
	term        TEXT NOT NULL,
	country     TEXT NOT NULL DEFAULT '',
	partner_id  INTEGER NOT NULL,
	vendor_only INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL,                     -- name, city, tag, alias, note
	name_key    TEXT NOT NULL DEFAULT '',          -- the partner's partners.name_key
	PRIMARY KEY (term, country, name_key, partner_id, vendor_only)
) WITHOUT ROWID;
INSERT INTO search_terms_new (term, country, partner_id, vendor_only, source, name_key)
	SELECT term, country, partner_id, vendor_only, source, name_key FROM search_terms
	ORDER BY term, country, name_key, partner_id, vendor_only;

CREATE TABLE search_docs (
	partner_id  INTEGER PRIMARY KEY REFERENCES partners(id),
	country     TEXT NOT NULL,                     -- as in its search_terms rows
	name_key    TEXT NOT NULL,
	terms       TEXT NOT NULL DEFAULT '',          -- its words, space-separated
	note_terms  TEXT NOT NULL DEFAULT ''           -- its vendor-only words
);
INSERT INTO search_docs (partner_id, country, name_key, terms, note_terms)
	SELECT partner_id, min(country), min(name_key),
	       COALESCE(group_concat(CASE WHEN vendor_only = 0 THEN term END, ' '), ''),
	       COALESCE(group_concat(CASE WHEN vendor_only = 1 THEN term END, ' '), '')
	FROM search_terms GROUP BY partner_id;

DROP TABLE search_terms;
ALTER TABLE search_terms_new RENAME TO search_terms;
