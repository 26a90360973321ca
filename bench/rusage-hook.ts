import { writeFileSync } from 'node:fs';

// Loaded with `node --import` where GNU time is missing: the child writes its own rusage at exit.
const target = process.env['STACKQL_BENCH_RUSAGE'];
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify(process.resourceUsage()));
  });
}
