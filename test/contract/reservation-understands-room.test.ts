// Consumer verification of reservation -> room (the proving fault "ask-room"):
// reservation's real room check, through the Dapr SDK, against a stub room
// made from the contract. A room that answers lets placing go on with
// reservation's own copy of the catalogue; anything else stops it as
// room management not answering.
import test from 'ava';
import { AppError } from '@roomstay/platform';
import { askingRoomFirst } from '../../services/reservation/src/adapters/room-check.ts';
import { InMemoryCatalogue } from '../../services/reservation/test/support/fakes.ts';
import { reservationRoom } from './edges/reservation-room.ts';
import { assertMet, pathFailures, stubSidecar } from './support/stub-sidecar.ts';

const ocean = { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 };
const unavailable = { instanceOf: AppError, message: 'room management did not answer' };

test('every interaction reservation needs of room is one reservation makes', (t) => {
  t.deepEqual(
    reservationRoom.interactions.map((i) => i.request.path),
    ['/rooms/ROOM-1', '/rooms/ROOM-1'],
  );
});

for (const interaction of reservationRoom.interactions) {
  test(`reservation sends "${interaction.description}" as the contract says and understands room's answer`, async (t) => {
    const stub = await stubSidecar(t, [reservationRoom]);
    stub.arm(interaction);
    const catalogue = askingRoomFirst(stub.client, new InMemoryCatalogue([ocean]));
    if (interaction.response.status === 200) t.deepEqual(await catalogue.get('ROOM-1'), ocean);
    else await t.throwsAsync(catalogue.get('ROOM-1'), unavailable);
    assertMet(t, stub, interaction);
  });
}

for (const failure of pathFailures) {
  test(`reservation takes a path to room that fails (${failure}) as room management not answering`, async (t) => {
    const stub = await stubSidecar(t, [reservationRoom]);
    stub.failNext(failure);
    await t.throwsAsync(askingRoomFirst(stub.client, new InMemoryCatalogue([ocean])).get('ROOM-1'), {
      instanceOf: AppError,
    });
    t.deepEqual(stub.unmatched, []);
  });
}
