export {
  type AuditActor,
  type AuditActorType,
  type AuditEvent,
  type AuditEventInput,
  type AuditOutcome,
  auditActorTypes,
  auditOutcomes,
  listAuditEvents,
  recordAuditEvent,
} from './audit-log.js';
export { type AuditSearchFilter, searchAuditEvents } from './audit-search.js';
export {
  type AuditPage,
  type AuditQuery,
  type AuditService,
  auditQuerySchema,
  createAuditService,
} from './audit-service.js';
