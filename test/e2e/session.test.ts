/**
 * A whole live session in real Chromium: a facilitator, two participants (one on a phone) and a
 * projector run Frame → Brainstorm (silent, with a timer) → reveal → Cluster → Vote → Decide.
 * The projector is photographed at 1920×1080 in each phase.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { createCluster } from '../../shared/clusters.js';
import { addNote } from '../../shared/notes.js';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema.js';
import { MPUSD_CATEGORIES, MPUSD_IDEAS, MPUSD_PROBLEM } from '../fixtures/mpusd-ideas.js';
import { connectClient, createBoard, waitSynced } from '../helpers/server.js';
import { connected, DESKTOP, e2eSession, joinAs, newPage, PHONE, PROJECTOR, screenshot } from './browser.js';

const remaining = (p: Page) => p.getByTestId('timer').first().getAttribute('data-remaining-s').then(Number);

describe('a facilitated session from Frame to Decide', () => {
  const e2e = e2eSession();

  it('runs every phase with silent drafts, a shared timer, votes hidden until reveal and a decision', async () => {
    const { srv } = e2e;
    const board = await createBoard(srv.url, 'MPUSD Strategy Lab');
    const fac = (await newPage(e2e.browser, DESKTOP)).page;
    await fac.goto(`${srv.url}/b/${board.id}#f=${board.facilitatorToken}`);
    await connected(fac);
    const proj = (await newPage(e2e.browser, PROJECTOR)).page;
    await proj.goto(`${srv.url}/p/${board.id}#k=${board.projectorToken}`);
    await connected(proj);

    // FRAME: one setup screen with defaults.
    await fac.getByTestId('frame-setup').waitFor();
    await fac.getByTestId('frame-problem').fill(MPUSD_PROBLEM);
    for (const name of ['MPUSD', 'Mastery']) {
      await fac.getByTestId('frame-team-add').click();
      await fac.getByTestId('frame-team-name').last().fill(name);
    }
    await fac.getByTestId('frame-silent').check();
    await fac.getByTestId('frame-save').click();
    await proj.getByTestId('problem-of-practice').filter({ hasText: 'How might we' }).waitFor();
    await screenshot(proj, 'projector-1-frame');

    const ana = (await newPage(e2e.browser, DESKTOP)).page;
    await joinAs(ana, srv.url, board.joinCode, 'Ana', 'MPUSD', board.id);
    const phone = (await newPage(e2e.browser, PHONE, { mobile: true })).page;
    await joinAs(phone, srv.url, board.joinCode, 'Beto', 'Mastery', board.id);

    // BRAINSTORM, silent, with a timer everyone shares.
    await fac.getByTestId('frame-start').click();
    await fac.locator('[data-testid="phase-bar"] [aria-current="step"][data-phase="brainstorm"]').waitFor();
    await fac.getByTestId('timer-minutes').fill('3');
    await fac.getByTestId('timer-start').click();
    for (const p of [ana, phone, proj]) await p.locator('[data-testid="timer"][data-remaining-s]').first().waitFor();
    const times = await Promise.all([fac, ana, phone, proj].map(remaining));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(1);
    expect(Math.min(...times)).toBeGreaterThan(170);

    const canary = `CANARY-${Math.random().toString(36).slice(2, 8)} student design team meets the cabinet`;
    const draft = async (p: Page, text: string) => {
      await p.getByTestId('add-note').click();
      const ed = p.getByTestId('note-editor');
      await ed.fill(text);
      await ed.press('Enter');
      await p.locator('[data-testid="draft"]', { hasText: text.slice(0, 16) }).waitFor();
    };
    await draft(ana, canary);
    await draft(phone, 'Let students pick their advisory mentor');
    await fac.locator('[data-testid="draft-total"][data-total="2"]').waitFor({ timeout: 30_000 });
    for (const p of [fac, phone, proj]) expect(await p.content()).not.toContain('CANARY');
    await ana.reload();
    await connected(ana);
    await ana.locator('[data-testid="draft"]', { hasText: 'CANARY' }).waitFor();
    await screenshot(proj, 'projector-2-brainstorm-silent');

    // A draft moves by dragging (a drag does not open its editor), and lands where it lies.
    const anaDraft = ana.locator('[data-testid="draft"]', { hasText: 'CANARY' });
    const before = (await anaDraft.boundingBox())!;
    const startedAt = await anaDraft.evaluate((el: HTMLElement) => ({ x: parseFloat(el.style.left), y: parseFloat(el.style.top) }));
    await ana.mouse.move(before.x + 40, before.y + 40);
    await ana.mouse.down();
    await ana.mouse.move(before.x + 160, before.y + 80, { steps: 6 });
    await ana.mouse.move(before.x + 340, before.y + 120, { steps: 6 });
    await ana.mouse.up();
    const moved = (await anaDraft.boundingBox())!;
    const droppedAt = await anaDraft.evaluate((el: HTMLElement) => ({ x: parseFloat(el.style.left), y: parseFloat(el.style.top) }));
    expect(Math.abs(moved.x - before.x - 300)).toBeLessThan(3);
    expect(Math.abs(moved.y - before.y - 80)).toBeLessThan(3);
    expect(await ana.getByTestId('note-editor').count()).toBe(0);
    // Ana puts her next draft exactly where Beto's first one is on his phone (neither can see the other's).
    await draft(ana, 'Advisory meets every Monday');
    await draft(phone, 'Mentors trained over the summer');
    const leftTop = (l: Locator) => l.evaluate((el: HTMLElement) => ({ x: parseFloat(el.style.left), y: parseFloat(el.style.top) }));
    const zoom = 300 / (droppedAt.x - startedAt.x);
    const second = ana.locator('[data-testid="draft"]', { hasText: 'Advisory meets' });
    const [from, onto, box] = [await leftTop(second), await leftTop(phone.locator('[data-testid="draft"]', { hasText: 'Let students pick' })), (await second.boundingBox())!];
    await ana.mouse.move(box.x + 40, box.y + 40);
    await ana.mouse.down();
    await ana.mouse.move(box.x + 40 + (onto.x - from.x) * zoom / 2, box.y + 40 + (onto.y - from.y) * zoom / 2, { steps: 6 });
    await ana.mouse.move(box.x + 40 + (onto.x - from.x) * zoom, box.y + 40 + (onto.y - from.y) * zoom, { steps: 6 });
    await ana.mouse.up();
    const landed = await leftTop(second);
    expect(Math.abs(landed.x - onto.x) + Math.abs(landed.y - onto.y)).toBeLessThan(4);

    // REVEAL: the drafts appear for everyone.
    await fac.getByTestId('drafts-reveal').click();
    for (const p of [fac, phone, proj]) await p.getByTestId('note').filter({ hasText: 'CANARY' }).waitFor({ timeout: 15_000 });
    expect(await ana.getByTestId('draft').count()).toBe(0);
    // Where it was dropped, in board units (the camera may frame the board anew as notes arrive).
    const storedPos = await ana.evaluate(() => {
      const w = window as unknown as { __charrette: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } } };
      let pos: unknown = null;
      w.__charrette.doc.getMap('notes').forEach((n) => {
        if (String(n.get('text')).startsWith('CANARY')) pos = n.get('pos');
      });
      return pos;
    });
    expect(storedPos).toEqual(droppedAt);
    // Drafted on top of each other unknowingly, revealed side by side (within seconds): no two notes overlap.
    await fac.locator('[data-testid="note"]').nth(3).waitFor({ timeout: 15_000 });
    const overlapping = () => fac.evaluate(({ w, h }) => {
      const c = window as unknown as { __charrette: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } } };
      const ps: Array<{ x: number; y: number }> = [];
      c.__charrette.doc.getMap('notes').forEach((n) => ps.push(n.get('pos') as { x: number; y: number }));
      return ps.flatMap((a, i) => ps.slice(i + 1).filter((b) => Math.abs(a.x - b.x) < w && Math.abs(a.y - b.y) < h).map((b) => [a, b]));
    }, { w: NOTE_WIDTH, h: NOTE_HEIGHT });
    const settledBy = Date.now() + 8_000;
    while ((await overlapping()).length > 0 && Date.now() < settledBy) await fac.waitForTimeout(200);
    expect(await overlapping()).toEqual([]);
    await screenshot(proj, 'projector-3-brainstorm-revealed');

    // CLUSTER: six categories from the case study (set up over a socket; sorting has its own test).
    await fac.getByTestId('phase-next').click();
    await fac.locator('[data-testid="phase-bar"] [aria-current="step"][data-phase="cluster"]').waitFor();
    const y = connectClient(srv.wsUrl, board);
    await waitSynced(y);
    const keys = Object.keys(MPUSD_CATEGORIES) as (keyof typeof MPUSD_CATEGORIES)[];
    const ids = keys.map((k, i) => createCluster(y.doc, { name: MPUSD_CATEGORIES[k], pos: { x: (i % 3) * 700, y: 400 + Math.floor(i / 3) * 520 }, createdBy: 'facilitator' }));
    MPUSD_IDEAS.filter((_, i) => i % 3 === 0).forEach((idea, i) =>
      addNote(y.doc, { text: idea.text, pos: { x: 16 + (i % 3) * 200, y: 90 }, author: 'facilitator', authorName: '', clusterId: ids[keys.indexOf(idea.label)] }));
    await proj.getByTestId('cluster').first().waitFor({ timeout: 10_000 });
    await screenshot(proj, 'projector-4-cluster');

    // VOTE: hidden until reveal.
    await fac.getByTestId('phase-next').click();
    await fac.getByTestId('voting-open').click();
    for (const p of [ana, phone]) await p.locator('[data-testid="ballot"][data-status="open"]').waitFor({ timeout: 10_000 });
    for (const [p, target] of [[ana, ids[0]], [phone, ids[1]]] as const) {
      await p.locator(`[data-testid="vote-add"][data-criterion="equity"][data-target="${target}"]`).click();
      await p.locator(`[data-testid="votes-left"][data-criterion="equity"]`).first().filter({ hasText: '2' }).waitFor();
      await p.getByTestId('vote-done').click();
    }
    await fac.locator('[data-testid="voting-progress"][data-done="2"]').waitFor({ timeout: 10_000 });
    expect(await proj.getByTestId('results').count()).toBe(0);
    await screenshot(proj, 'projector-5-vote');
    await fac.getByTestId('voting-reveal').click();
    await proj.getByTestId('results').waitFor({ timeout: 10_000 });
    await screenshot(proj, 'projector-6-results');

    // DECIDE: the chosen solution and why.
    await fac.getByTestId('phase-next').click();
    await fac.getByTestId('decision-editor').waitFor();
    await fac.locator('[data-testid="decision-rationale"][data-criterion="equity"]').fill('Students sit at the table where the schedule is designed.');
    await fac.getByTestId('decision-save').click();
    for (const p of [proj, phone]) await p.getByTestId('decision').waitFor({ timeout: 10_000 });
    expect(await proj.getByTestId('decision').innerText()).toContain('Students sit at the table');
    await screenshot(proj, 'projector-7-decide');

    // PLAN: the facilitator writes the action plan; everyone, and the room, reads it.
    await fac.getByTestId('phase-next').click();
    await fac.getByTestId('plan-editor').waitFor();
    await fac.getByTestId('plan-goal').fill('Students co-design next year\'s schedule with the cabinet');
    const cells = {
      step: 'Recruit a student design team from every grade', timeline: 'By 15 March', owners: 'Ms. Ortiz and two student leads',
      communication: 'Announce in advisory; share notes in the family newsletter', success: '12 students meet the cabinet twice',
    };
    for (const [c, v] of Object.entries(cells)) await fac.getByTestId(`plan-${c}`).first().fill(v);
    await fac.getByTestId('plan-add').click();
    await fac.getByTestId('plan-step').nth(1).fill('Pilot the new schedule with one grade');
    await fac.getByTestId('plan-add').click(); // left blank: not kept
    await fac.getByTestId('plan-review').fill('First Monday of April');
    await fac.getByTestId('plan-save').click();
    await fac.locator('.action-plan [role="status"]').waitFor({ timeout: 10_000 });
    await phone.locator('[data-testid="action-plan"] [data-testid="plan-row"]').nth(1).waitFor({ timeout: 10_000 });
    expect(await phone.getByTestId('plan-row').count()).toBe(2);
    const phoneText = await phone.getByTestId('action-plan').innerText();
    for (const v of [...Object.values(cells), 'First Monday of April']) expect(phoneText).toContain(v);
    await proj.getByTestId('projector-plan').waitFor({ timeout: 10_000 });
    expect(await proj.getByTestId('projector-plan').innerText()).toContain('Recruit a student design team');
    await fac.getByTestId('plan-editor').scrollIntoViewIfNeeded();
    await fac.locator('#action-plan-h').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(fac, 'plan-facilitator-1280x800');
    await phone.getByTestId('action-plan').scrollIntoViewIfNeeded();
    await screenshot(phone, 'plan-participant-390x844');
    await screenshot(proj, 'projector-8-plan');

    // The report to send after the session: a Markdown file made on the facilitator's device.
    const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^mpusd-strategy-lab-\d{4}-\d\d-\d\d\.md$/);
    const report = readFileSync((await download.path())!, 'utf8');
    for (const v of ['# MPUSD Strategy Lab', '## Decision: ', 'Students sit at the table', '| Recruit a student design team from every grade | By 15 March |', 'First Monday of April', 'CANARY-']) {
      expect(report).toContain(v);
    }
    y.destroy();
  });
});
