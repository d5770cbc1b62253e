-- 007_search_key: one index fewer on the search index. The order 005 added as a second
-- index (term, country, name_key, partner_id, vendor_only) becomes the primary key: it
-- answers every lookup the old key did — a word, a word in a country, a probe for one
-- partner (which now also names the partner's name_key) — and the name-ordered pages
-- 005 was for. search_terms_partner also covers name_key, which a rebuild of a
-- partner's rows reads to delete them by key.
ALTER TABLE search_terms DROP CONSTRAINT search_terms_pkey;
ALTER TABLE search_terms ADD PRIMARY KEY (term, country, name_key, partner_id, vendor_only);
DROP INDEX search_terms_order;
CREATE INDEX search_terms_partner_key ON search_terms (partner_id, term) INCLUDE (country, vendor_only, name_key);
DROP INDEX search_terms_partner;
ALTER INDEX search_terms_partner_key RENAME TO search_terms_partner;
