export { WEBHOOK_EVENTS, type WebhookEventType } from '../../schema/index.js';
