// Data-quality, fraud and operation detectors (issue 4 §5): pure functions (input, params) => Finding[]
// over one point's minute samples and meter readings. Each entry of DETECTORS names the detector,
// its function, its default parameters and a one-line description; the full rationale (what it
// catches, false-positive risk, parameters, severity) heads each detector's file.
import type { DetectorDef } from './common.ts';
import { DEFAULT_DROP_AROUND_INSPECTION_PARAMS, DROP_AROUND_INSPECTION_DOC, dropAroundInspection } from './drop-around-inspection.ts';
import type { DropAroundInspectionInput, DropAroundInspectionParams } from './drop-around-inspection.ts';
import { DEFAULT_FLAG_SHARE_PARAMS, FLAG_SHARE_DOC, flagShare } from './flag-share.ts';
import type { FlagShareInput, FlagShareParams } from './flag-share.ts';
import { DEFAULT_FLATLINE_PARAMS, FLATLINE_DOC, flatline } from './flatline.ts';
import type { FlatlineInput, FlatlineParams } from './flatline.ts';
import { DEFAULT_O2_DILUTION_PARAMS, O2_DILUTION_DOC, o2Dilution } from './o2-dilution.ts';
import type { O2DilutionInput, O2DilutionParams } from './o2-dilution.ts';
import { DEFAULT_PERIOD_MISMATCH_PARAMS, PERIOD_MISMATCH_DOC, periodMismatch } from './period-mismatch.ts';
import type { PeriodMismatchInput, PeriodMismatchParams } from './period-mismatch.ts';
import { DEFAULT_PINNED_AT_RANGE_PARAMS, PINNED_AT_RANGE_DOC, pinnedAtRange } from './pinned-at-range.ts';
import type { PinnedAtRangeInput, PinnedAtRangeParams } from './pinned-at-range.ts';
import {
  DEFAULT_OFFLINE_PARAMS,
  DEFAULT_TRANSMISSION_PARAMS,
  OFFLINE_DOC,
  TRANSMISSION_DOC,
  offline,
  transmission,
} from './transmission.ts';
import type { OfflineInput, OfflineParams, TransmissionInput, TransmissionParams } from './transmission.ts';
import { DEFAULT_TREATMENT_OFF_PARAMS, TREATMENT_OFF_DOC, treatmentOff } from './treatment-off.ts';
import type { TreatmentOffInput, TreatmentOffParams } from './treatment-off.ts';
import { DEFAULT_ZERO_WHILE_FLOWING_PARAMS, ZERO_WHILE_FLOWING_DOC, zeroWhileFlowing } from './zero-while-flowing.ts';
import type { ZeroWhileFlowingInput, ZeroWhileFlowingParams } from './zero-while-flowing.ts';

export * from './drop-around-inspection.ts';
export * from './flag-share.ts';
export * from './flatline.ts';
export * from './late-data.ts';
export * from './o2-dilution.ts';
export * from './period-mismatch.ts';
export * from './pinned-at-range.ts';
export * from './transmission.ts';
export * from './treatment-off.ts';
export * from './zero-while-flowing.ts';
export { FACTOR, GAS_POLLUTANTS, MINUTE_MS } from './common.ts';
export type { DetectorDef } from './common.ts';

function define<I, P>(def: DetectorDef<I, P>): DetectorDef<I, P> {
  return def;
}

/** Every detector with its id, function, defaults and description, in the order of issue 4 §5. */
export const DETECTORS = [
  define<TransmissionInput, TransmissionParams>({ id: 'transmission', run: transmission, defaults: DEFAULT_TRANSMISSION_PARAMS, doc: TRANSMISSION_DOC }),
  define<OfflineInput, OfflineParams>({ id: 'offline', run: offline, defaults: DEFAULT_OFFLINE_PARAMS, doc: OFFLINE_DOC }),
  define<FlatlineInput, FlatlineParams>({ id: 'flatline', run: flatline, defaults: DEFAULT_FLATLINE_PARAMS, doc: FLATLINE_DOC }),
  define<ZeroWhileFlowingInput, ZeroWhileFlowingParams>({
    id: 'zeroWhileFlowing',
    run: zeroWhileFlowing,
    defaults: DEFAULT_ZERO_WHILE_FLOWING_PARAMS,
    doc: ZERO_WHILE_FLOWING_DOC,
  }),
  define<PinnedAtRangeInput, PinnedAtRangeParams>({ id: 'pinnedAtRange', run: pinnedAtRange, defaults: DEFAULT_PINNED_AT_RANGE_PARAMS, doc: PINNED_AT_RANGE_DOC }),
  define<O2DilutionInput, O2DilutionParams>({ id: 'o2Dilution', run: o2Dilution, defaults: DEFAULT_O2_DILUTION_PARAMS, doc: O2_DILUTION_DOC }),
  define<DropAroundInspectionInput, DropAroundInspectionParams>({
    id: 'dropAroundInspection',
    run: dropAroundInspection,
    defaults: DEFAULT_DROP_AROUND_INSPECTION_PARAMS,
    doc: DROP_AROUND_INSPECTION_DOC,
  }),
  define<FlagShareInput, FlagShareParams>({ id: 'flagShare', run: flagShare, defaults: DEFAULT_FLAG_SHARE_PARAMS, doc: FLAG_SHARE_DOC }),
  define<PeriodMismatchInput, PeriodMismatchParams>({ id: 'periodMismatch', run: periodMismatch, defaults: DEFAULT_PERIOD_MISMATCH_PARAMS, doc: PERIOD_MISMATCH_DOC }),
  define<TreatmentOffInput, TreatmentOffParams>({ id: 'treatmentOff', run: treatmentOff, defaults: DEFAULT_TREATMENT_OFF_PARAMS, doc: TREATMENT_OFF_DOC }),
] as const;
