// V8's young generation grows (1 MB semi-spaces doubling to 16 MB) while many new objects survive,
// as every accepted connection's do, and keeps the grown space committed: after 10,000 connects
// that is some 3 KB of RSS per connection that no idle connection uses. Pinning the growth factor
// to 1 keeps the semi-spaces at their start size; short-lived garbage (a publish, a frame) is
// still collected by the scavenger, only more often. Measured in `npm run bench` (memory: RSS per
// idle connection without a forced GC; burst: deliveries/s and latency).
import { setFlagsFromString } from 'node:v8';

/** Whether the operator chose a young-generation size of their own (node flags or NODE_OPTIONS). */
function chosenByOperator(): boolean {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return /semi[-_]space/.test(flags);
}

let bounded = false;

/** Keeps the young generation at its start size, unless the node flags already size it. Once per process. */
export function boundYoungGeneration(): void {
  if (bounded || chosenByOperator()) return;
  bounded = true;
  // Read by V8 each time it considers growing the new space, so it applies after start-up too.
  setFlagsFromString('--semi-space-growth-factor=1');
}
