import { AppError, invoke, type DaprClient } from '@roomstay/platform';
import type { CatalogueRepository } from '../application/ports.ts';

/**
 * Proving fault "ask-room" (test profile only): placing depends on room
 * management answering, as it would without reservation's own copy of the
 * catalogue. Any answer but a success is room management not answering.
 */
export function askingRoomFirst(client: DaprClient, catalogue: CatalogueRepository): CatalogueRepository {
  return {
    async get(roomId) {
      const answer = await invoke(client, 'room', 'GET', `/rooms/${encodeURIComponent(roomId)}`);
      if (!answer.ok) throw new AppError('service_unavailable', 'room management did not answer');
      return catalogue.get(roomId);
    },
    put: (room) => catalogue.put(room),
  };
}
