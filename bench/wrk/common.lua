-- Shared by the wrk scripts of bench/run: per-thread seeds and one machine-readable result line.
local M = {}
local counter = 0

-- Gives each wrk thread its own number, so that threads draw different random sequences.
function M.setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function M.seed()
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
end

-- "RESULT key=value ..." on stdout, read by bench/run (latencies in ms).
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "bytes=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
end

return M
