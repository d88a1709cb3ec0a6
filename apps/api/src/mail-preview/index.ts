export { MAIL_PREVIEW_CSP, mountMailPreviewHeaders, mountMailPreviews } from './routes.ts';
