import test from 'ava';
import { emptyLine, fold } from '../src/application/view.ts';

test('a field a patch leaves undefined keeps the value the line has', (t) => {
  const line = fold(emptyLine('RSV-1'), { reservationId: 'RSV-1', roomId: 'R-OCEAN', price: 1_000 });
  t.deepEqual(fold(line, { reservationId: 'RSV-1', roomId: undefined, price: undefined, paymentId: 'PAY-1' }), {
    reservationId: 'RSV-1',
    roomId: 'R-OCEAN',
    price: 1_000,
    paymentId: 'PAY-1',
    promotionStatus: 'none',
    reservationStatus: undefined,
    paymentStatus: undefined,
  });
});
