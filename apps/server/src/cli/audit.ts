// `ecoenforce audit verify | tail`: re-compute the audit trail's hash chain, or show its newest rows.
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../db/connect.ts';
import { assertNoDrift } from '../db/migrate.ts';
import { verifyAuditChain } from '../audit/audit.ts';

const HELP = `usage: ecoenforce audit verify [--db URL]
       ecoenforce audit tail [-n N] [--db URL]

  verify   re-computes the hash chain; prints {"ok":true,"rows":…,"headSeq":…,"headHash":…} and exits 0,
           or the first row that was edited, deleted, inserted or reordered and exits 1. Keep the head
           seq and hash somewhere else: cutting off the newest rows is only visible against that anchor.
  tail     prints the newest N rows (default 20), newest last
  --db URL sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://…  [ECOENFORCE_DB]`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, n: { type: 'string', short: 'n' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help === true || (sub !== 'verify' && sub !== 'tail')) {
    console.log(HELP);
    return values.help === true ? 0 : 2;
  }
  const database = await openDatabase(resolveDatabaseUrl(values.db, process.env));
  try {
    await assertNoDrift(database);
    if (sub === 'verify') {
      const result = await verifyAuditChain(database.db);
      console.log(JSON.stringify(result));
      return result.ok ? 0 : 1;
    }
    const n = Number(values.n ?? 20);
    if (!Number.isInteger(n) || n < 1) {
      console.error('ecoenforce audit tail: -n must be a positive integer');
      return 2;
    }
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(n).execute();
    for (const r of rows.reverse()) console.log(JSON.stringify(r));
    return 0;
  } finally {
    await database.close();
  }
}
