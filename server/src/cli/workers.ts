// The CLI's two passes (analyse.ts) spread over worker threads, for many files: each worker classifies
// chunks of files; then each builds the same workspace index (the files that are ours, in the order
// given) and analyses chunks of them. The main thread hands out chunks and puts the reports back in the order of
// the files given, holding at most a window of chunks ahead of the one it is writing: the same reports,
// byte for byte, as in one thread (analyseHere).
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { nodeAssets } from '../node/assets';
import { prepareSources } from '../sources';
import { type AnalysisJob, Analyser, Classifier, type FirstPass, settle } from './analyse';
import type { InputFile } from './files';
import type { FileReport } from './report';

type Task =
  | { type: 'classify'; inputs: InputFile[] }
  | { type: 'index'; inputs: InputFile[]; skipped: { input: InputFile; reason: string }[] }
  | { type: 'analyse'; inputs: InputFile[] };
type Result = (FirstPass | FileReport)[];
type Reply = { id: number; result?: Result; error?: string };

/** Files per chunk in each pass, and how many chunks of pass 2 may be out ahead of the one being written. */
const CLASSIFY_CHUNK = 64;
const ANALYSE_CHUNK = 16;
const WINDOW_PER_WORKER = 4;

class Pool {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly queue: { task: Task; resolve: (r: Result) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(script: string, size: number, job: AnalysisJob) {
    this.workers = Array.from({ length: size }, () => new Worker(script, { workerData: job }));
    this.idle = [...this.workers];
    for (const worker of this.workers) {
      worker.on('message', (reply: Reply) => {
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        this.idle.push(worker);
        if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
        else waiting?.resolve(reply.result ?? []);
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
    }
  }

  /** Runs a task on the next free worker. */
  run(task: Task): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Runs a task on every worker (when none is busy). */
  each(task: Task): Promise<unknown> {
    return Promise.all(this.workers.map((worker) => this.send(worker, task)));
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const { task, resolve, reject } = this.queue.shift()!;
      this.send(this.idle.pop()!, task).then(resolve, reject);
    }
  }

  private send(worker: Worker, task: Task): Promise<Result> {
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task });
    });
  }

  private fail(error: Error): void {
    for (const { reject } of [...this.pending.values(), ...this.queue]) reject(error);
    this.pending.clear();
    this.queue.length = 0;
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Both passes on `size` worker threads running `script` (the CLI bundle): reports in the order of `inputs`. */
export async function* analyseInWorkers(
  inputs: readonly InputFile[],
  job: AnalysisJob,
  script: string,
  size: number,
): AsyncGenerator<FileReport> {
  const pool = new Pool(script, size, job);
  try {
    const first: FirstPass[] = new Array(inputs.length);
    await Promise.all(
      chunks(
        inputs.map((_, i) => i),
        CLASSIFY_CHUNK,
      ).map(async (indices) => {
        const result = (await pool.run({ type: 'classify', inputs: indices.map((i) => inputs[i]) })) as FirstPass[];
        indices.forEach((i, k) => (first[i] = result[k]));
      }),
    );
    settle(inputs, first);
    // Pass 2: the index in every worker, then the files left, chunk by chunk, written in order (a named .tf
    // file's module is indexed, not reported).
    const left = inputs.filter((_, i) => !first[i].report);
    const skipped = inputs.flatMap((input, i) => (first[i].skipped === undefined ? [] : [{ input, reason: first[i].skipped! }]));
    if (left.length) await pool.each({ type: 'index', inputs: left, skipped });
    const work = chunks(
      left.filter((input) => !input.context),
      ANALYSE_CHUNK,
    );
    const results: Promise<Result>[] = [];
    const window = WINDOW_PER_WORKER * size;
    let chunk = 0;
    let offset = 0;
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].context) continue;
      const report = first[i].report;
      if (report) {
        yield report;
        continue;
      }
      while (results.length < Math.min(work.length, chunk + window))
        results.push(pool.run({ type: 'analyse', inputs: work[results.length] }));
      const reports = (await results[chunk]) as FileReport[];
      yield reports[offset];
      if (++offset === reports.length) {
        // Written: let it go.
        results[chunk] = Promise.resolve([]);
        chunk++;
        offset = 0;
      }
    }
  } finally {
    await pool.close();
  }
}

/** The worker's side: runs the tasks the main thread sends. */
export function serveWorker(): void {
  const job = workerData as AnalysisJob;
  const classifier = new Classifier(job);
  let analyser = new Analyser(job);
  // The HCL parser's WebAssembly, loaded once per worker before its first task.
  const ready = prepareSources(nodeAssets);
  parentPort!.on('message', ({ id, task }: { id: number; task: Task }) => {
    void (async () => {
      try {
        await ready;
        const result: Result = [];
        if (task.type === 'classify') {
          for (const input of task.inputs) result.push(await classifier.classify(input));
        } else if (task.type === 'index') {
          analyser = new Analyser(job);
          for (const { input, reason } of task.skipped) analyser.skip(input, reason);
          for (const input of task.inputs) analyser.add(input);
        } else {
          for (const input of task.inputs) result.push(await analyser.analyse(input));
        }
        parentPort!.postMessage({ id, result } satisfies Reply);
      } catch (error) {
        parentPort!.postMessage({
          id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error as string),
        } satisfies Reply);
      }
    })();
  });
}
