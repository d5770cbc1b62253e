// The partner status life cycle — a copy of the transition table in src/core/partner.c
// (transitions[], partner_status_next): prospect → applied → onboarding → active →
// suspended → terminated, and suspended → active. The server decides; the console uses
// this to offer only the moves the server will accept.
import { PARTNER_STATUSES } from '../../lib/types';

export const STATUS_NEXT: Record<string, readonly string[]> = {
  prospect: ['applied'],
  applied: ['onboarding'],
  onboarding: ['active'],
  active: ['suspended'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

/** The statuses in life-cycle order, for drawing the path. */
export const STATUS_ORDER: readonly string[] = PARTNER_STATUSES;

export function nextStatuses(from: string): readonly string[] {
  return STATUS_NEXT[from] ?? [];
}
