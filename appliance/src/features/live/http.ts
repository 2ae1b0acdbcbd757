import type { RouteSpec } from '../../lib/http-route.ts';
import { requireAuth } from '../../lib/http-route.ts';
import type { LiveSubject, SessionUser } from '@edgecall/contracts';
import type { LiveService } from './service.ts';

export function liveRoutes(live: LiveService, subjectOf: (user: SessionUser) => LiveSubject): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/live/snapshot',
      access: 'self:read',
      summary: 'Retained live state the caller may see, with the seq it is consistent up to',
      handler: (ctx) => live.snapshotFor(subjectOf(requireAuth(ctx).user)),
    },
  ];
}
