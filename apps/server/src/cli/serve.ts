// `ecoenforce serve`: the gateway and its metrics endpoint on an existing (or new) database.
// Prints one JSON line when listening, so scripts and tests can read the ports.
import { ConfigError, loadConfig, serverFlagsHelp } from '../config.ts';
import { startServer } from '../container.ts';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = loadConfig(argv);
  } catch (err) {
    console.error(`ecoenforce serve: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  if (parsed.values.help === true) {
    console.log(`usage: ecoenforce serve [options]\n\n${serverFlagsHelp}`);
    return 0;
  }
  const server = await startServer(parsed.config).catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    throw err;
  });
  console.log(
    JSON.stringify({ event: 'listening', gateway: `${parsed.config.gateway.host}:${server.gateway.port}`, port: server.gateway.port, metrics: server.metricsUrl, http: server.httpUrl, pid: process.pid }),
  );
  await new Promise<void>((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await server.stop();
  console.log(JSON.stringify({ event: 'stopped' }));
  return 0;
}
