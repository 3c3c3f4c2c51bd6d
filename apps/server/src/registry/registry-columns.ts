// The documented column sets of registry imports: one zod schema per kind, parsing each cell's text, and
// the headers accepted for each column (Chinese as on the permit platform, and the English key). Domain
// checks that need the database (does the region exist? whose MN is this?) are in registry-import.ts.
import { z } from 'zod';
import { validateUscc, type UsccError } from '@ecoenforce/domain';
import { ALL_CRC_VARIANTS, factorInfo } from '@ecoenforce/hj212';

export type RegistryKind = 'enterprises' | 'outlets' | 'points' | 'devices' | 'permits' | 'permit_limits';
export const REGISTRY_KINDS: readonly RegistryKind[] = ['enterprises', 'outlets', 'points', 'devices', 'permits', 'permit_limits'];

type Ctx = z.core.$RefinementCtx;

/** A custom issue whose stable machine code travels in params.code. */
function fail(ctx: Ctx, code: string, message: string): never {
  ctx.addIssue({ code: 'custom', message, params: { code } });
  return z.NEVER;
}

const text = (max: number) => z.string().max(max, { error: `at most ${max} characters` });

const USCC_MESSAGES: Record<UsccError, string> = {
  length: 'a unified social credit code has 18 characters',
  charset: 'only digits and the letters of GB 32100 (no I, O, S, V, Z) are allowed',
  region: 'characters 3-8 must be a six-digit region code',
  org_check: 'the organisation code check character (17th) is wrong',
  check_digit: 'the check character (18th, GB 32100-2015 §5.2) is wrong',
};
const uscc = z.string().transform((s, ctx) => {
  const r = validateUscc(s);
  return r.ok ? r.uscc : fail(ctx, 'bad_uscc', USCC_MESSAGES[r.error]);
});

const number = (min: number, max: number) =>
  z
    .string()
    .transform((s, ctx) => {
      // Thousands separators as Chinese Excel writes them; full-width digits are not expected.
      const n = Number(s.replace(/,/g, ''));
      return Number.isFinite(n) ? n : fail(ctx, 'not_a_number', `'${s}' is not a number`);
    })
    .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }));

/** Enum by alias (case-insensitive): the English value itself plus the Chinese terms in use. */
function oneOf<T extends string>(values: Record<T, readonly string[]>) {
  const byAlias = new Map<string, T>();
  for (const [value, aliases] of Object.entries(values) as Array<[T, readonly string[]]>) {
    byAlias.set(value.toLowerCase(), value);
    for (const a of aliases) byAlias.set(a.toLowerCase(), value);
  }
  const allowed = [...byAlias.keys()].join(', ');
  return z.string().transform((s, ctx): T => byAlias.get(s.toLowerCase()) ?? fail(ctx, 'invalid_value', `'${s}' is not one of: ${allowed}`));
}

const flag = oneOf({ 1: ['是', 'y', 'yes', 'true', '√'], 0: ['否', 'n', 'no', 'false', '×'] }).transform((v) => Number(v));

const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Epoch ms of a date (Beijing time, HJ 212's and the permit platform's zone) and whether it had a time. */
export function parseBeijingDate(s: string): { ms: number; dateOnly: boolean } | null {
  if (/T.*(Z|[+-]\d\d:?\d\d)$/i.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : { ms, dateOnly: false };
  }
  const m = DATE_RE.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m === null) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const back = new Date(utc);
  // Rejects 2024-02-30 and 25:00, which Date.UTC would roll over silently.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || mi > 59 || sec > 59) return null;
  return { ms: utc - BEIJING_MS, dateOnly: m[4] === undefined };
}

const dateOf = (endOfDay: boolean) =>
  z.string().transform((s, ctx) => {
    const d = parseBeijingDate(s);
    if (d === null) return fail(ctx, 'invalid_date', `'${s}' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日, optionally with HH:mm)`);
    // An end date means "through that day": stored as the exclusive end, the following midnight.
    return endOfDay && d.dateOnly ? d.ms + DAY_MS : d.ms;
  });

/** A factor code of HJ 212-2017 Appendix B (or its 2005 code), stored as the 2017 code. */
const factor = z.string().transform((s, ctx) => {
  const info = factorInfo(s.toLowerCase()) ?? factorInfo(s);
  return info !== undefined && info.code2017 !== '' ? info.code2017 : fail(ctx, 'unknown_factor', `'${s}' is not an HJ 212 factor code`);
});

/** Codes as written in the file (a 2005 logger's list stays in 2005 codes), each checked against the table. */
const factorList = z.string().transform((s, ctx) => {
  const codes = [...new Set(s.split(/[\s,;，；、]+/).filter((c) => c !== ''))];
  const unknown = codes.filter((c) => factorInfo(c) === undefined);
  if (unknown.length > 0) return fail(ctx, 'unknown_factor', `not HJ 212 factor codes: ${unknown.join(', ')}`);
  return codes.length > 0 ? codes : fail(ctx, 'required', 'at least one factor code');
});

const CRC_NAMES: ReadonlySet<string> = new Set(ALL_CRC_VARIANTS);
const crcList = z.string().transform((s, ctx) => {
  const names = [...new Set(s.split(/[\s,;，；、]+/).filter((c) => c !== ''))];
  const bad = names.filter((n) => !CRC_NAMES.has(n));
  if (bad.length > 0) return fail(ctx, 'invalid_value', `unknown CRC variants ${bad.join(', ')}; known: ${ALL_CRC_VARIANTS.join(', ')}`);
  // The standard CRC is always accepted (monitoring/repositories/points.ts parseCrcVariants), so list it first.
  return ['hj212', ...names.filter((n) => n !== 'hj212')].join(',');
});

// Separators of HJ 212 (HJ 212-2017 §6.3.2) cannot appear in an MN or PW.
const mn = z.string().regex(/^[0-9A-Za-z]{1,24}$/, { error: 'an MN is 1-24 letters or digits (HJ 212-2017 §6.3.2)' });
const pw = z.string().regex(/^[^;,&=\s]{1,32}$/, { error: 'a PW is 1-32 characters without ; , & = or spaces' });
const outletCode = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, { error: 'an outlet code is like DA001 or DW001' }).transform((s) => s.toUpperCase());

// 法定代表人 as on the business licence: Han names, names joined by a middle dot (买买提·艾力, transliterations)
// and foreign investors' Latin-script names. A natural person's name: redaction.ts removes it before publication.
const personName = text(50).regex(/^\p{L}[\p{L}\p{M}·•.'’ -]*$/u, { error: "a person's name: letters, with · . ' - or spaces between" });

const outletKind = oneOf({ air: ['废气', '大气', '气'], water: ['废水', '水'] });

export const SCHEMAS = {
  enterprises: z.object({
    uscc,
    name: text(200),
    region_code: z.string().regex(/^\d{6}$/, { error: 'a GB/T 2260 region code has six digits' }),
    industry: text(100).optional(),
    // GB/T 4754-2017: division (2 digits), group (3) or class (4).
    industry_code: z.string().regex(/^\d{2,4}$/, { error: 'a GB/T 4754 code has 2-4 digits, e.g. 4411' }).optional(),
    management_category: oneOf({ key: ['重点', '重点管理'], simplified: ['简化', '简化管理'], registration: ['登记', '登记管理'] }),
    address: text(300),
    lat: number(-90, 90),
    lng: number(-180, 180),
    key_air: flag.optional(),
    key_water: flag.optional(),
    key_soil: flag.optional(),
    key_hazardous_waste: flag.optional(),
    carbon_key_emitter: flag.optional(),
    legal_representative: personName.optional(),
  }),
  outlets: z.object({ uscc, outlet_code: outletCode, kind: outletKind, name: text(100) }),
  points: z.object({
    uscc,
    outlet_code: outletCode,
    mn,
    pw,
    crc_variants: crcList.optional(),
    protocol_version: oneOf({ 2017: ['hj212-2017'], 2005: ['hj212-2005', 'hj/t212-2005'], 2025: ['hj212-2025'] }).optional(),
    st: z.string().regex(/^\d{2}$/, { error: 'ST is two digits, e.g. 31 flue gas, 32 water (HJ 212-2017 Table 4)' }).optional(),
    factors: factorList,
    lat: number(-90, 90).optional(),
    lng: number(-180, 180).optional(),
    active: flag.optional(),
  }),
  devices: z.object({
    mn,
    kind: oneOf({ analyzer: ['分析仪'], flowmeter: ['流量计'], logger: ['数采仪', '数据采集传输仪'], sampler: ['采样器', '采样仪'], other: ['其他'] }),
    factor: factor.optional(),
    manufacturer: text(100).optional(),
    model: text(100).optional(),
    serial: text(100).optional(),
    range_low: number(-1e12, 1e12).optional(),
    range_high: number(-1e12, 1e12).optional(),
    unit: text(20).optional(),
    installed_at: dateOf(false).optional(),
  }),
  permits: z.object({
    permit_number: z.string().regex(/^[0-9A-Za-z-]{6,40}$/, { error: 'a permit number is 6-40 letters or digits, e.g. USCC + 001P' }).transform((s) => s.toUpperCase()),
    uscc,
    issued_at: dateOf(false),
    valid_from: dateOf(false),
    valid_to: dateOf(true),
    issuer: text(100),
    status: oneOf({ valid: ['有效'], expired: ['过期', '已过期'], revoked: ['撤销', '吊销', '已撤销'], cancelled: ['注销', '已注销'] }).optional(),
  }),
  permit_limits: z.object({
    permit_number: z.string().min(1).transform((s) => s.toUpperCase()),
    outlet_code: outletCode,
    factor,
    limit_value: number(0, 1e9),
    unit: text(20).optional(),
    basis: oneOf({ hourly: ['小时', '小时均值'], daily: ['日', '日均值'], '24h_composite': ['24小时混合样', '混合样'], instant: ['瞬时', '瞬时值'] }).optional(),
    reference_o2: number(0, 20.9).optional(),
    annual_quantity_t: number(0, 1e9).optional(),
    standard: text(100).optional(),
    note: text(500).optional(),
  }),
} as const;

export type Parsed<K extends RegistryKind> = z.infer<(typeof SCHEMAS)[K]>;

/**
 * Accepted headers per column: the Chinese name(s), then English ones; the column key itself is always
 * accepted. Matching ignores case, spaces and underscores, and a header like '统一社会信用代码 USCC' (the
 * list exports' style) matches by either half.
 */
export const HEADERS: { [K in RegistryKind]: { [C in keyof Parsed<K>]-?: readonly string[] } } = {
  enterprises: {
    uscc: ['统一社会信用代码', '信用代码'],
    name: ['单位名称', '企业名称'],
    region_code: ['行政区划代码', '区划代码'],
    industry: ['行业'],
    industry_code: ['行业代码', '行业类别代码'],
    management_category: ['管理类别', '排污许可管理类别'],
    address: ['地址', '生产经营场所地址'],
    lat: ['纬度', 'latitude'],
    lng: ['经度', 'longitude', 'lon'],
    key_air: ['大气重点排污单位', '大气环境重点排污单位'],
    key_water: ['水重点排污单位', '水环境重点排污单位'],
    key_soil: ['土壤污染重点监管单位', '土壤重点监管单位'],
    key_hazardous_waste: ['危险废物重点监管单位', '危废重点监管单位'],
    carbon_key_emitter: ['温室气体重点排放单位', '碳排放重点排放单位'],
    legal_representative: ['法定代表人', '法人代表', '法定代表人姓名', '法定代表人（主要负责人）'],
  },
  outlets: { uscc: ['统一社会信用代码'], outlet_code: ['排放口编号', '排污口编号', 'code'], kind: ['排放口类型', '类型'], name: ['排放口名称', '名称'] },
  points: {
    uscc: ['统一社会信用代码'],
    outlet_code: ['排放口编号', '排污口编号'],
    mn: ['MN', '监测点编码', '设备唯一标识'],
    pw: ['PW', '访问密码', '密码'],
    crc_variants: ['CRC变体', 'CRC'],
    protocol_version: ['协议版本', 'version'],
    st: ['系统编码', 'ST'],
    factors: ['监测因子'],
    lat: ['纬度', 'latitude'],
    lng: ['经度', 'longitude', 'lon'],
    active: ['启用'],
  },
  devices: {
    mn: ['MN', '监测点编码'],
    kind: ['设备类型', '类型'],
    factor: ['监测因子', '因子编码'],
    manufacturer: ['生产厂家', '厂家'],
    model: ['型号', '规格型号'],
    serial: ['出厂编号', '序列号', 'serial_number'],
    range_low: ['量程下限'],
    range_high: ['量程上限'],
    unit: ['单位', '计量单位'],
    installed_at: ['安装日期', '安装时间'],
  },
  permits: {
    permit_number: ['许可证编号', '证书编号', 'number'],
    uscc: ['统一社会信用代码'],
    issued_at: ['发证日期'],
    valid_from: ['有效期起', '有效期开始'],
    valid_to: ['有效期至', '有效期止', '有效期结束'],
    issuer: ['发证机关'],
    status: ['状态', '许可证状态'],
  },
  permit_limits: {
    permit_number: ['许可证编号', '证书编号'],
    outlet_code: ['排放口编号', '排污口编号'],
    factor: ['污染物', '监测因子', '污染物种类'],
    limit_value: ['许可排放浓度限值', '排放浓度限值', '限值', 'limit'],
    unit: ['单位', '计量单位'],
    basis: ['判定时段', '均值类型'],
    reference_o2: ['基准氧含量', '基准含氧量'],
    annual_quantity_t: ['年许可排放量', '年许可排放量(t)', '年许可排放量（吨）'],
    standard: ['执行标准', '排放标准'],
    note: ['备注'],
  },
};

/** Lower case without spaces, underscores, hyphens or brackets: 'Region code' = 'region_code' = 'regionCode'. */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s_\-()（）]/g, '');
}

/** Whether the column must be in the file (its schema rejects an absent cell). */
export function isRequired(kind: RegistryKind, key: string): boolean {
  const field = (SCHEMAS[kind].shape as Record<string, z.ZodType>)[key];
  return field !== undefined && !field.safeParse(undefined).success;
}

/** One line per column: header names and whether it is required, for `--help` and the docs. */
export function describeColumns(kind: RegistryKind): string[] {
  return Object.entries(HEADERS[kind] as Record<string, readonly string[]>).map(
    ([key, names]) => `${key.padEnd(20)} ${isRequired(kind, key) ? 'required' : 'optional'}  ${names.join(' / ')}`,
  );
}
