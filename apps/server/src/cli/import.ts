// `ecoenforce import <kind> FILE [--db URL] [--dry-run]`: load a registry CSV or XLSX file. Prints the
// report as JSON; exit 1 when the file has errors (then nothing was written), 2 on usage errors.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, resolveDatabaseUrl } from '../platform/db/connect.ts';
import { assertNoDrift } from '../platform/db/migrate.ts';
import { describeColumns, REGISTRY_KINDS, type RegistryKind, importRegistry } from '../registry/index.ts';
import { readTable, TabularError } from '../platform/tabular.ts';

const HELP = `usage: ecoenforce import <kind> FILE [options]

  kind                 ${REGISTRY_KINDS.join(' | ')} (import in this order: each refers to the ones before)
  FILE                 .csv (UTF-8 or GB18030) or .xlsx (first sheet); row 1 holds the headers

options:
  --db URL             sqlite:PATH (default sqlite:./data/ecoenforce.db) or postgres://…  [ECOENFORCE_DB]
  --dry-run            check the file and count what would change; write nothing

Nothing is written unless every row is valid. Rows are upserted by natural key; a column left out of the
file keeps its stored values. Columns of a kind: ecoenforce import <kind> --help`;

const options = { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

class UsageError extends Error {}

export async function run(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    const [kindArg, file, ...extra] = positionals;
    if (values.help === true) {
      const kind = REGISTRY_KINDS.find((k) => k === kindArg);
      console.log(kind === undefined ? HELP : `columns of '${kind}' (header: any of the names; matching ignores case and spaces):\n\n  ${describeColumns(kind).join('\n  ')}`);
      return 0;
    }
    const kind = REGISTRY_KINDS.find((k): k is RegistryKind => k === kindArg);
    if (kind === undefined) throw new UsageError(kindArg === undefined ? 'missing <kind>' : `unknown kind '${kindArg}'`);
    if (file === undefined) throw new UsageError('missing FILE');
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

    let table;
    try {
      table = await readTable(await readFile(file), basename(file));
    } catch (err) {
      if (!(err instanceof TabularError)) throw err;
      out.write(`${JSON.stringify({ ok: false, errors: [{ row: null, column: null, code: err.code, message: err.message }] }, null, 2)}\n`);
      return 1;
    }
    database = await openDatabase(resolveDatabaseUrl(values.db, process.env));
    const status = await assertNoDrift(database);
    if (status.pending.length > 0) {
      console.error(`ecoenforce import: the database is not migrated (pending: ${status.pending.join(', ')}); run 'ecoenforce db migrate'`);
      return 1;
    }
    const report = await importRegistry(database.db, kind, table, { kind: 'system', id: null, name: 'cli-import' }, { dryRun: values['dry-run'] === true });
    out.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } catch (err) {
    // parseArgs reports unknown or malformed flags with ERR_PARSE_ARGS_* codes: a usage error too.
    if (err instanceof UsageError || String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`ecoenforce import: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  } finally {
    await database?.close();
  }
}
