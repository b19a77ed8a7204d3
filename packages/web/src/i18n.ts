// The site's words in English and Korean. The Korean business terms are the
// glossary's (예약, 결제, 프로모션, 할인쿠폰, 음료수, 포인트, 마이페이지);
// amounts are Korean won in either language. No DOM here: tests read it too.

export type Language = 'en' | 'ko';
export const languages: readonly Language[] = ['en', 'ko'];

const en = {
  site: 'roomstay',
  skip: 'Skip to content',
  nav: 'Main',
  rooms: 'Rooms',
  myPage: 'My page',
  notices: 'Notices',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (name: string) => `Signed in as ${name}`,
  switchLanguage: '한국어',
  switchLanguageLabel: 'Switch to Korean',
  loading: 'Loading…',
  // rooms
  roomsTitle: 'Find a room',
  checkIn: 'Check-in date',
  nights: 'Nights',
  search: 'Show rooms',
  perNight: 'per night',
  available: 'Free for these dates',
  taken: 'Taken for these dates',
  reserve: 'Reserve',
  reserveRoom: (room: string) => `Reserve ${room}`,
  noRooms: 'No rooms yet.',
  moreRooms: 'More rooms',
  signInToReserve: 'Sign in to reserve',
  // reservation
  reservation: 'Reservation',
  reservationTitle: (id: string) => `Reservation ${id}`,
  room: 'Room',
  stay: 'Stay',
  stayDates: (from: string, to: string, nights: number) =>
    `${from} – ${to} (${nights} ${nights === 1 ? 'night' : 'nights'})`,
  price: 'Price',
  priceNote: 'The price is the one our server computed for your stay.',
  status: 'Status',
  holdUntil: (at: string) => `Held for you until ${at}; pay before then.`,
  pay: 'Pay',
  payAmount: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  paid: 'Payment approved.',
  promotionSaved: 'Your promotion is ready on my page.',
  promotionLater: 'Your promotion will come a little later; my page shows it as soon as it is ready.',
  promotionNone: 'This payment earns points only.',
  promotionRevoked: 'The promotion of this payment was revoked.',
  goToMyPage: 'Go to my page',
  cancel: 'Cancel reservation',
  cancelTitle: 'Cancel this reservation?',
  cancelBody: 'The room is freed, the payment is refunded, and its promotion and points are taken back.',
  cancelConfirm: 'Yes, cancel it',
  cancelKeep: 'No, keep it',
  cancelled: 'The reservation is cancelled.',
  reservationStatus: {
    reserved: 'Reserved, not paid',
    paid: 'Paid',
    completed: 'Completed',
    cancelled: 'Cancelled',
    expired: 'Expired',
  },
  // my page
  myPageTitle: 'My page',
  points: 'Points',
  coupons: 'Coupons',
  noCoupons: 'No coupons yet.',
  reservations: 'Reservations',
  noReservations: 'No reservations yet.',
  payment: 'Payment',
  promotion: 'Promotion',
  coupon: 'Coupon',
  paymentStatus: { Y: 'Paid', REFUNDED: 'Refunded', none: 'Not paid' },
  promotionStatus: {
    none: 'None',
    pending: 'Pending…',
    granted: 'Granted',
    revoked: 'Revoked',
  },
  service: { 'DISCOUNT COUPON': 'Discount coupon', BEVERAGE: 'Beverage' },
  live: 'Updates by itself',
  more: 'More',
  // notices
  noticesTitle: 'Notices',
  noNotices: 'No notices yet.',
  noticeKind: {
    'reservation-placed': 'Reservation placed',
    'payment-approved': 'Payment approved',
    'promotion-granted': 'Promotion granted',
    'reservation-cancelled': 'Reservation cancelled',
    'payment-refunded': 'Payment refunded',
    'promotion-revoked': 'Promotion revoked',
  },
  // sign-in
  signInNeeded: 'Sign in to see this page.',
  signInFailed: 'Sign-in did not finish. Please try again.',
  // problems
  problem: {
    roomTaken: 'Sorry, this room was just taken for these dates. Choose other dates or another room.',
    notPayable: 'This reservation can no longer be paid.',
    expired: 'The hold on this reservation ran out. Please reserve again.',
    holdLimit: 'You have too many unpaid reservations. Pay or cancel one first.',
    slowDown: (seconds: number) => `Too many requests. Please wait ${seconds} s and try again.`,
    tryAgainShortly: (seconds: number) => `The service is busy. Trying again in ${seconds} s…`,
    tryAgainNow: 'Try again',
    signInAgain: 'Your session has ended. Please sign in again.',
    notFound: 'Not found.',
    invalid: (message: string) => `Please check your input: ${message}`,
    unexpected: 'Something went wrong. Please try again.',
    offline: 'The site cannot be reached. Check your connection and try again.',
  },
  dismiss: 'Dismiss',
};

export type Texts = typeof en;

const ko: Texts = {
  site: 'roomstay',
  skip: '본문으로 건너뛰기',
  nav: '주 메뉴',
  rooms: '객실',
  myPage: '마이페이지',
  notices: '알림',
  signIn: '로그인',
  signOut: '로그아웃',
  signedInAs: (name) => `${name}님으로 로그인됨`,
  switchLanguage: 'English',
  switchLanguageLabel: '영어로 보기',
  loading: '불러오는 중…',
  roomsTitle: '객실 찾기',
  checkIn: '체크인 날짜',
  nights: '숙박일수',
  search: '객실 보기',
  perNight: '1박',
  available: '선택한 날짜에 예약 가능',
  taken: '선택한 날짜에 예약 불가',
  reserve: '예약',
  reserveRoom: (room) => `${room} 예약`,
  noRooms: '아직 객실이 없습니다.',
  moreRooms: '객실 더 보기',
  signInToReserve: '로그인하고 예약하기',
  reservation: '예약',
  reservationTitle: (id) => `예약 ${id}`,
  room: '객실',
  stay: '숙박',
  stayDates: (from, to, nights) => `${from} – ${to} (${nights}박)`,
  price: '금액',
  priceNote: '금액은 서버가 숙박 기간에 맞춰 계산한 금액입니다.',
  status: '상태',
  holdUntil: (at) => `${at}까지 예약이 유지됩니다. 그 전에 결제하세요.`,
  pay: '결제',
  payAmount: (amount) => `${amount} 결제`,
  paying: '결제 중…',
  paid: '결제가 승인되었습니다.',
  promotionSaved: '프로모션이 마이페이지에 준비되었습니다.',
  promotionLater: '프로모션은 잠시 후에 지급됩니다. 준비되는 대로 마이페이지에 표시됩니다.',
  promotionNone: '이 결제는 포인트만 적립됩니다.',
  promotionRevoked: '이 결제의 프로모션은 회수되었습니다.',
  goToMyPage: '마이페이지로 가기',
  cancel: '예약 취소',
  cancelTitle: '이 예약을 취소할까요?',
  cancelBody: '객실이 해제되고, 결제가 환불되며, 프로모션과 포인트가 회수됩니다.',
  cancelConfirm: '예, 취소합니다',
  cancelKeep: '아니요, 유지합니다',
  cancelled: '예약이 취소되었습니다.',
  reservationStatus: {
    reserved: '예약됨 (결제 전)',
    paid: '결제 완료',
    completed: '이용 완료',
    cancelled: '취소됨',
    expired: '만료됨',
  },
  myPageTitle: '마이페이지',
  points: '포인트',
  coupons: '할인쿠폰 및 서비스',
  noCoupons: '아직 쿠폰이 없습니다.',
  reservations: '예약 내역',
  noReservations: '아직 예약이 없습니다.',
  payment: '결제',
  promotion: '프로모션',
  coupon: '쿠폰 번호',
  paymentStatus: { Y: '결제 완료', REFUNDED: '환불됨', none: '결제 전' },
  promotionStatus: {
    none: '없음',
    pending: '지급 대기 중…',
    granted: '지급됨',
    revoked: '회수됨',
  },
  service: { 'DISCOUNT COUPON': '할인쿠폰', BEVERAGE: '음료수' },
  live: '자동으로 갱신됩니다',
  more: '더 보기',
  noticesTitle: '알림',
  noNotices: '아직 알림이 없습니다.',
  noticeKind: {
    'reservation-placed': '예약 완료',
    'payment-approved': '결제 승인',
    'promotion-granted': '프로모션 지급',
    'reservation-cancelled': '예약 취소',
    'payment-refunded': '결제 환불',
    'promotion-revoked': '프로모션 회수',
  },
  signInNeeded: '이 페이지를 보려면 로그인하세요.',
  signInFailed: '로그인이 완료되지 않았습니다. 다시 시도하세요.',
  problem: {
    roomTaken: '죄송합니다. 방금 이 날짜에 객실이 예약되었습니다. 다른 날짜나 다른 객실을 선택하세요.',
    notPayable: '이 예약은 더 이상 결제할 수 없습니다.',
    expired: '예약 유지 시간이 지났습니다. 다시 예약하세요.',
    holdLimit: '결제하지 않은 예약이 너무 많습니다. 먼저 결제하거나 취소하세요.',
    slowDown: (seconds) => `요청이 너무 많습니다. ${seconds}초 후에 다시 시도하세요.`,
    tryAgainShortly: (seconds) => `서비스가 혼잡합니다. ${seconds}초 후에 다시 시도합니다…`,
    tryAgainNow: '다시 시도',
    signInAgain: '로그인이 만료되었습니다. 다시 로그인하세요.',
    notFound: '찾을 수 없습니다.',
    invalid: (message) => `입력을 확인하세요: ${message}`,
    unexpected: '문제가 발생했습니다. 다시 시도하세요.',
    offline: '사이트에 연결할 수 없습니다. 연결을 확인하고 다시 시도하세요.',
  },
  dismiss: '닫기',
};

export const texts: Record<Language, Texts> = { en, ko };

export function languageOf(value: string | null | undefined): Language | undefined {
  return value === 'en' || value === 'ko' ? value : undefined;
}

const locale: Record<Language, string> = { en: 'en-US', ko: 'ko-KR' };

/** An amount in Korean won, as people of the language write it (₩100,000). */
export function formatKrw(amount: number, language: Language): string {
  return new Intl.NumberFormat(locale[language], { style: 'currency', currency: 'KRW' }).format(amount);
}

/** A whole number with the language's grouping. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locale[language]).format(value);
}

/** A calendar date (YYYY-MM-DD) in the language's own way, read as a date, not a moment. */
export function formatDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A moment (ISO date-time) in the language's own way, in the reader's time zone. */
export function formatMoment(at: string, language: Language): string {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) return at;
  return new Intl.DateTimeFormat(locale[language], { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
}
