export * from './energy-goals.js';
export {
  type GoalRequest,
  goalRequestSchema,
  type ProfilePatch,
  ProfileService,
  type ProfileView,
  profilePatchSchema,
} from './profile-service.js';
export type { Profile } from './profile-types.js';
export * from './unit-conversion.js';
