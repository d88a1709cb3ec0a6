/**
 * Acknowledged means durable: the real server runs as a child process, several clients sign
 * continuously, the process is killed with SIGKILL mid-stream, and after a restart every
 * signature that got a 201 is in the database, the counter equals the signatures, and every
 * signature gets its one mail (queued in its batch, or owed and relayed after the restart:
 * `signing/mail-relay.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@groundwork/core/db';
import { afterAll, describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(apiDir, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'groundwork-durability-'));
const databaseUrl = `file:${join(dir, 'groundwork.sqlite')}`;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `tsx src/main.ts` and resolves with its URL once it listens. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      RATE_LIMITS: 'off',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      OUTBOX_WORKER: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) resolve({ child, url: JSON.parse(line).url as string });
    });
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

async function signer(url: string, id: number, acked: string[], stop: () => boolean) {
  for (let i = 0; !stop(); i++) {
    const email = `crash-${id}-${i}@example.org`;
    try {
      const res = await fetch(`${url}/api/v1/pledges/quit-chatgpt/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: `Signer ${id}/${i}` }),
      });
      if (res.status === 201) acked.push(email);
      await res.arrayBuffer();
    } catch {
      return; // the server is gone
    }
  }
}

/** Mails that signatures are owed and that are not in the outbox yet. */
async function owedMails(db: Awaited<ReturnType<typeof openDatabase>>) {
  const row = await db.kysely
    .selectFrom('signature_mails')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('durability', () => {
  it('keeps every acknowledged signature across kill -9', async () => {
    const first = await startChild();
    const acked: string[] = [];
    let killed = false;
    const clients = Array.from({ length: 8 }, (_, id) =>
      signer(first.url, id, acked, () => killed),
    );
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    killed = true;
    await exited;
    await Promise.all(clients);

    const second = await startChild();
    const count = (await (
      await fetch(`${second.url}/api/v1/pledges/quit-chatgpt/count`)
    ).json()) as {
      count: number;
    };
    const db = await openDatabase(databaseUrl);
    try {
      const stored = new Set(
        (await db.kysely.selectFrom('people').select('email').execute()).map((r) => r.email),
      );
      const missing = acked.filter((email) => !stored.has(email));
      expect(missing).toEqual([]);
      const signatures = await db.kysely
        .selectFrom('signatures')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      const counters = await db.kysely
        .selectFrom('pledge_counters')
        .select((eb) => [
          eb.fn.sum<number | string>('confirmed').as('confirmed'),
          eb.fn.sum<number | string>('pending').as('pending'),
        ])
        .executeTakeFirstOrThrow();
      const total = Number(counters.confirmed) + Number(counters.pending);
      expect(total).toBe(Number(signatures.n));
      expect(Number(signatures.n)).toBeGreaterThanOrEqual(acked.length);
      expect(count.count).toBe(total);
      // The restarted server relays what was owed: one thank-you per signature, none twice.
      const deadline = Date.now() + 20_000;
      while ((await owedMails(db)) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await owedMails(db)).toBe(0);
      const mails = await db.kysely
        .selectFrom('outbox')
        .select((eb) => [eb.fn.count<number | string>('person_id').distinct().as('people')])
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('template', '=', 'pledge-thanks')
        .executeTakeFirstOrThrow();
      expect(Number(mails.n)).toBe(Number(signatures.n));
      expect(Number(mails.people)).toBe(Number(signatures.n));
    } finally {
      await db.close();
      const stopped = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await stopped;
    }
  }, 120_000);
});
