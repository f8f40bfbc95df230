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

}  // namespace kg

#endif  // KG_QUERY_PARALLEL_H_
