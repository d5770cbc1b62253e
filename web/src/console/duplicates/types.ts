// Shapes of GET /api/v1/partners/duplicates (see src/core/duplicates.c).
import type { Page } from '../../lib/api';

export interface DupMember {
  id: number;
  name: string;
  city: string;
  country: string;
}

export interface DupReason {
  reason: string;
  score: number;
  /** The pair of partner ids the evidence links. */
  partners: [number, number];
  value: string;
}

export interface DupGroup {
  score: number;
  partners: DupMember[];
  reasons: DupReason[];
}

export interface DupPage extends Page<DupGroup> {
  total: number;
}

/** Every reason code the finder emits, strongest first. */
export const REASONS = ['tax_id', 'name', 'web_domain', 'email_domain', 'phone', 'similar_name'] as const;

/** The evidence value as a person reads it: the name key carries its country first. */
export function reasonValue(r: DupReason): string {
  if (r.reason === 'name') return r.value.replace(/^[A-Z]{0,2} /, '');
  return r.value;
}

/** A stable key of a group (its partner ids), also used in the compare URL. */
export function groupKey(ids: number[]): string {
  return [...ids].sort((a, b) => a - b).join(',');
}

export function parseIds(s: string | undefined): number[] {
  if (!s) return [];
  const ids = s
    .split(',')
    .map((x) => Number(x))
    .filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)].slice(0, 50);
}

/** "high" from 0.9, "medium" from 0.8, else "low": how sure the finder is. */
export function scoreLevel(score: number): 'high' | 'medium' | 'low' {
  return score >= 0.9 ? 'high' : score >= 0.8 ? 'medium' : 'low';
}

export interface Evidence {
  reason: string;
  value: string;
  score: number;
  /** The partners this evidence links (a subset of the group for 3+ members). */
  ids: number[];
}

/**
 * The group's reasons, one per reason and value: the finder reports each linked pair (and
 * may report a pair more than once), which reads as noise in a group of three or more.
 */
export function evidenceOf(g: DupGroup): Evidence[] {
  const out = new Map<string, Evidence>();
  for (const r of g.reasons) {
    const key = `${r.reason}\u0000${r.value}`;
    const e = out.get(key) ?? { reason: r.reason, value: reasonValue(r), score: r.score, ids: [] };
    for (const id of r.partners) if (!e.ids.includes(id)) e.ids.push(id);
    e.score = Math.max(e.score, r.score);
    out.set(key, e);
  }
  return [...out.values()].sort((a, b) => b.score - a.score);
}

/** Evidence below this (similar names only) does not put a partner in a merge by default. */
export const STRONG = 0.8;

/** Members whose strongest link to the others is weak: left out of a merge unless chosen. */
export function weaklyLinked(g: DupGroup | null): Set<number> {
  const best = new Map<number, number>();
  for (const r of g?.reasons ?? []) for (const id of r.partners) best.set(id, Math.max(best.get(id) ?? 0, r.score));
  return new Set([...best].filter(([, s]) => s < STRONG).map(([id]) => id));
}
