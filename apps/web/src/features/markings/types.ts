// The marking kinds as the console offers them; the markings' shapes are in the API contract (@ecoenforce/contract).
import type { MarkingKind } from '@ecoenforce/contract';

/** The kinds the 2022 marking rules let an enterprise mark (MEE Announcement 2022 No. 21), in the form's order. */
export const MARKING_KINDS = ['startup', 'shutdown', 'equipment_fault', 'maintenance', 'calibration', 'production_stopped', 'other'] as const satisfies readonly MarkingKind[];
