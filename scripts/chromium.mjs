// Debian's Chromium for playwright-core: the tests and scripts never download a browser.
// TRACKPLAN_CHROMIUM overrides the path; the real binary is preferred to the launcher script,
// which prints a shell warning on every start.
import fs from 'node:fs';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  const wanted = process.env.TRACKPLAN_CHROMIUM;
  if (wanted) return wanted;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export async function launch() {
  const { chromium } = await import('playwright-core');
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium (or set TRACKPLAN_CHROMIUM).');
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}
