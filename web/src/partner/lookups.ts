// Reference lists the partner screens share — the program's tiers and the vendor users
// who may manage partners — fetched once per page load and kept (a failed fetch is
// forgotten so that the next caller tries again). Maps are built once per list, so a
// table of 50 rows looks each value up without per-row work.
import { api, type Page } from '../lib/api';
import type { Tier, User } from '../lib/types';
import { useAsync } from '../lib/useAsync';

export interface Lookup<T> {
  list: T[];
  byKey: Map<string, T>;
}

function memo<T>(load: () => Promise<T>): { get: () => Promise<T>; clear: () => void } {
  let p: Promise<T> | null = null;
  return {
    get: () => {
      if (!p) {
        p = load();
        p.catch(() => {
          p = null;
        });
      }
      return p;
    },
    clear: () => {
      p = null;
    },
  };
}

const tiers = memo(async (): Promise<Lookup<Tier>> => {
  const page = await api.get<Page<Tier>>('/api/v1/tiers');
  const list = [...page.items].sort((a, b) => a.rank - b.rank);
  // Tier names are matched case-insensitively by the API.
  return { list, byKey: new Map(list.map((t) => [t.name.toLowerCase(), t])) };
});

/** Vendor users who may be a partner's manager: active admins and channel managers. */
const managers = memo(async (): Promise<Lookup<User>> => {
  const list: User[] = [];
  for (const role of ['channel_manager', 'admin']) {
    let after: number | null = null;
    do {
      const page: Page<User> = await api.get<Page<User>>('/api/v1/users', { role, limit: 200, after });
      list.push(...page.items.filter((u) => !u.disabled));
      after = page.next_after;
    } while (after);
  }
  list.sort((a, b) => a.name.localeCompare(b.name));
  return { list, byKey: new Map(list.map((u) => [String(u.id), u])) };
});

export const loadTiers = tiers.get;
export const loadManagers = managers.get;
/** After an admin edits tiers or users elsewhere in the app. */
export function forgetLookups() {
  tiers.clear();
  managers.clear();
}

export function tierColour(lookup: Lookup<Tier> | undefined, name: string | null | undefined): string | undefined {
  return name ? lookup?.byKey.get(name.toLowerCase())?.colour : undefined;
}

/** Tiers for any signed-in user (GET /tiers is open to every role). */
export function useTiers(): Lookup<Tier> | undefined {
  return useAsync(() => loadTiers(), []).data;
}

/** Managers, only when `enabled` (partner users may not list vendor users). */
export function useManagers(enabled: boolean): Lookup<User> | undefined {
  return useAsync(() => (enabled ? loadManagers() : Promise.resolve(undefined)), [enabled]).data;
}
