import { z } from 'zod';
import { CreateUserRequest, ProfileInput, ProfilePatch, ProfilesQuery, UpdateUserRequest } from '@edgecall/contracts';
import { created, noContent, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf } from '../../lib/audit.ts';
import type { UserService } from './users-service.ts';
import type { Profiles } from './profiles-service.ts';

const ListQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  search: z.string().max(64).optional(),
});

export function userRoutes(users: UserService): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/users',
      access: 'users:manage',
      summary: 'List users with search and paging',
      query: ListQuery,
      handler: (ctx) => users.list(ctx.query as z.output<typeof ListQuery>),
    },
    {
      method: 'POST',
      path: '/api/v1/users',
      access: 'users:manage',
      summary: 'Create a user',
      body: CreateUserRequest,
      handler: async (ctx) => created(await users.create(ctx.body as CreateUserRequest, actorOf(ctx))),
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/:id',
      access: 'users:manage',
      summary: 'Change a user (profile, agent number, groups, password, disabled)',
      body: UpdateUserRequest,
      handler: (ctx) => users.update(ctx.params.id, ctx.body as UpdateUserRequest, actorOf(ctx)),
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/:id',
      access: 'users:manage',
      summary: 'Delete a user',
      handler: async (ctx) => {
        await users.remove(ctx.params.id, actorOf(ctx));
        return noContent();
      },
    },
  ];
}

/** Profiles (roles): their permission sets, editable (issue 6). */
export function profileRoutes(profiles: Profiles): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/profiles',
      access: 'users:manage',
      summary: 'Profiles (roles), their permissions and how many users each has',
      query: ProfilesQuery,
      handler: (ctx) => profiles.list(ctx.query as z.output<typeof ProfilesQuery>),
    },
    {
      method: 'POST',
      path: '/api/v1/profiles',
      access: 'users:manage',
      summary: 'Create a profile: a name, a kind (the live channel scope) and permissions',
      body: ProfileInput,
      handler: async (ctx) => created(await profiles.create(ctx.body as ProfileInput, actorOf(ctx))),
    },
    {
      method: 'PATCH',
      path: '/api/v1/profiles/:id',
      access: 'users:manage',
      summary: "Change a profile; its users' next request and live connections follow at once",
      body: ProfilePatch,
      handler: (ctx) => profiles.update(ctx.params.id, ctx.body as ProfilePatch, actorOf(ctx)),
    },
    {
      method: 'DELETE',
      path: '/api/v1/profiles/:id',
      access: 'users:manage',
      summary: 'Delete a profile (refused while users or approval policies use it; built-ins stay)',
      handler: async (ctx) => {
        await profiles.remove(ctx.params.id, actorOf(ctx));
        return noContent();
      },
    },
  ];
}
