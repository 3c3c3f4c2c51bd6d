// Configuration parsed once into a typed object: command-line flags win over environment variables,
// which win over defaults. Nothing else in the server reads process.env.
import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAY_OPTIONS, type GatewayOptions } from './monitoring/index.ts';

export interface ServerConfig {
  /** `sqlite:path` (embedded default) or `postgres://…`. */
  db: string;
  gateway: GatewayOptions;
  metricsHost: string;
  /** 0 picks a free port; -1 disables the endpoint. */
  metricsPort: number;
  httpHost: string;
  /** Web console and API; 0 picks a free port; -1 disables it. */
  httpPort: number;
  /** Cookies get the Secure flag (set when served behind TLS). */
  secureCookies: boolean;
  /** Client addresses come from X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy: boolean;
  /** Worker threads rendering PDFs (platform/pdf/renderer.ts); default 1. */
  pdfWorkers?: number;
  /** The outgoing notification webhook (a bureau's SMS or messaging gateway) and its HMAC secret; absent: off. */
  notifyWebhook?: { url: string; secret: string } | null;
}

export const DEFAULT_DB = 'sqlite:./data/ecoenforce.db';

export class ConfigError extends Error {
  readonly code = 'bad_config';
}

function intOf(name: string, text: string | undefined, fallback: number, min = -Infinity, max = Infinity): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new ConfigError(`${name} must be an integer, got '${text}'`);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** The webhook's URL must be http(s) and come with a secret: an unsigned push would let anyone forge one. */
function webhookOf(url: string | undefined, secret: string | undefined): { url: string; secret: string } | null {
  if (url === undefined || url === '') return null;
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`--notify-webhook must be an http(s) URL, got '${url}'`);
  if (secret === undefined || secret.length < 16) throw new ConfigError('--notify-webhook needs --notify-webhook-secret (at least 16 characters)');
  return { url, secret };
}

export const serverFlags = {
  db: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  strict: { type: 'boolean' },
  'max-segment': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'http-port': { type: 'string' },
  'http-host': { type: 'string' },
  'notify-webhook': { type: 'string' },
  'notify-webhook-secret': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const serverFlagsHelp = `  --db URL             sqlite:PATH (default ${DEFAULT_DB}) or postgres://user@host/db   [ECOENFORCE_DB]
  --host HOST          gateway address (default 127.0.0.1)                            [ECOENFORCE_HOST]
  --port N             gateway TCP port (default 9212; 0 = any free port)             [ECOENFORCE_PORT]
  --metrics-port N     Prometheus /metrics HTTP port (default 9213; -1 = off)          [ECOENFORCE_METRICS_PORT]
  --metrics-host HOST  address of the metrics endpoint (default 127.0.0.1)
  --strict             apply HJ 212-2017 limits (1024-byte segment, CR LF, padded length)
  --max-segment N      largest data segment accepted in lenient mode (default 9999)
  --idle-timeout S     close a logger that sends no complete frame for S seconds (default 300)
  --http-port N        web console and API port (default 8080; -1 = off)               [ECOENFORCE_HTTP_PORT]
  --http-host HOST     web console and API address (default 127.0.0.1)                 [ECOENFORCE_HTTP_HOST]
  --notify-webhook URL POST every notification to URL (signed, retried)            [ECOENFORCE_NOTIFY_WEBHOOK]
  --notify-webhook-secret S  HMAC-SHA256 key of the webhook's signature      [ECOENFORCE_NOTIFY_WEBHOOK_SECRET]`;

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env, extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values } = parseArgs({ args: argv, options: { ...serverFlags, ...extra }, strict: true, allowPositionals: false });
  const str = (k: string): string | undefined => {
    const v = (values as Record<string, unknown>)[k];
    return typeof v === 'string' ? v : undefined;
  };
  const strict = values.strict === true;
  const config: ServerConfig = {
    db: str('db') ?? env.ECOENFORCE_DB ?? DEFAULT_DB,
    gateway: {
      ...DEFAULT_GATEWAY_OPTIONS,
      host: str('host') ?? env.ECOENFORCE_HOST ?? DEFAULT_GATEWAY_OPTIONS.host,
      port: intOf('--port', str('port') ?? env.ECOENFORCE_PORT, DEFAULT_GATEWAY_OPTIONS.port, 0, 65535),
      strict,
      maxSegment: strict ? 1024 : intOf('--max-segment', str('max-segment'), DEFAULT_GATEWAY_OPTIONS.maxSegment, 1, 9999),
      idleTimeoutMs: intOf('--idle-timeout', str('idle-timeout'), DEFAULT_GATEWAY_OPTIONS.idleTimeoutMs / 1000, 1, 86_400) * 1000,
    },
    metricsHost: str('metrics-host') ?? '127.0.0.1',
    metricsPort: intOf('--metrics-port', str('metrics-port') ?? env.ECOENFORCE_METRICS_PORT, 9213, -1, 65535),
    httpHost: str('http-host') ?? env.ECOENFORCE_HTTP_HOST ?? '127.0.0.1',
    httpPort: intOf('--http-port', str('http-port') ?? env.ECOENFORCE_HTTP_PORT, 8080, -1, 65535),
    secureCookies: env.ECOENFORCE_SECURE_COOKIES === '1',
    trustProxy: env.ECOENFORCE_TRUST_PROXY === '1',
    pdfWorkers: intOf('ECOENFORCE_PDF_WORKERS', env.ECOENFORCE_PDF_WORKERS, 1, 1, 16),
    notifyWebhook: webhookOf(str('notify-webhook') ?? env.ECOENFORCE_NOTIFY_WEBHOOK, str('notify-webhook-secret') ?? env.ECOENFORCE_NOTIFY_WEBHOOK_SECRET),
  };
  if (!config.db.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(config.db)) {
    throw new ConfigError(`--db must be sqlite:PATH or postgres://…, got '${config.db}'`);
  }
  return { config, values: values as Record<string, string | boolean | undefined> };
}
