// The editors' report as an editor meets it: loclint's HTML report opened in Debian's headless
// Chromium, offline, through playwright-core (never a downloaded browser).
//
//   LOCLINT=target/release/loclint node tests/browser/report.test.mjs
//
// Checks, on the report of fixtures/: the heatmap's counts are the run's; choosing a locale hides
// the others; Arabic and Hebrew translations are laid out right to left; the hostile markup
// planted in fixtures/fr-hostile-markup runs nothing and shows as text; no console error and no
// request leaves the file. On the seed group: both translations beside the source, the pasted run
// of ten blocks marked duplicated, each finding marked where it is. On the largest corpus in
// ../shared/corpora: the page opens and filters; the times are printed for docs/report.md.
// Screenshots go to $REPORT_SCREENSHOTS (default: a temporary folder).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const root = resolve(new URL("../..", import.meta.url).pathname);
const loclint = resolve(root, process.env.LOCLINT ?? "target/release/loclint");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const out = mkdtempSync(join(tmpdir(), "loclint-report-"));
const shots = process.env.REPORT_SCREENSHOTS ?? out;
mkdirSync(shots, { recursive: true });

/** Runs loclint in `cwd`; findings (1) are expected, trouble (2) is not. */
function run(cwd, args) {
  const result = spawnSync(loclint, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  assert.ok(result.status === 0 || result.status === 1, `loclint ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function report(cwd, paths, name) {
  const file = join(out, `${name}.html`);
  const started = performance.now();
  run(cwd, ["check", ...paths, "--no-config", "--format", "html", "--output", file]);
  const seconds = (performance.now() - started) / 1000;
  return { file, seconds, bytes: statSync(file).size };
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
let failures = 0;

async function open(file) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`request: ${request.url()}`);
  });
  const started = performance.now();
  await page.goto(`file://${file}`, { waitUntil: "load" });
  const loaded = (performance.now() - started) / 1000;
  return { page, problems, loaded };
}

async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    failures++;
    console.log(`not ok - ${name}\n${error.stack ?? error}`);
  }
}

// --- The fixtures ---------------------------------------------------------------------------
const fixtures = report(root, ["fixtures"], "fixtures");
const json = JSON.parse(run(root, ["check", "fixtures", "--no-config", "--format", "json"]));
const expected = {};
for (const finding of json.findings) {
  expected[finding.locale] ??= {};
  expected[finding.locale][finding.rule] = (expected[finding.locale][finding.rule] ?? 0) + 1;
}
const { page, problems } = await open(fixtures.file);

await check("the heatmap shows the run's counts by locale and rule", async () => {
  const shown = await page.$$eval("#heatmap tbody tr", (rows) =>
    rows.map((row) => ({
      locale: row.dataset.locale,
      cells: [...row.querySelectorAll("td[data-rule]")].map((td) => [td.dataset.rule, td.textContent.trim()]),
    })));
  assert.ok(shown.length > 5, "the heatmap has a row per locale");
  const seen = {};
  for (const row of shown) {
    for (const [rule, text] of row.cells) {
      if (text !== "") {
        seen[row.locale] ??= {};
        seen[row.locale][rule] = Number(text);
      }
    }
  }
  assert.deepEqual(seen, expected);
});

await check("choosing a locale hides the others", async () => {
  await page.selectOption("#f-locale", "ar");
  const visible = await page.$$eval("details.translation", (all) =>
    all.filter((d) => !d.hidden && d.offsetParent !== null).map((d) => d.dataset.locale));
  assert.ok(visible.length > 0, "some Arabic translation is shown");
  assert.ok(visible.every((l) => l === "ar"), `only Arabic is shown: ${visible}`);
  const rows = await page.$$eval("#heatmap tbody tr", (all) =>
    all.filter((r) => r.offsetParent !== null).map((r) => r.dataset.locale));
  assert.deepEqual(rows, ["ar"]);
  await page.click("#f-clear");
  const all = await page.$$eval("details.translation", (d) => d.filter((x) => !x.hidden).length);
  assert.equal(all, await page.$$eval("details.translation", (d) => d.length));
});

await check("Arabic and Hebrew translations are laid out right to left", async () => {
  for (const locale of ["ar", "he"]) {
    const summary = page.locator(`details.translation[data-locale="${locale}"] > summary`).first();
    await summary.click();
    const details = page.locator(`details.translation[data-locale="${locale}"]`).first();
    await details.locator("table.aligned").waitFor();
    const direction = await details.locator("td.tgt .text").first().evaluate((el) => getComputedStyle(el).direction);
    assert.equal(direction, "rtl", `${locale} translation cells`);
    const align = await details.locator("td.tgt").first().evaluate((el) => getComputedStyle(el).textAlign);
    assert.ok(align === "right" || align === "start", `${locale} text aligns to the right: ${align}`);
    const source = await details.locator("td.src .text").first().evaluate((el) => getComputedStyle(el).direction);
    assert.equal(source, "ltr", `${locale}'s English source cells`);
  }
  await page.screenshot({ path: join(shots, "fixtures-rtl.png"), fullPage: false });
});

await check("hostile markup in a translation runs nothing and shows as text", async () => {
  const details = page.locator('details.translation[data-path*="fr-hostile-markup"]');
  await details.locator("summary").click();
  await details.locator("table.aligned").waitFor();
  const text = await details.locator("table.aligned").innerText();
  assert.ok(text.includes("<script>window.loclintPwned = 1</script>"), "the script tag is shown as text");
  assert.ok(text.includes('"><img src=x onerror="window.loclintPwned = 2">'), "the img tag is shown as text");
  assert.ok(text.includes("javascript:window.loclintPwned=3"), "the javascript: link is shown as text");
  assert.equal(await details.locator("table.aligned img, table.aligned script, table.aligned a").count(), 0);
  assert.equal(await page.evaluate(() => window.loclintPwned), undefined);
  await page.screenshot({ path: join(shots, "fixtures-hostile.png"), fullPage: false });
});

await check("the page logs no error and makes no request", async () => {
  assert.deepEqual(problems, []);
});
await page.close();

// --- The seed group ---------------------------------------------------------------------------
const seedDir = resolve(root, "../shared/seeds");
if (existsSync(join(seedDir, "know-your-terminology"))) {
  const seed = report(seedDir, ["know-your-terminology"], "seed");
  const opened = await open(seed.file);
  const seedPage = opened.page;
  await check("the seed group: both translations beside the source, the pasted run marked", async () => {
    const paths = await seedPage.$$eval("details.translation", (all) => all.map((d) => d.dataset.path));
    assert.deepEqual(paths.map((p) => p.split("/").pop()).sort(), ["ar.txt", "hi.txt"]);
    for (const name of ["ar.txt", "hi.txt"]) {
      const details = seedPage.locator(`details.translation[data-path$="${name}"]`);
      await details.locator("summary").click();
      // The view is made from its template when the details open: wait for it.
      await details.locator("table.aligned").waitFor();
      assert.equal(await details.locator("tr.row.duplicate").count(), 10, `${name}: ten duplicated blocks`);
      assert.ok(await details.locator("tr.row.paired td.src .text").count() > 10, `${name}: source beside it`);
      // Every finding is marked in the text, and each listed finding has its mark.
      const ids = await details.locator("li.finding").evaluateAll((items) => items.map((i) => i.id));
      const marked = await details.locator("[data-f]:not(button)").evaluateAll((marks) =>
        marks.flatMap((m) => m.dataset.f.split(" ")));
      for (const id of ids) assert.ok(marked.includes(id), `${name}: finding ${id} is marked`);
    }
    await seedPage.screenshot({ path: join(shots, "seed.png"), fullPage: true });
    // The picture in the README (`REPORT_DOCS_SCREENSHOT=docs/report.png`): the Hindi
    // translation beside its source, from its first finding.
    if (process.env.REPORT_DOCS_SCREENSHOT) {
      await seedPage.locator('details.translation[data-path$="ar.txt"] > summary').click();
      await seedPage.locator('details.translation[data-path$="hi.txt"]').scrollIntoViewIfNeeded();
      await seedPage.evaluate(() => document.querySelector('details.translation[data-path$="hi.txt"]').scrollIntoView());
      await seedPage.evaluate(() => window.scrollBy(0, -120));
      await seedPage.screenshot({ path: resolve(root, process.env.REPORT_DOCS_SCREENSHOT) });
    }
  });
  await check("the seed report logs no error and makes no request", async () => {
    assert.deepEqual(opened.problems, []);
  });
  await seedPage.close();
}

// --- The largest corpus -------------------------------------------------------------------------
const corpus = resolve(root, "../shared/corpora/opentelemetry.io/content");
if (existsSync(corpus)) {
  const large = report(corpus, ["."], "opentelemetry");
  const opened = await open(large.file);
  const largePage = opened.page;
  await check("the largest corpus's report opens and filters", async () => {
    const translations = await largePage.locator("details.translation").count();
    assert.ok(translations > 100, `${translations} translations listed`);
    const started = performance.now();
    await largePage.selectOption("#f-locale", "ja");
    const shown = await largePage.$$eval("details.translation", (all) =>
      all.filter((d) => !d.hidden).map((d) => d.dataset.locale));
    const filtered = (performance.now() - started) / 1000;
    assert.ok(shown.length > 0 && shown.every((l) => l === "ja"));
    const openStarted = performance.now();
    await largePage.locator("details.translation:not([hidden]) > summary").first().click();
    await largePage.locator("details.translation[open] table.aligned").first().waitFor();
    const detail = (performance.now() - openStarted) / 1000;
    console.log(`# opentelemetry.io report: ${(large.bytes / 1e6).toFixed(1)} MB, ${translations} translations, ` +
      `written in ${large.seconds.toFixed(2)} s, loaded in ${opened.loaded.toFixed(2)} s, ` +
      `filtered in ${filtered.toFixed(2)} s, one translation opened in ${detail.toFixed(2)} s`);
  });
  await check("the large report logs no error and makes no request", async () => {
    assert.deepEqual(opened.problems, []);
  });
  await largePage.close();
}

await browser.close();
console.log(`# screenshots in ${shots}`);
if (failures > 0) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
