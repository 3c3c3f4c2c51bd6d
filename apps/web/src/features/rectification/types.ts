// What the rectification pages need beyond the API's shapes (those are @ecoenforce/contract, rectification.ts).
import type { MeasureKind, RectificationStatus } from '@ecoenforce/contract';

export const RECTIFICATION_STATUSES = ['open', 'proof_submitted', 'reinspecting', 'corrected', 'not_corrected', 'cancelled'] as const satisfies readonly RectificationStatus[];

/** The production measures that stop a chain's daily penalty [DPM] (rectification.ts MEASURE_KINDS). */
export const MEASURE_KINDS = ['restrict', 'suspend', 'seal'] as const satisfies readonly MeasureKind[];
