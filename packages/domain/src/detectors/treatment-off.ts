// treatmentOff — treatment (abatement) equipment off while production equipment runs.
//
// Catches: THE key fraud signal of off-site supervision — a desulfuriser, dust collector or sewage
// plant switched off to save cost while production goes on (rules.md §1 [OSI 19–20]: abnormal
// correlation between production, abatement and monitoring data; bypassing the monitored outlet).
// False-positive risk: running levels estimated from a day when treatment was off the whole time (so
// register `runningKw`); standby treatment trains (two pumps, one running — meter them as one);
// production meters that read auxiliary loads (lighting, offices) when the line is stopped.
// Thresholds per meter: running level = runningKw[meter] if registered, else the 90th percentile of
//   that meter's readings in the input. Treatment off when value < treatmentOffKw if set, else <
//   treatmentOffFraction × running level. Production on when value > productionOnKw if set, else >
//   productionOnFraction × running level. Readings are bucketed by minute.
// Parameters: minMinutes (15), treatmentOffFraction (0.05), treatmentOffKw (null), productionOnFraction
//   (0.3), productionOnKw (null), runningKw ({}). A minute without a reading of the treatment meter,
//   or with no production meter on, ends a run. One finding per treatment meter and run.
// Severity: always high (a finding here is the start of a case, not a data-quality note).
import type { Finding, MeterSample } from '../compliance/types.ts';
import { MINUTE_MS, minuteOf, qualifyingRuns, runSpan } from './common.ts';

export interface TreatmentOffParams {
  minMinutes: number;
  treatmentOffFraction: number;
  treatmentOffKw: number | null;
  productionOnFraction: number;
  productionOnKw: number | null;
  runningKw: Readonly<Record<string, number>>;
}

export const DEFAULT_TREATMENT_OFF_PARAMS: Readonly<TreatmentOffParams> = {
  minMinutes: 15,
  treatmentOffFraction: 0.05,
  treatmentOffKw: null,
  productionOnFraction: 0.3,
  productionOnKw: null,
  runningKw: {},
};

export interface TreatmentOffInput {
  meters: readonly MeterSample[];
}

function p90(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))] ?? 0;
}

export function treatmentOff(input: TreatmentOffInput, params: Partial<TreatmentOffParams> = {}): Finding[] {
  const p = { ...DEFAULT_TREATMENT_OFF_PARAMS, ...params };
  const byMeter = new Map<string, MeterSample[]>();
  for (const m of input.meters) {
    const key = `${m.role}\u0000${m.meter}`;
    const list = byMeter.get(key) ?? [];
    list.push(m);
    byMeter.set(key, list);
  }
  const running = (m: string, list: readonly MeterSample[]): number => p.runningKw[m] ?? p90(list.map((x) => x.value));
  // Minute → max production kW among meters that are on in that minute; thresholds for the evidence.
  const productionOn = new Map<number, number>();
  const onThresholds: Record<string, number> = {};
  for (const list of byMeter.values()) {
    const first = list[0];
    if (!first || first.role !== 'production') continue;
    const on = p.productionOnKw ?? p.productionOnFraction * running(first.meter, list);
    onThresholds[first.meter] = on;
    for (const m of list) {
      if (m.value <= on) continue;
      const t = minuteOf(m.t);
      productionOn.set(t, Math.max(productionOn.get(t) ?? 0, m.value));
    }
  }
  const out: Finding[] = [];
  for (const list of byMeter.values()) {
    const first = list[0];
    if (!first || first.role !== 'treatment') continue;
    const off = p.treatmentOffKw ?? p.treatmentOffFraction * running(first.meter, list);
    const minutes = list
      .map((m) => ({ t: minuteOf(m.t), at: m.t, value: m.value }))
      .sort((a, b) => a.t - b.t)
      .filter((m, i, arr) => i === 0 || arr[i - 1]?.t !== m.t);
    const qualifies = (m: { t: number; value: number }): boolean => m.value < off && productionOn.has(m.t);
    for (const run of qualifyingRuns(minutes, qualifies, p.minMinutes)) {
      const { from, to } = runSpan(run);
      out.push({
        kind: 'treatmentOff',
        severity: 'high',
        from,
        to,
        message: `Treatment equipment ${first.meter} below ${off.toFixed(1)} kW for ${run.length} minutes while production ran.`,
        evidence: {
          times: run.map((m) => m.at),
          values: run.map((m) => m.value),
          params: p,
          rule: {
            treatmentMeter: first.meter,
            offBelowKw: off,
            productionOnAboveKw: onThresholds,
            productionKw: run.map((m) => productionOn.get(m.t) ?? null),
            minutes: Math.round((to - from) / MINUTE_MS),
          },
        },
      });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export const TREATMENT_OFF_DOC = 'Treatment equipment power below its off threshold while production runs, for at least N minutes.';
