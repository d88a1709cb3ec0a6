export { requireChapterRole } from './chapter-access.ts';
export { clientAddress, clientIp } from './client-ip.ts';
export { readSessionCookie, sessionCookie, sessionCookieName } from './cookies.ts';
export { csrfProtection } from './csrf.ts';
export { limitPasswordAttempt, resetPasswordAttempts } from './limits.ts';
export { sessionMiddleware } from './session.ts';
export { announceSetupLink } from './setup-link.ts';
export { clearSessionCookie, requestIp, startSession } from './trpc.ts';
