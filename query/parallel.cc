#include "query/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace kg {

int WorkerCount(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

void ParallelFor(size_t count, size_t chunk, int threads,
                 const std::function<void(size_t begin, size_t end, int worker)>& work) {
  chunk = std::max<size_t>(chunk, 1);
  size_t chunks = (count + chunk - 1) / chunk;
  int workers = static_cast<int>(std::min<size_t>(std::max(threads, 1), chunks));
  if (workers <= 1) {
    if (count > 0) {
      for (size_t begin = 0; begin < count; begin += chunk) {
        work(begin, std::min(count, begin + chunk), 0);
      }
    }
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&](int worker) {
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      work(c * chunk, std::min(count, (c + 1) * chunk), worker);
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (std::thread& t : pool) t.join();
}

BlockPlan PlanBlocks(size_t count, size_t n) {
  BlockPlan plan;
  if (count == 0) return plan;
  size_t blocks = std::min<size_t>(count, 64);
  while (blocks > 1 && blocks * n > (size_t{1} << 23)) blocks /= 2;
  plan.block_size = (count + blocks - 1) / blocks;
  plan.blocks = (count + plan.block_size - 1) / plan.block_size;
  return plan;
}

}  // namespace kg
