import type { Services } from '@health-agent/core';
import type { ApiRouter } from '../http/api-router.js';
import { registerAccessRoutes } from './access-routes.js';
import { registerAdminAuditRoutes } from './admin-audit-routes.js';
import { registerDataRightsRoutes } from './data-rights-routes.js';
import { registerFoodRoutes } from './food-routes.js';
import { registerGamificationRoutes } from './gamification-routes.js';
import { registerMemoryRoutes } from './memory-routes.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { registerProfileRoutes } from './profile-routes.js';
import { registerRemindersRoutes } from './reminders-routes.js';
import { registerToolsRoutes } from './tools-routes.js';
import { registerTrackersRoutes } from './trackers-routes.js';

/** Every /v1 feature registers its routes here, one line each. */
export function registerRoutes(api: ApiRouter, services: Services): void {
  registerAccessRoutes(api, services);
  registerProfileRoutes(api, services);
  registerGamificationRoutes(api, services);
  registerMetricsRoutes(api, services);
  registerFoodRoutes(api, services);
  registerTrackersRoutes(api, services);
  registerMemoryRoutes(api, services);
  registerDataRightsRoutes(api, services);
  registerRemindersRoutes(api, services);
  registerToolsRoutes(api, services);
  registerAdminAuditRoutes(api, services);
}
