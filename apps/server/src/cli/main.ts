// `ecoenforce` command line: one file per command, each exporting `run(argv) => exit code`.
// Commands load lazily so `ecoenforce hj212 decode` does not open a database.
type Command = { describe: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  demo: { describe: 'seed a demo province (SQLite), run the gateway and a simulator, show live figures', load: () => import('./demo.ts') },
  serve: { describe: 'run the HJ 212 gateway, the API with the web console, and the metrics endpoint on an existing database', load: () => import('./serve.ts') },
  simulate: { describe: 'virtual data loggers streaming HJ 212 over TCP', load: () => import('./simulate.ts') },
  hj212: { describe: 'decode | bench: the HJ 212 codec on a byte stream', load: () => import('./hj212.ts') },
  readings: { describe: 'export stored readings of a monitoring point (jsonl | csv)', load: () => import('./readings.ts') },
  db: { describe: 'migrate | seed | status: manage the database', load: () => import('./db.ts') },
  import: { describe: 'load a registry CSV/XLSX file (enterprises, outlets, points, devices, permits, permit_limits)', load: () => import('./import.ts') },
  audit: { describe: 'verify | tail: the hash-chained audit trail', load: () => import('./audit.ts') },
  user: { describe: 'create | list: console users with a role and a region', load: () => import('./user.ts') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.describe}`);
  return `usage: ecoenforce <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'ecoenforce <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`ecoenforce: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`ecoenforce: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
