// Browser test: the standalone harness page (build/harness, made by
// `npm run build`) in headless Chromium, driven by playwright-core. It types a
// question, previews and pins the LogQL, checks what is on screen and what
// the editor gave Grafana, and saves screenshots to test-results/.
//
// Chromium is Debian's (`scripts/install-browser.sh`); nothing is downloaded.
// Without a chromium binary the tests are skipped with a message.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { findChromium, serve } from './support.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FRONTEND = path.resolve(HERE, '../..');
const HARNESS = path.join(FRONTEND, 'build/harness');
const RESULTS = path.join(FRONTEND, 'test-results');

const REUSABLE =
  'sum by (ip) (count_over_time({app="sshd"} |= "Failed password" | regexp `from (?P<ip>\\S+)` [$__range]))';

const chromium = findChromium();
if (!chromium) {
  console.log('SKIP: no chromium binary found (install it with scripts/install-browser.sh, or set CHROMIUM_PATH)');
}
if (chromium && !existsSync(path.join(HARNESS, 'index.html'))) {
  throw new Error(`no harness page in ${HARNESS}: run "npm run build" first`);
}

describe('AskLoki editors in headless Chromium', { skip: !chromium && 'no chromium binary found' }, () => {
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
    const { chromium: launcher } = await import('playwright-core');
    server = await serve(HARNESS);
    browser = await launcher.launch({
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // Only the harness server: nothing leaves the machine.
    await page.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()
    );
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        pageErrors.push(m.text());
      }
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.getByRole('textbox', { name: 'Question' }).waitFor({ timeout: 30000 });
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  test('the harness renders both editors without errors', async () => {
    assert.ok(await page.getByTestId('askloki-query-editor').isVisible());
    assert.ok(await page.getByTestId('askloki-config-editor').isVisible());
    assert.deepEqual(
      pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      []
    );
  });

  test('Shift+Enter runs the typed question and shows the answer', async () => {
    const box = page.getByRole('textbox', { name: 'Question' });
    await box.click();
    await box.pressSequentially('which IPs failed SSH logins most often?');
    await box.press('Shift+Enter');
    const answer = page.getByTestId('askloki-answer');
    await answer.waitFor();
    assert.match(await answer.innerText(), /203\.0\.113\.7 failed SSH logins most often/);
    assert.match(
      await page.getByRole('list', { name: 'Cited lines' }).innerText(),
      /Failed password for root from 203\.0\.113\.7/
    );
    const state = await page.evaluate(() => window.askloki);
    assert.equal(state.runs, 1);
    assert.equal(state.queries.at(-1).question, 'which IPs failed SSH logins most often?');
  });

  test('Preview LogQL shows the generated query, highlighted', async () => {
    await page.getByRole('button', { name: 'Preview LogQL' }).click();
    const preview = page.getByTestId('askloki-generated-logql');
    await preview.waitFor();
    assert.equal((await preview.innerText()).trim(), REUSABLE);
    const variable = preview.locator('[data-kind="variable"]');
    assert.equal(await variable.innerText(), '$__range');
    const colours = await preview
      .locator('[data-kind]')
      .evaluateAll((spans) => [...new Set(spans.map((s) => getComputedStyle(s).color))].length);
    assert.ok(colours >= 4, `the preview uses ${colours} colours`);
    const calls = await page.evaluate(() => window.askloki.calls);
    const generate = calls.find((c) => c.url.endsWith('/resources/generate'));
    assert.equal(generate.method, 'POST');
    assert.equal(generate.data.question, 'which IPs failed SSH logins most often?');
    await page.screenshot({ path: path.join(RESULTS, 'query-editor-preview.png'), fullPage: true });
  });

  test('Pin LogQL pins the query: on screen and in the query model', async () => {
    await page.getByRole('button', { name: 'Pin LogQL' }).click();
    const pinned = page.getByTestId('askloki-pinned-logql');
    await pinned.waitFor();
    assert.equal((await pinned.innerText()).trim(), REUSABLE);
    assert.ok(await page.getByText('Pinned LogQL', { exact: true }).isVisible());
    const state = await page.evaluate(() => window.askloki);
    assert.equal(state.queries.at(-1).logql, REUSABLE);
    assert.equal(state.queries.at(-1).question, 'which IPs failed SSH logins most often?');
    assert.equal(state.runs, 2);
    assert.match(await page.getByTestId('harness-query-model').innerText(), /"logql": "sum by \(ip\)/);
    // The answer now comes from the pinned query.
    assert.ok(await page.getByTestId('askloki-answer').getByText('pinned query').isVisible());
    const href = await page.getByRole('link', { name: 'Open in Loki' }).first().getAttribute('href');
    assert.match(href, /^\/explore\?schemaVersion=1&panes=/);
    await page
      .getByRole('region', { name: 'Query editor' })
      .screenshot({ path: path.join(RESULTS, 'query-editor-pinned.png') });
  });

  test('the config editor shows the knowledge base and rebuilds it', async () => {
    const knowledge = page.getByTestId('askloki-knowledge');
    await knowledge.getByText('128 templates over 52000 lines').waitFor();
    await knowledge.getByRole('button', { name: 'Rebuild knowledge base' }).click();
    await page.waitForFunction(() => window.askloki.calls.some((c) => c.url.endsWith('/resources/knowledge/rebuild')));
    await page.getByRole('textbox', { name: /^Tenant/ }).fill('team-a');
    const settings = await page.evaluate(() => window.askloki.settings);
    assert.equal(settings.jsonData.tenant, 'team-a');
    assert.ok(await page.getByRole('textbox', { name: /^API key/ }).isDisabled(), 'the stored key stays write-only');
    await page.screenshot({ path: path.join(RESULTS, 'editors.png'), fullPage: true });
    assert.ok(existsSync(path.join(RESULTS, 'editors.png')));
    assert.deepEqual(
      pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      []
    );
  });
});
