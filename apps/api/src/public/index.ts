export { mountPublicApi } from './routes.ts';
export { type CountStreams, createCountStreams } from './stream.ts';
