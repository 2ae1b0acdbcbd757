import type { Classification, FaqEntry, FaqInput, Location, LocationInput, RequestType, RequestTypeInput, ClassificationInput } from '@edgecall/contracts/crm';
import { catalogApi } from './catalog.ts';

export type { RequestType, Classification, Location, FaqEntry, FieldDefinition } from '@edgecall/contracts/crm';

/**
 * The admin side of the reference lists (the operator side, the bundle and
 * the FAQ search, is reference.ts).
 */
const base = '/api/v1/settings';
export const requestTypesApi = catalogApi<RequestType, Partial<RequestTypeInput>>(`${base}/request-types`, { exportable: true });
/** Filters: `requestTypeId`, `parentId` (`none`: top level only). */
export const classificationsApi = catalogApi<Classification, Partial<ClassificationInput>>(`${base}/classifications`, { importable: true, exportable: true });
/** Filter: `cityId` (`none`: cities only). */
export const locationsApi = catalogApi<Location, Partial<LocationInput>>(`${base}/locations`, { importable: true, exportable: true });
export const faqAdminApi = catalogApi<FaqEntry, Partial<FaqInput>>(`${base}/faq`, { importable: true, exportable: true });
