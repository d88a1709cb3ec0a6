import { createContext, type JSX, useContext } from 'solid-js';
import type { Api } from './client.ts';

const ApiContext = createContext<Api>();

/** Provides the tRPC client to every page (tests provide one pointed at a test server). */
export function ApiProvider(props: { api: Api; children: JSX.Element }) {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it');
  return api;
}
