export { mountPages, redactPath } from './routes.ts';
