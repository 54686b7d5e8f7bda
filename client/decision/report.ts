/**
 * The session report a facilitator sends after the workshop, as Markdown (readable as plain
 * text, and pasted as is into most documents and email tools): the question, the decision and
 * why, the action plan, the results, and every idea by category. Built from what this device's
 * board holds; hidden notes are left out, and author names too on an anonymous board.
 */
import type { Criterion } from '../../shared/criteria.js';
import type { Decision, RevealedResults } from '../../shared/meta.js';
import { isEmptyPlan, PLAN_COLUMNS, type ActionPlan } from '../../shared/plan.js';
import type { Note, Team } from '../../shared/schema.js';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { resultCriteria } from '../results/format.js';
import type { BoardContent } from '../sync/useBoardContent.js';

export interface ReportInput {
  title: string;
  problem: string;
  teams: readonly Team[];
  /** The board as the page holds it: live categories in outline order, notes grouped by them. */
  content: Pick<BoardContent, 'clusters' | 'groups'>;
  /** Option names by id (see targetNames). */
  names: ReadonlyMap<string, string>;
  criteria: readonly Criterion[];
  results: RevealedResults | null;
  decision: Decision | null;
  plan: ActionPlan;
  anonymous: boolean;
  /** When the report is made (ms since the epoch). */
  now: number;
}

type Translate = (key: MessageKey, params?: Params) => string;

/** One table cell: no line breaks, no column separators. */
const cell = (s: string): string => s.replace(/\r?\n+/g, ' / ').replace(/\|/g, '\\|').trim();
/** A line of text in a list item: line breaks kept inside the item. */
const line = (s: string): string => s.trim().replace(/\r?\n+/g, ' / ');
const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.map(cell).join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
];
const number = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function boardReport(r: ReportInput, t: Translate, formatDate: (ms: number) => string): string {
  const out: string[] = [];
  const nameOf = (id: string) => r.names.get(id) || t('results.unnamed');
  const teamName = new Map(r.teams.map((tm) => [tm.id, tm.name]));

  out.push(`# ${line(r.title || t('board.untitled'))}`, '');
  if (r.problem.trim()) out.push(`**${t('practice.label')}:** ${line(r.problem)}`, '');
  out.push(`_${t('report.made', { date: formatDate(r.now) })}_`, '');

  if (r.decision) {
    out.push(`## ${t('decision.heading')}: ${line(nameOf(r.decision.target))}`, '');
    for (const c of r.criteria) {
      const why = r.decision.rationale[c.id];
      if (why?.trim()) out.push(`- **${line(c.name)}:** ${line(why)}`);
    }
    out.push('');
  }

  if (!isEmptyPlan(r.plan)) {
    out.push(`## ${t('plan.heading')}`, '');
    if (r.plan.goal.trim()) out.push(`**${t('plan.goal')}** ${line(r.plan.goal)}`, '');
    if (r.plan.rows.length > 0) {
      out.push(...table(PLAN_COLUMNS.map((c) => t(`plan.col.${c}`)), r.plan.rows.map((row) => PLAN_COLUMNS.map((c) => row[c]))), '');
    }
    if (r.plan.reviewOn.trim()) out.push(`**${t('plan.reviewOn')}:** ${line(r.plan.reviewOn)}`, '');
  }

  if (r.results) {
    const results = r.results;
    const crit = resultCriteria(results.criteria, r.criteria);
    out.push(`## ${t('results.ranking')}`, '');
    out.push(...table(
      [t('report.rank'), t('report.option'), t('report.overall'), ...crit.map((c) => c.name)],
      results.ranking.map((x) => [x.tied ? `=${x.rank}` : String(x.rank), nameOf(x.target), number(x.overall), ...results.criteria.map((id) => number(x.byCriterion[id] ?? 0))]),
    ), '');
    out.push(t('report.voters', { count: results.participation.voters }), '');
  }

  const shownIn = (id: string) => (r.content.groups.get(id) ?? []).filter((n) => !n.hidden);
  const noteLine = (n: Note) => {
    const who = r.anonymous ? '' : [n.authorName.trim(), teamName.get(n.team) ?? ''].filter(Boolean).join(', ');
    return `- ${line(n.text) || '…'}${who ? ` (${who})` : ''}`;
  };
  const loose = shownIn('');
  const categories = r.content.clusters.map((c) => [c, shownIn(c.id)] as const);
  const total = categories.reduce((n, [, inIt]) => n + inIt.length, loose.length);
  out.push(`## ${t('report.ideas', { count: total })}`, '');
  for (const [c, inIt] of categories) {
    out.push(`### ${line(c.name || t('cluster.untitled'))} (${inIt.length})`, '');
    if (c.description.trim()) out.push(`_${line(c.description)}_`, '');
    out.push(...inIt.map(noteLine), '');
  }
  if (loose.length > 0) {
    if (categories.length > 0) out.push(`### ${t('report.unsorted')} (${loose.length})`, '');
    out.push(...loose.map(noteLine), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
