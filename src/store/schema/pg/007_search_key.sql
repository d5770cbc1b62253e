-- 007_search_key: the search index in one b-tree instead of three (see the SQLite
-- migration of the same name for the reasons).
-- * The primary key becomes the order 005 added as a second index (term, country,
--   name_key, partner_id, vendor_only); it answers every lookup the old key did, and a
--   probe for one partner now also names the partner's name_key.
-- * search_terms_partner goes: what a partner has in the index is listed in its one
--   search_docs row, so its rows are found and deleted by key.
-- * No foreign key: the rows are derived data, written and deleted only with their
--   partner's search_docs row (which has one).
CREATE TABLE search_docs (
	partner_id  BIGINT PRIMARY KEY REFERENCES partners(id) DEFERRABLE,
	country     TEXT COLLATE "C" NOT NULL,         -- as in its search_terms rows
	name_key    TEXT COLLATE "C" NOT NULL,
	terms       TEXT NOT NULL DEFAULT '',          -- its words, space-separated
	note_terms  TEXT NOT NULL DEFAULT ''           -- its vendor-only words
);
INSERT INTO search_docs (partner_id, country, name_key, terms, note_terms)
	SELECT partner_id, min(country), min(name_key),
	       COALESCE(string_agg(term, ' ') FILTER (WHERE vendor_only = 0), ''),
	       COALESCE(string_agg(term, ' ') FILTER (WHERE vendor_only = 1), '')
	FROM search_terms GROUP BY partner_id;

ALTER TABLE search_terms DROP CONSTRAINT search_terms_partner_id_fkey;
ALTER TABLE search_terms DROP CONSTRAINT search_terms_pkey;
ALTER TABLE search_terms ADD PRIMARY KEY (term, country, name_key, partner_id, vendor_only);
DROP INDEX search_terms_order;
DROP INDEX search_terms_partner;
