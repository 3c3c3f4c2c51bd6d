// Notifications' surface for the rest of the server: the generators other areas call (a task assigned, a
// warning raised), the notifier and the webhook the composition root starts. Its routes are registered by
// http/routes.ts.
export { DUE_SOON_MS, notifyDeadlines, notifyTaskAssigned, notifyWarningRaised } from './generator.ts';
export { DEADLINE_JOB, Notifier, deliveryRecorder, webhookAttemptsCounter, type NotifierOptions } from './notifier.ts';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, signWebhook, type WebhookConfig, type WebhookOptions, type WebhookPayload } from './webhook.ts';
