/**
 * How well "Suggest categories" recovers the MPUSD case study's six solution categories from a
 * labeled brainstorm (test/fixtures/mpusd-ideas.ts). Prints adjusted Rand index and purity for
 * the true k and for the default k, plus timing on a synthetic 2,000-note board.
 *
 *   npm run bench:suggest
 */
import { adjustedRandIndex, defaultK, purity, suggestCategories } from '../../shared/suggest.js';
import { MPUSD_CATEGORIES, MPUSD_IDEAS } from '../fixtures/mpusd-ideas.js';

const notes = MPUSD_IDEAS.map((n, i) => ({ id: String(i), text: n.text }));
const truth = MPUSD_IDEAS.map((n) => n.label);

function score(k: number) {
  const t0 = performance.now();
  const s = suggestCategories(notes, k);
  const ms = performance.now() - t0;
  const pred = notes.map((n) => String(s.categories.findIndex((c) => c.noteIds.includes(n.id))));
  return { k, ari: adjustedRandIndex(truth, pred), purity: purity(truth, pred), ms, names: s.categories.map((c) => c.name) };
}

const rows = [score(Object.keys(MPUSD_CATEGORIES).length), score(defaultK(notes.length))];
console.log(`\n### Suggested categories vs the MPUSD case study (${notes.length} notes, ${Object.keys(MPUSD_CATEGORIES).length} labeled categories)\n`);
console.log('| k | adjusted Rand index | purity | time |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.k} | ${r.ari.toFixed(3)} | ${r.purity.toFixed(3)} | ${r.ms.toFixed(1)} ms |`);
console.log(`\nProposed names (k = ${rows[0]!.k}): ${rows[0]!.names.map((n) => `"${n}"`).join(', ')}`);

// Scale: a 2,000-note board (the brief's maximum), built from the fixture's words.
const big = Array.from({ length: 2_000 }, (_, i) => ({ id: `b${i}`, text: `${MPUSD_IDEAS[i % MPUSD_IDEAS.length]!.text} ${i % 7}` }));
const t0 = performance.now();
const s = suggestCategories(big);
console.log(`\n2,000 notes: ${s.categories.length} categories in ${(performance.now() - t0).toFixed(0)} ms\n`);
