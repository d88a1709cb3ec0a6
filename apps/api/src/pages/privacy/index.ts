export { mountPrivacyPages } from './routes.ts';
