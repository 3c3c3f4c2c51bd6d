// For the case tests only (not exported from the package): runs a case through steps, failing with the
// domain's reason at the first refusal.
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { transition } from './case-machine.ts';
import type { Actor, CaseAction, CaseRecord } from './case-types.ts';

export function run(c: CaseRecord, steps: Array<[CaseAction, Actor, string]>): CaseRecord {
  for (const [a, actor, when] of steps) {
    const r = transition(c, a, actor, beijing(when));
    assert.ok(r.ok, `${a.type}: ${r.ok ? '' : r.refusal.reason}`);
    c = r.case;
  }
  return c;
}
