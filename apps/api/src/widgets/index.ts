export { EMBED_CSP, embedFrameHeaders, mountWidgets } from './routes.ts';
