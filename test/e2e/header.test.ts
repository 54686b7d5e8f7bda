/**
 * The header's in-place editors: the facilitator renames the board (Enter saves, Escape keeps
 * the old title) and a participant renames themselves; everyone sees the result.
 */
import { describe, expect, it } from 'vitest';
import { brainstormBoard } from '../helpers/server.js';
import { connected, DESKTOP, e2eSession, newPage } from './browser.js';

describe('renaming in the header', () => {
  const e2e = e2eSession();

  it('renames the board and a participant, and Escape cancels', async () => {
    const board = await brainstormBoard(e2e.srv.url, 'Old title');
    const f = await newPage(e2e.browser, DESKTOP);
    await f.page.goto(`${e2e.srv.url}/b/${board.id}#f=${board.facilitatorToken}`);
    await connected(f.page);
    const title = f.page.getByTestId('board-title');
    await expect.poll(() => title.textContent()).toContain('Old title');

    await title.getByRole('button').click();
    await f.page.getByTestId('title-input').fill('Not this one');
    await f.page.getByTestId('title-input').press('Escape');
    await expect.poll(() => f.page.getByTestId('title-input').count()).toBe(0);
    expect(await title.textContent()).toContain('Old title');

    await title.getByRole('button').click();
    await f.page.getByTestId('title-input').fill('MPUSD: staff and student voice');
    await f.page.getByTestId('title-input').press('Enter');

    // A participant sees the new title and renames themselves.
    const p = await newPage(e2e.browser, DESKTOP);
    await p.page.goto(`${e2e.srv.url}/join/${board.joinCode}`);
    await p.page.getByTestId('join-name').fill('Ana');
    await p.page.getByTestId('join-submit').click();
    await p.page.waitForURL(`**/b/${board.id}`);
    await connected(p.page);
    await expect.poll(() => p.page.getByTestId('board-title').textContent()).toContain('MPUSD: staff and student voice');
    await p.page.getByTestId('edit-name').click();
    await p.page.getByTestId('name-input').fill('Ana María');
    await p.page.getByTestId('name-input').press('Enter');
    await expect.poll(() => p.page.getByTestId('edit-name').textContent()).toContain('Ana María');
    await Promise.all([f.context.close(), p.context.close()]);
  });
});
