import {
  AppError,
  DEFAULT_PROFILE_PERMISSIONS,
  PERMISSIONS,
  type LiveSubject,
  type Permission,
  type ProfileKind,
  type SessionUser,
} from '@edgecall/contracts';
import type { Clock, Logger, PasswordHasher, Randomness } from '../../core/ports.ts';
import { FailureLimiter } from '../../lib/rate-limiter.ts';
import type { Authenticated } from '../../lib/http-route.ts';

export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  profileId: string;
  agentNumber: string | null;
  groups: string[];
  locale: string;
  disabled: boolean;
}
export interface StoredProfile {
  id: string;
  name: string;
  kind: ProfileKind;
  permissions: string[];
}
export interface StoredSession {
  id: string;
  userId: string;
  expiresAt: number;
  mqttExpiresAt: number;
  lastSeenAt: number;
  endedAt: number | null;
}

/** What the auth use cases need from storage; store.ts implements it. */
export interface AuthStore {
  userByUsername(username: string): Promise<StoredUser | null>;
  userById(id: string): Promise<StoredUser | null>;
  profile(id: string): Promise<StoredProfile | null>;
  createSession(row: StoredSession & { tokenDigest: string; mqttTokenDigest: string; address: string; userAgent: string; createdAt: number }): Promise<void>;
  sessionByToken(digest: string): Promise<StoredSession | null>;
  sessionByMqttToken(digest: string): Promise<StoredSession | null>;
  sessionById(id: string): Promise<StoredSession | null>;
  updateSession(id: string, patch: Partial<StoredSession & { mqttTokenDigest: string }>): Promise<void>;
  endSessionsOfUser(userId: string, at: number): Promise<string[]>;
}


export interface LoginResult extends Authenticated {
  sessionToken: string;
  mqttToken: string;
  mqttExpiresAt: number;
  sessionExpiresAt: number;
  issuedAt: number;
}

export interface AuthOptions {
  sessionTtlMs: number;
  mqttTokenTtlMs: number;
  /** Resolves the queues of groups for the live ACL (settings own that mapping). */
  queuesOfGroups: (groups: readonly string[]) => string[];
  site: string;
}

// Failures allowed before a pause: per username+address, and per address alone
// (so one address cannot walk through many usernames).
const PER_USER = { limit: 5, windowMs: 15 * 60_000 };
const PER_ADDRESS = { limit: 30, windowMs: 15 * 60_000 };

export function createAuthService(deps: {
  store: AuthStore;
  hasher: PasswordHasher;
  random: Randomness;
  clock: Clock;
  logger: Logger;
  options: AuthOptions;
}) {
  const { store, hasher, random, clock, options } = deps;
  const log = deps.logger.child('feature:auth');
  const perUser = new FailureLimiter(clock, PER_USER.limit, PER_USER.windowMs);
  const perAddress = new FailureLimiter(clock, PER_ADDRESS.limit, PER_ADDRESS.windowMs);
  // Verifying against a real hash for unknown users keeps timing from telling which usernames exist.
  let decoyHash: Promise<string> | null = null;

  async function toSessionUser(user: StoredUser): Promise<SessionUser | null> {
    const profile = await store.profile(user.profileId);
    if (!profile) return null;
    const permissions = profile.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      profile: profile.name,
      kind: profile.kind,
      permissions,
      agentNumber: user.agentNumber,
      groups: user.groups,
      locale: (['az', 'en', 'ru'].includes(user.locale) ? user.locale : 'az') as SessionUser['locale'],
    };
  }

  async function login(username: string, password: string, meta: { address: string; userAgent: string }): Promise<LoginResult> {
    const userKey = `${username.toLowerCase()}|${meta.address}`;
    const wait = Math.max(perUser.retryAfter(userKey), perAddress.retryAfter(meta.address));
    if (wait > 0) {
      throw new AppError('rate_limited', 'Too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const user = await store.userByUsername(username);
    decoyHash ??= hasher.hash(random.token());
    const ok = user && !user.disabled ? await hasher.verify(password, user.passwordHash) : (await hasher.verify(password, await decoyHash), false);
    const sessionUser = ok && user ? await toSessionUser(user) : null;
    if (!user || !sessionUser) {
      perUser.fail(userKey);
      perAddress.fail(meta.address);
      log.warn('login failed', { username, address: meta.address });
      throw new AppError('invalid_credentials', 'Wrong username or password');
    }
    perUser.reset(userKey);
    const now = clock.now();
    const sessionToken = random.token();
    const mqttToken = random.token();
    const session = {
      id: random.id(),
      userId: user.id,
      tokenDigest: random.digest(sessionToken),
      mqttTokenDigest: random.digest(mqttToken),
      mqttExpiresAt: now + options.mqttTokenTtlMs,
      createdAt: now,
      expiresAt: now + options.sessionTtlMs,
      lastSeenAt: now,
      endedAt: null,
      address: meta.address,
      userAgent: meta.userAgent.slice(0, 300),
    };
    await store.createSession(session);
    log.info('login', { user: user.username, address: meta.address });
    return {
      user: sessionUser,
      sessionId: session.id,
      sessionToken,
      mqttToken,
      mqttExpiresAt: session.mqttExpiresAt,
      sessionExpiresAt: session.expiresAt,
      issuedAt: now,
    };
  }

  function live(session: StoredSession | null): session is StoredSession {
    return !!session && session.endedAt === null && session.expiresAt > clock.now();
  }

  async function authenticate(sessionToken: string): Promise<Authenticated | null> {
    const session = await store.sessionByToken(random.digest(sessionToken));
    if (!live(session)) return null;
    const user = await store.userById(session.userId);
    if (!user || user.disabled) return null;
    const sessionUser = await toSessionUser(user);
    if (!sessionUser) return null;
    const now = clock.now();
    // Touch at most once a minute: a write per request would be wasted I/O.
    if (now - session.lastSeenAt > 60_000) await store.updateSession(session.id, { lastSeenAt: now });
    return { user: sessionUser, sessionId: session.id };
  }

  async function logout(sessionId: string): Promise<void> {
    await store.updateSession(sessionId, { endedAt: clock.now() });
  }

  async function refreshMqttToken(sessionId: string): Promise<{ mqttToken: string; mqttExpiresAt: number }> {
    const mqttToken = random.token();
    const mqttExpiresAt = clock.now() + options.mqttTokenTtlMs;
    await store.updateSession(sessionId, { mqttTokenDigest: random.digest(mqttToken), mqttExpiresAt });
    return { mqttToken, mqttExpiresAt };
  }

  /** MQTT CONNECT: username must be the session's user, password the live MQTT token. */
  async function authenticateLive(username: string, mqttToken: string): Promise<{ subject: LiveSubject; sessionId: string } | null> {
    const session = await store.sessionByMqttToken(random.digest(mqttToken));
    if (!live(session) || session.mqttExpiresAt <= clock.now()) return null;
    const user = await store.userById(session.userId);
    if (!user || user.disabled || user.username.toLowerCase() !== username.toLowerCase()) return null;
    const sessionUser = await toSessionUser(user);
    if (!sessionUser || !sessionUser.permissions.includes('self:read')) return null;
    return { subject: liveSubjectOf(sessionUser), sessionId: session.id };
  }

  function liveSubjectOf(user: SessionUser): LiveSubject {
    return {
      site: options.site,
      kind: user.kind,
      agent: user.agentNumber,
      groups: user.groups,
      queues: options.queuesOfGroups(user.groups),
      canReadKpis: user.permissions.includes('kpis:read'),
      canMonitor: user.permissions.includes('supervisor:monitor'),
    };
  }

  /**
   * What a live connection of this session may see now, or null when it may
   * see nothing (session ended, user disabled, profile without self:read).
   * The broker asks again when a profile changes, so connections follow it.
   */
  async function liveSubjectOfSession(sessionId: string): Promise<LiveSubject | null> {
    const session = await store.sessionById(sessionId);
    if (!live(session)) return null;
    const user = await store.userById(session.userId);
    if (!user || user.disabled) return null;
    const sessionUser = await toSessionUser(user);
    if (!sessionUser || !sessionUser.permissions.includes('self:read')) return null;
    return liveSubjectOf(sessionUser);
  }

  return { login, authenticate, logout, refreshMqttToken, authenticateLive, liveSubjectOf, liveSubjectOfSession, toSessionUser };
}

export type AuthService = ReturnType<typeof createAuthService>;

export const BUILTIN_PROFILES: { id: string; name: string; kind: ProfileKind; permissions: readonly Permission[] }[] = [
  { id: 'operator', name: 'operator', kind: 'operator', permissions: DEFAULT_PROFILE_PERMISSIONS.operator },
  { id: 'supervisor', name: 'supervisor', kind: 'supervisor', permissions: DEFAULT_PROFILE_PERMISSIONS.supervisor },
  { id: 'admin', name: 'admin', kind: 'admin', permissions: DEFAULT_PROFILE_PERMISSIONS.admin },
];
