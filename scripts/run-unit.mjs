// Runs the unit suite (vitest; arguments are passed on as file filters) and writes
// test-results/unit-results.json.
//
// When a test file's worker process dies, Vitest fails the run with only "Worker exited unexpectedly". Such
// a file is run once more on its own, loudly, but only when nothing else went wrong: no test failed (also
// none whose failure the dead worker never got to report: scripts/unit-worker-watch.ts marks a failure the
// moment it happens) and the only unhandled errors are worker deaths. A file counts as finished only when
// its tests have results and its own afterAll hooks ran (the watch's "finished" marker); every file the
// suite holds is checked. A file that dies twice fails the suite. test-results/unit-reruns.json names the
// re-run files and the outcome, and test-summary.mjs prints it. When every file finished and a worker died
// after that (Vitest's shutdown race), no result was lost: the run is accepted with that note.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = 'test-results/unit-results.json';
const RERUN_OUT = 'test-results/unit-rerun-results.json';
const RERUNS = 'test-results/unit-reruns.json';
const REPORTS = 'test-results/node-reports';
const MARKERS = 'test-results/unit-markers';
const VITEST = path.join('node_modules', 'vitest', 'vitest.mjs');
const filters = process.argv.slice(2);

/** Runs vitest, showing its output as it comes; resolves to its exit status and everything it printed. */
function vitest(files, outputFile) {
  const args = [
    VITEST,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
    ...files,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (b) => ((printed += b), process.stdout.write(b)));
    child.stderr.on('data', (b) => ((printed += b), process.stderr.write(b)));
    child.on('close', (code) => resolve({ status: code ?? 1, printed: stripAnsi(printed) }));
  });
}

function stripAnsi(s) {
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

/** True when every unhandled error vitest reported is a worker process that died. */
function onlyWorkerDeaths(printed) {
  const caught = /Vitest caught (\d+) unhandled errors?/.exec(printed);
  const deaths = printed.match(/Caused by: Error: Worker exited unexpectedly/g)?.length ?? 0;
  return caught !== null && deaths > 0 && Number(caught[1]) === deaths;
}

/** The absolute paths a marker file of unit-worker-watch.ts lists. */
function marked(name) {
  const p = path.join(MARKERS, name);
  return new Set(existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean) : []);
}

/** The absolute paths of every test file the suite (with the given filters) holds. */
function listedFiles() {
  const r = spawnSync(process.execPath, [VITEST, 'list', '--filesOnly', '--json', ...filters], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vitest list failed: ${r.stderr}`);
  return JSON.parse(r.stdout).map((f) => f.file);
}

/** Files that did not finish: no result, a test left "pending" (skipped ones say "skipped"), or no marker. */
function unfinishedFiles(files, report) {
  const reported = new Map(report.testResults.map((f) => [f.name, f]));
  const finished = marked('finished.txt');
  return files.filter((f) => {
    const result = reported.get(f);
    return (
      result === undefined ||
      result.assertionResults.length === 0 ||
      result.assertionResults.some((t) => t.status === 'pending') ||
      // Vitest runs no hooks in a file whose every test is skipped: no marker is expected there.
      (!finished.has(f) &&
        !result.assertionResults.every((t) => t.status === 'skipped' || t.status === 'todo'))
    );
  });
}

/** Prints the essentials of each Node diagnostic report a fatal error left (--report-on-fatalerror). */
function printFatalReports() {
  if (!existsSync(REPORTS)) return;
  for (const name of readdirSync(REPORTS).filter((n) => n.endsWith('.json'))) {
    const r = JSON.parse(readFileSync(path.join(REPORTS, name), 'utf8'));
    console.error(`\nNode fatal-error report ${name}: ${r.header?.event} (${r.header?.trigger})`);
    console.error((r.javascriptStack?.stack ?? []).slice(0, 12).join('\n'));
    console.error(
      (r.nativeStack ?? [])
        .slice(0, 12)
        .map((f) => `  ${f.symbol}`)
        .join('\n'),
    );
  }
}

mkdirSync('test-results', { recursive: true });
for (const p of [OUT, RERUN_OUT, RERUNS, REPORTS, MARKERS]) rmSync(p, { recursive: true, force: true });
process.on('exit', printFatalReports);

const first = await vitest(filters, OUT);
if (first.status === 0) process.exit(0);
if (!existsSync(OUT)) process.exit(first.status);
const report = JSON.parse(readFileSync(OUT, 'utf8'));
if (
  report.numFailedTests > 0 ||
  report.numFailedTestSuites > 0 ||
  marked('failed.txt').size > 0 ||
  !onlyWorkerDeaths(first.printed)
) {
  const lost = [...marked('failed.txt')].map((f) => path.relative(process.cwd(), f));
  if (lost.length > 0) console.error(`\nTests failed in: ${[...new Set(lost)].join(', ')}\n`);
  process.exit(first.status || 1);
}

const unfinished = unfinishedFiles(listedFiles(), report);
const relative = unfinished.map((f) => path.relative(process.cwd(), f));
if (unfinished.length === 0) {
  console.error(
    '\nA test worker died after every file had finished (tests and hooks); no result was lost. Accepted.\n',
  );
  writeFileSync(
    RERUNS,
    JSON.stringify({ files: [], secondRun: 'not needed: every file had finished' }, null, 2),
  );
  process.exit(0);
}

console.error(
  `\nA test worker died before these finished: ${relative.join(', ')}. Running ${relative.length > 1 ? 'them' : 'it'} once more.\n`,
);
rmSync(MARKERS, { recursive: true, force: true });
const second = await vitest(relative, RERUN_OUT);
const rerun = existsSync(RERUN_OUT) ? JSON.parse(readFileSync(RERUN_OUT, 'utf8')) : { testResults: [] };
const passed =
  second.status === 0 && marked('failed.txt').size === 0 && unfinishedFiles(unfinished, rerun).length === 0;
writeFileSync(RERUNS, JSON.stringify({ files: relative, secondRun: passed ? 'passed' : 'failed' }, null, 2));

// The suite's numbers: the first run's results with the re-run files' results in their place. A test that
// still has no result is counted as failed: it never ran to the end.
const replaced = new Set(rerun.testResults.map((f) => f.name));
const testResults = [...report.testResults.filter((f) => !replaced.has(f.name)), ...rerun.testResults];
const count = (status) =>
  testResults.reduce((n, f) => n + f.assertionResults.filter((t) => t.status === status).length, 0);
writeFileSync(
  OUT,
  JSON.stringify({
    ...report,
    numPassedTests: count('passed'),
    numFailedTests: count('failed') + count('pending'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    success: passed,
    testResults,
  }),
);
process.exit(passed ? 0 : second.status || 1);
