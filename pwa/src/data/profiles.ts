import type { ProfileInput, ProfileView } from '@edgecall/contracts/settings/profiles';
import { catalogApi } from './catalog.ts';

export type { ProfileView } from '@edgecall/contracts/settings/profiles';

/** Profiles (roles): name, kind and permissions; users:manage. */
export const profilesApi = catalogApi<ProfileView, ProfileInput>('/api/v1/profiles');
