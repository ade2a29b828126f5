// Preloaded into the server processes by the benchmark only (node --expose-gc --import …): on
// SIGUSR2 it collects garbage and prints the process's memory on one line. Without the forced
// collection, "memory after N sockets" mostly says when V8 last happened to collect; with it,
// RSS still moves by a few MB as V8 and malloc keep or return pages, so the JS heap + Buffers
// is reported too, the steadier measure of what the sockets retain.
const collect = (globalThis as { gc?: () => void }).gc

process.on('SIGUSR2', () => {
  const kb = (b: number) => Math.round(b / 1024)
  collect?.()
  const m = process.memoryUsage()
  const report = {
    rssKb: kb(m.rss),
    heapUsedKb: kb(m.heapUsed),
    externalKb: kb(m.external + m.arrayBuffers),
  }
  process.stdout.write(`bench-memory ${JSON.stringify(report)}\n`)
})
