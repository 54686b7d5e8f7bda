/**
 * The Markdown table: one row per metric, our server and each peer side by side, then our
 * value relative to the relay ceiling and to the best peer (values ≥ 1× mean "this many times
 * the other's value": for latencies lower is better, for rates higher is).
 */
import type { Row, ScenarioOutput, Unit } from './results.js';
import { TARGET_LABELS, TARGET_NAMES, type TargetName } from './targets.js';

const PEERS: TargetName[] = ['reference', 'hocuspocus'];

function fmt(v: number | undefined, unit: Unit, q = ''): string {
  if (v === undefined) return '–';
  if (Number.isNaN(v)) return 'n/a';
  const n = Math.abs(v);
  const num = unit === 'count' || unit === 'per-s' ? Math.round(v).toLocaleString('en')
    : n >= 100 ? v.toFixed(0) : n >= 10 ? v.toFixed(1) : v.toFixed(2);
  const suffix: Record<Unit, string> = { ms: ' ms', s: ' s', '%': ' %', MB: ' MB', KB: ' KB', count: '', 'per-s': '/s', x: '×' };
  return `${q}${num}${suffix[unit]}`;
}

function ratio(ours: number | undefined, other: number | undefined): string {
  if (ours === undefined || other === undefined || Number.isNaN(ours) || Number.isNaN(other)) return '–';
  if (other === 0) return ours === 0 ? '1.00×' : '–';
  return `${(ours / other).toFixed(2)}×`;
}

/** The best of the real peers for this row (the relay is the ceiling, not a peer). */
function bestPeer(row: Row): number | undefined {
  const vals = PEERS.map((p) => row.values[p]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
  if (vals.length === 0) return undefined;
  return row.better === 'lower' ? Math.min(...vals) : Math.max(...vals);
}

export function markdownTable(outputs: ScenarioOutput[], targets: readonly TargetName[]): string {
  const cols = TARGET_NAMES.filter((t) => targets.includes(t));
  const head = ['scenario', 'metric', ...cols.map((t) => TARGET_LABELS[t]), 'target (us)', 'us ÷ relay', 'us ÷ best peer'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  let last = '';
  for (const out of outputs) {
    for (const row of out.rows) {
      const scenario = row.scenario === last ? '' : row.scenario;
      last = row.scenario;
      const cells = cols.map((t) => fmt(row.values[t], row.unit, row.qualifiers?.[t] ?? ''));
      const ours = row.values.charrette;
      lines.push(`| ${[scenario, row.metric, ...cells, row.goal ?? '', ratio(ours, row.values.relay), ratio(ours, bestPeer(row))].join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

export function markdownNotes(outputs: ScenarioOutput[]): string {
  const notes = outputs.flatMap((o) => o.notes);
  return notes.length === 0 ? '' : ['', 'Notes:', ...notes.map((n) => `- ${n}`)].join('\n');
}
