package message

import (
	"context"
	"sync"
)

// workerPool runs queued jobs on a fixed number of goroutines. A caller
// first reserves a place in the queue, then submits its job or releases
// the place: so a callback is refused for a full queue before anything
// about it is recorded.
type workerPool struct {
	jobs   chan func()
	slots  chan struct{} // one token per reserved place, freed when a worker takes the job
	mu     sync.RWMutex  // guards closed and the closing of jobs
	closed bool
	wg     sync.WaitGroup
}

func newWorkerPool(workers, queue int) *workerPool {
	p := &workerPool{jobs: make(chan func(), queue), slots: make(chan struct{}, queue)}
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
// ErrQueueFull when the queue is full and ErrServerClosed after shutdown.
// The caller must then call submit or release.
func (p *workerPool) reserve() error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return ErrServerClosed
	}
	select {
	case p.slots <- struct{}{}:
		return nil
	default:
		return ErrQueueFull
	}
}

// release gives back a reserved place.
func (p *workerPool) release() { <-p.slots }

// submit queues job in a reserved place. It fails with ErrServerClosed,
// releasing the place, if the pool was shut down since.
func (p *workerPool) submit(job func()) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		p.release()
		return ErrServerClosed
	}
	p.jobs <- job // never blocks: every queued job holds one of cap(jobs) places
	return nil
}

// shutdown stops accepting jobs and waits until the queued ones have run or
// ctx is done.
func (p *workerPool) shutdown(ctx context.Context) error {
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
