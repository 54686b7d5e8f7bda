/**
 * Voting: votes never enter the shared document while a round is open. They go to the server
 * (HTTP, with the voter's own token), which validates them and keeps them in storage; the
 * facilitator sees only how many have finished. On reveal the server tallies and writes the
 * results into the board for everyone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import { selectClusters } from '../shared/clusters.js';
import type { VotingSettings } from '../shared/criteria.js';
import type { BoardId } from '../shared/ids.js';
import {
  selectAnonymous, selectResults, selectRules, selectVoting, setDecision, setPhase, setResults, setVoting, type RevealedResults,
} from '../shared/meta.js';
import { selectNotes } from '../shared/notes.js';
import { decide } from '../shared/policy.js';
import { checkVote, remaining, tally, type Vote } from '../shared/tally.js';
import { HttpError, readJson, sendJson } from './http.js';
import { bodyField, openRoom } from './request.js';
import type { Hub } from './hub.js';
import type { BoardStore } from './storage/types.js';
import type { Claims } from './tokens.js';


/** The targets that may receive votes now: live categories or notes, narrowed by a runoff. */
export function voteTargets(doc: Y.Doc, voting: VotingSettings): string[] {
  const all = voting.target === 'notes' ? selectNotes(doc).map((n) => n.id) : selectClusters(doc).map((c) => c.id);
  return voting.runoff.length > 0 ? all.filter((t) => voting.runoff.includes(t)) : all;
}

const openDoc = async (hub: Hub, id: BoardId): Promise<Y.Doc> => (await openRoom(hub, id)).doc;

/** Handle /api/boards/<id>/votes[/...] for a verified token; false when no route matches. */
export async function handleVotes(
  req: IncomingMessage, res: ServerResponse, sub: string, claims: Claims, store: BoardStore, hub: Hub,
): Promise<boolean> {
  const id = claims.board;
  const method = req.method ?? 'GET';
  if (claims.role === 'projector') throw new HttpError(403, 'the projector view is read-only');
  const doc = await openDoc(hub, id);
  const voting = selectVoting(doc);

  if (sub === '/votes/mine' && method === 'GET') {
    const mine = await store.votesOf(id, voting.round, claims.id);
    const done = (await store.votersDone(id, voting.round)).has(claims.id);
    sendJson(req, res, 200, {
      round: voting.round,
      status: voting.status,
      votes: mine.map(({ criterion, target, value }) => ({ criterion, target, value })),
      remaining: remaining(mine, voting.criteria),
      done,
    });
    return true;
  }

  if (sub === '/votes' && method === 'PUT') {
    const body = await readJson(req);
    // AUTH: own votes only, whatever the body claims.
    const claimed = bodyField(body, 'voter');
    if (claimed !== undefined && claimed !== claims.id) throw new HttpError(403, 'you can only cast your own votes');
    const allowed = decide({ role: claims.role, id: claims.id, team: claims.team }, selectRules(doc), { kind: 'vote' });
    if (!allowed.ok) throw new HttpError(409, allowed.reason);
    if (voting.status !== 'open') throw new HttpError(409, 'voting is not open');
    // VALIDATION
    const criterion = voting.criteria.find((c) => c.id === bodyField(body, 'criterion'));
    if (!criterion) throw new HttpError(400, 'no such criterion');
    const target = bodyField(body, 'target');
    if (typeof target !== 'string' || !voteTargets(doc, voting).includes(target)) throw new HttpError(400, 'no such option to vote on');
    const value = bodyField(body, 'value');
    if (typeof value !== 'number') throw new HttpError(400, 'value must be a number');
    // RESOLUTION: the budget check runs inside the storage transaction.
    const vote: Vote = { voter: claims.id, team: claims.team, criterion: criterion.id, target, value };
    const verdict = await store.castVote(id, voting.round, vote, (mine) =>
      checkVote(mine, criterion, target, value, voting.mode, voting.maxPerTarget));
    if (!verdict.ok) throw new HttpError(409, verdict.reason ?? 'vote refused');
    const mine = await store.votesOf(id, voting.round, claims.id);
    sendJson(req, res, 200, { ok: true, remaining: remaining(mine, voting.criteria) });
    return true;
  }

  if (sub === '/votes/done' && method === 'POST') {
    const done = bodyField(await readJson(req), 'done');
    if (typeof done !== 'boolean') throw new HttpError(400, 'done must be true or false');
    if (voting.status !== 'open') throw new HttpError(409, 'voting is not open');
    await store.setVoteDone(id, voting.round, claims.id, claims.team, done);
    sendJson(req, res, 200, { done });
    return true;
  }

  if (sub === '/votes/progress' && method === 'GET') {
    // Counts only, and only for the facilitator: who chose what stays hidden until reveal.
    if (claims.role !== 'facilitator') throw new HttpError(403, 'only the facilitator can see voting progress');
    const votes = await store.allVotes(id, voting.round);
    const doneMap = await store.votersDone(id, voting.round);
    const voters = new Map(votes.map((v) => [v.voter, v.team]));
    const byTeam: Record<string, { voting: number; done: number }> = {};
    for (const team of voters.values()) (byTeam[team] ??= { voting: 0, done: 0 }).voting++;
    for (const team of doneMap.values()) (byTeam[team] ??= { voting: 0, done: 0 }).done++;
    sendJson(req, res, 200, { round: voting.round, status: voting.status, voters: voters.size, done: doneMap.size, byTeam });
    return true;
  }
  return false;
}

/** Facilitator commands about voting and the decision; null when `type` is not one of them. */
export async function votingCommand(
  store: BoardStore, hub: Hub, id: BoardId, type: unknown, body: unknown,
): Promise<Record<string, unknown> | null> {
  const commands = ['setVoting', 'openVoting', 'closeVoting', 'revealVotes', 'reopenVoting', 'runoff', 'recordDecision'];
  if (typeof type !== 'string' || !commands.includes(type)) return null;
  const doc = await openDoc(hub, id);
  const voting = selectVoting(doc);
  switch (type) {
    case 'setVoting': {
      if (voting.status === 'open') throw new HttpError(409, 'close voting before changing criteria or budgets');
      const next = { ...voting };
      for (const k of ['criteria', 'target', 'mode', 'maxPerTarget'] as const) {
        const v = bodyField(body, k);
        if (v !== undefined) (next as Record<string, unknown>)[k] = v;
      }
      setVoting(doc, next);
      return { voting: selectVoting(doc) };
    }
    case 'openVoting':
      doc.transact(() => {
        setVoting(doc, { ...voting, status: 'open' });
        setResults(doc, null);
        setPhase(doc, 'vote');
      });
      return { status: 'open', round: voting.round };
    case 'closeVoting':
      setVoting(doc, { ...voting, status: 'closed' });
      return { status: 'closed' };
    case 'reopenVoting':
      // Votes of the round are kept so people can adjust them; the old results are withdrawn.
      doc.transact(() => {
        setVoting(doc, { ...voting, status: 'open' });
        setResults(doc, null);
        setPhase(doc, 'vote');
      });
      return { status: 'open', round: voting.round };
    case 'revealVotes': {
      const results = await computeResults(store, id, doc, voting);
      doc.transact(() => {
        setResults(doc, results);
        setVoting(doc, { ...voting, status: 'revealed' });
      });
      return { results };
    }
    case 'runoff': {
      const top = bodyField(body, 'top');
      const n = typeof top === 'number' && Number.isInteger(top) && top >= 2 ? top : 2;
      const current = selectResults(doc) ?? (await computeResults(store, id, doc, voting));
      // Ties at the cut-off all go through: a runoff never drops an option that tied.
      const cut = current.ranking[Math.min(n, current.ranking.length) - 1]?.rank ?? 1;
      const runoff = current.ranking.filter((r) => r.rank <= cut).map((r) => r.target);
      doc.transact(() => {
        setVoting(doc, { ...voting, status: 'open', round: voting.round + 1, runoff });
        setResults(doc, null);
        setPhase(doc, 'vote');
      });
      return { round: voting.round + 1, runoff };
    }
    case 'recordDecision': {
      const target = bodyField(body, 'target');
      if (target === null) {
        setDecision(doc, null);
        return { decision: null };
      }
      const all = voting.target === 'notes' ? selectNotes(doc).map((n) => n.id) : selectClusters(doc).map((c) => c.id);
      if (typeof target !== 'string' || !all.includes(target)) throw new HttpError(400, 'no such option');
      const raw = bodyField(body, 'rationale');
      const rationale: Record<string, string> = {};
      for (const c of voting.criteria) {
        const v = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[c.id] : undefined;
        if (typeof v === 'string') rationale[c.id] = v.slice(0, 2_000);
      }
      const decision = { target, rationale, decidedAt: Date.now() };
      setDecision(doc, decision);
      return { decision };
    }
  }
  return null;
}

async function computeResults(store: BoardStore, id: BoardId, doc: Y.Doc, voting: VotingSettings): Promise<RevealedResults> {
  const votes = await store.allVotes(id, voting.round);
  const results: RevealedResults = {
    ...tally(votes, voting.criteria, voteTargets(doc, voting), voting.mode),
    round: voting.round,
    revealedAt: Date.now(),
  };
  if (!selectAnonymous(doc)) {
    const names = new Map((await store.listParticipants(id)).map((p) => [p.id, p.name]));
    const perVoter: NonNullable<RevealedResults['perVoter']> = {};
    for (const v of votes) {
      const name = v.voter === 'facilitator' ? 'Facilitator' : names.get(v.voter) ?? v.voter;
      ((perVoter[name] ??= {})[v.criterion] ??= {})[v.target] = v.value;
    }
    results.perVoter = perVoter;
  }
  return results;
}
