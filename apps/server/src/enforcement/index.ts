// Enforcement's surface for the rest of the server: the daily escalation jobs of tasks and rectifications.
// Its routes (tasks, draws, inspections, cases, rectification, catalogue, publication, statistics, service) are
// registered by http/routes.ts.
export { rectificationEscalationJob } from './rectification/rectification-escalation.ts';
export { taskEscalationJob } from './tasks/task-escalation.ts';
