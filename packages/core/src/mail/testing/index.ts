/**
 * A real SMTP server for tests (the `smtp-server` package on 127.0.0.1, port 0) and a small
 * parser for what it receives. Test-only: nothing in the app imports this folder.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients, as the client announced them. */
  from: string;
  to: string[];
  raw: string;
  /** Lower-cased header name → unfolded, decoded value. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** Parts with a Content-ID (images the HTML shows by `cid:`), decoded. */
  images: Array<{ cid: string; contentType: string; content: Buffer }>;
}

/** Decides the reply to a RCPT TO: a code like 451 or 550 refuses it, undefined accepts. */
export type RcptPolicy = (address: string, attempt: number) => number | undefined;

export interface TestSmtpServer {
  /** e.g. `smtp://127.0.0.1:40123` (no TLS, no auth). */
  url: string;
  received: ReceivedMail[];
  /** Replaces the policy (and restarts its attempt count) for the next RCPT TOs. */
  setPolicy(policy: RcptPolicy | undefined): void;
  /** Called for each accepted message, before the client gets its 250. */
  onMessage?: (mail: ReceivedMail) => void;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server that accepts everything (or what `policy` lets through) and keeps the
 * messages in memory.
 *
 * @example
 * const smtp = await startTestSmtpServer();
 * // … send …
 * expect(smtp.received[0]?.subject).toBe('Hello');
 * await smtp.close();
 */
export async function startTestSmtpServer(policy?: RcptPolicy): Promise<TestSmtpServer> {
  let current = policy;
  let attempts = 0;
  const handle: TestSmtpServer = {
    url: '',
    received: [],
    setPolicy: (next) => {
      current = next;
      attempts = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No DNS: tests run with loopback only.
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      attempts += 1;
      const code = current?.(address.address, attempts);
      if (code === undefined) return callback();
      const error = new Error(code >= 500 ? 'No such user here' : 'Try again later');
      (error as Error & { responseCode: number }).responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        const mail: ReceivedMail = {
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        };
        handle.received.push(mail);
        handle.onMessage?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  handle.url = `smtp://127.0.0.1:${port}`;
  return handle;
}

/** Splits a raw message into headers and its text and HTML parts (decoded). */
export function parseMail(
  raw: string,
): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html' | 'images'> {
  const { headers, body } = splitEntity(raw);
  const parts: Parts = { text: '', html: '', images: [] };
  collectParts(headers, body, parts);
  return { headers, subject: headers.subject ?? '', ...parts };
}

type Parts = Pick<ReceivedMail, 'text' | 'html' | 'images'>;

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(
        line.slice(colon + 1).trim(),
      );
    }
  }
  return { headers, body };
}

function collectParts(headers: Record<string, string>, body: string, out: Parts): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const entity = splitEntity(part.replace(/^\r?\n/, ''));
      collectParts(entity.headers, entity.body, out);
    }
    return;
  }
  const encoding = headers['content-transfer-encoding'] ?? '7bit';
  const cid = /^<([^>]+)>$/.exec(headers['content-id'] ?? '')?.[1];
  if (cid && encoding.toLowerCase() === 'base64') {
    const content = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    out.images.push({ cid, contentType: type.split(';')[0] ?? type, content });
    return;
  }
  const decoded = decodeBody(body, encoding);
  if (type.startsWith('text/html')) out.html = decoded;
  else if (type.startsWith('text/plain')) out.text = decoded;
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    return qpDecode(body.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n'));
  }
  return body.replace(/\r\n/g, '\n');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset, kind: string, text: string) => {
      if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      return qpDecode(text.replace(/_/g, ' '));
    });
}

/** `=XX` escapes to bytes, everything else as is; then the bytes as UTF-8. */
function qpDecode(value: string): string {
  const chunks: Buffer[] = [];
  let last = 0;
  for (const match of value.matchAll(/=([0-9A-F]{2})/gi)) {
    chunks.push(Buffer.from(value.slice(last, match.index), 'utf8'));
    chunks.push(Buffer.from([Number.parseInt(match[1] ?? '0', 16)]));
    last = match.index + match[0].length;
  }
  chunks.push(Buffer.from(value.slice(last), 'utf8'));
  return Buffer.concat(chunks).toString('utf8');
}
