// The structured discretion-table editor's pure parts: edits that keep a draft well formed (bands of a
// numeric factor stay in order), the fields the server's problems belong to, and the preview of the
// weight sum [GD art. 6: Σ weights, capped at 100 % of the statutory maximum, never below the floor].
import type { DiscretionFactor, DiscretionTable, FactorLevel, FieldProblem } from '@ecoenforce/contract';

export const emptyLevel = (key: string): FactorLevel => ({ key, label: { zh: '', en: '' }, weight: 0 });

/** A key not yet used among `keys`: base1, base2, … */
export function freshKey(base: string, keys: readonly string[]): string {
  let n = keys.length + 1;
  while (keys.includes(`${base}${n}`)) n++;
  return `${base}${n}`;
}

export function newFactor(keys: readonly string[]): DiscretionFactor {
  return { key: freshKey('factor', keys), label: { zh: '', en: '' }, input: 'level', levels: [emptyLevel('level1')], source: '' };
}

/** A level appended at the end; a numeric factor's new band starts where the last one now ends. */
export function addLevel(f: DiscretionFactor): DiscretionFactor {
  const key = freshKey('level', f.levels.map((l) => l.key));
  if (f.input !== 'number') return { ...f, levels: [...f.levels, emptyLevel(key)] };
  const last = f.levels.at(-1);
  const from = last === undefined ? 0 : (last.to ?? (last.from ?? 0) + 1);
  const head = last === undefined ? [] : [...f.levels.slice(0, -1), { ...last, to: from }];
  return { ...f, levels: [...head, { ...emptyLevel(key), from, to: null }] };
}

/** Without the j-th level; removing a numeric factor's last band opens the one before it. */
export function removeLevel(f: DiscretionFactor, j: number): DiscretionFactor {
  const levels = f.levels.filter((_, k) => k !== j);
  if (f.input === 'number' && j === f.levels.length - 1 && levels.length > 0) levels[levels.length - 1] = { ...levels.at(-1)!, to: null };
  return { ...f, levels };
}

/** Switching between named levels and numeric bands: bands 0–1, 1–2, …, the last open; or none. */
export function setInput(f: DiscretionFactor, input: DiscretionFactor['input']): DiscretionFactor {
  if (input === f.input) return f;
  if (input === 'level') return { ...f, input, unit: undefined, levels: f.levels.map(({ from: _from, to: _to, ...l }) => l) };
  return { ...f, input, levels: f.levels.map((l, j) => ({ ...l, from: j, to: j === f.levels.length - 1 ? null : j + 1 })) };
}

/** Every field path the editor shows an input for (the server's problem paths: table.factors.0.levels.1.weight). */
export function editorPaths(t: DiscretionTable): Set<string> {
  const out = ['table', 'table.id', 'table.label', 'table.label.zh', 'table.label.en', 'table.matterCodes', 'table.start', 'table.start.weight', 'table.start.source', 'table.floorPercent', 'table.source', 'table.factors'];
  t.factors.forEach((f, i) => {
    const fp = `table.factors.${i}`;
    out.push(fp, `${fp}.key`, `${fp}.label`, `${fp}.label.zh`, `${fp}.label.en`, `${fp}.input`, `${fp}.unit`, `${fp}.source`, `${fp}.levels`);
    f.levels.forEach((_, j) => {
      const lp = `${fp}.levels.${j}`;
      out.push(lp, `${lp}.key`, `${lp}.label`, `${lp}.label.zh`, `${lp}.label.en`, `${lp}.weight`, `${lp}.from`, `${lp}.to`);
    });
  });
  return new Set(out);
}

/** The problems the server reported for exactly this field. */
export function problemsAt(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  return problems.filter((p) => p.path === path);
}

/** Problems with no input of their own (e.g. a matter code at an index): shown above the editor. */
export function unplacedProblems(problems: readonly FieldProblem[], t: DiscretionTable): FieldProblem[] {
  const paths = editorPaths(t);
  return problems.filter((p) => !paths.has(p.path) && !/^table\.matterCodes\.\d+$/.test(p.path));
}

export interface WeightPreview {
  /** Start weight plus every factor's lightest level, and plus its heaviest. */
  lightest: number;
  heaviest: number;
  /** What the heaviest case applies: capped at 100 %, never below the floor. */
  heaviestApplied: number;
  lightestApplied: number;
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

export function weightPreview(t: DiscretionTable): WeightPreview {
  let lightest = finite(t.start.weight);
  let heaviest = lightest;
  for (const f of t.factors) {
    const w = f.levels.map((l) => finite(l.weight));
    if (w.length === 0) continue;
    lightest += Math.min(...w);
    heaviest += Math.max(...w);
  }
  const applied = (sum: number): number => Math.max(Math.min(100, sum), finite(t.floorPercent));
  return { lightest, heaviest, lightestApplied: applied(lightest), heaviestApplied: applied(heaviest) };
}
