/**
 * The action plan of the Plan phase, as in the Transformation Design Deep Dive Guide: the goal,
 * action steps with their timeline, the people responsible, how the community is listened to
 * and told (communication plan), and how success is recognised; and a date to review progress.
 * The facilitator writes it (a command, like the decision); everyone sees it.
 */
import type * as Y from 'yjs';
import { SERVER_ORIGIN } from './origins.js';
import { getMeta } from './schema.js';
import { cleanText } from './validate.js';

export const PLAN_COLUMNS = ['step', 'timeline', 'owners', 'communication', 'success'] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

export type PlanRow = Record<PlanColumn, string>;

export interface ActionPlan {
  /** What the team wants to accomplish. */
  goal: string;
  rows: PlanRow[];
  /** When the team meets again to review progress (free text: a date, "first Monday of March"). */
  reviewOn: string;
}

export const MAX_PLAN_ROWS = 40;
export const MAX_PLAN_CELL = 500;
export const MAX_PLAN_GOAL = 1_000;
export const MAX_PLAN_REVIEW = 100;

export const EMPTY_PLAN: ActionPlan = Object.freeze({ goal: '', rows: [], reviewOn: '' }) as ActionPlan;

export const emptyRow = (): PlanRow => ({ step: '', timeline: '', owners: '', communication: '', success: '' });

/** True when a row has nothing written in it (such rows are not kept). */
export const isBlankRow = (r: PlanRow): boolean => PLAN_COLUMNS.every((c) => r[c].trim() === '');

/** A plan from untrusted input: known fields only, bounded text, blank rows dropped. */
export function restorePlan(raw: unknown): ActionPlan {
  if (typeof raw !== 'object' || raw === null) return EMPTY_PLAN;
  const o = raw as Record<string, unknown>;
  const rows: PlanRow[] = [];
  if (Array.isArray(o.rows)) {
    for (const r of o.rows.slice(0, MAX_PLAN_ROWS)) {
      if (typeof r !== 'object' || r === null) continue;
      const cells = r as Record<string, unknown>;
      const row = emptyRow();
      for (const c of PLAN_COLUMNS) row[c] = cleanText(cells[c], MAX_PLAN_CELL);
      if (!isBlankRow(row)) rows.push(row);
    }
  }
  return { goal: cleanText(o.goal, MAX_PLAN_GOAL), rows, reviewOn: cleanText(o.reviewOn, MAX_PLAN_REVIEW) };
}

export const selectPlan = (doc: Y.Doc): ActionPlan => restorePlan(getMeta(doc).get('plan'));

export function setPlan(doc: Y.Doc, plan: ActionPlan, origin: unknown = SERVER_ORIGIN): void {
  doc.transact(() => getMeta(doc).set('plan', plan), origin);
}

export const isEmptyPlan = (p: ActionPlan): boolean => p.goal.trim() === '' && p.rows.length === 0 && p.reviewOn.trim() === '';
