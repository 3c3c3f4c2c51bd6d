// The violation-risk score's surface: its daily job.
export { riskJob } from './risk.ts';
