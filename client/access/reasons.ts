/**
 * Why an action is refused, in the person's language. `decide` (shared/policy.ts) is the only
 * judge; its reasons are English sentences for logs, so here we ask `decide` again with one
 * condition changed at a time to learn which rule said no, and name that rule.
 */
import { PHASES } from '../../shared/phases.js';
import { decide, type Action, type Actor, type BoardRules } from '../../shared/policy.js';
import type { I18n } from '../i18n/I18nProvider.js';

export type RefusalKind = 'projector' | 'facilitator-only' | 'locked' | 'not-yours' | 'move-others' | 'phase' | 'other';

export interface Refusal {
  kind: RefusalKind;
  rules: BoardRules;
  action: Action['kind'];
  /** decide's own words, shown only when no rule above matches. */
  detail: string;
}

const isNoteAction = (a: Action): a is Extract<Action, { note: unknown }> => 'note' in a;

/** Null when allowed; otherwise which rule refused it. */
export function refusal(actor: Actor, rules: BoardRules, action: Action): Refusal | null {
  const d = decide(actor, rules, action);
  if (d.ok) return null;
  const of = (kind: RefusalKind): Refusal => ({ kind, rules, action: action.kind, detail: d.reason });
  if (actor.role === 'projector') return of('projector');
  if (action.kind === 'facilitate') return of('facilitator-only');
  if (rules.locked) return of('locked');
  if (isNoteAction(action) && action.note.author !== actor.id) {
    // Would it be allowed on one's own note? Then ownership is what stands in the way.
    if (decide(actor, rules, { ...action, note: { author: actor.id } }).ok) {
      return of(action.kind === 'note.move' ? 'move-others' : 'not-yours');
    }
  }
  // Allowed in some other phase: the phase is the reason. Otherwise something we cannot name.
  const inAnotherPhase = PHASES.some((phase) => decide(actor, { ...rules, phase }, action).ok);
  return of(inAnotherPhase ? 'phase' : 'other');
}

/** One sentence for a refusal: a tooltip, a status line, a screen reader's announcement. */
export function describeRefusal(r: Refusal, t: I18n['t']): string {
  const phase = t(`phase.${r.rules.phase}`);
  switch (r.kind) {
    case 'projector':
      return t('reason.projector');
    case 'facilitator-only':
      return t('reason.facilitatorOnly');
    case 'locked':
      return t('reason.locked');
    case 'not-yours':
      return t('reason.notYours');
    case 'move-others':
      return t('reason.moveOthers');
    case 'phase':
      return t(r.action === 'note.create' ? 'reason.phaseAdd' : 'reason.phase', { phase });
    default:
      return r.detail;
  }
}

/** The clause for "That change wasn't allowed right now (…), so it was undone." */
export function refusalCause(r: Refusal, t: I18n['t']): string {
  switch (r.kind) {
    case 'locked':
      return t('recovery.cause.locked');
    case 'phase':
    case 'move-others':
      // Moving others' notes is a Cluster-phase right: losing it means the phase changed.
      return t('recovery.cause.phase', { phase: t(`phase.${r.rules.phase}`) });
    case 'not-yours':
      return t('recovery.cause.notYours');
    default:
      return t('recovery.cause.rules');
  }
}
