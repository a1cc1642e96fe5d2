export {
  createDataRightsService,
  type DataRightsService,
  type DataRightsServiceDependencies,
  UserDataLeftBehindError,
} from './data-rights-service.js';
export {
  type DeleteUserResult,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportRecord,
  type UserDataExport,
} from './data-rights-types.js';
export { csvField, FOOD_CSV_COLUMNS, type FoodCsvEntry, foodCsv } from './food-csv.js';
export { PRIVACY_NOTICE, PRIVACY_NOTICE_VERSION } from './privacy-notice.js';
