// The UI's copy of the ownership policy agrees with src/core/partner_schema.c (owners and
// pf_may_write) on every role.
import { describe, expect, test } from 'vitest';
import { editableFields, FIELD_OWNERS, mayDeleteOwn, mayEditPartnerData, mayManage, mayWrite, type Viewer } from './ownership';

const partner = { id: 7, manager_id: 2 };
const admin: Viewer = { id: 1, role: 'admin', partner_id: null };
const manager: Viewer = { id: 2, role: 'channel_manager', partner_id: null };
const otherManager: Viewer = { id: 3, role: 'channel_manager', partner_id: null };
const analyst: Viewer = { id: 6, role: 'analyst', partner_id: null };
const partnerAdmin: Viewer = { id: 8, role: 'partner_admin', partner_id: 7 };
const otherPartnerRep: Viewer = { id: 9, role: 'partner_rep', partner_id: 8 };

describe('ownership', () => {
  test('owners follow partner_fields[]', () => {
    expect(FIELD_OWNERS.phone).toBe('partner');
    expect(FIELD_OWNERS.tier).toBe('vendor');
    expect(FIELD_OWNERS['external_ids.erp']).toBe('system');
    expect(Object.keys(FIELD_OWNERS)).toHaveLength(29);
  });

  test('admin may write everything, the form still keeps status and ids read-only', () => {
    expect(mayWrite(admin, 'external_ids.crm', partner)).toBe(true);
    const f = editableFields(admin, partner);
    expect(f.has('tier')).toBe(true);
    expect(f.has('status')).toBe(false);
    expect(f.has('external_ids.erp')).toBe(false);
  });

  test('a channel manager writes the partners they manage, and new ones', () => {
    expect(mayWrite(manager, 'technical_score', partner)).toBe(true);
    expect(mayWrite(manager, 'address', partner)).toBe(true);
    expect(mayWrite(manager, 'external_ids.erp', partner)).toBe(false);
    expect(mayWrite(otherManager, 'segment', partner)).toBe(false);
    expect(mayWrite(otherManager, 'tier', null)).toBe(true);
    expect(mayManage(otherManager, partner)).toBe(false);
  });

  test('partner users write only partner-owned fields of their own partner', () => {
    const f = editableFields(partnerAdmin, partner);
    expect([...f].sort()).toEqual(['address', 'description', 'employees', 'industries', 'languages', 'phone', 'website']);
    expect(mayEditPartnerData(partnerAdmin, partner)).toBe(true);
    expect(mayEditPartnerData(otherPartnerRep, partner)).toBe(false);
    expect(mayManage(partnerAdmin, partner)).toBe(false);
  });

  test('analysts and finance read only', () => {
    expect(editableFields(analyst, partner).size).toBe(0);
    expect(mayEditPartnerData(analyst, partner)).toBe(false);
  });

  test('documents and notes are deleted by their author or an admin', () => {
    expect(mayDeleteOwn(manager, 2)).toBe(true);
    expect(mayDeleteOwn(otherManager, 2)).toBe(false);
    expect(mayDeleteOwn(admin, null)).toBe(true);
    expect(mayDeleteOwn(manager, null)).toBe(false);
  });
});
