// The fault-tolerance list (容错清单, issue 5 §4): situations in which an officer's error is tolerated, and
// how each is handled. The 2018 enforcement-reform guidance calls for fault tolerance, but rules.md found no
// concrete exemption list [W19], so the seed is empty: each bureau enters its own, with the source it relies
// on. Due-diligence exemption (尽职免责) itself is shown from the case record, not from this list.
import type { Bilingual } from './matters.ts';

export type FaultHandling = 'exempt' | 'mitigate' | 'correct_and_continue';

export interface FaultToleranceEntry {
  id: string;
  situation: Bilingual;
  handling: FaultHandling;
  /** What the handling means in practice, in the bureau's words. */
  handlingNote: Bilingual;
  /** The document that allows it (title and number); never empty. */
  source: string;
  active: boolean;
}

export const FAULT_TOLERANCE_SEED_NOTE = 'rules.md §7 [W19]: fault tolerance is required by the 2018 enforcement-reform guidance; no concrete list was found, so none is seeded.';

export const FAULT_TOLERANCE_SEED: readonly FaultToleranceEntry[] = [];

export interface FaultToleranceError {
  code: 'not_an_object' | 'bad_id' | 'bad_text' | 'bad_handling' | 'missing_source' | 'bad_active' | 'duplicate_id';
  path: string;
  message: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;

/** Checks one entry as an admin submitted it; empty when valid. */
export function validateFaultToleranceEntry(v: unknown): FaultToleranceError[] {
  if (!isObj(v)) return [{ code: 'not_an_object', path: '', message: 'an entry must be an object' }];
  const out: FaultToleranceError[] = [];
  if (typeof v.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(v.id)) out.push({ code: 'bad_id', path: 'id', message: 'id must be 1–40 letters, digits, _ or -' });
  for (const field of ['situation', 'handlingNote'] as const) {
    const b = v[field];
    for (const lang of ['zh', 'en'] as const) {
      if (!isObj(b) || !isText(b[lang], 1000)) out.push({ code: 'bad_text', path: `${field}.${lang}`, message: `${field}.${lang} must be text of at most 1,000 characters` });
    }
  }
  if (v.handling !== 'exempt' && v.handling !== 'mitigate' && v.handling !== 'correct_and_continue') out.push({ code: 'bad_handling', path: 'handling', message: 'handling must be exempt, mitigate or correct_and_continue' });
  if (!isText(v.source, 500)) out.push({ code: 'missing_source', path: 'source', message: 'source must name the document that allows the handling' });
  if (typeof v.active !== 'boolean') out.push({ code: 'bad_active', path: 'active', message: 'active must be true or false' });
  return out;
}

/** Checks a whole list: each entry, and ids unique. */
export function validateFaultToleranceList(list: readonly unknown[]): FaultToleranceError[] {
  const out: FaultToleranceError[] = [];
  const seen = new Set<string>();
  list.forEach((e, i) => {
    for (const err of validateFaultToleranceEntry(e)) out.push({ ...err, path: err.path === '' ? `${i}` : `${i}.${err.path}` });
    const id = isObj(e) ? e.id : undefined;
    if (typeof id === 'string') {
      if (seen.has(id)) out.push({ code: 'duplicate_id', path: `${i}.id`, message: `id ${id} appears twice` });
      seen.add(id);
    }
  });
  return out;
}
