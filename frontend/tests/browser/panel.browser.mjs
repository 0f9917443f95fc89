// Browser test: the answer panel on its harness page (build/harness/panel.html)
// in headless Chromium, rendered from real backend responses
// (harness/fixtures/answers.json, written by tests/it/plugin_answer.rs): a
// number, series, logs, a long written answer and an error. It checks that
// the answer, the LogQL and the evidence are on screen, that a long answer
// scrolls inside the panel, and saves screenshots to test-results/ (copies
// are kept in tests/browser/screenshots/).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { findChromium, serve } from './support.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FRONTEND = path.resolve(HERE, '../..');
const HARNESS = path.join(FRONTEND, 'build/harness');
const RESULTS = path.join(FRONTEND, 'test-results');
const FIXTURES = JSON.parse(readFileSync(path.join(FRONTEND, 'harness/fixtures/answers.json'), 'utf8'));

/** A field's first value in the answer frame of a refId's fixture. */
function answerField(refId, name) {
  const frame = FIXTURES.results[refId].frames.find((f) => f.schema.name === 'answer');
  const i = frame.schema.fields.findIndex((f) => f.name === name);
  return i < 0 ? undefined : frame.data.values[i][0];
}

const chromium = findChromium();
if (!chromium) {
  console.log('SKIP: no chromium binary found (install it with scripts/install-browser.sh, or set CHROMIUM_PATH)');
}
if (chromium && !existsSync(path.join(HARNESS, 'panel.html'))) {
  throw new Error(`no panel harness page in ${HARNESS}: run "npm run build" first`);
}

describe('the answer panel in headless Chromium', { skip: !chromium && 'no chromium binary found' }, () => {
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
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
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
    await page.goto(`http://127.0.0.1:${server.address().port}/panel.html`);
    await page.getByTestId('case-number').getByTestId('askloki-panel-answer').waitFor({ timeout: 30000 });
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  test('a number: the value and its unit, the answer, the LogQL', async () => {
    const panel = page.getByTestId('case-number');
    const value = answerField('number', 'value');
    assert.equal(typeof value, 'number');
    assert.equal(
      (await panel.getByTestId('askloki-answer-value').innerText()).replace(/\s+/g, ' '),
      `${value.toLocaleString('en-US')} lines`
    );
    assert.equal(
      (await panel.getByTestId('askloki-answer-text').innerText()).trim(),
      answerField('number', 'answer').trim()
    );
    assert.equal((await panel.getByTestId('askloki-panel-logql').innerText()).trim(), answerField('number', 'logql'));
    assert.ok(await panel.getByRole('button', { name: 'Copy LogQL' }).isVisible());
    const href = await panel.getByRole('link', { name: 'Open in Explore' }).getAttribute('href');
    const pane = JSON.parse(decodeURIComponent(href.split('panes=')[1])).askloki;
    assert.equal(pane.datasource, 'askloki');
    assert.equal(pane.queries[0].question, answerField('number', 'question'));
    await panel.screenshot({ path: path.join(RESULTS, 'answer-panel-number.png') });
  });

  test('series and logs: the evidence below the answer', async () => {
    const series = page.getByTestId('case-series');
    const seriesEvidence = series.getByTestId('askloki-evidence-renderer');
    assert.equal(await seriesEvidence.getAttribute('data-plugin-id'), 'timeseries');
    assert.ok(await seriesEvidence.locator('[role="table"]').isVisible());
    await series.screenshot({ path: path.join(RESULTS, 'answer-panel-series.png') });

    const logs = page.getByTestId('case-logs');
    const logsEvidence = logs.getByTestId('askloki-evidence-renderer');
    assert.equal(await logsEvidence.getAttribute('data-plugin-id'), 'logs');
    assert.match(await logsEvidence.innerText(), /Failed password/);
    assert.equal((await logs.getByTestId('askloki-panel-logql').innerText()).trim(), answerField('logs', 'logql'));
    await logs.screenshot({ path: path.join(RESULTS, 'answer-panel-logs.png') });
  });

  test('a long written answer: cited lines with times and labels, scrolling inside the panel', async () => {
    const panel = page.getByTestId('case-long');
    const cited = panel.getByTestId('askloki-cited-lines');
    assert.equal(await cited.locator('li').count(), answerField('long', 'cited'));
    assert.match(await cited.innerText(), /filename=sshd\.log/);
    assert.match(await cited.innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const scroll = panel.getByTestId('askloki-answer-panel');
    const { scrollHeight, clientHeight } = await scroll.evaluate((e) => ({
      scrollHeight: e.scrollHeight,
      clientHeight: e.clientHeight,
    }));
    assert.ok(scrollHeight > clientHeight * 2, `scrolls: ${scrollHeight} in ${clientHeight}`);
    await panel.screenshot({ path: path.join(RESULTS, 'answer-panel-long.png') });
    await scroll.evaluate((e) => e.scrollTo(0, e.scrollHeight));
    assert.ok(await panel.getByTestId('askloki-evidence').isVisible());
    await panel.screenshot({ path: path.join(RESULTS, 'answer-panel-long-scrolled.png') });
  });

  test('an error: what went wrong, and no answer', async () => {
    const panel = page.getByTestId('case-error');
    const error = panel.getByTestId('askloki-answer-error');
    assert.equal((await error.locator('div').last().innerText()).length > 0, true);
    assert.match(
      await error.innerText(),
      new RegExp(FIXTURES.results.error.error.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    );
    assert.equal(await panel.getByTestId('askloki-panel-answer').count(), 0);
    await panel.screenshot({ path: path.join(RESULTS, 'answer-panel-error.png') });
    await page.screenshot({ path: path.join(RESULTS, 'answer-panel.png'), fullPage: true });
    assert.deepEqual(
      pageErrors.filter((e) => !/Failed to load resource/.test(e)),
      []
    );
  });
});
