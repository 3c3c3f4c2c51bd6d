// The violation-risk score (issue 4 §6b): weights as data, pure scoring with its explanation, ranking.
export * from './weights.ts';
export * from './score.ts';
