// API counters on the same Prometheus registry as the gateway's, so one /metrics shows both.
import { Counter, Registry } from 'prom-client';
import type { ErrorCode } from './errors.ts';

export interface HttpMetrics {
  requests: Counter;
  errors: Counter<'code'>;
  logins: Counter<'result'>;
}

export function createHttpMetrics(registry: Registry = new Registry()): HttpMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'http_api_requests_total', help: 'API requests received', registers }),
    errors: new Counter({ name: 'http_api_errors_total', help: 'API error responses, by error code', labelNames: ['code'], registers }),
    logins: new Counter({ name: 'http_logins_total', help: 'Login attempts, by result (ok, bad_credentials, throttled)', labelNames: ['result'], registers }),
  };
}

export type { ErrorCode };
