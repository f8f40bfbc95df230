// A small fork-join loop for the graph algorithms that use every core.
#ifndef KG_QUERY_PARALLEL_H_
#define KG_QUERY_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace kg {

// The number of workers to use for a request of `threads`: 0 means every core.
int WorkerCount(int threads);

// Calls work(begin, end, worker) on consecutive chunks of [0, count) of at
// most `chunk` indexes, on `threads` workers (worker is in [0, threads)).
// Chunks are handed out dynamically, so `work` must only write state owned by
// its indexes or by its worker for the result not to depend on the schedule.
void ParallelFor(size_t count, size_t chunk, int threads,
                 const std::function<void(size_t begin, size_t end, int worker)>& work);

// Work split into blocks for a floating-point sum that must not depend on
// the number of threads: each block sums into its own array and the arrays
// are added in block order.
struct BlockPlan {
  size_t blocks = 0;
  size_t block_size = 0;  // items per block; the last one may hold fewer
};

// Splits `count` items into at most 64 blocks, a number that depends only on
// `count` and on `n`, the size of each block's array (fewer blocks when their
// arrays would pass 2^23 values in all).
BlockPlan PlanBlocks(size_t count, size_t n);

}  // namespace kg

#endif  // KG_QUERY_PARALLEL_H_
