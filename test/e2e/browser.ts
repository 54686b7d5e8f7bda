/** End-to-end harness: the real server (serving the built client) on port 0 and real Chromium. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const PROJECTOR = { width: 1920, height: 1080 };

export async function startE2eServer() {
  const dist = join(process.cwd(), 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('client not built: run `npm run build` (npm run test:e2e does)');
  return startTestServer({ staticDir: dist, host: '127.0.0.1' });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function newPage(browser: Browser, viewport = DESKTOP, opts: { mobile?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
    deviceScaleFactor: 1,
    locale: opts.locale ?? 'en-US',
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Start a server and a browser for the tests of one file (register inside a describe). */
export function e2eSession(): { srv: Awaited<ReturnType<typeof startE2eServer>>; browser: Browser } {
  const ctx = {} as { srv: Awaited<ReturnType<typeof startE2eServer>>; browser: Browser };
  beforeAll(async () => {
    ctx.srv = await startE2eServer();
    ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.srv?.cleanup();
  });
  return ctx;
}

/** Resolve once the page's socket is connected (the status element may be visually hidden). */
export const connected = (page: Page): Promise<void> =>
  page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ state: 'attached', timeout: 15_000 });

export const noteWithText = (page: Page, text: string) => page.getByTestId('note').filter({ hasText: text });

/**
 * Join a board that has teams with its join link, as a participant with a team. The page looks
 * the code up by itself and then asks for a team; submitting before that lookup is done would race it.
 */
export async function joinAs(p: Page, base: string, code: string, name: string, teamLabel: string, boardId: string): Promise<void> {
  await p.goto(`${base}/join/${code}`);
  await p.getByTestId('join-name').fill(name);
  const select = p.getByTestId('join-team');
  await select.waitFor({ timeout: 15_000 });
  await select.selectOption({ label: teamLabel });
  await p.getByTestId('join-submit').click();
  await p.waitForURL(`**/b/${boardId}`);
  await connected(p);
}
