//! An ordered parallel map with bounded memory: `jobs` worker threads take
//! inputs in order, and the caller's sink receives the results in input
//! order, each as soon as it and every earlier one are done.
//!
//! Memory stays bounded by a window of permits: an input is handed out only
//! when fewer than `window` inputs are between "handed out" and "given to
//! the sink" (queued, being worked on, or finished and waiting for an
//! earlier one). One slow article therefore stalls the others after
//! `window` articles instead of letting finished results pile up.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the sink side looks at the stop flag while it waits.
const STOP_POLL: Duration = Duration::from_millis(50);

/// How long a stopped run waits for the articles being worked on to be
/// done, so that none is cut off halfway through writing its output (a
/// temporary file left in the output folder); one article takes
/// milliseconds, a very large one seconds.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// How wide a run is: `jobs` worker threads, at most `window` inputs in
/// flight (both at least 1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Width {
    /// Worker threads.
    pub(crate) jobs: usize,
    /// Inputs handed out but not yet given to the sink.
    pub(crate) window: usize,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ended {
    /// Every input was mapped and given to the sink.
    Done,
    /// The stop flag was raised: the sink got a prefix of the results.
    Stopped,
}

/// Maps `inputs` with `work` on `jobs` threads and gives each result to
/// `sink` in input order, with at most `window` inputs in flight. A panic
/// in `work` becomes `on_panic()` for that input. When `stop` is raised, no
/// new input is handed out or started and the sink gets no further result;
/// the call returns [`Ended::Stopped`] once the inputs being worked on are
/// done (at most [`STOP_GRACE`]), so that none is cut off halfway through
/// writing its output; their results are dropped.
/// `idle` is called whenever no result has come for a while (50 ms), e.g.
/// to flush what the sink buffered.
///
/// # Errors
/// The first error of `sink` or `idle`; nothing more is given to the sink
/// after that.
pub(crate) fn ordered_map<T, R, E>(
    inputs: impl Iterator<Item = T> + Send + 'static,
    Width { jobs, window }: Width,
    work: impl Fn(T) -> R + Send + Sync + 'static,
    on_panic: impl Fn() -> R,
    stop: &Arc<AtomicBool>,
    mut sink: impl FnMut(R) -> Result<(), E>,
    mut idle: impl FnMut() -> Result<(), E>,
) -> Result<Ended, E>
where
    T: Send + 'static,
    R: Send + 'static,
{
    let window = window.max(1);
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        // Cannot fail: the channel holds exactly `window` permits.
        let _ = permit_tx.send(());
    }
    let (job_tx, job_rx) = mpsc::channel::<(usize, T)>();
    let (result_tx, result_rx) = mpsc::channel::<(usize, Option<R>)>();

    // Threads are detached, not scoped: the producer may be blocked reading
    // a pipe (`--files-from -`) when the run is stopped.
    let producer_stop = Arc::clone(stop);
    std::thread::spawn(move || {
        for (index, input) in inputs.enumerate() {
            if producer_stop.load(Ordering::Relaxed) || permit_rx.recv().is_err() {
                return;
            }
            if job_tx.send((index, input)).is_err() {
                return;
            }
        }
    });
    let job_rx = Arc::new(Mutex::new(job_rx));
    let work = Arc::new(work);
    // Inputs being worked on: counted before a worker looks at `stop`, so
    // that once `stop` is seen raised, the count holds every input started.
    let busy = Arc::new(AtomicUsize::new(0));
    for _ in 0..jobs.max(1) {
        let (job_rx, result_tx, work) = (Arc::clone(&job_rx), result_tx.clone(), Arc::clone(&work));
        let (stop, busy) = (Arc::clone(stop), Arc::clone(&busy));
        std::thread::spawn(move || {
            loop {
                // The lock is held only while waiting for the next input.
                let next = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((index, input)) = next else { return };
                busy.fetch_add(1, Ordering::SeqCst);
                if stop.load(Ordering::SeqCst) {
                    busy.fetch_sub(1, Ordering::SeqCst);
                    return;
                }
                let result = catch_unwind(AssertUnwindSafe(|| work(input))).ok();
                busy.fetch_sub(1, Ordering::SeqCst);
                if result_tx.send((index, result)).is_err() {
                    return;
                }
            }
        });
    }
    drop(result_tx);
    let stopped = || {
        if !stop.load(Ordering::SeqCst) {
            return false;
        }
        let since = std::time::Instant::now();
        while busy.load(Ordering::SeqCst) > 0 && since.elapsed() < STOP_GRACE {
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    };

    let mut waiting: BTreeMap<usize, Option<R>> = BTreeMap::new();
    let mut next = 0;
    loop {
        if stopped() {
            return Ok(Ended::Stopped);
        }
        match result_rx.recv_timeout(STOP_POLL) {
            Ok((index, result)) => {
                waiting.insert(index, result);
            }
            Err(RecvTimeoutError::Timeout) => {
                idle()?;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Ended::Done),
        }
        while let Some(result) = waiting.remove(&next) {
            if stopped() {
                return Ok(Ended::Stopped);
            }
            sink(result.unwrap_or_else(&on_panic))?;
            next += 1;
            // The producer may be gone (all inputs handed out): fine.
            let _ = permit_tx.try_send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_order_they_finish_in() {
        // Early inputs take longest, so they finish last.
        let delays: Vec<u64> = (0..40).map(|i| (40 - i) % 7).collect();
        let mut seen = Vec::new();
        let ended = ordered_map(
            delays.clone().into_iter().enumerate(),
            Width { jobs: 4, window: 8 },
            |(i, ms)| {
                std::thread::sleep(Duration::from_millis(ms));
                i
            },
            || usize::MAX,
            &Arc::new(AtomicBool::new(false)),
            |i| {
                seen.push(i);
                Ok::<(), ()>(())
            },
            || Ok(()),
        );
        assert_eq!(ended, Ok(Ended::Done));
        assert_eq!(seen, (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_the_window_is_in_flight_behind_a_slow_input() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let (counter, peak) = (Arc::clone(&in_flight), Arc::clone(&most));
        let mut given = 0;
        let ended = ordered_map(
            0..100u64,
            Width { jobs: 3, window: 5 },
            move |i| {
                let now = counter.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                // The first input is slow: the others must wait for it.
                std::thread::sleep(Duration::from_millis(if i == 0 { 100 } else { 1 }));
                i
            },
            || u64::MAX,
            &Arc::new(AtomicBool::new(false)),
            |_| {
                given += 1;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok::<(), ()>(())
            },
            || Ok(()),
        );
        assert_eq!(ended, Ok(Ended::Done));
        assert_eq!(given, 100);
        let most = most.load(Ordering::SeqCst);
        assert!(
            (2..=5).contains(&most),
            "at most the window in flight, saw {most}"
        );
    }

    #[test]
    fn a_panicking_input_becomes_the_fallback_and_the_run_goes_on() {
        let mut seen = Vec::new();
        let ended = ordered_map(
            0..5i32,
            Width { jobs: 2, window: 4 },
            |i| {
                assert_ne!(i, 2, "input 2 panics");
                i
            },
            || -1,
            &Arc::new(AtomicBool::new(false)),
            |i| {
                seen.push(i);
                Ok::<(), ()>(())
            },
            || Ok(()),
        );
        assert_eq!(ended, Ok(Ended::Done));
        assert_eq!(seen, vec![0, 1, -1, 3, 4]);
    }

    #[test]
    fn a_raised_stop_flag_ends_the_run_with_a_prefix() {
        let stop = Arc::new(AtomicBool::new(false));
        let raise = Arc::clone(&stop);
        let mut seen = Vec::new();
        let ended = ordered_map(
            0..1_000_000u64,
            Width { jobs: 2, window: 4 },
            |i| i,
            || u64::MAX,
            &stop,
            |i| {
                seen.push(i);
                if i == 9 {
                    raise.store(true, Ordering::SeqCst);
                }
                Ok::<(), ()>(())
            },
            || Ok(()),
        );
        assert_eq!(ended, Ok(Ended::Stopped));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn a_stop_waits_for_the_inputs_being_worked_on_and_starts_no_other() {
        let stop = Arc::new(AtomicBool::new(false));
        let (raise, started, finished) = (
            Arc::clone(&stop),
            Arc::new(AtomicUsize::new(0)),
            Arc::new(AtomicUsize::new(0)),
        );
        let (work_started, work_finished) = (Arc::clone(&started), Arc::clone(&finished));
        let ended = ordered_map(
            0..100u32,
            Width { jobs: 2, window: 8 },
            move |i| {
                work_started.fetch_add(1, Ordering::SeqCst);
                if i == 0 {
                    // The stop comes while input 0 is still being written.
                    raise.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(200));
                }
                work_finished.fetch_add(1, Ordering::SeqCst);
                i
            },
            || u32::MAX,
            &stop,
            |_| Ok::<(), ()>(()),
            || Ok(()),
        );
        assert_eq!(ended, Ok(Ended::Stopped));
        // Whatever was started was finished before the call returned.
        assert_eq!(
            finished.load(Ordering::SeqCst),
            started.load(Ordering::SeqCst)
        );
        assert!(started.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_sink_error_ends_the_run() {
        let ended = ordered_map(
            0..100u32,
            Width { jobs: 2, window: 4 },
            |i| i,
            || 0,
            &Arc::new(AtomicBool::new(false)),
            |i| if i == 3 { Err(i) } else { Ok(()) },
            || Ok(()),
        );
        assert_eq!(ended, Err(3));
    }
}
