/**
 * Job queues: a route enqueues a job (`exportQueue.add('export', { path: req.body.path })`) and a
 * worker, often in another file or process, runs it (`new Worker('exports', async (job) => …)`).
 * The worker's processor is a handler whose route is unknown: what its job carries
 * (`job.data`) is request input only when the project has a producer that enqueues request input
 * on the same queue, a queue created with the same literal name (`new Queue('exports')`), or for
 * agenda a job of the same literal name. Without such a producer in view, or with a name that is
 * not a literal, the job's data is not input: a queue may be fed by trusted jobs only (a cron, an
 * admin script). `analysis/taint/job-queues.ts` reads these rows.
 */
export interface JobQueueModel {
  /** Packages the queue and worker come from. */
  modules: readonly string[];
  /**
   * Exports of the package that create a queue, called with `new` and the queue's name first
   * (`new Queue('exports')`); `''` for the package's default export (`new (require('bull'))('x')`).
   */
  queues: readonly string[];
  /**
   * Exports that create a worker: `new Worker(queueName, processor)`. The name is the queue's, the
   * processor receives the job first.
   */
  workers: readonly string[];
  /**
   * Methods of a queue that register its processor (`queue.process(fn)`, `queue.process('job', 5, fn)`):
   * the processor is the last argument, the queue is the one the method is called on.
   */
  processes: readonly string[];
  /**
   * Methods of a queue (or, with `byJobName`, of the scheduler) that enqueue a job, with the index of
   * the data argument: `'first-object'` takes the first argument unless it is a string (a job name,
   * then the data is the second), as bull's `add([name,] data)`.
   */
  producers: readonly { method: string; data: number | 'first-object' }[];
  /** The members of the job that hold what the producer enqueued (`job.data`, agenda's `job.attrs.data`). */
  data: readonly string[];
  /**
   * Whether the queue is named by each job's name rather than by the queue object (agenda: one
   * scheduler, `agenda.define('export', fn)` runs the jobs of `agenda.now('export', data)`): the
   * name is the first argument of the processor method, and of the producer method before the data.
   */
  byJobName: boolean;
  /**
   * Access paths from the package to the object that is the queue (or, with `byJobName`, the
   * scheduler) when it is not made with `new`: amqplib's channel,
   * `(await (await amqp.connect(url)).createChannel())`.
   */
  instances?: readonly string[];
  /** The argument of the processor method that is the processor, when not the last (amqplib's `consume(queue, onMessage, options)`). */
  processorArgument?: number;
  /**
   * Whether a processor may receive an array of jobs (pg-boss 10: `boss.work('x', async ([job]) => …)`):
   * the first step of its parameter may then be an element.
   */
  batches?: boolean;
  /**
   * The NestJS module wrapping the package: `@InjectQueue('x') private queue: Queue` is the queue
   * named `x`, and a class decorated `@Processor('x')` runs its jobs in the methods decorated
   * `decorator` (`@Process('job')`, @nestjs/bull) or in its method `method` (`WorkerHost.process`,
   * @nestjs/bullmq).
   */
  nest?: { module: string; decorator?: string; method?: string };
}

export const jobQueues = [
  // BullMQ: `new Queue('exports', { connection })`, `queue.add(jobName, data)`, and a worker per
  // queue, `new Worker('exports', processor, { connection })`.
  {
    modules: ['bullmq'],
    queues: ['Queue'],
    workers: ['Worker'],
    processes: [],
    producers: [{ method: 'add', data: 1 }],
    data: ['data'],
    byJobName: false,
    nest: { module: '@nestjs/bullmq', method: 'process' },
  },
  // Bull: `new Queue('exports')` (the default export), `queue.add([name,] data)`,
  // `queue.process([name,] [concurrency,] processor)`.
  {
    modules: ['bull'],
    queues: ['', 'default'],
    workers: [],
    processes: ['process'],
    producers: [{ method: 'add', data: 'first-object' }],
    data: ['data'],
    byJobName: false,
    nest: { module: '@nestjs/bull', decorator: 'Process' },
  },
  // Bee-Queue: `new Queue('exports')`, `queue.createJob(data).save()`, `queue.process([concurrency,] processor)`.
  {
    modules: ['bee-queue'],
    queues: ['', 'default'],
    workers: [],
    processes: ['process'],
    producers: [{ method: 'createJob', data: 0 }],
    data: ['data'],
    byJobName: false,
  },
  // Agenda: `agenda.define('export', processor)`, `agenda.now('export', data)`,
  // `agenda.schedule(when, 'export', data)`, `agenda.every(interval, 'export', data)`; the job's
  // data is `job.attrs.data`.
  {
    modules: ['agenda', '@hokify/agenda'],
    queues: ['Agenda', '', 'default'],
    workers: [],
    processes: ['define'],
    producers: [
      { method: 'now', data: 1 },
      { method: 'schedule', data: 2 },
      { method: 'every', data: 2 },
    ],
    data: ['attrs', 'data'],
    byJobName: true,
  },
  // pg-boss: one scheduler (`new PgBoss(connectionString)`), `boss.send('export', data)` and its
  // variants, `boss.work('export', [options,] processor)`; since version 10 the processor receives
  // an array of jobs (`async ([job]) => …`).
  {
    modules: ['pg-boss'],
    queues: ['', 'default', 'PgBoss'],
    workers: [],
    processes: ['work'],
    producers: [
      { method: 'send', data: 1 },
      { method: 'sendAfter', data: 1 },
      { method: 'sendOnce', data: 1 },
      { method: 'sendSingleton', data: 1 },
      { method: 'sendThrottled', data: 1 },
      { method: 'sendDebounced', data: 1 },
    ],
    data: ['data'],
    byJobName: true,
    batches: true,
  },
  // RabbitMQ through amqplib: a channel (`await connection.createChannel()`) sends to a queue by
  // name, `channel.sendToQueue('export', Buffer.from(JSON.stringify(data)))`, and consumes it,
  // `channel.consume('export', (message) => JSON.parse(message.content.toString()), options)`.
  {
    modules: ['amqplib'],
    queues: [],
    workers: [],
    processes: ['consume'],
    producers: [{ method: 'sendToQueue', data: 1 }],
    data: ['content'],
    byJobName: true,
    instances: ['Member[connect].ReturnValue.Member[createChannel,createConfirmChannel].ReturnValue'],
    processorArgument: 1,
  },
] as const satisfies readonly JobQueueModel[];
