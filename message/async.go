package message

import (
	"context"
	"sync"
)

// workerPool runs queued jobs on a fixed number of goroutines.
type workerPool struct {
	jobs   chan func()
	mu     sync.RWMutex // guards closed and the closing of jobs
	closed bool
	wg     sync.WaitGroup
}

func newWorkerPool(workers, queue int) *workerPool {
	p := &workerPool{jobs: make(chan func(), queue)}
	p.wg.Add(workers)
	for range workers {
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

// submit queues job without blocking: it fails with ErrQueueFull when the
// queue is full and ErrServerClosed after shutdown.
func (p *workerPool) submit(job func()) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return ErrServerClosed
	}
	select {
	case p.jobs <- job:
		return nil
	default:
		return ErrQueueFull
	}
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
