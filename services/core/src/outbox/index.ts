export {
  createOutboxService,
  DEFAULT_OUTBOX_MAX_ATTEMPTS,
  type OutboxService,
  type OutboxServiceDependencies,
} from './outbox-service.js';
export type { FailedDelivery, NewOutboxMessage, OutboxChannel, OutboxMessage } from './outbox-types.js';
