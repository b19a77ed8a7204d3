import { PageQuery, type NoticeList } from '@roomstay/contracts';
import { AppError, callerOf, parse, Router } from '@roomstay/platform';

/** Read by the gateway for the customer its verified token names, and for nobody else. */
export function noticeRouter(listNotices: (customerId: string, page: PageQuery) => Promise<NoticeList>): Router {
  const router = new Router();
  router.get('/notices/:customerId', async (ctx) => {
    const customerId = ctx.params['customerId'] ?? '';
    if (callerOf(ctx).customerId !== customerId) throw new AppError('forbidden', "notices are only their customer's");
    ctx.body = await listNotices(customerId, parse(PageQuery, ctx.query));
  });
  return router;
}
