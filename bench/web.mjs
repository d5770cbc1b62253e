// bench/web.mjs — `make bench` figures for the web UI:
//   1. JS shipped for the first screen (login, and the dashboard after it with the charts
//      it draws at once and the largest locale file), gzip bytes, from Vite's manifest and
//      as fetched by Chromium — next to the 250 KB budget;
//   2. the partners list: time from the 50-row page's JSON being parsed to its rows in the
//      DOM and to the next frame, in Debian's Chromium, over the 100,000-partner bench
//      database, as the view changes in the app (and, printed beside, on a cold page
//      load) — next to one frame (16.7 ms at 60 Hz).
// usage: node bench/web.mjs BIN DB ADMIN_EMAIL ADMIN_PASSWORD_FILE
import { spawn } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'web/dist');
const [bin, db, email, pwFile] = process.argv.slice(2);
const FRAME_MS = 1000 / 60;
const BUDGET = 250 * 1024;

// ---- 1. first-screen JS ------------------------------------------------------------------
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8'));
const gz = (file) => {
  const p = path.join(DIST, file);
  return existsSync(`${p}.gz`) ? statSync(`${p}.gz`).size : statSync(p).size;
};
function closure(keys, seen = new Set()) {
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    closure(manifest[k].imports ?? [], seen);
  }
  return seen;
}
const jsBytes = (set) => [...set].reduce((n, k) => n + (manifest[k].file.endsWith('.js') ? gz(manifest[k].file) : 0), 0);
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const keyOf = (re) => Object.keys(manifest).find((k) => re.test(k));
const first = closure([entry]);
// What a vendor's first screen after login really loads: the dashboard's code, the
// ECharts build its bars and donuts draw with (loaded as soon as they mount), and the
// messages of a right-to-left language (the largest locale file; English is in the
// entry). The map's chart types and the world geometry load only when the map scrolls
// into view (charts/EChart.tsx), so they are counted apart.
const dashKey = keyOf(/console\/Dashboard\.tsx$/);
const chartsKey = keyOf(/charts\/setup\.ts$/);
const mapKeys = [keyOf(/charts\/setup-map\.ts$/), keyOf(/countries-110m\.json$/), keyOf(/topojson-client/)].filter(Boolean);
const localeKeys = ['fa', 'ar', 'ms'].map((l) => keyOf(new RegExp(`i18n/${l}\\.json$`))).filter(Boolean);
const dash = closure([dashKey, chartsKey].filter(Boolean), new Set(first));
/** The chunks `keys` bring beyond those of `have`. */
const beyond = (keys, have) => new Set([...closure(keys, new Set(have))].filter((k) => !have.has(k)));
const biggestLocale = Math.max(0, ...localeKeys.map((k) => jsBytes(beyond([k], dash))));
const kb = (n) => (n / 1024).toFixed(1);
const loginJs = jsBytes(first);
const dashJs = jsBytes(dash) + biggestLocale;
const mapJs = jsBytes(beyond(mapKeys, dash));
const missing = [dashKey, chartsKey].some((k) => !k) ? ' (a chunk was not found in the manifest: the figure is low)' : '';
console.log(`web_first_screen: ${kb(loginJs)} KB gzipped JS for the login screen, ${kb(dashJs)} KB for the dashboard after login ` +
  `(its code, the ECharts build of its bars and donuts, the largest locale file${missing}; the map loads when scrolled into view: ` +
  `${kb(mapJs)} KB more)   target <= 250 KB: ${dashJs <= BUDGET && !missing ? 'ok' : 'MISS'}`);

// ---- 2. partners list render -------------------------------------------------------------
const chromium = '/usr/bin/chromium';
if (!bin || !db || !existsSync(chromium)) {
  console.log('web_list_render: skipped (needs BIN DB … and /usr/bin/chromium: run make deps)');
  process.exit(0);
}
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium: pw } = require('playwright-core');

const server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
const port = await new Promise((resolve, reject) => {
  let buf = '';
  server.stderr.on('data', (d) => {
    buf += d;
    const m = /"msg":"listening".*?"port":"(\d+)"/.exec(buf);
    if (m) resolve(m[1]);
  });
  server.on('exit', () => reject(new Error(`server exited: ${buf}`)));
});
const base = `http://127.0.0.1:${port}`;
const browser = await pw.launch({
  executablePath: chromium,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Marks the moment the list's JSON is parsed, then the moment 50 rows are in the DOM and
  // the frame after it.
  await page.addInitScript(() => {
    const w = window;
    const json = Response.prototype.json;
    Response.prototype.json = async function () {
      const v = await json.call(this);
      if (/\/api\/v1\/partners(\?|$)/.test(new URL(this.url).pathname + new URL(this.url).search) && Array.isArray(v?.items)) {
        const t0 = performance.now();
        const want = v.items.length;
        const done = (tDom) => requestAnimationFrame(() => {
          w.__cbRender = { data: t0, dom: tDom - t0, frame: performance.now() - t0, rows: want };
        });
        const count = () => document.querySelectorAll('table tbody tr').length;
        const obs = new MutationObserver(() => {
          if (count() >= want) {
            obs.disconnect();
            done(performance.now());
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
      }
      return v;
    };
  });
  // The JS the browser really fetches for the login page and the dashboard after it (in
  // Persian, whose messages are a chunk of their own), without scrolling.
  const fetched = new Set();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/assets/') && u.pathname.endsWith('.js')) fetched.add(u.pathname.slice(1));
  });
  await page.goto(`${base}/login`);
  await page.selectOption('.lang-menu select', 'fa');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', readFileSync(pwFile, 'utf8').trim());
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.waitForSelector('.dash-charts canvas', { timeout: 30000 }).catch(() => {});
  await page.waitForLoadState('networkidle');
  const seen = [...fetched].reduce((n, f) => n + gz(f), 0);
  console.log(`web_first_screen_fetched: ${kb(seen)} KB gzipped JS fetched by Chromium for login + dashboard in fa (${fetched.size} files, no scrolling)   ` +
    `target <= 250 KB: ${seen <= BUDGET ? 'ok' : 'MISS'}`);
  await page.selectOption('.lang-menu select', 'en').catch(() => {});
  const views = ['sort=name', 'sort=-updated', 'sort=tier', 'country=IR', 'status=active&sort=-score', 'type=distributor', 'q=data', 'tier=Gold', 'sort=created', 'country=MY&sort=name'];
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const max = (a) => Math.max(...a);
  // in the app: the view changes as a click on a sort header or a filter does (history +
  // popstate, which the router follows), the page and its styles already in place
  const measure = async (go) => {
    const dom = [];
    const frame = [];
    for (let round = 0; round < 2; round++) {
      for (const v of views) {
        await page.evaluate(() => { window.__cbRender = undefined; });
        await go(`/partners?${v}`);
        const r = await page.waitForFunction(() => window.__cbRender, null, { timeout: 15000 }).then((h) => h.jsonValue());
        if (round > 0) {
          dom.push(r.dom);
          frame.push(r.frame);
        }
      }
    }
    return { dom, frame };
  };
  await page.goto(`${base}/partners?status=prospect`); // a view none of the measured ones equals
  await page.waitForSelector('table tbody tr');
  const spa = await measure((url) => page.evaluate((u) => {
    history.pushState(null, '', u);
    dispatchEvent(new PopStateEvent('popstate'));
  }, url));
  // a cold load of the page (scripts, styles and fonts compete with the first render)
  const cold = await measure((url) => page.goto(`${base}${url}`));
  console.log(`web_list_render: 50 rows in the DOM ${med(spa.dom).toFixed(1)} ms median, ${max(spa.dom).toFixed(1)} ms max after the JSON is parsed; ` +
    `next frame ${med(spa.frame).toFixed(1)} ms median (${views.length} views in the app, 100,000 partners; on a cold page load ${med(cold.dom).toFixed(1)} ms median, ${max(cold.dom).toFixed(1)} ms max)   ` +
    `target: rows within one frame (${FRAME_MS.toFixed(1)} ms): ${max(spa.dom) <= FRAME_MS ? 'ok' : 'MISS'}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
