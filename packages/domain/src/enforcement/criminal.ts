// Criminal-threshold checks over a case's evidence (issue 5 §8; rules.md §5 [JI23 art. 1, 2, 19]). Each
// flag names the article and carries the evidence that triggered it; any flag puts the case on the
// transfer branch of the case machine, which a fine cannot bypass [TRF 11].
//
// "× the standard". JI23 art. 1 reads 超过国家或者地方污染物排放标准三倍以上 / 十倍以上: exceeding the
// standard by three (ten) times. This module reads it as the exceedance multiple m = (C − limit)/limit,
// the same quantity rules.md rule 4 and the Guangdong table use [GD-A1] and compliance/exceedance.ts
// computes, not as the ratio C/limit. So the 3× line is C = 4 × limit. And 以上 includes the number
// itself (Criminal Law art. 99: 本法所称以上…包括本数), so m = 3 exactly is flagged; rules.md paraphrases
// it as "more than 3×". Hazardous waste and the money thresholds (三吨以上, 三十万元以上) include their
// number by the same article, as rules.md's "≥" says.
import { DAY_MS } from './calendar.ts';

export const GROUP_3X = ['Pb', 'Hg', 'Cd', 'Cr', 'As', 'Tl', 'Sb'] as const;
export const GROUP_10X = ['Ni', 'Cu', 'Zn', 'Ag', 'V', 'Mn', 'Co'] as const;
/** Pollutants whose discharge with tampered monitoring data is a crime for a key discharger [JI23 art. 1]. */
export const MONITORED_POLLUTANTS: Readonly<Record<string, string>> = {
  COD: 'COD', w01018: 'COD', 'NH3-N': 'NH3-N', w21003: 'NH3-N', SO2: 'SO2', a21026: 'SO2', NOx: 'NOx', a21002: 'NOx',
};

export const HAZARDOUS_WASTE_TONNES = 3;
export const HAZARDOUS_WASTE_SERIOUS_TONNES = 100;
export const MONEY_THRESHOLD = 300_000;
export const MONEY_SERIOUS = 1_000_000;
/** A repeat after 2 or more penalties within 2 years, counted from when each earlier penalty took effect [JI23 art. 19]. */
export const REPEAT_MIN_PENALTIES = 2;
export const REPEAT_WINDOW_YEARS = 2;

export type CriminalFlagId =
  | 'heavy_metal_3x'
  | 'heavy_metal_10x'
  | 'hazardous_waste'
  | 'monitoring_data_fraud'
  | 'evasive_toxic_discharge'
  | 'illegal_gain_or_loss'
  | 'heavy_pollution_repeat';

export interface CriminalFlag {
  id: CriminalFlagId;
  /** "Serious circumstances" of JI23 art. 2 (the higher sentencing tier). */
  serious: boolean;
  article: string;
  /** The evidence reference(s) that triggered it (sample, ledger, report ids). */
  evidence: readonly string[];
  detail: Readonly<Record<string, unknown>>;
  message: string;
}

export interface MetalSample {
  /** Element symbol; Cr covers total chromium and Cr(VI). */
  metal: string;
  /** Measured concentration, in the unit of the standard. */
  value: number;
  /** The applicable national or local discharge standard's limit. */
  limit: number;
  ref: string;
}

export interface CriminalEvidence {
  metals?: readonly MetalSample[];
  hazardousWaste?: { tonnes: number; ref: string };
  monitoringFraud?: {
    /** 重点排污单位 or a unit under key permit management. */
    keyDischarger: boolean;
    /** Tampering with / falsifying automatic-monitoring data, or interfering with the monitors. */
    tampered: boolean;
    /** Pollutants discharged meanwhile (names or HJ 212 codes). */
    pollutants: readonly string[];
    ref: string;
  };
  /** Discharge of toxic substances through hidden pipes, seepage wells, pits or other evasive means. */
  evasiveDischarge?: { toxic: boolean; method: string; ref: string };
  money?: { gain?: number; loss?: number; ref: string };
  heavyPollutionRepeat?: {
    /** The new act: SO2/NOx exceedance during a heavy-pollution warning. */
    actAt: number;
    pollutant: string;
    duringWarning: boolean;
    /** Earlier penalties for the same conduct, with the date each took effect. */
    earlierPenalties: ReadonlyArray<{ effectiveAt: number; ref: string }>;
    ref: string;
  };
}

const EPS = 1e-9;

/** (C − limit) / limit, the exceedance multiple used throughout (rules.md rule 4). */
function overMultiple(value: number, limit: number): number {
  return (value - limit) / limit;
}

function metalGroup(symbol: string): { threshold: number; id: CriminalFlagId } | null {
  const s = symbol.trim().replace(/\(VI\)|6\+|VI$/i, '');
  const norm = s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  if ((GROUP_3X as readonly string[]).includes(norm)) return { threshold: 3, id: 'heavy_metal_3x' };
  if ((GROUP_10X as readonly string[]).includes(norm)) return { threshold: 10, id: 'heavy_metal_10x' };
  return null;
}

function addYears(t: number, years: number): number {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** Every criminal threshold the evidence meets; bad numbers are skipped, never flagged. */
export function criminalFlags(e: CriminalEvidence): CriminalFlag[] {
  const out: CriminalFlag[] = [];
  for (const s of e.metals ?? []) {
    const g = metalGroup(s.metal);
    if (!g || !Number.isFinite(s.value) || !Number.isFinite(s.limit) || s.limit <= 0) continue;
    const m = overMultiple(s.value, s.limit);
    if (m + EPS >= g.threshold) {
      out.push({
        id: g.id, serious: false, article: 'JI23 art. 1', evidence: [s.ref],
        detail: { metal: s.metal, value: s.value, limit: s.limit, multiple: m, threshold: g.threshold },
        message: `${s.metal} ${s.value} against a limit of ${s.limit}: exceeded by ${m.toFixed(2)}× (≥ ${g.threshold}×)`,
      });
    }
  }
  const hw = e.hazardousWaste;
  if (hw && Number.isFinite(hw.tonnes) && hw.tonnes >= HAZARDOUS_WASTE_TONNES) {
    const serious = hw.tonnes >= HAZARDOUS_WASTE_SERIOUS_TONNES;
    out.push({
      id: 'hazardous_waste', serious, article: serious ? 'JI23 art. 1, 2' : 'JI23 art. 1', evidence: [hw.ref],
      detail: { tonnes: hw.tonnes, threshold: HAZARDOUS_WASTE_TONNES, seriousThreshold: HAZARDOUS_WASTE_SERIOUS_TONNES },
      message: `${hw.tonnes} t of hazardous waste illegally discharged, dumped or disposed of (≥ ${serious ? HAZARDOUS_WASTE_SERIOUS_TONNES : HAZARDOUS_WASTE_TONNES} t)`,
    });
  }
  const mf = e.monitoringFraud;
  if (mf && mf.keyDischarger && mf.tampered) {
    const hit = [...new Set(mf.pollutants.map((p) => MONITORED_POLLUTANTS[p.trim()]).filter((p): p is string => p !== undefined))];
    if (hit.length > 0) {
      out.push({
        id: 'monitoring_data_fraud', serious: false, article: 'JI23 art. 1', evidence: [mf.ref], detail: { pollutants: hit },
        message: `key discharger tampered with automatic-monitoring data while discharging ${hit.join(', ')}`,
      });
    }
  }
  const ev = e.evasiveDischarge;
  if (ev && ev.toxic) {
    out.push({
      id: 'evasive_toxic_discharge', serious: false, article: 'JI23 art. 1', evidence: [ev.ref], detail: { method: ev.method },
      message: `toxic substances discharged by evasive means (${ev.method})`,
    });
  }
  const money = e.money;
  if (money) {
    const gain = Number.isFinite(money.gain) ? (money.gain ?? 0) : 0;
    const loss = Number.isFinite(money.loss) ? (money.loss ?? 0) : 0;
    const top = Math.max(gain, loss);
    if (top >= MONEY_THRESHOLD) {
      const serious = top >= MONEY_SERIOUS;
      out.push({
        id: 'illegal_gain_or_loss', serious, article: serious ? 'JI23 art. 1, 2' : 'JI23 art. 1', evidence: [money.ref], detail: { gain, loss },
        message: `illegal gain ${gain} yuan, loss ${loss} yuan (≥ ${serious ? MONEY_SERIOUS : MONEY_THRESHOLD})`,
      });
    }
  }
  const rp = e.heavyPollutionRepeat;
  if (rp && rp.duringWarning && ['SO2', 'NOx'].includes(MONITORED_POLLUTANTS[rp.pollutant.trim()] ?? '')) {
    // "Within 2 years" runs from the date each earlier penalty took effect [JI23 art. 19].
    const within = rp.earlierPenalties.filter((p) => p.effectiveAt <= rp.actAt && rp.actAt <= addYears(p.effectiveAt, REPEAT_WINDOW_YEARS));
    if (within.length >= REPEAT_MIN_PENALTIES) {
      out.push({
        id: 'heavy_pollution_repeat', serious: false, article: 'JI23 art. 1, 19', evidence: [rp.ref, ...within.map((p) => p.ref)],
        detail: { penaltiesWithin2Years: within.length, windowDays: Math.round((rp.actAt - Math.min(...within.map((p) => p.effectiveAt))) / DAY_MS) },
        message: `${within.length} earlier penalties within 2 years for ${rp.pollutant} exceedance during heavy-pollution warnings, and again`,
      });
    }
  }
  return out;
}
