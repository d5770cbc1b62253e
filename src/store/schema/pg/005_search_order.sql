-- 005_search_order: a word search answered in the list's default order (by name) from the
-- index alone. Each search_terms row carries its partner's sort key, so the matches of a
-- word in a country are read in name order and a page stops after its rows, however
-- the matches cluster among the country's partners (the probe of a sorted partners scan
-- read thousands of rows when the matches sat together, e.g. Persian names sharing a
-- first word). Kept equal to partners.name_key by partner_reindex.
ALTER TABLE search_terms ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE search_terms SET name_key = p.name_key FROM partners p WHERE p.id = search_terms.partner_id;
CREATE INDEX search_terms_order ON search_terms (term, country, name_key, partner_id, vendor_only);
