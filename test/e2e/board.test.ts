/**
 * The board foundation in real Chromium: two people on one board see each other's notes and
 * moves live, a reload keeps everything, and an edit made offline merges when the network returns.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addNote as seedNote } from '../../shared/notes.js';
import { MSG_SYNC_DEFLATED } from '../../shared/protocol.js';
import { createBoard as createWithTokens } from '../../server/boards.js';
import { TOUCH_DRAG_DELAY_MS } from '../../client/board/sensors.js';
import { brainstormBoard, connectClient, createBoard, waitSynced, type TestBoard } from '../helpers/server.js';
import { connected, DESKTOP, e2eSession, newPage, noteWithText, PHONE, screenshot } from './browser.js';

const pos = (note: Locator) => note.evaluate((el) => [parseFloat((el as HTMLElement).style.left), parseFloat((el as HTMLElement).style.top)]);

async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-note').click();
  const editor = page.getByTestId('note-editor');
  await editor.waitFor();
  await editor.fill(text);
  await editor.press('Enter');
  await noteWithText(page, text).waitFor();
}

async function joinAs(page: Page, baseUrl: string, board: TestBoard, name: string): Promise<void> {
  await page.goto(`${baseUrl}/join/${board.joinCode}`);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await page.waitForURL(`**/b/${board.id}`);
  await connected(page);
}

describe('a live board in two browsers', () => {
  const e2e = e2eSession();

  it('posts, drags, reloads and merges an offline edit', async () => {
    const board = await brainstormBoard(e2e.srv.url, 'MPUSD: How might we engage students and staff?');
    const a = await newPage(e2e.browser, DESKTOP);
    const b = await newPage(e2e.browser, DESKTOP);

    // A is a participant who joined with the code; B is the facilitator (who may move any note).
    await joinAs(a.page, e2e.srv.url, board, 'Ana');
    await b.page.goto(`${e2e.srv.url}/b/${board.id}#f=${board.facilitatorToken}`);
    await connected(b.page);
    // The secret link is stored and taken out of the address bar (it would show on a projector).
    expect(b.page.url()).not.toContain('#f=');

    const text = 'Student advisory councils in every school';
    await addNote(a.page, text);
    const inB = noteWithText(b.page, text);
    await inB.waitFor({ timeout: 10_000 });
    await a.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();

    // B drags the note with the mouse; A sees it move.
    const [ax0, ay0] = await pos(noteWithText(a.page, text));
    const box = (await inB.boundingBox())!;
    await b.page.mouse.move(box.x + box.width / 2, box.y + box.height - 12);
    await b.page.mouse.down();
    for (let i = 1; i <= 10; i++) await b.page.mouse.move(box.x + box.width / 2 + i * 24, box.y + box.height - 12 + i * 12);
    await b.page.mouse.up();
    await expect.poll(async () => pos(noteWithText(a.page, text)), { timeout: 10_000 }).toEqual([ax0! + 240, ay0! + 120]);
    expect(await pos(inB)).toEqual([ax0! + 240, ay0! + 120]);
    await screenshot(b.page, 'board-1280x800');

    // A movable note is described by the board's hidden "how to move" text, which is in the page once.
    const described = await inB.evaluate((el) => {
      const target = document.getElementById(el.getAttribute('aria-describedby') ?? '');
      const text = target?.textContent?.trim() ?? '';
      const copies = [...document.querySelectorAll('body *')].filter((n) => n.children.length === 0 && n.textContent?.trim() === text).length;
      return { text, copies };
    });
    expect(described.text).toMatch(/space/i);
    expect(described.copies).toBe(1);

    // Both reload: the board is intact.
    await Promise.all([a.page.reload(), b.page.reload()]);
    for (const p of [a.page, b.page]) {
      await noteWithText(p, text).waitFor({ timeout: 10_000 });
      expect(await pos(noteWithText(p, text))).toEqual([ax0! + 240, ay0! + 120]);
    }
    await connected(a.page);

    // A goes offline, edits, comes back: the edit merges.
    await a.context.setOffline(true);
    await a.page.locator('[data-testid="connection-status"]:not([data-status="connected"])').waitFor({ timeout: 15_000 });
    await noteWithText(a.page, text).getByTestId('note-text').click();
    const editor = a.page.getByTestId('note-editor');
    await editor.fill(`${text}, elected by students`);
    await editor.press('Enter');
    await a.page.locator('[data-testid="save-status"][data-state="offline"]').waitFor();
    await b.page.waitForTimeout(500);
    expect(await noteWithText(b.page, 'elected by students').count()).toBe(0);
    await a.context.setOffline(false);
    await noteWithText(b.page, 'elected by students').waitFor({ timeout: 20_000 });
    await a.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: 20_000 });

    const phone = await newPage(e2e.browser, PHONE, { mobile: true });
    await joinAs(phone.page, e2e.srv.url, board, 'Sam');
    await noteWithText(phone.page, 'elected by students').waitFor();
    await screenshot(phone.page, 'board-390x844');

    // Sam posts a note on the phone and moves it by touch (press, hold, drag); B sees it land.
    const tutoring = 'Peer tutoring at lunch';
    await addNote(phone.page, tutoring);
    const mine = noteWithText(phone.page, tutoring);
    await phone.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    const [sx0, sy0] = await pos(mine);
    const zoom = await phone.page.locator('[data-board-layer]').evaluate((el) => parseFloat(getComputedStyle(el).getPropertyValue('--zoom')));
    const grab = (await mine.getByTestId('note-text').boundingBox())!;
    const cdp = await phone.context.newCDPSession(phone.page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const [tx, ty] = [grab.x + grab.width / 2, grab.y + grab.height / 2];
    await touch('touchStart', tx, ty);
    await phone.page.waitForTimeout(TOUCH_DRAG_DELAY_MS + 250); // past the press that tells a drag from a swipe
    for (let i = 1; i <= 8; i++) {
      await touch('touchMove', tx + i * 5, ty + i * 10);
      await phone.page.waitForTimeout(20);
    }
    await touch('touchEnd', tx + 40, ty + 80);
    // 40 and 80 screen pixels, in board units at the phone's zoom (the drop rounds to whole units).
    const moved = async () => {
      const [x, y] = await pos(mine);
      return Math.abs((x! - sx0!) * zoom - 40) <= zoom + 0.5 && Math.abs((y! - sy0!) * zoom - 80) <= zoom + 0.5;
    };
    await expect.poll(moved, { timeout: 10_000 }).toBe(true);
    const landed = await pos(mine);
    await expect.poll(() => pos(noteWithText(b.page, tutoring)), { timeout: 10_000 }).toEqual(landed);
    await Promise.all([a.context.close(), b.context.close(), phone.context.close()]);
  });

  it('a first visit to a deleted board says so, and one with a token from before a reset asks to join again; neither keeps a copy', async () => {
    const dbs = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    const deleted = await brainstormBoard(e2e.srv.url, 'Deleted before anyone came');
    await e2e.srv.store.delete(deleted.id as never);
    const a = await newPage(e2e.browser, DESKTOP);
    await a.page.goto(`${e2e.srv.url}/b/${deleted.id}#f=${deleted.facilitatorToken}`);
    await expect.poll(() => a.page.getByTestId('problem').getAttribute('data-problem'), { timeout: 10_000 }).toBe('not-found');
    // (y-indexeddb deletes a database after it reports the copy cleared.)
    await expect.poll(async () => (await dbs(a.page)).filter((n) => n.includes(deleted.id))).toEqual([]);
    await a.context.close();

    const reset = await brainstormBoard(e2e.srv.url, 'Reset for a new session');
    await e2e.srv.store.delete(reset.id as never);
    await createWithTokens(e2e.srv.store, e2e.srv.signer, { title: 'Reset for a new session' }, reset.id as never);
    const b = await newPage(e2e.browser, DESKTOP);
    await b.page.goto(`${e2e.srv.url}/b/${reset.id}#f=${reset.facilitatorToken}`);
    await b.page.getByTestId('join-name').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await dbs(b.page)).filter((n) => n.includes(reset.id))).toEqual([]);
    await screenshot(b.page, 'board-token-before-reset');
    await b.context.close();
  });

  it('the facilitator deletes the board: everyone on it is told, and no device keeps a copy', async () => {
    const dbs = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    const board = await createBoard(e2e.srv.url, 'Delete me after the workshop');
    const fac = await newPage(e2e.browser, DESKTOP);
    await fac.page.goto(`${e2e.srv.url}/b/${board.id}#f=${board.facilitatorToken}`);
    await connected(fac.page);
    const phone = await newPage(e2e.browser, PHONE, { mobile: true });
    await joinAs(phone.page, e2e.srv.url, board, 'Beto');
    await expect.poll(async () => (await dbs(phone.page)).filter((n) => n.includes(board.id)).length).toBeGreaterThan(0);

    await fac.page.getByTestId('share-open').click();
    await fac.page.getByTestId('delete-board-open').click();
    await fac.page.getByTestId('delete-board-confirm').scrollIntoViewIfNeeded();
    await screenshot(fac.page, 'delete-board-1280x800');
    await fac.page.getByTestId('delete-board-confirm').click();
    // The facilitator is taken home; the board is gone from the server and from both devices.
    await fac.page.getByTestId('new-board').waitFor({ timeout: 10_000 });
    await expect.poll(() => phone.page.getByTestId('problem').getAttribute('data-problem'), { timeout: 10_000 }).toBe('not-found');
    expect((await fetch(`${e2e.srv.url}/api/boards/${board.id}`)).status).toBe(404);
    for (const p of [fac.page, phone.page]) await expect.poll(async () => (await dbs(p)).filter((n) => n.includes(board.id))).toEqual([]);
    expect(await fac.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('charrette:access:') || k.startsWith('charrette:projector:')))).toEqual([]);
    await screenshot(phone.page, 'board-deleted-390x844');
    await Promise.all([fac.context.close(), phone.context.close()]);
  });

  it('opens a large board that arrives compressed', async () => {
    const board = await brainstormBoard(e2e.srv.url, 'A board of 300 ideas');
    const seeder = connectClient(e2e.srv.wsUrl, board);
    await waitSynced(seeder);
    seeder.doc.transact(() => {
      for (let i = 0; i < 300; i++) {
        seedNote(seeder.doc, { text: `Idea ${i}: student voice circles`, pos: { x: (i % 20) * 230, y: Math.floor(i / 20) * 160 }, author: 'facilitator', authorName: 'Fa' });
      }
    });
    await e2e.srv.hub.drain();
    seeder.destroy();

    const f = await newPage(e2e.browser, DESKTOP);
    const firstBytes: number[] = [];
    const sockets: string[] = [];
    f.page.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' && payload.length > 0) firstBytes.push(payload[0]!);
      });
    });
    await f.page.goto(`${e2e.srv.url}/b/${board.id}#f=${board.facilitatorToken}`);
    await connected(f.page);
    await expect.poll(() => f.page.getByTestId('note').count(), { timeout: 20_000 }).toBe(300);
    expect(firstBytes).toContain(MSG_SYNC_DEFLATED);
    // A first visit opens its socket before the page renders, and the board view keeps that one.
    expect(sockets).toHaveLength(1);
    await noteWithText(f.page, 'Idea 299: student voice circles').waitFor({ state: 'attached' });

    // Fitted, 300 notes are too small for bylines and corner buttons: they are drawn compact…
    await screenshot(f.page, 'board-300-notes-fitted');
    const notes = f.page.getByTestId('note');
    expect(await f.page.locator('.note-author').count()).toBe(0);
    expect(await f.page.getByTestId('move-to').count()).toBe(0);
    // …except the note in hand: selected, it has everything, and its tools are screen-sized.
    const idea = noteWithText(f.page, 'Idea 0: student voice circles');
    // Focus selects without editing (a click would also open the editor, at reading size).
    await idea.focus();
    await expect.poll(() => idea.locator('.note-author').count()).toBe(1);
    expect(await idea.getByTestId('delete-note').count()).toBe(1);
    const tools = await f.page.getByTestId('move-to-tools').boundingBox();
    expect(tools!.height).toBeGreaterThan(20);
    await screenshot(f.page, 'board-300-notes-selected');
    // At reading size every note shows its author and its buttons again.
    await f.page.keyboard.press('Escape');
    await f.page.getByTestId('zoom-reset').click();
    await expect.poll(() => f.page.locator('.note-author').count()).toBe(await notes.count());
    await screenshot(f.page, 'board-300-notes-100');
    await f.context.close();
  });
});
