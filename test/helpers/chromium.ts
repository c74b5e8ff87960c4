import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded browser: the CI script installs /usr/bin/chromium
 * (apt: chromium fonts-noto-cjk). Its absence fails the browser tests with that instruction.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-artifacts/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it with "apt-get install -y chromium fonts-noto-cjk" (this test never downloads a browser).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A full-page screenshot saver whose files are named `<prefix><name>.png`. */
export const screenshotter =
  (prefix = '') =>
  (page: Page, name: string) =>
    page.screenshot({ path: resolve(SCREENSHOTS, `${prefix}${name}.png`), fullPage: true });
