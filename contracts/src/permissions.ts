/**
 * Every permission a route or MQTT topic can require. Profiles (roles) are
 * named sets of these; admins may edit the sets, the names here are fixed.
 */
export const PERMISSIONS = [
  'self:read', // own session, own agent topics
  'agent:operate', // log in as an agent, ready/pause, handle calls
  'calls:read', // call lists and journeys (CDR)
  'recordings:listen',
  'contacts:read',
  'contacts:write',
  'kpis:read', // dashboard figures of the scopes one may see
  'supervisor:monitor', // flash panel of supervised groups
  'supervisor:intervene', // listen/whisper/barge, force pause/ready/logout
  'users:manage',
  'settings:manage',
  'audit:read',
  'sync:read',
  'tickets:read', // electronic requests: lists, views, attachments
  'tickets:write', // create, comment, move, assign, attach
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PROFILE_KINDS = ['operator', 'supervisor', 'admin'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** The permission sets the three built-in profiles start with. */
export const DEFAULT_PROFILE_PERMISSIONS: Record<ProfileKind, readonly Permission[]> = {
  operator: ['self:read', 'agent:operate', 'calls:read', 'contacts:read', 'contacts:write', 'kpis:read', 'tickets:read', 'tickets:write'],
  supervisor: [
    'self:read',
    'calls:read',
    'recordings:listen',
    'contacts:read',
    'kpis:read',
    'supervisor:monitor',
    'supervisor:intervene',
    'audit:read',
    'tickets:read',
    'tickets:write',
  ],
  admin: [...PERMISSIONS],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
