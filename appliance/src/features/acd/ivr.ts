import type { AcdSettings } from '@edgecall/contracts';
import type { Scheduler } from '../../core/ports.ts';
import type { Telephony } from '../../core/telephony.ts';
import { clearTimer, setTimer, type CallContext } from './call-context.ts';

/**
 * IVR menus: play the prompt, wait for a digit, act on it; repeat on
 * timeout, replay after an invalid digit, and take the default action when
 * the caller never chooses.
 */
export function createIvr(deps: {
  tel: Telephony;
  scheduler: Scheduler;
  settings: () => AcdSettings;
  ids: () => string;
  safe: (what: string, p: Promise<unknown>) => Promise<unknown>;
  enterQueue: (call: CallContext, queue: string) => void;
  endUnanswered: (call: CallContext, cause: 'deflected', why: string) => void;
}) {
  const { tel, scheduler, settings, safe, enterQueue, endUnanswered } = deps;

  function playThen(call: CallContext, media: string, then: () => void) {
    const playbackId = `pb-${deps.ids()}`;
    call.playbackId = playbackId;
    call.afterPlayback = () => then();
    tel.play(call.channelId, media, playbackId).catch(() => {
      call.afterPlayback = null;
      then();
    });
  }

  function startMenu(call: CallContext, menuId: string) {
    const menu = settings().menus.find((m) => m.id === menuId);
    if (!menu) return enterQueue(call, settings().queues[0].id);
    call.menu = { id: menuId, repeats: 0, playbackId: null };
    playMenu(call);
  }

  function playMenu(call: CallContext) {
    const menu = settings().menus.find((m) => m.id === call.menu?.id);
    if (!menu || !call.menu) return;
    playThen(call, menu.prompt, () => {
      if (call.summary.stage !== 'ivr') return;
      setTimer(call, 'ivr', scheduler.after(menu.timeoutSeconds * 1000, () => menuTimeout(call)));
    });
  }

  function menuTimeout(call: CallContext) {
    const menu = settings().menus.find((m) => m.id === call.menu?.id);
    if (!menu || !call.menu || call.summary.stage !== 'ivr') return;
    if (call.menu.repeats < menu.maxRepeats) {
      call.menu.repeats++;
      return playMenu(call);
    }
    menuAction(call, menu.defaultAction);
  }

  function menuAction(call: CallContext, action: { action: string; target?: string }) {
    clearTimer(call, 'ivr');
    if (call.playbackId) void safe('stop prompt', tel.stopPlayback(call.playbackId));
    call.afterPlayback = null;
    call.playbackId = null;
    switch (action.action) {
      case 'queue':
        return enterQueue(call, action.target!);
      case 'menu':
        return startMenu(call, action.target!);
      case 'repeat':
        call.menu!.repeats = 0;
        return playMenu(call);
      default:
        return endUnanswered(call, 'deflected', 'caller chose to hang up');
    }
  }

  function onDtmf(call: CallContext, digit: string) {
    if (call.summary.stage !== 'ivr' || !call.menu) return;
    const menu = settings().menus.find((m) => m.id === call.menu!.id);
    const option = menu?.options.find((o) => o.digit === digit);
    if (!menu) return;
    if (!option) {
      clearTimer(call, 'ivr');
      if (call.playbackId) void safe('stop prompt', tel.stopPlayback(call.playbackId));
      call.menu.repeats++;
      if (call.menu.repeats > menu.maxRepeats) return menuAction(call, menu.defaultAction);
      return playThen(call, menu.invalidPrompt, () => playMenu(call));
    }
    menuAction(call, option);
  }

  return { playThen, startMenu, onDtmf };
}
