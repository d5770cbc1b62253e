-- PostgreSQL dialect: the same indexes and meaning as sqlite/004_partner_integrity.sql.
-- 004_partner_integrity: constraints that back checks made in core, so that two
-- connections racing past the same check cannot both write.

-- Tier names are unique without regard to case ("gold" beside "Gold" is one tier). Core
-- compares names folded in C (tier_find) and answers 409; this index is the backstop.
-- Names that already collide keep the oldest; the others get their id appended.
UPDATE tiers SET name = name || ' (' || id || ')'
	WHERE EXISTS (SELECT 1 FROM tiers o WHERE lower(o.name) = lower(tiers.name) AND o.id < tiers.id);
CREATE UNIQUE INDEX tiers_name_nocase ON tiers (lower(name));

-- An area (country, region) is held exclusively by at most one partner. A terminated
-- partner holds no exclusivity (its flags are cleared when it is terminated), nor does a
-- merged one (its territories moved to the survivor). Rows that break this already lose
-- the flag, the oldest exclusive entry of an area keeping it. Whole-country against
-- region overlaps are still checked in core (territory.c).
UPDATE territories SET exclusive = 0 WHERE exclusive = 1
	AND partner_id IN (SELECT id FROM partners WHERE status = 'terminated' OR merged_into IS NOT NULL);
UPDATE territories SET exclusive = 0 WHERE exclusive = 1
	AND EXISTS (SELECT 1 FROM territories o WHERE o.exclusive = 1 AND o.country = territories.country
		AND o.region = territories.region AND o.id < territories.id);
CREATE UNIQUE INDEX territories_exclusive ON territories (country, region) WHERE exclusive = 1;
