// API counters on the same Prometheus registry as the gateway's, so one /metrics shows both.
import { Counter, Registry } from 'prom-client';
import type { ErrorCode } from '../platform/errors.ts';

export interface HttpMetrics {
  requests: Counter;
  errors: Counter<'code'>;
  logins: Counter<'result'>;
  meterFeedReadings: Counter<'result'>;
  /** Case actions the procedure refused; refusals are never stored as case events, so this is their record. */
  caseRefusals: Counter<'action' | 'code'>;
}

export function createHttpMetrics(registry: Registry = new Registry()): HttpMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'http_api_requests_total', help: 'API requests received', registers }),
    errors: new Counter({ name: 'http_api_errors_total', help: 'API error responses, by error code', labelNames: ['code'], registers }),
    logins: new Counter({ name: 'http_logins_total', help: 'Login attempts, by result (ok, bad_credentials, throttled)', labelNames: ['result'], registers }),
    meterFeedReadings: new Counter({ name: 'meter_feed_readings_total', help: 'Meter-feed readings received, by result (stored, duplicate, or the rejection reason)', labelNames: ['result'], registers }),
    caseRefusals: new Counter({ name: 'case_action_refusals_total', help: 'Case actions refused by the procedure, by action and refusal code', labelNames: ['action', 'code'], registers }),
  };
}

export type { ErrorCode };
