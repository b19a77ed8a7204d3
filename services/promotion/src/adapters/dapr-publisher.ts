import type { OutgoingEvent } from '@roomstay/contracts';
import { publishEvent, type DaprClient } from '@roomstay/platform/dapr';
import type { EventPublisher } from '../application/ports.ts';

export function daprPublisher(client: DaprClient, source: string): EventPublisher {
  return { publish: (event: OutgoingEvent) => publishEvent(client, source, event) };
}
