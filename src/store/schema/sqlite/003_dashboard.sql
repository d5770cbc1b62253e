-- 003_dashboard: what the console's home page reads — a partner's audit trail and the
-- recent activity across partners (audit_log.partner_id), and partner counts by status,
-- tier, type, model, country and segment (a covering index of the live partners).

-- The partner an audit entry belongs to: the partner itself, or the partner whose
-- contact, territory, note or document the entry is about. NULL for users, tokens,
-- sessions and tiers. Set by the writers from now on; entries written before this
-- migration get it from the entry itself (a partner's own entries; a child row's creation
-- entry names its partner_id), else from the latest earlier entry of the same row that
-- has one (SQLite may reuse the id of a deleted row, so not simply the first), else from
-- the row as it is now. A child row moved by a merge keeps its earlier partner there.
ALTER TABLE audit_log ADD COLUMN partner_id INTEGER;

UPDATE audit_log SET partner_id = entity_id WHERE entity = 'partner' AND entity_id IS NOT NULL;
UPDATE audit_log SET partner_id = CAST(json_extract(changes, '$.partner_id[1]') AS INTEGER)
	WHERE entity IN ('contact', 'territory', 'note', 'document') AND changes LIKE '%"partner_id"%'
	AND json_valid(changes) AND json_type(changes, '$.partner_id[1]') = 'integer';
UPDATE audit_log SET partner_id = (SELECT c.partner_id FROM audit_log c WHERE c.entity = audit_log.entity
		AND c.entity_id = audit_log.entity_id AND c.id < audit_log.id AND c.partner_id IS NOT NULL
		ORDER BY c.id DESC LIMIT 1)
	WHERE entity IN ('contact', 'territory', 'note', 'document') AND partner_id IS NULL AND entity_id IS NOT NULL;
UPDATE audit_log SET partner_id = (SELECT x.partner_id FROM contacts x WHERE x.id = audit_log.entity_id)
	WHERE entity = 'contact' AND partner_id IS NULL;
UPDATE audit_log SET partner_id = (SELECT x.partner_id FROM territories x WHERE x.id = audit_log.entity_id)
	WHERE entity = 'territory' AND partner_id IS NULL;
UPDATE audit_log SET partner_id = (SELECT x.partner_id FROM notes x WHERE x.id = audit_log.entity_id)
	WHERE entity = 'note' AND partner_id IS NULL;
UPDATE audit_log SET partner_id = (SELECT x.partner_id FROM documents x WHERE x.id = audit_log.entity_id)
	WHERE entity = 'document' AND partner_id IS NULL;

-- One partner's trail, newest first (GET /partners/{id}/history).
CREATE INDEX audit_partner ON audit_log (partner_id, id) WHERE partner_id IS NOT NULL;
-- Partner-related entries across all partners, newest first (GET /activity).
CREATE INDEX audit_partner_recent ON audit_log (id) WHERE partner_id IS NOT NULL;

-- Counts of live partners by every facet from one scan of a narrow index
-- (GET /partners/stats): the six facets in GROUP BY order, then the other plain column
-- filters of the list (region, manager) so that they are answered from the index too.
CREATE INDEX partners_facets ON partners (status, tier_id, type, model, country, segment, region, manager_id)
	WHERE merged_into IS NULL;
