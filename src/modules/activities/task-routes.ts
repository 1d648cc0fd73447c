import {
  IdParams,
  Task,
  TaskCreateBody,
  TaskListQuery,
  TaskUpdateBody,
  page,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as activities from './service.js';

export const taskRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['tasks'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'tasks', action } }) as const;

  app.get(
    '/tasks',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'List tasks by due time (open, done, overdue)',
        querystring: TaskListQuery,
        response: { 200: page(Task) },
      },
    },
    async (req) => run(req, (ctx) => activities.listTasks(ctx, req.query)),
  );
  app.post(
    '/tasks',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create a task (remindAt is stored; reminders are sent by a later release)',
        body: TaskCreateBody,
        response: { 201: Task },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => activities.createTask(ctx, req.body))),
  );
  app.get(
    '/tasks/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get a task', params: IdParams, response: { 200: Task } },
    },
    async (req) => run(req, (ctx) => activities.getTask(ctx, req.params.id)),
  );
  app.patch(
    '/tasks/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a task',
        params: IdParams,
        body: TaskUpdateBody,
        response: { 200: Task },
      },
    },
    async (req) => run(req, (ctx) => activities.updateTask(ctx, req.params.id, req.body)),
  );
  app.post(
    '/tasks/:id/complete',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Mark done (logs task_done on the timeline)',
        params: IdParams,
        response: { 200: Task },
      },
    },
    async (req) => run(req, (ctx) => activities.completeTask(ctx, req.params.id)),
  );
  app.delete(
    '/tasks/:id',
    { config: can('delete'), schema: { tags, summary: 'Delete a task', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => activities.deleteTask(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
};
