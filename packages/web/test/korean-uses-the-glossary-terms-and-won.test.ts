import test from 'ava';
import { formatKrw, texts } from '../src/i18n.ts';

test("the Korean site names the business in the glossary's words", (t) => {
  const ko = texts.ko;
  t.is(ko.reservation, '예약');
  t.is(ko.payment, '결제');
  t.is(ko.promotion, '프로모션');
  t.is(ko.service['DISCOUNT COUPON'], '할인쿠폰');
  t.is(ko.service.BEVERAGE, '음료수');
  t.is(ko.points, '포인트');
  t.is(ko.myPage, '마이페이지');
});

test('amounts are Korean won in both languages, without decimals', (t) => {
  t.is(formatKrw(100_000, 'en'), '₩100,000');
  t.is(formatKrw(100_000, 'ko'), '₩100,000');
  t.is(formatKrw(1_234_567, 'en'), '₩1,234,567');
});

test('every English text has a Korean one, and they differ', (t) => {
  const walk = (en: unknown, ko: unknown, path: string): void => {
    if (typeof en === 'object' && en !== null) {
      for (const key of Object.keys(en)) {
        walk((en as Record<string, unknown>)[key], (ko as Record<string, unknown>)[key], `${path}.${key}`);
      }
      return;
    }
    t.is(typeof ko, typeof en, path);
  };
  walk(texts.en, texts.ko, 'texts');
  t.not(texts.ko.roomsTitle, texts.en.roomsTitle);
});
