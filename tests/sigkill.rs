//! Never lose work: folio runs in a real terminal, takes a burst of 200
//! annotation changes typed in one go, and is killed with SIGKILL at a random
//! moment. Afterwards the annotation file must be absent or parse, and hold
//! exactly the state after some prefix of the changes: every change up to
//! some point, in order, nothing half-written.
//!
//! The expected states come from the same keys pressed in an in-process
//! [`folio::app::App`]. One uninterrupted run first checks that the binary
//! ends in the same final state and measures how long the burst takes; the
//! kills land uniformly within that time. The seed is printed; set
//! `FOLIO_SIGKILL_SEED` to replay a run. Needs tmux (see tests/terminal.rs).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{SAMPLE, press, press_key, sample_app};
use folio::annotations::file::{self, AnnotationFile};
use folio::app::Effect;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Changes typed in one burst.
const CHANGES: usize = 200;
/// Runs killed at a random moment.
const RUNS: usize = 100;
/// Runs at once, each in its own tmux server.
const PARALLEL: usize = 6;

/// What a saved claim must match: id, char offsets, text, verdict and note.
type ClaimState = Vec<[String; 5]>;

fn claim_state(file: &AnnotationFile) -> ClaimState {
    file.claims
        .iter()
        .map(|c| {
            [
                c.id.clone(),
                c.start.to_string(),
                c.end.to_string(),
                c.exact.clone(),
                format!("{} {}", c.verdict, c.note),
            ]
        })
        .collect()
}

/// The keys of the burst and the claim state after each of its changes
/// (`states[0]` before any; all different). In cycles, sentence by
/// sentence: mark each as a claim with the cycle's number as note (or add
/// the number to the note of the claim there; Ctrl-S saves the form), add
/// `v` to each note, remove every other; until [`CHANGES`] changes.
fn burst() -> (String, Vec<ClaimState>) {
    let mut app = sample_app();
    let sentences = app.analysis().unwrap().sentences.len();
    assert!(sentences > 5, "the sample has {sentences} sentences");
    let mut keys = String::new();
    let mut states = vec![ClaimState::new()];
    'burst: for cycle in 1.. {
        let mark = format!("c{cycle}\x13)");
        for round in [mark.as_str(), "cv\x13)", "d))"] {
            // `g g` is the top in helix style; twice `g` in less style.
            keys.push_str("gg");
            press(&mut app, "gg");
            for _ in 0..sentences {
                for key in round.chars() {
                    keys.push(key);
                    assert!(keys.len() < 10_000, "the burst makes too few changes");
                    // A terminal sends Ctrl-S as the byte 0x13.
                    let effect = if key == '\x13' {
                        press_key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL)
                    } else {
                        press(&mut app, &key.to_string()).pop()
                    };
                    if effect == Some(Effect::Save) {
                        states.push(claim_state(&app.sidecar_file()));
                        if states.len() > CHANGES {
                            break 'burst;
                        }
                    }
                }
            }
        }
    }
    (keys, states)
}

/// A small, seeded random number generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Starts folio on a fresh copy of the sample in `dir`, in session `name` of
/// `server`, waits for the analysed first frame and types `keys`. Returns
/// folio's process id and the sidecar's path.
fn start_and_type(
    server: &tmux::Server,
    name: &str,
    dir: &Path,
    keys: &str,
) -> (u32, std::path::PathBuf) {
    let article = dir.join("macron-moscow.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    // The data folder is the test's own, in case folio ever falls back to it.
    let command = format!(
        "exec env XDG_DATA_HOME={} {} {}",
        tmux::quoted(&dir.join("data").display().to_string()),
        tmux::quoted(env!("CARGO_BIN_EXE_folio")),
        tmux::quoted(&article.display().to_string())
    );
    server.start(name, 120, 40, &command);
    server.wait_for_all(name, &["People (4)", "? help"], Duration::from_secs(30));
    let pid = server.pane_pid(name);
    server.type_text(name, keys);
    (pid, file::sidecar_path(&article))
}

/// Which of `states` the sidecar at `path` holds (0 when there is none);
/// panics when it does not parse or holds no state of the burst.
fn saved_state(path: &Path, states: &[ClaimState], what: &str) -> usize {
    let Some(text) = file::read_text(path).unwrap() else {
        return 0;
    };
    let parsed = file::parse(path, &text)
        .unwrap_or_else(|err| panic!("{what}: the annotation file does not parse: {err}\n{text}"));
    let state = claim_state(&parsed);
    states
        .iter()
        .position(|s| *s == state)
        .unwrap_or_else(|| panic!("{what}: the file holds no state of the burst:\n{text}"))
}

/// Waits until process `pid` has ended (gone, or a zombie), so that what is
/// on disk is final.
fn wait_until_dead(pid: u32) {
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The state follows the command name in parentheses: `123 (folio) Z …`.
        let state = stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next());
        if matches!(state, None | Some('Z' | 'X')) {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{pid} lives on");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn kill(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -KILL {pid}");
}

#[test]
fn sigkill_during_a_burst_of_changes_never_loses_or_mangles_work() {
    if !tmux::available() {
        return;
    }
    let (keys, states) = burst();
    assert_eq!(states.len(), CHANGES + 1);
    for (k, state) in states.iter().enumerate() {
        assert!(
            !states[..k].contains(state),
            "state {k} repeats an earlier one"
        );
    }

    // One run to the end: the binary reaches the simulated final state.
    let dir = tempfile::tempdir().unwrap();
    let server = tmux::Server::new("sigkill-full");
    let started = Instant::now();
    let (pid, sidecar) = start_and_type(&server, "full", dir.path(), &keys);
    let typed = Instant::now();
    loop {
        let done = file::read_text(&sidecar)
            .ok()
            .flatten()
            .and_then(|t| file::parse(&sidecar, &t).ok())
            .is_some_and(|f| claim_state(&f) == states[CHANGES]);
        if done {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the burst never finished; screen:\n{}",
            server.screen("full")
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let burst_time = typed.elapsed();
    kill(pid);
    drop(server);

    let seed = std::env::var("FOLIO_SIGKILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!(
        "sigkill: seed {seed} (FOLIO_SIGKILL_SEED={seed} replays it); the burst took {burst_time:?}"
    );
    let window_ms = u64::try_from(burst_time.as_millis())
        .unwrap_or(u64::MAX)
        .max(1);
    let next = AtomicUsize::new(0);
    let reached = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL {
            let (next, reached, keys, states) = (&next, &reached, &keys, &states);
            scope.spawn(move || {
                loop {
                    let run = next.fetch_add(1, Ordering::Relaxed);
                    if run >= RUNS {
                        break;
                    }
                    let mut random = Random(seed ^ (run as u64).wrapping_mul(0x9E37_79B9));
                    let delay = Duration::from_millis(random.next() % window_ms);
                    let dir = tempfile::tempdir().unwrap();
                    let name = format!("run{run}");
                    let server = tmux::Server::new(&format!("sigkill-{run}"));
                    let (pid, sidecar) = start_and_type(&server, &name, dir.path(), keys);
                    std::thread::sleep(delay);
                    kill(pid);
                    wait_until_dead(pid);
                    let what = format!("run {run} (seed {seed}, killed after {delay:?})");
                    let k = saved_state(&sidecar, states, &what);
                    reached.lock().unwrap().push(k);
                }
            });
        }
    });
    let mut reached = reached.into_inner().unwrap();
    reached.sort_unstable();
    eprintln!("sigkill: changes on disk when killed, sorted: {reached:?}");
    assert_eq!(reached.len(), RUNS);
    // The kills must land during the burst, not only before or after it.
    let during = reached.iter().filter(|&&k| 0 < k && k < CHANGES).count();
    assert!(
        during >= RUNS / 4,
        "only {during} of {RUNS} kills landed during the burst: {reached:?}"
    );
}
