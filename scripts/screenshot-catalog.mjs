#!/usr/bin/env node
// The README's pictures of the catalog: the bundled registry's page in Debian's Chromium, a
// search in light and an event page in dark. Run after a change to the page:
//
//   npm run build && node bin/trackplan.js build && node scripts/screenshot-catalog.mjs
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const page = pathToFileURL(path.join(ROOT, 'generated/catalog/index.html')).href;
const shots = [
  { file: 'docs/catalog.png', hash: '#?q=project', colorScheme: 'light' },
  { file: 'docs/catalog-event.png', hash: '#project_created', colorScheme: 'dark' },
];

const browser = await launch();
try {
  for (const shot of shots) {
    const p = await browser.newPage({ viewport: { width: 1100, height: 720 }, colorScheme: shot.colorScheme, deviceScaleFactor: 1 });
    await p.goto(page + shot.hash);
    await p.waitForSelector('html[data-complete]');
    await p.screenshot({ path: path.join(ROOT, shot.file) });
    await p.close();
    console.log(shot.file);
  }
} finally {
  await browser.close();
}
