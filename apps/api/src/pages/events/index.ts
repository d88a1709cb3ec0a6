export { mountEventPages, redactEventPath } from './routes.ts';
