// `ecoenforce audit verify | tail`: re-compute the audit trail's hash chain, or show its newest rows.
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../platform/db/connect.ts';
import { assertNoDrift } from '../platform/db/migrate.ts';
import { verifyAuditChain } from '../platform/audit.ts';

const HELP = `usage: ecoenforce audit verify [--db URL]
       ecoenforce audit tail [-n N] [--db URL]

  verify   re-computes the hash chain; prints {"ok":true,"rows":…,"headSeq":…,"headHash":…} and exits 0,
           or the first row that was edited, deleted, inserted or reordered and exits 1. Keep the head
           seq and hash somewhere else: cutting off the newest rows is only visible against that anchor.
  tail     prints the newest N rows (default 20), newest last
  --db URL sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://…  [ECOENFORCE_DB]

exit status: 0 chain intact, 1 chain broken, 2 usage error, 3 could not check (database error)`;

const options = { db: { type: 'string' }, n: { type: 'string', short: 'n' }, help: { type: 'boolean', short: 'h' } } as const;

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let values: { db?: string; n?: string };
  let n = 20;
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false }));
    if (sub !== 'verify' && sub !== 'tail') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand '${sub}'`);
    if (values.n !== undefined) n = Number(values.n);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('-n must be a positive integer');
  } catch (err) {
    // parseArgs reports unknown or malformed flags with ERR_PARSE_ARGS_* codes: a usage error too.
    if (err instanceof UsageError || String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`ecoenforce audit: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  // Exit 1 means "tampered": a database that cannot be read must not be mistaken for that, nor for success.
  try {
    const database = await openDatabase(resolveDatabaseUrl(values.db, process.env));
    try {
      await assertNoDrift(database);
      if (sub === 'verify') {
        const result = await verifyAuditChain(database.db);
        console.log(JSON.stringify(result));
        return result.ok ? 0 : 1;
      }
      const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(n).execute();
      // Beijing time first for a person reading it; the stored epoch milliseconds stay beside it.
      for (const r of rows.reverse()) console.log(JSON.stringify({ time: beijingIso(Number(r.at)), ...r }));
      return 0;
    } finally {
      await database.close();
    }
  } catch (err) {
    console.error(`ecoenforce audit ${sub}: ${err instanceof Error ? err.message : String(err)}`);
    return 3;
  }
}

/** Epoch ms as ISO 8601 in Beijing time: 2026-11-28T10:14:00+08:00. */
function beijingIso(t: number): string {
  return `${new Date(t + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
