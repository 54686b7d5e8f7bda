/**
 * Join by code and roles in real Chromium: a facilitator creates a board and sets it up, a
 * participant joins with the code on a phone, picks a name and team and posts a note; the
 * projector shows it and has no editing controls.
 */
import { describe, expect, it } from 'vitest';
import { connected, DESKTOP, e2eSession, newPage, PHONE, PROJECTOR, screenshot } from './browser.js';

describe('join by code, roles, projector', () => {
  const e2e = e2eSession();

  it('facilitator sets up, a phone participant joins and posts, the projector shows it read-only', async () => {
    const fac = await newPage(e2e.browser, DESKTOP);
    await fac.page.goto(e2e.srv.url);
    await fac.page.getByTestId('new-board').click();
    await fac.page.waitForURL(/\/b\/[A-Za-z0-9]{12}$/);
    await connected(fac.page);

    // Teams: the districts taking part.
    await fac.page.getByTestId('teams-open').click();
    for (const name of ['Monterey Peninsula', 'Mastery Charter']) {
      await fac.page.getByTestId('team-add').click();
      await fac.page.getByTestId('team-name').last().fill(name);
    }
    await fac.page.getByTestId('teams-save').click();
    await fac.page.getByTestId('teams-editor').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);

    // Brainstorm phase, so participants may post.
    await fac.page.locator('select[data-testid="phase"]').selectOption('brainstorm');
    await fac.page.locator('[data-testid="phase"][data-phase="brainstorm"]').first().waitFor();

    // The join code and the projector link, from the share panel.
    await fac.page.getByTestId('share-open').click();
    const code = (await fac.page.getByTestId('share-join-code').innerText()).replace(/\s+/g, '');
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{6}$/);
    const projectorHref = await fac.page.getByTestId('open-projector').getAttribute('href');
    expect(projectorHref).toMatch(/\/p\/[A-Za-z0-9]{12}#k=/);
    await screenshot(fac.page, 'share-panel-1280x800');
    await fac.page.keyboard.press('Escape');

    // A participant on a phone joins with the code, picks a name and a team, posts a note.
    const phone = await newPage(e2e.browser, PHONE, { mobile: true });
    await phone.page.goto(`${e2e.srv.url}/join`);
    await phone.page.getByTestId('join-code').fill(code.toLowerCase().replace(/^(...)/, '$1 '));
    await phone.page.getByTestId('join-name').fill('Ana');
    await phone.page.getByTestId('join-submit').click();
    const team = phone.page.getByTestId('join-team');
    await team.waitFor({ timeout: 10_000 });
    await team.selectOption({ label: 'Mastery Charter' });
    await phone.page.getByTestId('join-submit').click();
    await phone.page.waitForURL(/\/b\/[A-Za-z0-9]{12}$/);
    await connected(phone.page);
    // A phone is told to tap, not to double-click or press a key.
    expect(await phone.page.locator('.canvas-empty').innerText()).toContain('Tap +');
    await phone.page.getByTestId('add-note').click();
    const editor = phone.page.getByTestId('note-editor');
    await editor.fill('Student design team meets the cabinet monthly');
    await editor.press('Enter');
    await phone.page.getByTestId('note').filter({ hasText: 'Student design team' }).waitFor();
    await phone.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: 15_000 });
    await screenshot(phone.page, 'participant-390x844');

    // The facilitator sees it, with its author and team.
    const onFac = fac.page.getByTestId('note').filter({ hasText: 'Student design team' });
    await onFac.waitFor({ timeout: 10_000 });
    expect(await onFac.innerText()).toContain('Ana');
    expect(await onFac.getByTestId('team-tag').innerText()).toContain('Mastery');

    // The projector shows it and offers no way to change anything.
    const proj = await newPage(e2e.browser, PROJECTOR);
    await proj.page.goto(new URL(projectorHref!, e2e.srv.url).href);
    await proj.page.getByTestId('projector').waitFor();
    await connected(proj.page);
    const onProj = proj.page.getByTestId('note').filter({ hasText: 'Student design team' });
    await onProj.waitFor({ timeout: 10_000 });
    expect(await proj.page.getByTestId('projector-join-code').innerText()).toContain(code.slice(0, 3));
    for (const id of ['add-note', 'delete-note', 'note-editor', 'share-open', 'teams-open', 'lock-toggle', 'undo']) {
      expect(await proj.page.getByTestId(id).count(), id).toBe(0);
    }
    await onProj.click();
    expect(await proj.page.getByTestId('note-editor').count()).toBe(0);
    expect(proj.page.url()).not.toContain('#k=');
    await screenshot(proj.page, 'projector-1920x1080');

    // Nobody sees the projector as a person on the board: the facilitator sees the phone's
    // participant (their own avatar is on their name button, not repeated) and two people here.
    expect(await fac.page.getByTestId('presence-user').count()).toBe(1);
    expect(await fac.page.getByTestId('presence-count').innerText()).toContain('2');
    await Promise.all([fac.context.close(), phone.context.close(), proj.context.close()]);
  });

  it('a board created from the Spanish interface starts with the criteria in Spanish', async () => {
    const fac = await newPage(e2e.browser, DESKTOP);
    await fac.page.goto(e2e.srv.url);
    await fac.page.getByTestId('language').selectOption('es');
    await fac.page.getByTestId('new-board').click();
    await fac.page.waitForURL(/\/b\/[A-Za-z0-9]{12}$/);
    await connected(fac.page);
    await fac.page.getByTestId('share-open').click();
    const projectorHref = await fac.page.getByTestId('open-projector').getAttribute('href');
    // The projector shows the board's criteria while the facilitator frames the session.
    const proj = await newPage(e2e.browser, PROJECTOR);
    await proj.page.goto(new URL(projectorHref!, e2e.srv.url).href);
    await connected(proj.page);
    // (Until the board arrives, a list drawn from the viewer's own defaults may show.)
    const list = proj.page.getByTestId('criteria-list').filter({ hasText: 'Equidad' });
    await list.waitFor({ timeout: 10_000 });
    const text = await list.innerText();
    for (const name of ['Equidad', 'Resiliencia', 'Viabilidad']) expect(text).toContain(name);
    expect(text).not.toContain('Equity');
    await Promise.all([fac.context.close(), proj.context.close()]);
  });
});
