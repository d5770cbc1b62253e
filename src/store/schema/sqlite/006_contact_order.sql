-- 006_contact_order: a partner's contacts are read in the order the record shows them
-- (primary first, then by name) straight from an index. With only (partner_id, id) every
-- read of a partner record sorted its contacts in a temporary b-tree, which cost more than
-- reading them. The new index leads with partner_id, so it also serves every lookup the
-- old one did. It is built before the old one is dropped: on PostgreSQL, DROP INDEX locks
-- the table against reads until the migration commits, so it comes last, after the build.
CREATE INDEX contacts_order ON contacts (partner_id, is_primary DESC, name, id);
DROP INDEX contacts_partner;
