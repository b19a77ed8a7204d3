import type { Handled } from '@roomstay/platform';
import type { CatalogueRoom } from '../domain/reservation.ts';
import type { ReservationDeps } from './ports.ts';

/** RoomRegistered: keep the catalogue copy placing prices a stay from. */
export function makeKeepCatalogue(deps: ReservationDeps) {
  return async function roomRegistered(room: CatalogueRoom): Promise<Handled> {
    await deps.catalogue.put(room);
    return 'handled';
  };
}
