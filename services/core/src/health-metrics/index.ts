export { DEFAULT_BODY_WEIGHT_KG } from './exercise-energy.js';
export { findMetActivity, type MetActivity, metTable } from './exercise-met-table.js';
export * from './health-metric-types.js';
export {
  createHealthMetricsService,
  type HealthMetricsService,
  type HealthMetricsServiceDependencies,
} from './health-metrics-service.js';
export {
  type DaySpanQuery,
  type MetricListQuery,
  type MetricLogInput,
  metricBounds,
  metricListQuerySchema,
  metricLogInputSchema,
} from './metric-inputs.js';
export { KG_PER_LB, ML_PER_US_FL_OZ, massUnits, volumeUnits } from './unit-conversion.js';
