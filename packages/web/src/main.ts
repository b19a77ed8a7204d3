// The site: one page, its views chosen by the address's hash (#/rooms,
// #/reservations/<id>, #/mypage, #/notices), drawn from the public API through
// the gateway. No framework: a few views, each built with h() and redrawn
// whole when its data changes; my page polls the read model while a promotion
// is on its way, and the change is announced to screen readers.
import type { MyPage, MyPageReservation, NoticeList, PaymentResult, Reservation, RoomList } from '@roomstay/contracts';
import { api, ApiFailure, useToken } from './api.ts';
import { fill, h } from './dom.ts';
import {
  formatDate,
  formatKrw,
  formatMoment,
  formatNumber,
  languageOf,
  texts,
  type Language,
  type Texts,
} from './i18n.ts';
import { problemOf } from './problems.ts';
import { finishSignIn, signIn, signOut, type Session } from './session.ts';

const languageKey = 'roomstay.language';

const state: { language: Language; session?: Session; notice?: string } = {
  language:
    languageOf(localStorage.getItem(languageKey)) ?? (navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en'),
};

const t = (): Texts => texts[state.language];

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
};
const main = byId('main');
const header = byId('site-header');
const status = byId('status');

/** Said to screen readers (and shown) without moving focus. */
function announce(text: string): void {
  status.textContent = text;
}

/** The views' cleanup (stop polling, countdowns) when another view is drawn. */
let leave: (() => void) | undefined;

// --- header -------------------------------------------------------------------------

function route(): { view: string; id?: string } {
  const [, view = 'rooms', id] = /^#\/([a-z]+)(?:\/([A-Za-z0-9_-]{1,100}))?$/.exec(location.hash) ?? [];
  return id ? { view, id } : { view };
}

function drawHeader(): void {
  const x = t();
  const current = route().view;
  const link = (view: string, label: string) =>
    h('a', { href: `#/${view}`, 'aria-current': current === view ? 'page' : undefined }, label);
  fill(
    header,
    h('a', { class: 'skip', href: '#main' }, x.skip),
    h('a', { class: 'brand', href: '#/rooms' }, x.site),
    h('nav', { 'aria-label': x.nav }, link('rooms', x.rooms), link('mypage', x.myPage), link('notices', x.notices)),
    h(
      'div',
      { class: 'account' },
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          lang: state.language === 'en' ? 'ko' : 'en',
          'aria-label': x.switchLanguageLabel,
          'data-action': 'language',
          onclick: () => switchLanguage(state.language === 'en' ? 'ko' : 'en'),
        },
        x.switchLanguage,
      ),
      state.session
        ? [
            h('span', { class: 'who' }, x.signedInAs(state.session.name)),
            h(
              'button',
              {
                type: 'button',
                'data-action': 'sign-out',
                onclick: () => state.session && signOut(state.session, state.language),
              },
              x.signOut,
            ),
          ]
        : h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-action': 'sign-in',
              onclick: () => void signIn(state.language, location.hash || '#/rooms'),
            },
            x.signIn,
          ),
    ),
  );
}

function switchLanguage(language: Language): void {
  state.language = language;
  localStorage.setItem(languageKey, language);
  void draw();
}

// --- problems ----------------------------------------------------------------------

/** Shows what went wrong where it happened; a 503 is tried again by itself after Retry-After. */
function problemBox(error: unknown, retry?: () => void): HTMLElement {
  const failure = error instanceof ApiFailure ? error : new ApiFailure(0, undefined, String(error), undefined);
  const problem = problemOf(failure, t());
  const box = h(
    'div',
    { class: 'alert', role: 'alert', 'data-status': failure.status, 'data-code': failure.code },
    h('p', {}, problem.text),
  );
  if (problem.signIn) {
    box.append(
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => void signIn(state.language, location.hash) },
        t().signIn,
      ),
    );
  } else if (problem.retryIn !== undefined && retry) {
    const timer = setTimeout(retry, problem.retryIn * 1000);
    const stop = leave;
    leave = () => {
      clearTimeout(timer);
      stop?.();
    };
    box.append(h('button', { type: 'button', onclick: () => (clearTimeout(timer), retry()) }, t().problem.tryAgainNow));
  }
  return box;
}

function signInFirst(): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    h('p', {}, t().signInNeeded),
    h(
      'button',
      { type: 'button', class: 'primary', onclick: () => void signIn(state.language, location.hash) },
      t().signIn,
    ),
  );
}

const loading = (): HTMLElement => h('p', { class: 'muted', 'aria-busy': 'true' }, t().loading);

// --- rooms -------------------------------------------------------------------------

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const stay = { checkIn: tomorrow(), nights: 1 };

async function roomsView(): Promise<void> {
  const x = t();
  const list = h('div', { class: 'rooms' });
  const problem = h('div');
  const more = h('button', { type: 'button', class: 'more', 'data-action': 'more-rooms' }, x.moreRooms);
  const form = h(
    'form',
    { class: 'stay card', id: 'stay' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'check-in' }, x.checkIn),
      h('input', {
        id: 'check-in',
        name: 'checkIn',
        type: 'date',
        required: true,
        min: new Date().toISOString().slice(0, 10),
        value: stay.checkIn,
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'nights' }, x.nights),
      h('input', {
        id: 'nights',
        name: 'nights',
        type: 'number',
        required: true,
        min: 1,
        max: 30,
        value: stay.nights,
        inputmode: 'numeric',
      }),
    ),
    h('button', { type: 'submit', class: 'primary' }, x.search),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    stay.checkIn = String(data.get('checkIn'));
    stay.nights = Number(data.get('nights'));
    void load();
  });
  fill(main, h('h1', { tabindex: -1 }, x.roomsTitle), form, problem, list);

  const roomCard = (room: RoomList['rooms'][number]): HTMLElement =>
    h(
      'article',
      { class: 'room card', 'data-room-id': room.roomId, 'aria-labelledby': `room-${room.roomId}` },
      h('h2', { id: `room-${room.roomId}` }, room.name),
      h('p', { class: 'price' }, formatKrw(room.price, state.language), ' ', h('span', { class: 'muted' }, x.perNight)),
      h(
        'p',
        { class: room.available ? 'badge ok' : 'badge no', 'data-available': String(room.available === true) },
        room.available ? x.available : x.taken,
      ),
      room.available
        ? state.session
          ? h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-action': 'reserve',
                'aria-label': x.reserveRoom(room.name),
                onclick: (e: Event) => void reserve(room.roomId, e.currentTarget as HTMLButtonElement),
              },
              x.reserve,
            )
          : h('button', { type: 'button', onclick: () => void signIn(state.language, '#/rooms') }, x.signInToReserve)
        : null,
    );

  /** The first page of rooms for the stay, or the next one after `cursor`, added below. */
  async function load(cursor?: string): Promise<void> {
    fill(problem);
    if (!cursor) fill(list, loading());
    more.remove();
    try {
      const query = new URLSearchParams({ checkIn: stay.checkIn, nights: String(stay.nights), limit: '20' });
      if (cursor) query.set('cursor', cursor);
      const page = await api<RoomList>('GET', `/rooms?${query.toString()}`);
      if (!cursor) fill(list);
      if (!cursor && !page.rooms.length) return fill(list, h('p', {}, x.noRooms));
      list.append(...page.rooms.map(roomCard));
      if (page.next) {
        const next = page.next;
        more.onclick = () => void load(next);
        list.after(more);
      }
    } catch (error) {
      if (!cursor) fill(list);
      fill(
        problem,
        problemBox(error, () => void load(cursor)),
      );
    }
  }

  async function reserve(roomId: string, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    fill(problem);
    try {
      const reservation = await api<Reservation>('POST', '/reservations', {
        body: { roomId, checkIn: stay.checkIn, nights: stay.nights },
      });
      location.hash = `#/reservations/${reservation.reservationId}`;
    } catch (error) {
      button.disabled = false;
      fill(
        problem,
        problemBox(error, () => void reserve(roomId, button)),
      );
      problem.scrollIntoView({ block: 'nearest' });
      // Whatever was taken shows as taken now.
      if (error instanceof ApiFailure && error.status === 409) void refreshBadges();
    }
  }

  async function refreshBadges(): Promise<void> {
    const kept = [...problem.childNodes];
    await load();
    problem.replaceChildren(...kept);
  }

  await load();
}

// --- one reservation: pay, cancel ---------------------------------------------------------

/** One Idempotency-Key per reservation while this page lives: paying again replays the first answer. */
const paymentKeys = new Map<string, string>();

async function reservationView(id: string): Promise<void> {
  const x = t();
  if (!state.session) return fill(main, h('h1', { tabindex: -1 }, x.reservation), signInFirst());
  fill(main, h('h1', { tabindex: -1 }, x.reservationTitle(id)), loading());
  let reservation: Reservation;
  try {
    reservation = await api<Reservation>('GET', `/reservations/${id}`);
  } catch (error) {
    return fill(
      main,
      h('h1', { tabindex: -1 }, x.reservationTitle(id)),
      problemBox(error, () => void reservationView(id)),
    );
  }
  const result = h('div', { 'aria-live': 'polite' });
  const payButton = h(
    'button',
    { type: 'button', class: 'primary', 'data-action': 'pay', onclick: () => void pay() },
    x.payAmount(formatKrw(reservation.price, state.language)),
  );
  fill(
    main,
    h('h1', { tabindex: -1 }, x.reservationTitle(id)),
    h(
      'section',
      { class: 'card', 'data-reservation-id': reservation.reservationId, 'data-status': reservation.status },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, x.room),
        h('dd', {}, reservation.roomId),
        h('dt', {}, x.stay),
        h(
          'dd',
          {},
          x.stayDates(
            formatDate(reservation.checkIn, state.language),
            formatDate(reservation.checkOut, state.language),
            reservation.nights,
          ),
        ),
        h('dt', {}, x.price),
        h('dd', { class: 'price', 'data-price': reservation.price }, formatKrw(reservation.price, state.language)),
        h('dt', {}, x.status),
        h('dd', {}, x.reservationStatus[reservation.status]),
      ),
      h('p', { class: 'muted' }, x.priceNote),
      reservation.status === 'reserved' && reservation.expiresAt
        ? h('p', {}, x.holdUntil(formatMoment(reservation.expiresAt, state.language)))
        : null,
      h(
        'div',
        { class: 'actions' },
        reservation.status === 'reserved' ? payButton : null,
        reservation.status === 'reserved' || reservation.status === 'paid'
          ? cancelButton(reservation.reservationId, () => void reservationView(id))
          : null,
        h('a', { href: '#/mypage', class: 'button' }, x.goToMyPage),
      ),
      result,
    ),
  );

  async function pay(): Promise<void> {
    payButton.disabled = true;
    payButton.textContent = x.paying;
    const key = paymentKeys.get(id) ?? crypto.randomUUID();
    paymentKeys.set(id, key);
    try {
      const paid = await api<PaymentResult>('POST', `/reservations/${id}/payment`, {
        body: {},
        headers: { 'idempotency-key': key },
      });
      const promotion = {
        granted: x.promotionSaved,
        pending: x.promotionLater,
        revoked: x.promotionRevoked,
        none: x.promotionNone,
      }[paid.promotion.status];
      state.notice = `${x.paid} ${promotion}`;
      watching.add(id);
      location.hash = '#/mypage';
    } catch (error) {
      payButton.disabled = false;
      payButton.textContent = x.payAmount(formatKrw(reservation.price, state.language));
      fill(
        result,
        problemBox(error, () => void pay()),
      );
    }
  }
}

/** A cancel button that asks first, in a modal dialog. */
function cancelButton(reservationId: string, done: () => void): HTMLElement {
  const x = t();
  const open = () => {
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'cancel-title', 'aria-describedby': 'cancel-body' },
      h('h2', { id: 'cancel-title' }, x.cancelTitle),
      h('p', { id: 'cancel-body' }, x.cancelBody),
    );
    const problem = h('div');
    const keep = h('button', { type: 'button', autofocus: true, onclick: () => dialog.close() }, x.cancelKeep);
    const confirm = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'data-action': 'confirm-cancel',
        onclick: async () => {
          confirm.disabled = true;
          try {
            await api<Reservation>('POST', `/reservations/${reservationId}/cancel`, { body: {} });
            dialog.close();
            state.notice = x.cancelled;
            watching.add(reservationId);
            done();
          } catch (error) {
            confirm.disabled = false;
            fill(problem, problemBox(error));
          }
        },
      },
      x.cancelConfirm,
    );
    dialog.append(problem, h('div', { class: 'actions' }, keep, confirm));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  };
  return h(
    'button',
    {
      type: 'button',
      class: 'danger-outline',
      'data-action': 'cancel',
      'data-reservation-id': reservationId,
      onclick: open,
    },
    x.cancel,
  );
}

// --- my page ---------------------------------------------------------------------------

/** Reservations just paid or cancelled: my page polls quickly until the read model shows them settled. */
const watching = new Set<string>();

function settled(row: MyPageReservation | undefined): boolean {
  if (!row) return false;
  if (row.promotionStatus === 'pending') return false;
  if (row.reservationStatus === 'cancelled') return row.paymentStatus !== 'Y' && row.promotionStatus !== 'granted';
  return row.paymentStatus === 'Y';
}

const fastPoll = 1_000;
const slowPoll = 15_000;

async function myPageView(): Promise<void> {
  const x = t();
  if (!state.session) return fill(main, h('h1', { tabindex: -1 }, x.myPageTitle), signInFirst());
  const body = h('div', { id: 'mypage' });
  const notice = state.notice ? h('p', { class: 'notice', role: 'status' }, state.notice) : null;
  state.notice = undefined;
  fill(main, h('h1', { tabindex: -1 }, x.myPageTitle), notice, h('p', { class: 'muted live' }, x.live), body);
  fill(body, loading());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let previous = '';
  const stop = leave;
  leave = () => {
    stopped = true;
    clearTimeout(timer);
    stop?.();
  };

  const poll = async (): Promise<void> => {
    if (stopped) return;
    let delay = slowPoll;
    try {
      const page = await api<MyPage>('GET', '/mypage?limit=50');
      const seen = JSON.stringify(page);
      if (seen !== previous) {
        const changed = previous !== '';
        previous = seen;
        drawMyPage(body, page);
        if (changed) announce(statusLine(page));
      }
      for (const id of [...watching])
        if (settled(page.reservations.find((r) => r.reservationId === id))) watching.delete(id);
      if (watching.size || page.reservations.some((r) => r.promotionStatus === 'pending')) delay = fastPoll;
    } catch (error) {
      if (stopped) return;
      if (error instanceof ApiFailure && error.status === 401) return fill(body, problemBox(error));
      fill(
        body,
        problemBox(error, () => void poll()),
      );
      return;
    }
    if (!stopped) timer = setTimeout(() => void poll(), document.hidden ? slowPoll : delay);
  };
  await poll();
}

function statusLine(page: MyPage): string {
  const x = t();
  return `${x.points}: ${formatNumber(page.points, state.language)} · ${x.coupons}: ${page.coupons.length}`;
}

function drawMyPage(body: HTMLElement, page: MyPage): void {
  const x = t();
  const language = state.language;
  const reservations = page.reservations;
  fill(
    body,
    h(
      'section',
      { class: 'summary' },
      h(
        'div',
        { class: 'card stat', id: 'points' },
        h('h2', {}, x.points),
        h('p', { class: 'big', 'data-points': page.points }, formatNumber(page.points, language)),
      ),
      h(
        'div',
        { class: 'card', id: 'coupons' },
        h('h2', {}, x.coupons),
        page.coupons.length
          ? h(
              'ul',
              { class: 'plain' },
              page.coupons.map((c) =>
                h(
                  'li',
                  { 'data-coupon-id': c.couponId, 'data-reservation-id': c.reservationId },
                  h('strong', {}, x.service[c.service]),
                  ' ',
                  h('code', {}, c.couponId),
                ),
              ),
            )
          : h('p', { class: 'muted' }, x.noCoupons),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'reservations-title' },
      h('h2', { id: 'reservations-title' }, x.reservations),
      reservations.length
        ? h(
            'ul',
            { class: 'plain reservations' },
            reservations.map((r) => reservationCard(r)),
          )
        : h('p', { class: 'muted' }, x.noReservations),
    ),
  );

  function reservationCard(r: MyPageReservation): HTMLElement {
    const price = r.paymentPrice ?? r.price;
    const cancellable = r.reservationStatus !== 'cancelled';
    return h(
      'li',
      { class: 'card reservation', 'data-reservation-id': r.reservationId },
      h('h3', {}, h('a', { href: `#/reservations/${r.reservationId}` }, x.reservationTitle(r.reservationId))),
      h(
        'dl',
        { class: 'facts' },
        r.roomId ? [h('dt', {}, x.room), h('dd', {}, r.roomId)] : null,
        r.checkIn && r.checkOut
          ? [
              h('dt', {}, x.stay),
              h('dd', {}, `${formatDate(r.checkIn, language)} – ${formatDate(r.checkOut, language)}`),
            ]
          : null,
        price !== undefined ? [h('dt', {}, x.price), h('dd', {}, formatKrw(price, language))] : null,
        h('dt', {}, x.status),
        h(
          'dd',
          { 'data-reservation-status': r.reservationStatus ?? 'reserved' },
          r.reservationStatus === 'cancelled'
            ? x.reservationStatus.cancelled
            : x.reservationStatus[r.paymentStatus === 'Y' ? 'paid' : 'reserved'],
        ),
        h('dt', {}, x.payment),
        h('dd', { 'data-payment-status': r.paymentStatus ?? 'none' }, x.paymentStatus[r.paymentStatus ?? 'none']),
        h('dt', {}, x.promotion),
        h(
          'dd',
          { class: `promotion ${r.promotionStatus}`, 'data-promotion-status': r.promotionStatus },
          x.promotionStatus[r.promotionStatus],
          r.service ? [' · ', h('strong', {}, x.service[r.service])] : null,
          r.point !== undefined && r.promotionStatus !== 'none'
            ? [' · ', `${x.points} ${formatNumber(r.point, language)}`]
            : null,
        ),
        r.couponId && r.promotionStatus === 'granted'
          ? [
              h('dt', {}, x.coupon),
              h('dd', {}, h('code', { class: 'coupon', 'data-coupon-id': r.couponId }, r.couponId)),
            ]
          : null,
      ),
      cancellable
        ? h(
            'div',
            { class: 'actions' },
            cancelButton(r.reservationId, () => void myPageView()),
          )
        : null,
    );
  }
}

// --- notices ---------------------------------------------------------------------------

async function noticesView(): Promise<void> {
  const x = t();
  if (!state.session) return fill(main, h('h1', { tabindex: -1 }, x.noticesTitle), signInFirst());
  fill(main, h('h1', { tabindex: -1 }, x.noticesTitle), loading());
  try {
    const list = await api<NoticeList>('GET', '/notices?limit=50');
    fill(
      main,
      h('h1', { tabindex: -1 }, x.noticesTitle),
      list.notices.length
        ? h(
            'ul',
            { class: 'plain notices' },
            list.notices.map((n) =>
              h(
                'li',
                { class: 'card notice-item', 'data-kind': n.kind },
                h('h2', {}, x.noticeKind[n.kind]),
                h('p', { lang: 'en' }, n.message),
                h(
                  'p',
                  { class: 'muted' },
                  h('time', { datetime: n.at }, formatMoment(n.at, state.language)),
                  ' · ',
                  h('a', { href: `#/reservations/${n.reservationId}` }, n.reservationId),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, x.noNotices),
    );
  } catch (error) {
    fill(
      main,
      h('h1', { tabindex: -1 }, x.noticesTitle),
      problemBox(error, () => void noticesView()),
    );
  }
}

// --- drawing -----------------------------------------------------------------------------

async function draw(): Promise<void> {
  leave?.();
  leave = undefined;
  document.documentElement.lang = state.language;
  const x = t();
  const { view, id } = route();
  const titles: Record<string, string> = {
    rooms: x.roomsTitle,
    mypage: x.myPageTitle,
    notices: x.noticesTitle,
    reservations: x.reservation,
  };
  document.title = `${titles[view] ?? x.site} · ${x.site}`;
  drawHeader();
  announce('');
  if (view === 'mypage') await myPageView();
  else if (view === 'notices') await noticesView();
  else if (view === 'reservations' && id) await reservationView(id);
  else await roomsView();
  if (state.notice) {
    main.querySelector('h1')?.after(h('p', { class: 'notice', role: 'status' }, state.notice));
    state.notice = undefined;
  }
  main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  document.body.dataset['view'] = view;
  document.body.dataset['ready'] = 'true';
}

async function start(): Promise<void> {
  const back = await finishSignIn();
  if (back.kind === 'signed-in') {
    state.session = back.session;
    useToken(back.session.accessToken);
    history.replaceState(null, '', `/${back.back}`);
  } else if (back.kind === 'failed') {
    history.replaceState(null, '', `/${back.back}`);
    state.notice = t().signInFailed;
  }
  window.addEventListener('hashchange', () => void draw());
  await draw();
}

void start();
