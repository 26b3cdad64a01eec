// The shape every HTTP API endpoint has: an authentic request for one app in, a JSON body out.
import type { Adapter } from '../adapter/adapter.js';
import type { App } from '../apps/app.js';
import type { Hub } from '../hub.js';
import type { QueryParams } from './query.js';

export interface ApiRequest {
  app: App;
  /** Path parameters after the app id, decoded. */
  params: string[];
  query: QueryParams;
  body: Buffer;
}

export interface ApiContext {
  hub: Hub;
  adapter: Adapter;
}

export type Endpoint = (context: ApiContext, request: ApiRequest) => Promise<unknown>;

/** An endpoint's answer that is 202 Accepted (the work goes on after the answer), not 200. */
export class Accepted {
  constructor(readonly body: unknown) {}
}
