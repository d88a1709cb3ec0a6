/**
 * Stateless signed links for supporters: nothing is stored, nothing is set in the browser.
 * A token is `<personId>.<expiry, base36 ms or 0>.<HMAC-SHA256(secret, purpose|person|expiry)>`,
 * so a leaked database cannot forge one and a changed purpose or expiry breaks the signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'unsubscribe' | 'my-data';

function mac(secret: string, purpose: LinkPurpose, personId: string, expiry: string): string {
  return createHmac('sha256', secret)
    .update(`groundwork-link\n${purpose}\n${personId}\n${expiry}`)
    .digest('base64url');
}

/**
 * Signs a link token for one person. `expiresAt` null = never expires (unsubscribe links
 * must keep working in old mail).
 *
 * @example
 * const token = signLinkToken(config.secret, 'unsubscribe', personId, null);
 */
export function signLinkToken(
  secret: string,
  purpose: LinkPurpose,
  personId: string,
  expiresAt: Date | null,
): string {
  const expiry = expiresAt ? expiresAt.getTime().toString(36) : '0';
  return `${personId}.${expiry}.${mac(secret, purpose, personId, expiry)}`;
}

/**
 * The person id of a valid, unexpired token of this purpose; null otherwise.
 *
 * @example
 * const personId = verifyLinkToken(config.secret, 'my-data', token, clock.now());
 */
export function verifyLinkToken(
  secret: string,
  purpose: LinkPurpose,
  token: string,
  now: Date,
): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 300) return null;
  const [personId, expiry, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(personId) || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const expected = Buffer.from(mac(secret, purpose, personId, expiry));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (expiry !== '0' && Number.parseInt(expiry, 36) < now.getTime()) return null;
  return personId;
}

/**
 * The unsubscribe page and its RFC 8058 one-click headers for one person.
 *
 * @example
 * const { url, headers } = unsubscribeLink(secret, publicUrl, personId);
 * await enqueueMail(trx, { …, headers, data: { …, unsubscribeUrl: url } });
 */
export function unsubscribeLink(
  secret: string,
  publicUrl: string,
  personId: string,
): { url: string; headers: Record<string, string> } {
  const url = `${publicUrl}/unsubscribe/${signLinkToken(secret, 'unsubscribe', personId, null)}`;
  return {
    url,
    headers: {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
