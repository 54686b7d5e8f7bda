/** The session report: every section from a real board, and nothing that must stay private. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCluster, selectClusters } from '../../shared/clusters.js';
import { defaultVoting } from '../../shared/criteria.js';
import { addNote, selectNotes, setNoteHidden } from '../../shared/notes.js';
import { tally } from '../../shared/tally.js';
import { boardReport, type ReportInput } from '../../client/decision/report.js';
import { translate } from '../../client/i18n/i18n.js';
import { groupNotes } from '../../client/sync/noteGroups.js';
import type { BoardContent } from '../../client/sync/useBoardContent.js';
import { targetNames } from '../../client/voting/targets.js';

function board(): ReportInput {
  const doc = new Y.Doc();
  const advisory = createCluster(doc, { name: 'Advisory | mentoring', pos: { x: 0, y: 0 }, createdBy: 'facilitator' });
  const grading = createCluster(doc, { name: 'Mastery grading', pos: { x: 700, y: 0 }, createdBy: 'facilitator' });
  addNote(doc, { text: 'Students pick\ntheir mentor', pos: { x: 1, y: 1 }, author: 'p-ana', authorName: 'Ana', team: 'mpusd', clusterId: advisory });
  addNote(doc, { text: 'Retakes until mastery', pos: { x: 1, y: 1 }, author: 'p-ben', authorName: 'Ben', team: 'mastery', clusterId: grading });
  addNote(doc, { text: 'Later start on Mondays', pos: { x: 1, y: 1 }, author: 'p-ben', authorName: 'Ben', team: 'mastery' });
  const hidden = addNote(doc, { text: 'SECRET insult', pos: { x: 1, y: 1 }, author: 'p-cy', authorName: 'Cy', team: 'mastery' });
  setNoteHidden(doc, hidden, true);
  const criteria = defaultVoting('en').criteria;
  const notes = selectNotes(doc);
  const clusters = selectClusters(doc);
  // As the page holds the board (useBoardContent).
  const content: BoardContent = { notes, clusters, clusterById: new Map(clusters.map((c) => [c.id, c])), ...groupNotes(notes, clusters) };
  const results = tally([
    { voter: 'p-ana', team: 'mpusd', criterion: 'equity', target: advisory, value: 2 },
    { voter: 'p-ben', team: 'mastery', criterion: 'equity', target: grading, value: 1 },
  ], criteria, [advisory, grading], 'dots');
  return {
    title: 'MPUSD Strategy Lab',
    problem: 'How might we build belonging?',
    teams: [{ id: 'mpusd', name: 'MPUSD', color: '#1d4ed8' }, { id: 'mastery', name: 'Mastery', color: '#b45309' }],
    content,
    names: targetNames(content),
    criteria,
    results: { ...results, round: 1, revealedAt: 0 },
    decision: { target: advisory, rationale: { equity: 'Students choose who they talk to' }, decidedAt: 0 },
    plan: { goal: 'A mentor for every ninth grader', rows: [{ step: 'Recruit mentors', timeline: 'By March', owners: 'Ms. Ortiz', communication: 'Newsletter', success: '40 mentors' }], reviewOn: '1 April' },
    anonymous: false,
    now: Date.UTC(2026, 11, 7),
  };
}

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);
const date = () => '7 December 2026';

describe('boardReport', () => {
  it('has the question, the decision, the plan, the results and every visible idea by category', () => {
    const md = boardReport(board(), t, date);
    expect(md).toMatch(/^# MPUSD Strategy Lab\n/);
    expect(md).toContain('**Problem of practice:** How might we build belonging?');
    expect(md).toContain('_Session report, 7 December 2026_');
    expect(md).toContain('## Decision: Advisory | mentoring');
    expect(md).toContain('- **Equity:** Students choose who they talk to');
    expect(md).toContain('| Recruit mentors | By March | Ms. Ortiz | Newsletter | 40 mentors |');
    expect(md).toContain('**Date to review progress:** 1 April');
    // A table cell cannot hold a bare "|": it would start a new column.
    expect(md).toMatch(/\| 1 \| Advisory \\\| mentoring \| 2 \| 2 \| 0 \| 0 \|/);
    expect(md).toContain('Voters: 2');
    expect(md).toContain('## Ideas (3)');
    expect(md).toContain('### Advisory | mentoring (1)\n\n- Students pick / their mentor (Ana, MPUSD)');
    expect(md).toContain('### Mastery grading (1)\n\n- Retakes until mastery (Ben, Mastery)');
    expect(md).toContain('### Not in a category (1)\n\n- Later start on Mondays (Ben, Mastery)');
    expect(md).not.toContain('SECRET');
  });

  it('leaves out author names on an anonymous board, and sections the session never reached', () => {
    const md = boardReport({ ...board(), anonymous: true, results: null, decision: null, plan: { goal: '', rows: [], reviewOn: '' } }, t, date);
    expect(md).not.toMatch(/Ana|Ben|Cy/);
    expect(md).toContain('- Students pick / their mentor\n');
    expect(md).not.toContain('## Decision');
    expect(md).not.toContain('## Action plan');
    expect(md).not.toContain('## Overall ranking');
  });
});
