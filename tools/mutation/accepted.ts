// Surviving mutants accepted after review, each with the reason no test can
// (or should) tell it from the original: equivalent mutants, or behaviour
// nothing outside the code can observe. A survivor is matched by file,
// mutator, the original text and the replacement (whitespace folded), not by
// line, so an entry stops matching when the code it speaks of changes and must
// be reviewed again.

export interface Accepted {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  /** When the original text is common (`[]`), a piece of the line it is on, to tell which one is meant. */
  line?: string;
  reason: string;
}

const promotionRelay = 'services/promotion/src/application/relay.ts';
const promotions = 'services/promotion/src/application/promotions.ts';
const payReservation = 'services/reservation/src/application/pay-reservation.ts';
const room = 'services/room/src/domain/room.ts';
const view = 'services/roominfo/src/application/view.ts';

/** fold copies every field but the three statuses, which `later` then sets whatever the copy did. */
const statusCopied =
  'Equivalent: fold sets the three statuses with `later` after the copying loop, overwriting whatever the loop copied into them.';

export const accepted: Accepted[] = [
  {
    file: promotionRelay,
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    reason:
      'Equivalent: `again` starts the run loop, which sets it to false before its first pass; nothing reads it before.',
  },
  {
    file: promotionRelay,
    mutator: 'ConditionalExpression',
    original: 'done.length',
    replacement: 'true',
    reason: 'Equivalent: marking an empty list of events published changes nothing in the store.',
  },
  {
    file: promotions,
    mutator: 'StringLiteral',
    original: "'the payment is not paid'",
    replacement: '""',
    reason:
      'Unreachable: grantPromotion refuses an unpaid payment before its transaction, and decideGrant refuses only unpaid ones; the check is there to narrow the decision to a grant for the type checker.',
  },
  {
    file: payReservation,
    mutator: 'ConditionalExpression',
    original: "why === 'expired'",
    replacement: 'true',
    reason:
      'Equivalent: letting go of a hold that has not run out (or of a cancelled reservation) changes nothing, since expire leaves such a reservation as it is and update then writes nothing; the check only saves the reads.',
  },
  {
    file: payReservation,
    mutator: 'StringLiteral',
    original: "'pay'",
    replacement: '""',
    reason:
      'Equivalent: the action is part of an Idempotency-Key fingerprint that is only compared with fingerprints this same code made; any constant tells the same requests apart.',
  },
  {
    file: room,
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: '["Stryker was here"]',
    line: 'if ((room.released ?? []).includes(booking.reservationId)) return room;',
    reason:
      'Equivalent: a room stored before releases were remembered has no list; any stand-in list that holds no real reservation id books the same (rooms-stored-before-releases-were-remembered-still-book-and-free checks the list release writes).',
  },
  {
    file: view,
    mutator: 'ConditionalExpression',
    original: 'a === undefined',
    replacement: 'false',
    reason:
      'Equivalent: with no status yet, the rank of "undefined" is 0, so the patch status wins unless its own rank is 0 (promotion "none"), which fold then turns into "none" all the same.',
  },
  {
    file: view,
    mutator: 'ConditionalExpression',
    original: 'b === undefined',
    replacement: 'false',
    reason: 'Equivalent: a patch without the status ranks 0 and never beats the line status, which is kept.',
  },
  {
    file: view,
    mutator: 'EqualityOperator',
    original: '(table[String(b)] ?? 0) > (table[String(a)] ?? 0)',
    replacement: '(table[String(b)] ?? 0) >= (table[String(a)] ?? 0)',
    reason: 'Equivalent: within one table every status has its own rank, so equal ranks mean the same status.',
  },
  {
    file: view,
    mutator: 'ConditionalExpression',
    original: "key !== 'reservationStatus'",
    replacement: 'true',
    reason: statusCopied,
  },
  {
    file: view,
    mutator: 'ConditionalExpression',
    original: "key !== 'paymentStatus'",
    replacement: 'true',
    reason: statusCopied,
  },
  {
    file: view,
    mutator: 'ConditionalExpression',
    original: "key !== 'promotionStatus'",
    replacement: 'true',
    reason: statusCopied,
  },
];
