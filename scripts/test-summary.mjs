// Prints the skipped tests with their reasons, then one closing line over unit and e2e results:
// "Total: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync('test-results/unit-results.json')) {
  const unit = JSON.parse(readFileSync('test-results/unit-results.json', 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  // A test whose worker died right after it failed has no result in the report; the watch marked it.
  const marker = 'test-results/unit-markers/failed.txt';
  if ((unit.numFailedTests ?? 0) === 0 && existsSync(marker)) {
    const files = [...new Set(readFileSync(marker, 'utf8').split('\n').filter(Boolean))];
    for (const f of files) console.log(`failed before its worker died (result lost): ${f}`);
    failed += files.length;
  }
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
}

function* specs(suite) {
  for (const spec of suite.specs ?? []) yield spec;
  for (const child of suite.suites ?? []) yield* specs(child);
}

if (existsSync('test-results/e2e-results.json')) {
  const e2e = JSON.parse(readFileSync('test-results/e2e-results.json', 'utf8'));
  passed += e2e.stats?.expected ?? 0;
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
  skipped += e2e.stats?.skipped ?? 0;
  for (const suite of e2e.suites ?? []) {
    for (const spec of specs(suite)) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = (t.annotations ?? [])
          .map((a) => a.description)
          .filter(Boolean)
          .join('; ');
        console.log(`skipped [${t.projectName}] ${spec.title}: ${reason || 'no reason given'}`);
      }
    }
  }
}
if (existsSync('test-results/unit-reruns.json')) {
  const reruns = JSON.parse(readFileSync('test-results/unit-reruns.json', 'utf8'));
  console.log(
    reruns.files.length > 0
      ? `re-run after its test worker died part-way: ${reruns.files.join(', ')} (second run ${reruns.secondRun})`
      : 'a test worker died after its file had finished; no test result was lost',
  );
}
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
