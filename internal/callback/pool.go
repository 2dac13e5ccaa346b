package callback

import (
	"context"
	"sync"
)

// WorkerPool runs queued jobs on a fixed number of goroutines. A caller
// first reserves a place in the queue, then submits its job or releases
// the place: so a callback is refused for a full queue before anything
// about it is recorded.
type WorkerPool struct {
	jobs   chan func()
	slots  chan struct{} // one token per reserved place, freed when a worker takes the job
	mu     sync.RWMutex  // guards closed and the closing of jobs
	closed bool
	wg     sync.WaitGroup
}

// NewWorkerPool starts workers goroutines fed by a queue of queue jobs;
// both must be at least 1.
func NewWorkerPool(workers, queue int) *WorkerPool {
	p := &WorkerPool{jobs: make(chan func(), queue), slots: make(chan struct{}, queue)}
	p.wg.Add(workers)
	for range workers {
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				<-p.slots
				job()
			}
		}()
	}
	return p
}

// reserve takes a place in the queue without blocking: it fails with
// errs.QueueFull when the queue is full and errs.ServerClosed after
// shutdown. The caller must then call submit or release.
func (p *WorkerPool) reserve(errs Errors) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return errs.ServerClosed
	}
	select {
	case p.slots <- struct{}{}:
		return nil
	default:
		return errs.QueueFull
	}
}

// release gives back a reserved place.
func (p *WorkerPool) release() { <-p.slots }

// submit queues job in a reserved place. It fails with errs.ServerClosed,
// releasing the place, if the pool was shut down since.
func (p *WorkerPool) submit(errs Errors, job func()) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		p.release()
		return errs.ServerClosed
	}
	p.jobs <- job // never blocks: every queued job holds one of cap(jobs) places
	return nil
}

// shutdown stops accepting jobs and waits until the queued ones have run or
// ctx is done.
func (p *WorkerPool) shutdown(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
