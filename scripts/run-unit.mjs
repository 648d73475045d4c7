// Runs the unit suite (vitest) and writes test-results/unit-results.json.
//
// A test file whose worker process dies mid-file leaves its remaining tests "pending" and Vitest fails the
// run with only "Worker exited unexpectedly". Such a file is run once more on its own, loudly: the file and
// the outcome of the second run go into test-results/unit-reruns.json, which test-summary.mjs prints. A
// failed test is never re-run, a file that dies twice fails the suite, and any other error fails it too.
// A worker that dies after its file finished (Vitest's known shutdown race) costs nothing: every file's
// results are checked against the list of test files, and the run is accepted with a note.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = 'test-results/unit-results.json';
const RERUN_OUT = 'test-results/unit-rerun-results.json';
const RERUNS = 'test-results/unit-reruns.json';
const REPORTS = 'test-results/node-reports';
const VITEST = path.join('node_modules', 'vitest', 'vitest.mjs');

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

/** A file whose run stopped part-way keeps a test "pending" (a skipped test is "skipped"). */
function hasPending(fileResult) {
  return fileResult.assertionResults.some((t) => t.status === 'pending');
}

/** The absolute paths of every test file the suite holds. */
function listedFiles() {
  const r = spawnSync(process.execPath, [VITEST, 'list', '--filesOnly', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vitest list failed: ${r.stderr}`);
  return JSON.parse(r.stdout).map((f) => f.file);
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
rmSync(RERUNS, { force: true });
rmSync(REPORTS, { recursive: true, force: true });
process.on('exit', printFatalReports);
const first = await vitest([], OUT);
const status = first.status;
if (status === 0) process.exit(0);
if (!existsSync(OUT)) process.exit(status);

const report = JSON.parse(readFileSync(OUT, 'utf8'));
if (report.numFailedTests > 0 || report.numFailedTestSuites > 0 || !onlyWorkerDeaths(first.printed))
  process.exit(status);

// Every file the suite holds must have finished: one missing from the report, or holding a test still
// "pending", is what a dead worker left behind.
const reported = new Map(report.testResults.map((f) => [f.name, f]));
const unfinished = listedFiles().filter((f) => {
  const result = reported.get(f);
  return result === undefined || result.assertionResults.length === 0 || hasPending(result);
});
const relative = unfinished.map((f) => path.relative(process.cwd(), f));
if (unfinished.length === 0) {
  console.error(
    '\nA test worker died after its file had finished; every file reported every test. Accepted.\n',
  );
  writeFileSync(
    RERUNS,
    JSON.stringify({ files: [], secondRun: 'not needed: every file had finished' }, null, 2),
  );
  process.exit(0);
}
console.error(
  `\nA test worker died part-way through: ${relative.join(', ')}. Running ${relative.length > 1 ? 'them' : 'it'} once more.\n`,
);
const { status: rerunStatus } = await vitest(relative, RERUN_OUT);
const rerun = existsSync(RERUN_OUT) ? JSON.parse(readFileSync(RERUN_OUT, 'utf8')) : undefined;
const rerunFinished =
  rerun !== undefined &&
  rerun.testResults.length === unfinished.length &&
  !rerun.testResults.some((f) => hasPending(f) || f.assertionResults.length === 0);
writeFileSync(
  RERUNS,
  JSON.stringify(
    { files: relative, secondRun: rerunStatus === 0 && rerunFinished ? 'passed' : 'failed' },
    null,
    2,
  ),
);
if (rerunStatus !== 0 || !rerunFinished) process.exit(rerunStatus || 1);

// The suite's numbers: the first run's, with the re-run files' results in place of their unfinished ones.
const replaced = new Set(unfinished);
const testResults = [...report.testResults.filter((f) => !replaced.has(f.name)), ...rerun.testResults];
const count = (status) =>
  testResults.reduce((n, f) => n + f.assertionResults.filter((t) => t.status === status).length, 0);
writeFileSync(
  OUT,
  JSON.stringify({
    ...report,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('pending') + count('skipped'),
    numTodoTests: count('todo'),
    success: true,
    testResults,
  }),
);
process.exit(0);
