/**
 * The branch's telephony settings (issue 6): agent numbers, the agents' dial
 * template, and the trunk. Changes to the PBX run one at a time, so a resync
 * after an ARI reconnect never interleaves with an admin's save.
 */
import { AppError, AgentDialingInput } from '@edgecall/contracts';
import type { z } from 'zod';
import type { Actor } from '../../lib/audit.ts';
import { createAgentNumbers } from './agent-numbers.ts';
import type { PbxDeps } from './ports.ts';
import { createTrunk } from './trunk.ts';

export function createPbxSettings(deps: PbxDeps) {
  const log = deps.logger.child('feature:pbx');
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  const agentNumbers = createAgentNumbers(deps, serial);
  const trunk = createTrunk(deps, serial);

  const dialing = {
    get: () => ({ dialTemplate: deps.acd.current().dialTemplate }),
    async save(input: z.output<typeof AgentDialingInput>, actor: Actor) {
      const before = deps.acd.current();
      if (!input.dialTemplate.includes('{number}')) throw new AppError('validation_failed', 'dialTemplate: must contain {number}', [{ field: 'dialTemplate', message: 'must contain {number}' }]);
      await deps.acd.apply({ ...before, dialTemplate: input.dialTemplate });
      await deps.audit.record({ ...actor, action: 'settings.agent_dialing.update', targetType: 'acd', targetId: 'dialTemplate', before: { dialTemplate: before.dialTemplate }, after: input });
      return { dialTemplate: input.dialTemplate };
    },
  };

  /** After every ARI (re)connect: what waited for the PBX is pushed (or deleted) now. */
  function resync(): Promise<void> {
    return serial(async () => {
      await agentNumbers.resync();
      await trunk.resync();
    }).catch((err) => log.error('PBX settings resync failed', { err }));
  }

  return { agentNumbers, trunk, dialing, resync };
}

export type PbxSettings = ReturnType<typeof createPbxSettings>;
