import type { Notice } from '@roomstay/contracts';
import { Router } from '@roomstay/platform';

export function noticeRouter(listNotices: (customerId: string) => Promise<Notice[]>): Router {
  const router = new Router();
  router.get('/notices/:customerId', async (ctx) => {
    ctx.body = { notices: await listNotices(ctx.params['customerId'] ?? '') };
  });
  return router;
}
