/**
 * The admin panel's settings of issue 6, each taking effect without a
 * restart: pause reasons (the pause menu and check, billable time), IVR
 * sounds, working hours, templates, evaluation criteria and forms, ticket
 * statuses, and approvals of templates and evaluation forms. Operator modes are created on their own (operator-modes.ts):
 * the ACD needs them before everything else exists.
 */
import type { AcdSettings, SessionUser } from '@edgecall/contracts';
import { createApprovals } from './approvals.ts';
import type { CatalogDeps } from './catalog.ts';
import { createEvaluation } from './evaluation.ts';
import { createHours } from './hours.ts';
import type { OperatorModes } from './operator-modes.ts';
import { createPauseReasons } from './pause-reasons.ts';
import type { SoundConverter, SoundFiles } from './ports.ts';
import { createSounds } from './sounds.ts';
import { createTemplates } from './templates.ts';
import { createTicketWorkflow } from './ticket-workflow.ts';

export interface AdminSettingsDeps extends CatalogDeps {
  operatorModes: OperatorModes;
  converter: SoundConverter;
  files: SoundFiles;
  acdSettings: () => AcdSettings;
  /** Saves ACD settings (the hours live there) and makes them current. */
  applyAcdSettings: (next: AcdSettings) => Promise<void>;
  pbxHasSound: (name: string) => Promise<boolean | null>;
  /** Profiles, for approval policies (features/auth, wired in main.ts). */
  profileIds: () => Promise<Set<string>>;
  profileIdOf: (user: SessionUser) => Promise<string | null>;
}

export function createAdminSettings(deps: AdminSettingsDeps) {
  const base: CatalogDeps = { store: deps.store, clock: deps.clock, ids: deps.ids, audit: deps.audit };
  const sounds = createSounds({ ...base, converter: deps.converter, files: deps.files, acdSettings: deps.acdSettings, pbxHasSound: deps.pbxHasSound });
  const approvals = createApprovals({ ...base, profileIds: deps.profileIds, profileIdOf: deps.profileIdOf });
  return {
    pauseReasons: createPauseReasons(base),
    operatorModes: deps.operatorModes,
    sounds,
    hours: createHours({ current: deps.acdSettings, apply: deps.applyAcdSettings, audit: deps.audit }),
    templates: createTemplates(base, approvals),
    evaluation: createEvaluation(base, approvals),
    approvals,
    tickets: createTicketWorkflow(base),
  };
}

export type AdminSettings = ReturnType<typeof createAdminSettings>;
