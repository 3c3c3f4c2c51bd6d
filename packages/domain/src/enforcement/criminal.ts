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
import { beijingDayNumber, dayString, DAY_MS } from './calendar.ts';

export const GROUP_3X = ['Pb', 'Hg', 'Cd', 'Cr', 'As', 'Tl', 'Sb'] as const;
export const GROUP_10X = ['Ni', 'Cu', 'Zn', 'Ag', 'V', 'Mn', 'Co'] as const;
export type MetalSymbol = (typeof GROUP_3X)[number] | (typeof GROUP_10X)[number];

/**
 * Names a sample may carry for each metal of JI23 art. 1 (含铅、汞、镉、铬、砷、铊、锑 / 镍、铜、锌、银、钒、锰、钴
 * 的污染物): the symbol, the Chinese name with its 总…/…及其化合物 forms, the English name, and the HJ 212-2017
 * factor codes devices send (/work/shared/reference/hj212/factor-codes.tsv). Compounds count for their metal
 * (烷基汞 is mercury, 六价铬 and 铬酸雾 chromium). HJ 212-2005 numeric codes are not accepted: water and gas
 * codes collide (water 033 is silver, gas 33 cadmium). Keys are matched after `metalKey` normalisation.
 */
const METAL_NAMES: Readonly<Record<MetalSymbol, readonly string[]>> = {
  Pb: ['pb', '铅', '总铅', '铅及其化合物', 'lead', 'totallead', 'w20120', 'w20144', 'a20043', 'a20044'],
  Hg: ['hg', '汞', '总汞', '烷基汞', '汞及其化合物', 'mercury', 'totalmercury', 'alkylmercury', 'w20111', 'w20113', 'w20142', 'a20057', 'a20058'],
  Cd: ['cd', '镉', '总镉', '镉及其化合物', 'cadmium', 'totalcadmium', 'w20115', 'w20143', 'a20025', 'a20026'],
  Cr: ['cr', '铬', '总铬', '六价铬', '三价铬', '铬酸雾', 'chromium', 'totalchromium', 'hexavalentchromium', 'trivalentchromium', 'w20116', 'w20117', 'a34040'],
  As: ['as', '砷', '总砷', '砷及其化合物', 'arsenic', 'totalarsenic', 'w20119', 'w20141', 'a20007'],
  Tl: ['tl', '铊', '总铊', 'thallium', 'totalthallium', 'w20089'],
  Sb: ['sb', '锑', '总锑', 'antimony', 'totalantimony'],
  Ni: ['ni', '镍', '总镍', '镍及其化合物', 'nickel', 'totalnickel', 'w20121', 'a20063'],
  Cu: ['cu', '铜', '总铜', 'copper', 'totalcopper', 'w20122', 'w20138'],
  Zn: ['zn', '锌', '总锌', 'zinc', 'totalzinc', 'w20123', 'w20139'],
  Ag: ['ag', '银', '总银', 'silver', 'totalsilver', 'w20126'],
  V: ['v', '钒', '总钒', 'vanadium', 'totalvanadium'],
  Mn: ['mn', '锰', '总锰', 'manganese', 'totalmanganese', 'w20124'],
  Co: ['co', '钴', '总钴', 'cobalt', 'totalcobalt', 'w20038'],
};
const METAL_BY_KEY: ReadonlyMap<string, MetalSymbol> = new Map(
  (Object.entries(METAL_NAMES) as Array<[MetalSymbol, readonly string[]]>).flatMap(([sym, names]) => names.map((n) => [n, sym] as const)),
);

/** Lower case, no spaces, ASCII brackets; a chromium valence (Cr6+, Cr(VI), CrVI, Cr3+ …) reduced to cr. */
function metalKey(name: string): string {
  const k = name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return /^cr(\((vi|iii|[36]\+?)\)|vi|iii|[36]\+?)$/.test(k) ? 'cr' : k;
}

/**
 * The JI23 metal a sample name stands for, or null when it is none of them. 'CO' in capitals is carbon
 * monoxide, not cobalt, and is refused rather than read case-insensitively.
 */
export function metalSymbol(name: string): MetalSymbol | null {
  if (name.trim() === 'CO') return null;
  return METAL_BY_KEY.get(metalKey(name)) ?? null;
}
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
  /** Symbol, Chinese name or HJ 212-2017 code (see METAL_NAMES); Cr covers total chromium and Cr(VI). An unknown name is refused. */
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

function metalGroup(symbol: MetalSymbol): { threshold: number; id: CriminalFlagId } {
  return (GROUP_3X as readonly string[]).includes(symbol) ? { threshold: 3, id: 'heavy_metal_3x' } : { threshold: 10, id: 'heavy_metal_10x' };
}

/**
 * The last Beijing day of a period of `years` years from the Beijing day `day`: the same month and day, or
 * the month's last day when it has none (29 February → 28 February; Civil Code art. 202).
 */
function yearsLaterDay(day: number, years: number): number {
  const [y, m, d] = dayString(day).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return Math.floor(Date.UTC(y + years, m - 1, Math.min(d, last)) / DAY_MS);
}

/** A sample the checks cannot read: refused, never skipped, so no threshold goes unchecked unnoticed. */
export interface CriminalEvidenceError {
  code: 'unknown_metal';
  message: string;
  /** Index of the sample in `metals`. */
  index: number;
  metal: string;
}

export type CriminalAssessment = { ok: true; flags: CriminalFlag[] } | { ok: false; error: CriminalEvidenceError };

/** Thrown by criminalFlags; assessCriminalEvidence returns the same error as a value. */
export class CriminalEvidenceRefusal extends Error {
  constructor(readonly error: CriminalEvidenceError) {
    super(error.message);
  }
}

/** criminalFlags as a value: an unknown metal name comes back as a typed error instead of a throw. */
export function assessCriminalEvidence(e: CriminalEvidence): CriminalAssessment {
  try {
    return { ok: true, flags: criminalFlags(e) };
  } catch (err) {
    if (err instanceof CriminalEvidenceRefusal) return { ok: false, error: err.error };
    throw err;
  }
}

/**
 * Every criminal threshold the evidence meets; bad numbers are skipped, never flagged. A metal sample whose
 * name is none of the JI23 metals throws CriminalEvidenceRefusal (code unknown_metal).
 */
export function criminalFlags(e: CriminalEvidence): CriminalFlag[] {
  const out: CriminalFlag[] = [];
  for (const [index, s] of (e.metals ?? []).entries()) {
    const symbol = metalSymbol(s.metal);
    if (symbol === null) {
      throw new CriminalEvidenceRefusal({
        code: 'unknown_metal', index, metal: s.metal,
        message: `metals[${index}]: "${s.metal}" is not one of the JI23 art. 1 metals (${[...GROUP_3X, ...GROUP_10X].join(', ')}, by symbol, Chinese name or HJ 212-2017 code)`,
      });
    }
    const g = metalGroup(symbol);
    if (!Number.isFinite(s.value) || !Number.isFinite(s.limit) || s.limit <= 0) continue;
    const m = overMultiple(s.value, s.limit);
    if (m + EPS >= g.threshold) {
      out.push({
        id: g.id, serious: false, article: 'JI23 art. 1', evidence: [s.ref],
        detail: { metal: s.metal, symbol, value: s.value, limit: s.limit, multiple: m, threshold: g.threshold },
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
    // "Within 2 years" runs from the date each earlier penalty took effect [JI23 art. 19]: a period of years
    // on the Beijing calendar, so the act's day is compared with the anniversary day, not instants.
    const actDay = beijingDayNumber(rp.actAt);
    const within = rp.earlierPenalties.filter((p) => p.effectiveAt <= rp.actAt && actDay <= yearsLaterDay(beijingDayNumber(p.effectiveAt), REPEAT_WINDOW_YEARS));
    if (within.length >= REPEAT_MIN_PENALTIES) {
      out.push({
        id: 'heavy_pollution_repeat', serious: false, article: 'JI23 art. 1, 19', evidence: [rp.ref, ...within.map((p) => p.ref)],
        detail: { penaltiesWithin2Years: within.length, windowDays: actDay - Math.min(...within.map((p) => beijingDayNumber(p.effectiveAt))) },
        message: `${within.length} earlier penalties within 2 years for ${rp.pollutant} exceedance during heavy-pollution warnings, and again`,
      });
    }
  }
  return out;
}
