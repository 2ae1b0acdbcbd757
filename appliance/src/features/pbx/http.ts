/**
 * Routes of the branch's telephony settings (issue 6): agent numbers, the
 * agents' dial template, the trunk and the card profiles it can use. All
 * need settings:manage.
 */
import { z } from 'zod';
import { AgentDialingInput, AgentNumberInput, AgentNumberPatch, ListQuery, TrunkInput } from '@edgecall/contracts';
import { actorOf } from '../../lib/audit.ts';
import { created, type RouteSpec } from '../../lib/http-route.ts';
import type { PbxSettings } from './service.ts';

const NumbersQuery = ListQuery.omit({ format: true });

export function pbxRoutes(pbx: PbxSettings): RouteSpec[] {
  const base = '/api/v1/settings';
  return [
    {
      method: 'GET',
      path: `${base}/agent-numbers`,
      access: 'settings:manage',
      summary: 'Agent numbers: PJSIP endpoints with their linked user and where the PBX stands (never the password)',
      query: NumbersQuery,
      handler: (ctx) => pbx.agentNumbers.list(ctx.query as z.output<typeof NumbersQuery>),
    },
    {
      method: 'POST',
      path: `${base}/agent-numbers`,
      access: 'settings:manage',
      summary: 'Create an agent number: pushed to the PBX as a PJSIP endpoint (pending while the PBX is unreachable); the SIP password is in this answer only',
      body: AgentNumberInput,
      handler: async (ctx) => created(await pbx.agentNumbers.create(ctx.body as AgentNumberInput, actorOf(ctx))),
    },
    {
      method: 'PATCH',
      path: `${base}/agent-numbers/:number`,
      access: 'settings:manage',
      summary: 'Change an agent number (name, codecs, dial string, linked user, password); a new password is in this answer only',
      body: AgentNumberPatch,
      handler: (ctx) => pbx.agentNumbers.update(ctx.params.number, ctx.body as AgentNumberPatch, actorOf(ctx)),
    },
    {
      method: 'DELETE',
      path: `${base}/agent-numbers/:number`,
      access: 'settings:manage',
      summary: 'Delete an agent number and its PBX endpoint (refused while a user works as it; waits for the PBX when it is unreachable)',
      handler: (ctx) => pbx.agentNumbers.remove(ctx.params.number, actorOf(ctx)),
    },
    {
      method: 'GET',
      path: `${base}/agent-dialing`,
      access: 'settings:manage',
      summary: "How agents' phones are dialled: the dial template ({number} is the agent number)",
      handler: () => pbx.dialing.get(),
    },
    {
      method: 'PUT',
      path: `${base}/agent-dialing`,
      access: 'settings:manage',
      summary: "Change the agents' dial template; the next offer follows it",
      body: AgentDialingInput,
      handler: (ctx) => pbx.dialing.save(ctx.body as z.output<typeof AgentDialingInput>, actorOf(ctx)),
    },
    {
      method: 'GET',
      path: `${base}/trunk`,
      access: 'settings:manage',
      summary: "The branch's trunk (SIP or E1/FXO spans), without its secret",
      handler: () => pbx.trunk.get(),
    },
    {
      method: 'PUT',
      path: `${base}/trunk`,
      access: 'settings:manage',
      summary: 'Set the trunk: SIP objects pushed over ARI, config rendered for the PBX ({reloadRequired: true}); outbound template and caller id follow',
      body: TrunkInput,
      maxBodyBytes: 64 * 1024,
      handler: (ctx) => pbx.trunk.save(ctx.body as TrunkInput, actorOf(ctx)),
    },
    {
      method: 'DELETE',
      path: `${base}/trunk`,
      access: 'settings:manage',
      summary: 'Remove the trunk (its ARI objects and rendered config)',
      handler: (ctx) => pbx.trunk.remove(actorOf(ctx)),
    },
    {
      method: 'GET',
      path: `${base}/trunk/hardware`,
      access: 'settings:manage',
      summary: 'E1/FXO card profiles the spans are chosen from (hardware-profiles)',
      handler: () => ({ items: pbx.trunk.hardware() }),
    },
  ];
}
