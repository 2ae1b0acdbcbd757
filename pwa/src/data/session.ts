import { LoginResponse } from '@edgecall/contracts/auth';
import type { ApiClient } from './http.ts';
import { ApiError } from './errors.ts';

export type { SessionUser, LoginResponse } from '@edgecall/contracts/auth';

// Derived from the contracts schema so the pwa never restates the wire shape.
const MeResponse = LoginResponse.pick({ user: true, site: true });
const MqttTokenResponse = LoginResponse.pick({ mqttToken: true, mqttTokenExpiresAt: true, site: true });

export interface MeResponse {
  user: LoginResponse['user'];
  site: string;
}
export type MqttTokenResponse = Pick<LoginResponse, 'mqttToken' | 'mqttTokenExpiresAt' | 'site'>;

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: unknown } };
}

/** The appliance is trusted, but a version skew must fail loudly here, not deep in a view. */
function parse<T>(schema: Schema<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError('bad_response', 'The appliance answered in an unexpected shape', 0, r.error.issues);
  return r.data;
}

export async function createSession(api: ApiClient, username: string, password: string): Promise<LoginResponse> {
  return parse(LoginResponse, await api.request('POST', '/api/v1/auth/login', { username, password }));
}

export async function deleteSession(api: ApiClient): Promise<void> {
  await api.request('POST', '/api/v1/auth/logout');
}

export async function fetchMe(api: ApiClient): Promise<MeResponse> {
  return parse(MeResponse, await api.request('GET', '/api/v1/auth/me'));
}

/** A fresh token for each live (re)connect: tokens live 15 minutes. */
export async function createMqttToken(api: ApiClient): Promise<MqttTokenResponse> {
  return parse(MqttTokenResponse, await api.request('POST', '/api/v1/auth/mqtt-token'));
}
