export { AccessService, type AccessServiceDependencies } from './access-service.js';
export type { Actor, ApiKeyInfo, Invite, KeyScope, User, UserRole } from './access-types.js';
export { apiKeyPrefix, hashSecret, issueApiKey, issueInviteCode, type RandomBytes } from './api-key-codec.js';
