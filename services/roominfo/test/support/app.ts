import { silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import {
  cloudEvent,
  serve,
  type Client,
  type Delivery,
  testAppToken,
} from '../../../../packages/platform/test/support/http.ts';
import type { AnyEvent } from './events.ts';
import { InMemoryMyPageStore } from './fakes.ts';

export interface RoominfoHarness {
  api: Client;
  store: InMemoryMyPageStore;
  /** Delivers an event to /events/<topic> as the sidecar would. */
  tell(event: AnyEvent): Promise<Delivery>;
}

export async function roominfoApi(t: ExecutionContext): Promise<RoominfoHarness> {
  const store = new InMemoryMyPageStore();
  const api = await serve(t, createApp({ store, logger: silentLogger, appToken: testAppToken }));
  const tell = (event: AnyEvent): Promise<Delivery> =>
    api.deliverRaw(event.topic, cloudEvent(event.topic, event.id, event.payload));
  return { api, store, tell };
}
