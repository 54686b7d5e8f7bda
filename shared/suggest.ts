/**
 * Suggest solution categories for unsorted notes, with no external service: TF-IDF vectors,
 * then agglomerative clustering (average linkage on cosine similarity). Deterministic: the same
 * notes in the same order always give the same suggestion (ties go to the lower index).
 */
import { tokenize } from './text.js';

export interface SuggestInput {
  id: string;
  text: string;
}

export interface SuggestedCategory {
  /** A proposed name drawn from the notes' own most characteristic words. */
  name: string;
  noteIds: string[];
}

export interface Suggestion {
  categories: SuggestedCategory[];
  /** Notes with no usable words (empty, or stop words only): left for people to place. */
  leftover: string[];
}

/** Above this many notes, the rest are assigned to the nearest suggested category (keeps it O(n²)). */
export const MAX_CLUSTERED_NOTES = 400;
export const MIN_K = 2;
export const MAX_K = 12;

/** A sensible number of categories for n notes (MPUSD grouped ~30 ideas into 6). */
export const defaultK = (n: number): number => Math.max(MIN_K, Math.min(8, Math.round(Math.sqrt(n / 1.2))));

type Vec = Map<string, number>;

function tfidf(docs: string[][]): Vec[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

function cosine(a: Vec, b: Vec): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) s += w * o;
  }
  return s;
}

/** Average-linkage agglomerative clustering of `vecs` into `k` groups (indices into vecs). */
export function agglomerate(vecs: Vec[], k: number): number[][] {
  const n = vecs.length;
  let groups: number[][] = vecs.map((_, i) => [i]);
  if (n <= k) return groups;
  // sim[i][j] = average similarity between groups i and j (Lance–Williams update on merge).
  const sim: Float64Array[] = vecs.map((a, i) => Float64Array.from(vecs, (b, j) => (i === j ? -Infinity : cosine(a, b))));
  const alive = new Array<boolean>(n).fill(true);
  let count = n;
  while (count > k) {
    let bi = -1;
    let bj = -1;
    let best = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const row = sim[i]!;
      for (let j = i + 1; j < n; j++) if (alive[j] && row[j]! > best) [best, bi, bj] = [row[j]!, i, j];
    }
    const si = groups[bi]!.length;
    const sj = groups[bj]!.length;
    for (let m = 0; m < n; m++) {
      if (!alive[m] || m === bi || m === bj) continue;
      const v = (si * sim[bi]![m]! + sj * sim[bj]![m]!) / (si + sj);
      sim[bi]![m] = v;
      sim[m]![bi] = v;
    }
    groups[bi] = [...groups[bi]!, ...groups[bj]!];
    groups[bj] = [];
    alive[bj] = false;
    count--;
  }
  groups = groups.filter((g) => g.length > 0).map((g) => g.sort((a, b) => a - b));
  return groups.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** Suggest `k` categories (default: defaultK) for `notes`. */
export function suggestCategories(notes: readonly SuggestInput[], k?: number): Suggestion {
  const tokens = notes.map((n) => tokenize(n.text));
  const usable = notes.map((_, i) => i).filter((i) => tokens[i]!.length > 0);
  const leftover = notes.filter((_, i) => tokens[i]!.length === 0).map((n) => n.id);
  if (usable.length === 0) return { categories: [], leftover };
  const kk = Math.max(1, Math.min(MAX_K, k ?? defaultK(usable.length), usable.length));
  const vecs = tfidf(usable.map((i) => tokens[i]!.map((t) => t.stem)));
  const head = Math.min(vecs.length, MAX_CLUSTERED_NOTES);
  const groups = agglomerate(vecs.slice(0, head), kk);
  // Notes past the cap join the group whose centroid they are closest to.
  const centroids = groups.map((g) => centroid(g.map((i) => vecs[i]!)));
  for (let i = head; i < vecs.length; i++) {
    let best = 0;
    let bestSim = -Infinity;
    centroids.forEach((c, gi) => {
      const s = cosine(vecs[i]!, c);
      if (s > bestSim) [best, bestSim] = [gi, s];
    });
    groups[best]!.push(i);
  }
  const words = surfaceWords(usable.map((i) => tokens[i]!));
  const categories = groups.map((g, gi) => ({
    name: nameFor(centroids[gi] ?? centroid(g.map((i) => vecs[i]!)), words, g.length),
    noteIds: g.map((i) => notes[usable[i]!]!.id),
  }));
  return { categories, leftover };
}

function centroid(vs: Vec[]): Vec {
  const c: Vec = new Map();
  for (const v of vs) for (const [t, w] of v) c.set(t, (c.get(t) ?? 0) + w / vs.length);
  return c;
}

/** The most common written form of each stem. */
function surfaceWords(docs: { stem: string; word: string }[][]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const d of docs) {
    for (const t of d) {
      const m = counts.get(t.stem) ?? new Map<string, number>();
      m.set(t.word, (m.get(t.word) ?? 0) + 1);
      counts.set(t.stem, m);
    }
  }
  const out = new Map<string, string>();
  for (const [s, m] of counts) {
    out.set(s, [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]);
  }
  return out;
}

/** "Students, teachers & design": the centroid's heaviest terms, in the notes' own words. */
function nameFor(c: Vec, words: Map<string, string>, size: number): string {
  const top = [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size > 1 ? 3 : 2).map(([t]) => words.get(t) ?? t);
  if (top.length === 0) return '';
  const cap = top.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w));
  return cap.length > 1 ? `${cap.slice(0, -1).join(', ')} & ${cap.at(-1)}` : cap[0]!;
}

/** Adjusted Rand index between two labelings of the same items (1 = identical, ~0 = chance). */
export function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const ra = new Map<string, number>();
  const rb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(a[i]!, (ra.get(a[i]!) ?? 0) + 1);
    rb.set(b[i]!, (rb.get(b[i]!) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((s, x) => s + pairs(x), 0);
  const sa = [...ra.values()].reduce((s, x) => s + pairs(x), 0);
  const sb = [...rb.values()].reduce((s, x) => s + pairs(x), 0);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Purity: the share of items that fall in their predicted group's majority true label. */
export function purity(truth: readonly string[], predicted: readonly string[]): number {
  const byGroup = new Map<string, Map<string, number>>();
  predicted.forEach((p, i) => {
    const m = byGroup.get(p) ?? new Map<string, number>();
    m.set(truth[i]!, (m.get(truth[i]!) ?? 0) + 1);
    byGroup.set(p, m);
  });
  let hit = 0;
  for (const m of byGroup.values()) hit += Math.max(...m.values());
  return truth.length === 0 ? 1 : hit / truth.length;
}
