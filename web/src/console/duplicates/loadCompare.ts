// Everything the comparison needs: each partner's 360° record, how many notes each has,
// and the group's evidence (the finder run for the first partner of the group).
import { api, type Page } from '../../lib/api';
import type { Note, Partner360 } from '../../lib/types';
import type { Compared } from './fields';
import { groupKey, type DupGroup, type DupPage } from './types';

export interface CompareData {
  partners: Compared[];
  /** The current group holding these partners, if the finder still sees one. */
  group: DupGroup | null;
}

async function one(id: number, signal: AbortSignal): Promise<Compared> {
  const [p, notes] = await Promise.all([
    api.get<Partner360>(`/api/v1/partners/${id}`, undefined, signal),
    api.get<Page<Note>>(`/api/v1/partners/${id}/notes`, { limit: 200 }, signal),
  ]);
  return { ...p, notes_count: notes.items.length, notes_more: notes.next_after !== null && notes.next_after !== 0 };
}

export async function loadCompare(ids: number[], signal: AbortSignal): Promise<CompareData> {
  const [partners, groups] = await Promise.all([
    Promise.all(ids.map((id) => one(id, signal))),
    api.get<DupPage>('/api/v1/partners/duplicates', { partner_id: ids[0], limit: 20 }, signal),
  ]);
  const want = new Set(ids);
  const group =
    groups.items.find((g) => groupKey(g.partners.map((p) => p.id)) === groupKey(ids)) ??
    groups.items.find((g) => g.partners.filter((p) => want.has(p.id)).length >= 2) ??
    null;
  return { partners, group };
}
