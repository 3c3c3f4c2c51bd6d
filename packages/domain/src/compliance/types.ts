// The shapes the compliance engine works on: minute samples of one point, meter readings, and findings
// that carry their evidence. Pure data; the server maps stored readings into these.

/** HJ 212-2017 data flags (§6.6.4 Table 8): N normal, F stopped, M maintenance, S manual, D fault, C calibration, T over range, B communication fault. */
export type DataFlag = 'N' | 'F' | 'M' | 'S' | 'D' | 'C' | 'T' | 'B';

/** Flags that never prove an exceedance (rules.md §1): everything but N. */
export const INVALID_FLAGS: ReadonlySet<string> = new Set(['F', 'M', 'S', 'D', 'C', 'T', 'B']);

/**
 * Flags that say a value is wrong, not merely set aside: fault, above range, communication fault, manual
 * set value. Calibration (C), maintenance (M) and stopped (F) are scheduled or declared states whose
 * minutes are left out without casting doubt on the others.
 */
export const ABNORMAL_FLAGS: ReadonlySet<string> = new Set(['D', 'T', 'B', 'S']);

/** One factor's value in one period as the logger sent it. */
export interface FactorSample {
  /** The period's average (minute/hour/day) or the real-time value. */
  value: number | null;
  min?: number | null;
  max?: number | null;
  /** The logger's converted (reference-O2) value, when it sends Zs values. */
  zs?: number | null;
  /** The period total (Cou), e.g. flow volume or pollutant mass. */
  cou?: number | null;
  flag: string | null;
}

/** All factors of one point in one minute (or one period), keyed by 2017 factor code. */
export interface PointSample {
  /** Period start, epoch ms UTC. */
  t: number;
  factors: Readonly<Record<string, FactorSample>>;
  /** The raw frame the sample came from (evidence). */
  frameId?: number;
}

/** An electricity (or water) meter reading: the power drawn by one piece of equipment. */
export interface MeterSample {
  t: number;
  /** Which equipment: production or treatment (abatement). */
  role: 'production' | 'treatment';
  /** Equipment identifier as registered. */
  meter: string;
  /** Active power, kW (or current in A where only current is metered). */
  value: number;
}

/** A span an enterprise marked (2022 marking rules): start-up, shutdown, fault, maintenance … */
export interface Marking {
  from: number;
  /** Exclusive end. */
  to: number;
  kind: string;
  /** Invalid-marked spans are excluded from exceedance judgement (never deleted). */
  invalid: boolean;
}

export type Severity = 'low' | 'medium' | 'high';

/** What a detector or the exceedance judgement found, with everything needed to check it. */
export interface Finding {
  /** Detector or rule id, e.g. 'flatline', 'exceedance'. */
  kind: string;
  severity: Severity;
  /** Epoch ms, inclusive start and exclusive end of the span the finding covers. */
  from: number;
  to: number;
  factor?: string;
  /** One sentence for a person, in English (the console translates by `kind`). */
  message: string;
  evidence: {
    /** Period starts of the samples that prove it. */
    times: number[];
    /** Their values, aligned with `times`, where a single factor is concerned. */
    values?: Array<number | null>;
    /** The raw frames behind them, where known. */
    frameIds?: number[];
    /** The parameters and thresholds the decision used. */
    params: Readonly<Record<string, unknown>>;
    /** The limit or rule row, where one applies. */
    rule?: Readonly<Record<string, unknown>>;
  };
}
