import { AppError } from '@roomstay/platform';
import type { CatalogueRepository } from '../application/ports.ts';

/**
 * Where the proving fault looks for room management: its sidecar's health
 * endpoint (dapr.yaml gives room's sidecar HTTP port 3502; the endpoint
 * needs no token). Reservation has no call to room in its access control, so
 * the fault asks the sidecar's health instead of room's API.
 */
const roomHealth = process.env['FAULT_ROOM_HEALTH_URL'] ?? 'http://127.0.0.1:3502/v1.0/healthz';

/**
 * Proving fault "ask-room" (test profile only): placing depends on room
 * management answering, as it would without reservation's own copy of the
 * catalogue. Any answer but a success, or none within a second, is room
 * management not answering.
 */
export function askingRoomFirst(catalogue: CatalogueRepository): CatalogueRepository {
  return {
    async get(roomId) {
      const answer = await fetch(roomHealth, { signal: AbortSignal.timeout(1_000) }).catch(() => undefined);
      if (!answer?.ok) throw new AppError('service_unavailable', 'room management did not answer');
      return catalogue.get(roomId);
    },
    put: (room) => catalogue.put(room),
  };
}
