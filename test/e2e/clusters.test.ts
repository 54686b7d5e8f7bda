/**
 * Sorting notes into categories in real Chromium: two participants at once, one with the mouse
 * and one with the keyboard only; both end with the same board, and the outline view shows the
 * same grouping.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCluster } from '../../shared/clusters.js';
import { addNote } from '../../shared/notes.js';
import { command, connectClient, createBoard, waitFor, waitSynced } from '../helpers/server.js';
import { DESKTOP, e2eSession, joinAs, newPage, PHONE, screenshot } from './browser.js';

/** noteId -> clusterId as this page's document has it. */
const grouping = (p: Page) => p.evaluate(() => {
  const out: Record<string, string> = {};
  const w = window as unknown as { __charrette: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } } };
  w.__charrette.doc.getMap('notes').forEach((n, id) => (out[id] = String(n.get('clusterId') ?? '')));
  return out;
});

/** The outline as "heading: sorted note ids" lines. */
const outline = (p: Page) => p.evaluate(() =>
  [...document.querySelectorAll('[data-testid="outline-cluster"], [data-testid="outline-unsorted"]')].map((s) =>
    `${s.querySelector('h2')?.textContent}: ${[...s.querySelectorAll('[data-testid="outline-note"]')].map((n) => n.getAttribute('data-note-id')).sort().join(',')}`));

describe('sorting ideas into solution categories', () => {
  const e2e = e2eSession();

  it('two participants sort at once, by mouse and by keyboard, and see the same board and outline', async () => {
    const { srv } = e2e;
    const board = await createBoard(srv.url, 'MPUSD: Brainstorm & pick a solution', [{ id: 'mpusd', name: 'MPUSD' }, { id: 'lbusd', name: 'LBUSD' }]);
    await command(srv.url, board, { type: 'setPhase', phase: 'cluster' });
    const fac = connectClient(srv.wsUrl, board);
    await waitSynced(fac);
    const staff = createCluster(fac.doc, { name: 'Staff sense of belonging', pos: { x: 0, y: 0 }, createdBy: 'facilitator' });
    const grading = createCluster(fac.doc, { name: 'Mastery-based grading', pos: { x: 900, y: 600 }, createdBy: 'facilitator' });
    const byMouse = addNote(fac.doc, { text: 'Teacher affinity groups', pos: { x: 100, y: 700 }, author: 'facilitator', authorName: 'Facilitator' });
    const byKeys = addNote(fac.doc, { text: 'Retakes until mastery', pos: { x: 500, y: 700 }, author: 'facilitator', authorName: 'Facilitator' });
    await waitFor(() => srv.hub.rooms.get(board.id as never)!.doc.getMap('notes').size === 2, 'setup stored');

    const a = await newPage(e2e.browser, DESKTOP);
    const b = await newPage(e2e.browser, DESKTOP);
    for (const [p, name, team] of [[a.page, 'Mouse Maria', 'MPUSD'], [b.page, 'Keyboard Kai', 'LBUSD']] as const) {
      await joinAs(p, srv.url, board.joinCode, name, team, board.id);
      await p.locator(`[data-testid="cluster"][data-cluster-id="${grading}"]`).waitFor();
    }

    // B starts a keyboard drag while A drags with the mouse.
    const note = b.page.locator(`[data-note-id="${byKeys}"]`);
    const nb = (await note.boundingBox())!;
    const gb = (await b.page.locator(`[data-cluster-id="${grading}"]`).boundingBox())!;
    await note.focus();
    await b.page.keyboard.press('Space');

    const fa = (await a.page.locator(`[data-note-id="${byMouse}"]`).boundingBox())!;
    const sb = (await a.page.locator(`[data-cluster-id="${staff}"]`).boundingBox())!;
    const from = { x: fa.x + fa.width / 2, y: fa.y + fa.height / 2 };
    const to = { x: sb.x + sb.width * 0.5, y: sb.y + sb.height * 0.6 };
    await a.page.mouse.move(from.x, from.y);
    await a.page.mouse.down();
    // Keyboard steps: aim for the middle of the grading category.
    const dx = gb.x + gb.width / 2 - (nb.x + nb.width / 2);
    const dy = gb.y + gb.height / 2 - (nb.y + nb.height / 2);
    const keys = [...Array(Math.max(0, Math.round(dx / 160))).fill('Shift+ArrowRight'), ...Array(Math.max(0, Math.round(dy / 160))).fill('Shift+ArrowDown')];
    const steps = Math.max(10, keys.length);
    for (let i = 1; i <= steps; i++) {
      const k = Math.min(1, i / 10);
      await a.page.mouse.move(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k);
      if (keys[i - 1]) await b.page.keyboard.press(keys[i - 1]!);
    }
    await a.page.mouse.up();
    await b.page.keyboard.press('Space');

    await expect.poll(async () => (await grouping(a.page))[byMouse], { timeout: 10_000 }).toBe(staff);
    await expect.poll(async () => (await grouping(a.page))[byKeys], { timeout: 10_000 }).toBe(grading);
    await expect.poll(async () => JSON.stringify(await grouping(b.page)), { timeout: 10_000 }).toBe(JSON.stringify(await grouping(a.page)));
    await screenshot(a.page, 'clusters-1280x800');

    await a.page.getByTestId('view-outline').click();
    await b.page.getByTestId('view-outline').click();
    await a.page.getByTestId('outline').waitFor();
    await b.page.getByTestId('outline').waitFor();
    const [oa, ob] = [await outline(a.page), await outline(b.page)];
    expect(oa).toEqual(ob);
    expect(oa.find((l) => l.startsWith('Staff sense of belonging'))).toContain(byMouse);
    expect(oa.find((l) => l.startsWith('Mastery-based grading'))).toContain(byKeys);
    await screenshot(b.page, 'outline-1280x800');
    fac.destroy();
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('a category made on a phone is brought into view, whole and large enough to name', async () => {
    const { srv } = e2e;
    const board = await createBoard(srv.url, 'Phone categories', [{ id: 'mpusd', name: 'MPUSD' }]);
    await command(srv.url, board, { type: 'setPhase', phase: 'cluster' });
    const fac = connectClient(srv.wsUrl, board);
    await waitSynced(fac);
    // Categories around the middle, so the new one must go beside them, off a phone's screen.
    for (const [i, name] of ['Advisory', 'Grading', 'Belonging'].entries()) {
      createCluster(fac.doc, { name, pos: { x: -700 + i * 700, y: -300 }, createdBy: 'facilitator' });
    }
    const phone = await newPage(e2e.browser, PHONE, { mobile: true });
    await joinAs(phone.page, srv.url, board.joinCode, 'Beto', 'MPUSD', board.id);
    await phone.page.locator('[data-testid="cluster"]').nth(2).waitFor();
    await phone.page.getByTestId('add-cluster').click();
    const made = phone.page.locator('[data-testid="cluster"]:has(input:focus), [data-testid="cluster"]:has(textarea:focus)');
    await made.waitFor({ timeout: 10_000 });
    await phone.page.waitForTimeout(300); // the camera moves with the next frame
    const box = (await made.boundingBox())!;
    const canvas = (await phone.page.getByTestId('canvas').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(canvas.x - 1);
    expect(box.y).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
    // The board opened framed whole, far too small to type a name into: the new one fills the width.
    expect(box.width).toBeGreaterThan(canvas.width * 0.6);
    await screenshot(phone.page, 'category-made-on-phone-390x844');
    fac.destroy();
    await phone.context.close();
  });
});
