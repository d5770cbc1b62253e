// Shapes of GET /api/v1/partners/stats and GET /api/v1/activity (src/api/dashboard.c).
import type { AuditEntry } from '../../lib/types';

export interface Bucket {
  /** null = partners without a value (no tier, no country…) */
  key: string | null;
  count: number;
  /** by_tier only */
  name?: string | null;
  id?: number | null;
  rank?: number | null;
  colour?: string | null;
}

export interface MapPoint {
  id: number;
  name: string;
  tier: string | null;
  status: string;
  latitude: number;
  longitude: number;
}

export interface Stats {
  total: number;
  by_status: Bucket[];
  by_tier: Bucket[];
  by_type: Bucket[];
  by_model: Bucket[];
  by_country: Bucket[];
  by_segment: Bucket[];
  points: MapPoint[];
  points_truncated: boolean;
}

export interface ActivityEntry extends AuditEntry {
  partner_id: number | null;
  partner_name: string | null;
  changes: Record<string, [unknown, unknown]> | null;
}
