-- Shared by the load scripts (loaded with dofile from LOAD_LUA_DIR): thread ids, per-thread pools
-- read from a file, and one machine-readable RESULT line at the end of a run.
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end

-- Lines of `file` that belong to this thread (every `threads`-th line), as a FIFO queue.
function load_pool(file, threads)
  local pool = { first = 1, last = 0 }
  local i = 0
  for line in io.lines(file) do
    if i % threads == thread_id then
      pool.last = pool.last + 1
      pool[pool.last] = line
    end
    i = i + 1
  end
  return pool
end

function pool_pop(pool)
  if pool.first > pool.last then
    return nil
  end
  local value = pool[pool.first]
  pool[pool.first] = nil
  pool.first = pool.first + 1
  return value
end

function pool_push(pool, value)
  pool.last = pool.last + 1
  pool[pool.last] = value
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
