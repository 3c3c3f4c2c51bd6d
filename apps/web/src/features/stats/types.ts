// The figures of GET /api/stats/enforcement in the server's order (enforcement-stats.ts MEASURES); the shapes
// of the answer are @ecoenforce/contract, statistics.ts.
import type { Measure } from '@ecoenforce/contract';

export const MEASURES = [
  'opened', 'decided', 'fined', 'fineAmount', 'exempted', 'noPenalty', 'waived', 'transferProposed', 'transferSent', 'transferAccepted',
  'rectOrdered', 'rectClosed', 'rectCorrected', 'rectRate', 'rectOnTime', 'rectLate', 'dailyPenaltyRounds', 'dailyPenaltyAmount',
] as const satisfies readonly Measure[];
