// Request/reply over a forked child's IPC channel, both sides.
import { fork } from 'node:child_process';

/** Parent side: fork `file` and return {pid, call(cmd, args, timeoutMs), stop()}. */
export function startWorker(file, name) {
  const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const pending = new Map();
  let nextId = 1;
  child.on('message', (m) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.error) p.reject(new Error(`${name}: ${m.error}`));
    else p.resolve(m.result);
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (${code})`));
    pending.clear();
  });
  return {
    name,
    pid: child.pid,
    call(cmd, args = {}, timeoutMs = 60000) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        child.send({ id, cmd, args });
      });
    },
    stop() {
      child.kill('SIGTERM');
    },
  };
}

/** Child side: serve `handlers[cmd](args)` (sync or async) over IPC. */
export function serve(handlers) {
  process.on('message', async (m) => {
    try {
      const h = handlers[m.cmd];
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      process.send({ id: m.id, result: await h(m.args) });
    } catch (e) {
      process.send({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** CPU and event-loop use of this process since a mark. */
export function usageSince(mark) {
  const cpu = process.cpuUsage(mark.cpu);
  const wallUs = Number(process.hrtime.bigint() - mark.at) / 1000;
  const elu = performance.eventLoopUtilization(mark.elu);
  return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(wallUs / 1000), cpuPct: Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10, elu: Math.round(elu.utilization * 1000) / 1000 };
}
export function usageMark() {
  return { cpu: process.cpuUsage(), at: process.hrtime.bigint(), elu: performance.eventLoopUtilization() };
}
