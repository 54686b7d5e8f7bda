/**
 * Criteria voting in real Chromium: three participants on two teams vote on categories; before
 * the reveal each sees only their own votes; after it, all three and the projector show the same
 * ranking, heat map and team breakdown.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCluster } from '../../shared/clusters.js';
import { command, connectClient, createBoard, waitFor, waitSynced } from '../helpers/server.js';
import { DESKTOP, e2eSession, joinAs, newPage, PHONE, PROJECTOR, screenshot } from './browser.js';

/** Click "+" `n` times for a criterion on a target, waiting for each to be confirmed. */
async function vote(p: Page, criterion: string, target: string, n: number) {
  const left = p.locator(`[data-testid="votes-left"][data-criterion="${criterion}"]`).first();
  for (let i = 0; i < n; i++) {
    const before = await left.getAttribute('data-left') ?? await left.innerText();
    await p.locator(`[data-testid="vote-add"][data-criterion="${criterion}"][data-target="${target}"]`).first().click();
    await expect.poll(async () => (await left.getAttribute('data-left')) ?? (await left.innerText()), { timeout: 5_000 }).not.toBe(before);
  }
}

const ranking = (p: Page) => p.evaluate(() =>
  [...document.querySelectorAll('[data-testid="results-rank"]')].map((r) => `${r.getAttribute('data-rank')}:${r.getAttribute('data-target')}`));

describe('voting against criteria, hidden until reveal', () => {
  const e2e = e2eSession();

  it('three participants on two teams vote; before reveal only their own; after, the same results everywhere', async () => {
    const { srv } = e2e;
    const board = await createBoard(srv.url, 'MPUSD: pick a solution', [{ id: 'mpusd', name: 'MPUSD' }, { id: 'mastery', name: 'Mastery' }]);
    const fac = connectClient(srv.wsUrl, board);
    await waitSynced(fac);
    const cats = ['Co-design new systems', 'Revise policies', 'Mastery-based grading'].map((name, i) =>
      createCluster(fac.doc, { name, pos: { x: i * 700, y: 0 }, createdBy: 'facilitator' }));
    await waitFor(() => srv.hub.rooms.get(board.id as never)!.doc.getMap('clusters').size === 3, 'categories stored');
    await command(srv.url, board, { type: 'openVoting' });

    const people = [
      { name: 'Ana', team: 'MPUSD', viewport: DESKTOP },
      { name: 'Ben', team: 'MPUSD', viewport: DESKTOP },
      { name: 'Cruz', team: 'Mastery', viewport: PHONE },
    ];
    const pages: Page[] = [];
    for (const who of people) {
      const { page } = await newPage(e2e.browser, who.viewport, { mobile: who.viewport === PHONE });
      await joinAs(page, srv.url, board.joinCode, who.name, who.team, board.id);
      pages.push(page);
    }
    const [ana, ben, cruz] = pages as [Page, Page, Page];
    await vote(ana, 'equity', cats[0]!, 2);
    await vote(ana, 'feasibility', cats[1]!, 1);
    await vote(ben, 'equity', cats[0]!, 1);
    await vote(ben, 'resiliency', cats[2]!, 3);
    await vote(cruz, 'equity', cats[1]!, 3);

    // A vote tapped while offline is refused where the voter is looking, even scrolled down to it.
    await cruz.context().setOffline(true);
    const lastAdd = cruz.locator(`[data-testid="vote-add"][data-criterion="resiliency"][data-target="${cats[2]!}"]`).first();
    await lastAdd.scrollIntoViewIfNeeded();
    await lastAdd.click();
    const refused = cruz.getByTestId('vote-error');
    await refused.waitFor({ timeout: 15_000 });
    const rb = (await refused.boundingBox())!;
    expect(rb.y).toBeGreaterThanOrEqual(0);
    expect(rb.y + rb.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(cruz, 'vote-offline-390x844');
    await cruz.context().setOffline(false);
    await refused.getByRole('button').click();
    await refused.waitFor({ state: 'detached' });
    await screenshot(ana, 'voting-before-reveal-1280x800');
    await screenshot(cruz, 'voting-before-reveal-390x844');

    // Before the reveal: no results anywhere, and nobody's document holds anyone's votes.
    for (const p of pages) {
      expect(await p.getByTestId('results').count()).toBe(0);
      const meta = await p.evaluate(() => (window as unknown as { __charrette: { doc: { getMap(n: string): { toJSON(): Record<string, unknown> } } } }).__charrette.doc.getMap('meta').toJSON());
      expect(meta.results ?? null).toBeNull();
    }
    expect(await ana.locator('[data-testid="votes-left"][data-criterion="equity"]').first().innerText()).toContain('1');

    const proj = await newPage(e2e.browser, PROJECTOR);
    await proj.page.goto(`${srv.url}/p/${board.id}#k=${board.projectorToken}`);
    await proj.page.getByTestId('projector').waitFor();
    expect(await proj.page.getByTestId('results').count()).toBe(0);

    await command(srv.url, board, { type: 'revealVotes' });
    for (const p of [...pages, proj.page]) await p.getByTestId('results').first().waitFor({ timeout: 15_000 });
    // Overall (weights 1): Revise policies 4; Co-design 3 and Mastery-based grading 3 tie.
    const expected = [`1:${cats[1]}`, ...[`2:${cats[0]}`, `2:${cats[2]}`].sort()];
    for (const p of [...pages, proj.page]) {
      const r = await ranking(p);
      expect([r[0], ...r.slice(1).sort()]).toEqual(expected);
      expect(await p.getByTestId('results-heatmap').count()).toBeGreaterThan(0);
      expect(await p.getByTestId('results-teams').count()).toBeGreaterThan(0);
    }
    await screenshot(ana, 'results-1280x800');
    await screenshot(cruz, 'results-390x844');
    // On the phone the heat map is wider than the screen: its right edge says there is more.
    const heat = cruz.getByTestId('results-heatmap');
    await heat.scrollIntoViewIfNeeded();
    const frame = cruz.locator('.table-scroll-frame', { has: heat });
    expect(await frame.getAttribute('data-more')).toBe('right');
    await screenshot(cruz, 'results-heatmap-390x844');
    await frame.locator('.table-scroll').evaluate((el) => el.scrollBy(1_000, 0));
    await expect.poll(() => frame.getAttribute('data-more')).toBe('left');
    await screenshot(proj.page, 'results-projector-1920x1080');
    fac.destroy();
  });
});
