import { PageQuery, type MyPage } from '@roomstay/contracts';
import { AppError, callerOf, parse, Router } from '@roomstay/platform';

/** Read by the gateway for the customer its verified token names, and for nobody else. */
export function myPageRouter(getMyPage: (customerId: string, page: PageQuery) => Promise<MyPage>): Router {
  const router = new Router();
  router.get('/mypage/:customerId', async (ctx) => {
    const customerId = ctx.params['customerId'] ?? '';
    if (callerOf(ctx).customerId !== customerId) throw new AppError('forbidden', "my page is only its customer's");
    ctx.body = await getMyPage(customerId, parse(PageQuery, ctx.query));
  });
  return router;
}
