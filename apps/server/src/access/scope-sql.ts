// The scope of a list query, in SQL: the same rule as canSee() in access.ts (region subtree; enterprise
// users and verifiers only their enterprises), applied to the enterprises table under the alias `e`.
import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from './model.ts';

export function inScope<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, scope: Scope): SelectQueryBuilder<DB, TB, O> {
  // Region codes are six digits; the prefix only ever holds digits, so LIKE needs no escaping.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let out = (q as SelectQueryBuilder<any, any, O>).where('e.region_code', 'like', `${scope.regionPrefix}%`);
  if (scope.enterpriseIds !== null) {
    out = scope.enterpriseIds.length === 0 ? out.where('e.id', '=', -1) : out.where('e.id', 'in', [...scope.enterpriseIds]);
  }
  return out as SelectQueryBuilder<DB, TB, O>;
}
