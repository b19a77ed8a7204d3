import test from 'ava';
import { z } from 'zod';
import { PlaceReservation, RegisterRoom } from '@roomstay/contracts';
import { AppError } from '../src/errors.ts';
import { parse } from '../src/validate.ts';

/** What `parse` threw, as code and field. */
function refusal(schema: z.ZodType, input: unknown): { code: string; field: string | undefined; status: number } {
  try {
    parse(schema, input);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, status: error.status };
    throw error;
  }
  throw new Error('parse accepted the input');
}

const Nested = z.strictObject({
  stay: z.strictObject({ checkIn: z.iso.date(), checkOut: z.iso.date() }),
  guests: z.array(z.strictObject({ name: z.string().min(1) })),
});

test('a valid body is returned parsed', (t) => {
  const body = parse(PlaceReservation, { roomId: 'R1', checkIn: '2030-01-01', nights: 2 });
  t.deepEqual(body, { roomId: 'R1', checkIn: '2030-01-01', nights: 2 });
});

test('a field the schema does not know is an unknown_field naming it', (t) => {
  t.deepEqual(refusal(PlaceReservation, { roomId: 'R1', checkIn: '2030-01-01', nights: 2, price: 1 }), {
    code: 'unknown_field',
    field: 'price',
    status: 400,
  });
});

test('an absent required field is a missing_field naming it', (t) => {
  t.deepEqual(refusal(PlaceReservation, { checkIn: '2030-01-01', nights: 2 }), {
    code: 'missing_field',
    field: 'roomId',
    status: 400,
  });
});

test('a present field with a wrong value is an invalid_field naming it', (t) => {
  t.deepEqual(refusal(RegisterRoom, { name: 'Ocean', price: 0 }), {
    code: 'invalid_field',
    field: 'price',
    status: 400,
  });
  t.deepEqual(refusal(RegisterRoom, { name: 'Ocean', price: '100' }), {
    code: 'invalid_field',
    field: 'price',
    status: 400,
  });
  t.deepEqual(refusal(PlaceReservation, { roomId: 'R1', checkIn: '2030-13-01', nights: 2 }), {
    code: 'invalid_field',
    field: 'checkIn',
    status: 400,
  });
});

test('a field sent as null is invalid, not missing', (t) => {
  t.deepEqual(refusal(PlaceReservation, { roomId: null, checkIn: '2030-01-01', nights: 2 }), {
    code: 'invalid_field',
    field: 'roomId',
    status: 400,
  });
});

test('nested problems are named by their dotted path', (t) => {
  const stay = { checkIn: '2030-01-01', checkOut: '2030-01-02' };
  t.deepEqual(refusal(Nested, { stay: { ...stay, extra: 1 }, guests: [] }), {
    code: 'unknown_field',
    field: 'stay.extra',
    status: 400,
  });
  t.deepEqual(refusal(Nested, { stay: { checkIn: '2030-01-01' }, guests: [] }), {
    code: 'missing_field',
    field: 'stay.checkOut',
    status: 400,
  });
  t.deepEqual(refusal(Nested, { stay, guests: [{ name: 'a' }, { name: '' }] }), {
    code: 'invalid_field',
    field: 'guests.1.name',
    status: 400,
  });
});

test('a body that is not an object at all is an invalid_request without a field', (t) => {
  t.deepEqual(refusal(PlaceReservation, null), { code: 'invalid_request', field: undefined, status: 400 });
  t.deepEqual(refusal(PlaceReservation, ['R1']), { code: 'invalid_request', field: undefined, status: 400 });
});
