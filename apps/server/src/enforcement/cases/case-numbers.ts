// Case numbers (文号): a city bureau numbers its penalty cases in its own name — 惠市环罚〔2026〕12号 for 惠州市 —
// counting through the year across all of its counties (since the vertical reform of 2016, a county bureau is
// a branch of the city's and its decisions go out in the city's name). The short name comes from the
// region's name in the registry (data), not from a table of codes; where no city name applies (the
// municipalities' 市辖区, a region without a city above it) the province's one-character abbreviation stays.
// A case's other documents (责改, 罚告, 不罚) take the prefix of the case's own stored number, so numbers
// already issued never change when the rule or a region's name does.
import { SqliteAdapter, sql, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';

/** One-character province abbreviations (GB/T 2260 first two digits), as bureaus number their documents. */
const PROVINCE_ABBR: Readonly<Record<string, string>> = {
  11: '京', 12: '津', 13: '冀', 14: '晋', 15: '蒙', 21: '辽', 22: '吉', 23: '黑', 31: '沪', 32: '苏', 33: '浙', 34: '皖', 35: '闽', 36: '赣',
  37: '鲁', 41: '豫', 42: '鄂', 43: '湘', 44: '粤', 45: '桂', 46: '琼', 50: '渝', 51: '川', 52: '贵', 53: '云', 54: '藏', 61: '陕', 62: '甘',
  63: '青', 64: '宁', 65: '新',
};

export type DocumentKind = '罚' | '罚告' | '责改' | '不罚';

/** pg_advisory_xact_lock's first key for case numbering (the second is the city's code). */
const NUMBER_LOCK = 2_122_017_002;

/** The short name a city's bureau numbers with: 惠州市 → 惠市; null for a name that is not a city's (市辖区, 县, …). */
export function cityShortName(name: string): string | null {
  const chars = [...name.trim()];
  if (chars.length < 3 || chars.at(-1) !== '市' || name.includes('辖')) return null;
  return `${chars[0]}市`;
}

/** The issuing bureau's prefix for a case in `regionCode`: its city's short name, else the province's abbreviation. */
export async function bureauPrefix(db: Transaction<Schema>, regionCode: string): Promise<{ prefix: string; cityCode: string | null }> {
  const cityCode = `${regionCode.slice(0, 4)}00`;
  const city = regionCode.endsWith('0000') ? undefined : await db.selectFrom('regions').select(['name', 'level']).where('code', '=', cityCode).executeTakeFirst();
  const short = city !== undefined && city.level === 'city' ? cityShortName(city.name) : null;
  return short === null ? { prefix: PROVINCE_ABBR[regionCode.slice(0, 2)] ?? '', cityCode: null } : { prefix: short, cityCode };
}

/**
 * The next case number of the bureau of `regionCode` in `year`, inside the opening transaction: a city counts
 * across its counties (the sequence continues after any number already issued there, so the unique
 * (region, year, seq) never collides), held under a lock so two openings in two counties cannot take one number.
 */
export async function nextCaseNumber(trx: Transaction<Schema>, regionCode: string, year: number): Promise<{ number: string; seq: number }> {
  const { prefix, cityCode } = await bureauPrefix(trx, regionCode);
  if (trx.getExecutor().adapter instanceof SqliteAdapter) await sql`update cases set version = version where 0 = 1`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${NUMBER_LOCK}, ${Number(cityCode ?? regionCode)})`.execute(trx);
  const scope = cityCode === null ? regionCode : `${cityCode.slice(0, 4)}%`;
  const last = await trx.selectFrom('cases').select((eb) => eb.fn.max('number_seq').as('seq'))
    .where('region_code', cityCode === null ? '=' : 'like', scope).where('number_year', '=', year).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  return { number: `${prefix}环罚〔${year}〕${seq}号`, seq };
}

/** A case's other document numbers from its own: 惠市环罚〔2026〕3号 → 惠市环责改〔2026〕3号. */
export function siblingNumber(caseNumber: string, kind: DocumentKind): string {
  return caseNumber.replace(/环罚〔/, `环${kind}〔`);
}
