// Discretion benchmark tables as data (issue 5 §6): the Guangdong 2022 weight-accumulation model [GD art. 6,
// GD-A1]. A table has a starting weight and factors; each factor has levels with a weight in percent of the
// statutory maximum. Numeric factors (a multiple, a count, a flow) pick their level by bands. Tables are
// versioned rows the admin may edit, so tableProblems() checks one when it is saved.
import type { Bilingual } from './matters.ts';

/**
 * One level of a factor. Numeric levels cover [from, to): GD art. 23 reads "以上" as including the number
 * and "以下" as excluding it, so 3–8× means 3 ≤ multiple < 8 and a multiple of exactly 3 is in the 3–8 band.
 * `to` null: no upper bound.
 */
export interface FactorLevel {
  key: string;
  label: Bilingual;
  /** Percent of the statutory maximum. */
  weight: number;
  from?: number;
  to?: number | null;
}

export interface DiscretionFactor {
  key: string;
  label: Bilingual;
  /** 'level': the officer picks level keys; 'number': a measured value picks the band. */
  input: 'level' | 'number';
  /** Unit of a numeric input, for the explanation. */
  unit?: string;
  levels: FactorLevel[];
  source: string;
}

export interface DiscretionTable {
  id: string;
  version: number;
  label: Bilingual;
  /** Matter codes the table applies to. */
  matterCodes: string[];
  start: { weight: number; source: string };
  factors: DiscretionFactor[];
  /** Σ weights never below this percent; 0 when the table sets none (PRM 34: 20 % [GD-A1]). */
  floorPercent: number;
  source: string;
}

const L = (key: string, zh: string, en: string, weight: number, from?: number, to?: number | null): FactorLevel =>
  from === undefined ? { key, label: { zh, en }, weight } : { key, label: { zh, en }, weight, from, to: to ?? null };

/** Default band edges of the exceedance multiple (C − limit)/limit: < 3, 3–8, 8–20, ≥ 20 [GD-A1]. */
export const EXCEEDANCE_EDGES: readonly [number, number, number] = [3, 8, 20];

function multipleLevels(weights: readonly [number, number, number, number], edges: readonly [number, number, number]): FactorLevel[] {
  const [a, b, c] = edges;
  return [
    L('below3', `${a}倍以下`, `under ${a}×`, weights[0], 0, a),
    L('3to8', `${a}倍以上${b}倍以下`, `${a}× to under ${b}×`, weights[1], a, b),
    L('8to20', `${b}倍以上${c}倍以下`, `${b}× to under ${c}×`, weights[2], b, c),
    L('20plus', `${c}倍以上`, `${c}× and over`, weights[3], c, null),
  ];
}

/** The air exceedance factors of [GD-A1] for AIR 99(2); PRM 34 reuses them. */
function airFactors(): DiscretionFactor[] {
  return [
    {
      key: 'pollutantCount', label: { zh: '超标污染物种类数', en: 'Pollutants over the limit' }, input: 'number', unit: 'pollutants', source: '[GD-A1]; GD art. 4(1)',
      levels: [L('one', '1种', 'one', 0, 1, 2), L('two', '2种', 'two', 3, 2, 3), L('threePlus', '3种及以上', 'three or more', 5, 3, null)],
    },
    {
      // GD art. 18: A-class = the MEE toxic air-pollutant list; B-class = the rest. VOCs are scored apart.
      key: 'pollutantKind', label: { zh: '污染物类别', en: 'Kind of pollutant' }, input: 'level', source: '[GD-A1]; GD art. 18',
      levels: [L('vocs', '挥发性有机物', 'VOCs', 3), L('bClass', 'B类污染物', 'B-class', 8), L('aClass', 'A类污染物', 'A-class', 25)],
    },
    {
      key: 'area', label: { zh: '违法行为发生区域', en: 'Area' }, input: 'level', source: '[GD-A1]; GD art. 19',
      levels: [
        L('general', '一般区域', 'general area', 0), L('restricted', '限批区', 'approval-restricted area', 3),
        L('residentialSensitive', '人居环境敏感区', 'residential-sensitive area', 3), L('ecologicalSensitive', '生态环境敏感区', 'ecologically sensitive area', 15),
      ],
    },
    {
      key: 'period', label: { zh: '违法行为发生时段', en: 'Period' }, input: 'level', source: '[GD-A1]',
      levels: [L('ordinary', '一般时段', 'ordinary period', 0), L('specialEvent', '重大活动保障期间', 'special-event period', 5), L('heavyPollutionWarning', '重污染天气预警期间', 'heavy-pollution warning', 10)],
    },
    { key: 'exceedanceMultiple', label: { zh: '超标倍数', en: 'Exceedance multiple' }, input: 'number', unit: '×', source: '[GD-A1]; rules.md rule 4', levels: multipleLevels([2, 8, 10, 21], EXCEEDANCE_EDGES) },
    {
      // The count includes the present violation: 1 is a first offence. [GD-A1] lists 2 / 3 / ≥ 4; GD art. 21–22:
      // "same kind" = punished under the same article and item; "past two years" counts back from this act.
      key: 'repeats', label: { zh: '近二年同类违法行为次数（含本次）', en: 'Same-kind violations in the past 2 years (this one included)' }, input: 'number', unit: 'times', source: '[GD-A1]; GD art. 21, 22',
      levels: [L('first', '首次', 'first', 0, 1, 2), L('second', '第2次', '2nd', 4, 2, 3), L('third', '第3次', '3rd', 9, 3, 4), L('fourthPlus', '第4次及以上', '4th or more', 14, 4, null)],
    },
  ];
}

export const AIR_99_2_TABLE: DiscretionTable = {
  id: 'GD-AIR-99-2', version: 1, label: { zh: '超标排放大气污染物（大气法第九十九条第二项）', en: 'Air exceedance, AIR 99(2)' },
  matterCodes: ['AIR-99-2'], start: { weight: 10, source: '[GD-A1]' }, factors: airFactors(), floorPercent: 0, source: '[GD art. 6; GD-A1]',
};

export const PRM_34_TABLE: DiscretionTable = {
  ...AIR_99_2_TABLE, id: 'GD-PRM-34', label: { zh: '超许可排放（排污许可管理条例第三十四条）', en: 'Permit exceedance, PRM 34' },
  matterCodes: ['PRM-34'], factors: airFactors(), floorPercent: 20, source: '[GD art. 6; GD-A1] PRM 34 floor 20 %',
};

/**
 * The WAT 83(2) table [GD-A1]: start 7 %, toxic pollutants 22 %, drinking-water first-grade zone 15 %,
 * ≥ 200 t/day 10 %, exceedance 5 / 8 / 15 / 23 %. rules.md gives no band edges for the water multiple, so
 * they are a parameter defaulting to the air table's < 3 / 3–8 / 8–20 / ≥ 20. rules.md lists no count or
 * repeat rows for water; a bureau adds them as data if its table has them.
 */
export function waterTable(edges: readonly [number, number, number] = EXCEEDANCE_EDGES): DiscretionTable {
  return {
    id: 'GD-WAT-83-2', version: 1, label: { zh: '超标排放水污染物（水污染防治法第八十三条第二项）', en: 'Water exceedance, WAT 83(2)' },
    matterCodes: ['WAT-83-2'], start: { weight: 7, source: '[GD-A1]' }, floorPercent: 0, source: '[GD art. 6; GD-A1]',
    factors: [
      { key: 'toxic', label: { zh: '有毒有害污染物', en: 'Toxic pollutants' }, input: 'level', source: '[GD-A1]; GD art. 18', levels: [L('none', '否', 'none', 0), L('toxic', '是', 'toxic', 22)] },
      { key: 'drinkingWaterZone', label: { zh: '饮用水水源一级保护区', en: 'Drinking-water first-grade zone' }, input: 'level', source: '[GD-A1]', levels: [L('none', '否', 'outside', 0), L('firstGrade', '一级保护区', 'first-grade zone', 15)] },
      { key: 'dailyVolume', label: { zh: '日排放量', en: 'Daily discharge' }, input: 'number', unit: 't/day', source: '[GD-A1]', levels: [L('below200', '200吨以下', 'under 200 t/day', 0, 0, 200), L('200plus', '200吨以上', '200 t/day and over', 10, 200, null)] },
      { key: 'exceedanceMultiple', label: { zh: '超标倍数', en: 'Exceedance multiple' }, input: 'number', unit: '×', source: '[GD-A1] (bands as air: rules.md silent)', levels: multipleLevels([5, 8, 15, 23], edges) },
    ],
  };
}

export const WAT_83_2_TABLE: DiscretionTable = waterTable();

export const DISCRETION_TABLES: readonly DiscretionTable[] = [AIR_99_2_TABLE, WAT_83_2_TABLE, PRM_34_TABLE];

export function findTable(id: string, tables: readonly DiscretionTable[] = DISCRETION_TABLES): DiscretionTable | undefined {
  return tables.find((t) => t.id === id);
}

/** The level an unproven factor scores: its lightest (GD art. 5); the first listed among equals. */
export function lowestLevel(f: DiscretionFactor): FactorLevel {
  return f.levels.reduce((lo, l) => (l.weight < lo.weight ? l : lo));
}

const pct = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

/** Problems with a table (empty when usable); checked when an admin saves it. */
export function tableProblems(t: DiscretionTable): string[] {
  const out: string[] = [];
  if (!/^[A-Za-z0-9-]{1,40}$/.test(t.id)) out.push('id must be 1–40 letters, digits or dashes');
  if (!Number.isInteger(t.version) || t.version < 1) out.push('version must be a whole number ≥ 1');
  if (t.matterCodes.length === 0) out.push('matterCodes must name at least one matter');
  if (!pct(t.start.weight)) out.push('start.weight must be a percent from 0 to 100');
  if (!pct(t.floorPercent)) out.push('floorPercent must be a percent from 0 to 100');
  const keys = new Set<string>();
  t.factors.forEach((f, i) => {
    const at = `factors[${i}] ${f.key}`;
    if (!/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(f.key)) out.push(`${at}: key must be a plain identifier`);
    if (keys.has(f.key)) out.push(`${at}: key appears twice`);
    keys.add(f.key);
    if (f.levels.length === 0) out.push(`${at}: needs at least one level`);
    const levelKeys = new Set<string>();
    for (const l of f.levels) {
      if (levelKeys.has(l.key)) out.push(`${at}: level ${l.key} appears twice`);
      levelKeys.add(l.key);
      if (!pct(l.weight)) out.push(`${at}: level ${l.key} weight must be a percent from 0 to 100`);
    }
    if (f.input === 'number') {
      // Bands must tile [first.from, ∞) without gaps or overlaps, in order, so every value has one level.
      f.levels.forEach((l, j) => {
        const next = f.levels[j + 1];
        if (typeof l.from !== 'number' || !Number.isFinite(l.from)) out.push(`${at}: level ${l.key} needs a numeric from`);
        if (next === undefined) {
          if (l.to !== null && l.to !== undefined) out.push(`${at}: the last band must be open (to: null)`);
        } else if (l.to !== next.from) out.push(`${at}: band ${l.key} must end where ${next.key} starts`);
        if (typeof l.to === 'number' && typeof l.from === 'number' && l.to <= l.from) out.push(`${at}: band ${l.key} is empty`);
      });
    } else if (f.levels.some((l) => l.from !== undefined || (l.to !== undefined && l.to !== null))) out.push(`${at}: level factors take no bands`);
  });
  return out;
}

// ---- Circumstances: data the engine reads, editable like the tables --------------------------------------

export interface CircumstanceCase {
  key: string;
  label: Bilingual;
  source: string;
}

/**
 * Cases that may aggravate [W13, 环执法〔2019〕42号 as summarised in rules.md §4], plus GD art. 10 (breaching
 * emergency measures during an epidemic or similar emergency). Each is the officer's finding, not automatic.
 */
export const AGGRAVATING_CASES: readonly CircumstanceCase[] = [
  { key: 'repeatedSameKind', label: { zh: '二年内因同类违法行为受到三次以上处罚', en: '≥ 3 same-kind penalties within 2 years' }, source: '[W13]' },
  { key: 'heavyPollutionWarning', label: { zh: '重污染天气预警期间超标排放', en: 'Exceedance during a heavy-pollution warning' }, source: '[W13]' },
  { key: 'violenceOrRetaliation', label: { zh: '威胁、暴力抗法或打击报复举报人、证人', en: 'Threats or violence against officers, or retaliation against reporters or witnesses' }, source: '[W13]' },
  { key: 'crossCityPollution', label: { zh: '造成跨设区的市环境污染', en: 'Cross-city pollution' }, source: '[W13]' },
  { key: 'badSocialImpact', label: { zh: '造成恶劣社会影响', en: 'Bad social impact' }, source: '[W13]; GD art. 20' },
  { key: 'emergencyMeasures', label: { zh: '突发事件期间违反应对措施', en: 'Breach of emergency measures during an emergency' }, source: 'GD art. 10' },
];

/** The W13 threshold: this many same-kind penalties within two years may aggravate. */
export const REPEATED_SAME_KIND_THRESHOLD = 3;

/**
 * Cases that bar the public-apology reduction (GD art. 14 lists 11; rules.md only counts them). Items 4 and
 * 10 are also detected by the engine itself: an emergency aggravation, and a fine already at the minimum.
 */
export const APOLOGY_BARS: readonly CircumstanceCase[] = [
  { key: 'drinkingWaterProhibition', label: { zh: '违反饮用水水源保护区内禁止性规定', en: 'Breach of a prohibition in a drinking-water protection zone' }, source: 'GD art. 14(1)' },
  { key: 'hazardousWasteToUnlicensed', label: { zh: '将危险废物提供或委托给无许可证单位', en: 'Hazardous waste handed to an unlicensed party' }, source: 'GD art. 14(2)' },
  { key: 'hazardousWasteUnlicensed', label: { zh: '无证或未按许可证从事危险废物经营', en: 'Hazardous-waste business without or outside a licence' }, source: 'GD art. 14(3)' },
  { key: 'emergencyAggravation', label: { zh: '属于第十条从重处罚情形', en: 'Aggravated under GD art. 10 (emergency)' }, source: 'GD art. 14(4)' },
  { key: 'detentionTransfer', label: { zh: '适用移送公安机关行政拘留', en: 'Transferred to police for detention' }, source: 'GD art. 14(5)' },
  { key: 'suspectedCrime', label: { zh: '涉嫌环境污染犯罪', en: 'Suspected environmental crime' }, source: 'GD art. 14(6)' },
  { key: 'continuedAfterOrder', label: { zh: '责令改正后复查仍持续', en: 'Still continuing at the recheck after an order to correct' }, source: 'GD art. 14(7)' },
  { key: 'reoffendedAfterPledge', label: { zh: '公开道歉承诺后再次违法', en: 'Reoffended after an earlier apology and pledge' }, source: 'GD art. 14(8)' },
  { key: 'concurrentBarred', label: { zh: '同时发现的其他违法行为存在上述情形', en: 'Another violation found at the same time is barred' }, source: 'GD art. 14(9)' },
  { key: 'minimumOrFixedFine', label: { zh: '定额罚款或法定最低罚款', en: 'Fixed fine or the statutory minimum' }, source: 'GD art. 14(10)' },
  { key: 'otherRule', label: { zh: '其他规定不得适用', en: 'Barred by another law, regulation or normative document' }, source: 'GD art. 14(11)' },
];

/** The apology reduction's bounds, percent of the fine (GD art. 14). */
export const APOLOGY_REDUCTION = { min: 30, max: 50 } as const;
