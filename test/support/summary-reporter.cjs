// Prints one plain closing line after Jest's own summary, e.g. "jest: 38 passed, 0 failed, 0 skipped",
// so CI tooling that reads a run's last line sees the counts.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
