/**
 * The load generators the signing benchmark drives: wrk or autocannon (the issue allows
 * either), with the same requests and the same result shape.
 *
 * The client runs on the same two cores as the server, so its own CPU is part of what is
 * measured. autocannon is JavaScript: 56–92 µs of CPU per POST, about as much as the bare
 * Hono route itself. wrk is C and LuaJIT: 19–36 µs (docs/benchmarks.md). The bare route runs on one thread and
 * leaves the second core to the client either way; the signing server needs both cores (HTTP
 * thread + writer thread), so autocannon takes its CPU from the server being measured. wrk is
 * used whenever it is installed (`apt-get install -y wrk`); BENCH_CLIENT=autocannon|wrk chooses.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** 'wrk' when BENCH_CLIENT says so or wrk is on the PATH, else 'autocannon'. */
export function pickClient(wanted = process.env.BENCH_CLIENT) {
  if (wanted === 'wrk' || wanted === 'autocannon') return wanted;
  if (wanted) throw new Error(`BENCH_CLIENT must be wrk or autocannon, not ${wanted}`);
  return spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';
}

/** The benchmark's signature: a new e-mail every time, a name, two answers, consent every other time. */
function signatureBody(prefix, n) {
  return JSON.stringify({
    email: `bench-${prefix}-${n}@example.org`,
    name: 'Bench Signer',
    answers: { why: ['price'], instead: 'unsure' },
    consent: n % 2 === 0,
  });
}

/**
 * Drives `url` with `connections` connections for `seconds`.
 * `signatures: true` POSTs `signatureBody` with a new e-mail per request; else it GETs.
 * Returns { requests, rps, p50, p99, max (ms), ok, non2xx, errors, clientCpuUs }.
 *
 * @example
 * const result = await runLoad('wrk', { url, connections: 64, seconds: 10, signatures: true });
 */
export function runLoad(client, options) {
  return client === 'wrk' ? runWrk(options) : runAutocannon(options);
}

let runs = 0;
/** Unique per process and run, so the warm-up and the measured run never share an e-mail. */
function nextPrefix() {
  runs += 1;
  return `${process.pid}-${Date.now().toString(36)}-${runs}`;
}

async function runAutocannon({ url, connections, seconds, signatures }) {
  const prefix = nextPrefix();
  let n = 0;
  const options = signatures
    ? {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              n += 1;
              return { ...req, body: signatureBody(prefix, n) };
            },
          },
        ],
      }
    : {};
  // autocannon runs in this process: its CPU is this process's CPU during the run.
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ url, connections, duration: seconds, ...options });
  const cpu = process.cpuUsage(cpuBefore);
  const requests = result.requests.total;
  return {
    requests,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    clientCpuUs: Math.round((cpu.user + cpu.system) / Math.max(1, requests)),
  };
}

// wrk's Lua, run in each wrk thread: the same body as signatureBody, a count of the answers
// outside 2xx, and a JSON summary line at the end (latencies in µs).
const wrkScript = `
local threads = {}
function setup(thread) thread:set("id", #threads + 1); table.insert(threads, thread) end
function init(args) prefix = args[1] .. "-" .. id; signatures = args[2] == "sign"; n = 0; non2xx = 0 end
function request()
  if not signatures then return wrk.format("GET") end
  n = n + 1
  local body = string.format('{"email":"bench-%s-%d@example.org","name":"Bench Signer","answers":{"why":["price"],"instead":"unsure"},"consent":%s}', prefix, n, (n % 2 == 0) and "true" or "false")
  return wrk.format("POST", nil, { ["content-type"] = "application/json" }, body)
end
function response(status) if status < 200 or status > 299 then non2xx = non2xx + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socket":%d,"p50":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;

async function runWrk({ url, connections, seconds, signatures }) {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-wrk-'));
  const script = join(dir, 'bench.lua');
  writeFileSync(script, wrkScript);
  // One thread: the second core is the server's (see above).
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, url];
  const child = spawn('wrk', [...args, '--', nextPrefix(), signatures ? 'sign' : 'get'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  // wrk reports no CPU time: read it from /proc while it runs (the last reading is within
  // 100 ms of its end).
  let cpu = 0;
  const sample = setInterval(() => {
    cpu = processCpuMs(child.pid) ?? cpu;
  }, 100);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sample);
  rmSync(dir, { recursive: true, force: true });
  const line = /^WRK_RESULT (.*)$/m.exec(out);
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${out}`);
  const r = JSON.parse(line[1]);
  const ms = (us) => Math.round(us / 100) / 10;
  return {
    requests: r.requests,
    rps: Math.round((r.requests * 1e6) / r.durationUs),
    p50: ms(r.p50),
    p99: ms(r.p99),
    max: ms(r.max),
    ok: r.requests - r.non2xx,
    non2xx: r.non2xx,
    errors: r.socket,
    clientCpuUs: Math.round((cpu * 1000) / Math.max(1, r.requests)),
  };
}

/** CPU time (ms) a process has used so far, from /proc (Linux); undefined once it is gone. */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 Hz
  } catch {
    return undefined;
  }
}
