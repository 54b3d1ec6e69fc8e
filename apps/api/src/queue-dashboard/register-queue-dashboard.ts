import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { QueueName, QueueRegistry } from '#jobs';
import { loggableError, sendProblem, toProblem } from '../common/problem-details.filter.js';
import { titleFor, typeFor } from '../common/problem.js';
import { QueueDashboardAccess, type DashboardDecision } from './queue-dashboard-access.service.js';
import { QUEUE_DASHBOARD_CSP, QUEUE_DASHBOARD_PATH } from './queue-dashboard.constants.js';

/**
 * Mounts bull-board on the Fastify instance under /admin/queues, every queue of the
 * product on it, behind an onRequest hook on that prefix: an active admin only (401
 * without credentials, 403 for any other role, both as problem+json). Call it after the
 * app-wide hooks are added, so the dashboard's routes inherit them.
 */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const access = app.get(QueueDashboardAccess);
  const registry = app.get(QueueRegistry);
  const logger = new Logger('QueueDashboard');

  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(registry.get(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Patient Rights Desk queues' } },
  });

  await fastify.register(
    async (scope) => {
      scope.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) access.routes.push({ method, path: route.url ?? route.path });
      });
      scope.addHook('onRequest', async (request, reply) => {
        let decision: DashboardDecision;
        try {
          decision = await access.decide(request);
        } catch (error) {
          // Not bull-board's error handler: it would echo the error's message.
          const problem = toProblem(error);
          logger.error({ errorId: problem.errorId, err: loggableError(error) }, 'queue dashboard access check failed');
          sendProblem(reply, problem, request.url);
          return reply;
        }
        if (!decision.allowed) {
          sendProblem(
            reply,
            { type: typeFor(decision.status), title: titleFor(decision.status), status: decision.status, detail: decision.detail },
            request.url,
          );
          return reply;
        }
        void reply
          .header('content-security-policy', QUEUE_DASHBOARD_CSP)
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer');
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
