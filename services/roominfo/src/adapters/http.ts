import type { MyPage } from '@roomstay/contracts';
import { Router } from '@roomstay/platform';

/** Read by the gateway with the customer id from the caller's token. */
export function myPageRouter(getMyPage: (customerId: string) => Promise<MyPage>): Router {
  const router = new Router();
  router.get('/mypage/:customerId', async (ctx) => {
    ctx.body = await getMyPage(ctx.params['customerId'] ?? '');
  });
  return router;
}
