//! Undo and redo by snapshots: annotation state is small, so each change keeps
//! a copy of the state before it, with a few words saying what the change
//! was (`claim c3 removed`), so undo and redo can tell the reader.

/// Most changes kept for undo; older ones are forgotten.
const LIMIT: usize = 1000;

/// Undo/redo stacks of states of type `T`, each with what the change
/// between it and the next state was.
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<(T, String)>,
    future: Vec<(T, String)>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self {
            past: Vec::new(),
            future: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Records `before`, the state just before a new change, and `what`
    /// the change is (`claim c3 removed`); clears redo.
    pub fn record(&mut self, before: T, what: impl Into<String>) {
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push((before, what.into()));
        self.future.clear();
    }

    /// Steps back: takes the `current` state, returns the one to restore and
    /// what the undone change was; `Err(current)` when there is none.
    pub fn undo(&mut self, current: T) -> Result<(T, String), T> {
        match self.past.pop() {
            Some((previous, what)) => {
                self.future.push((current, what.clone()));
                Ok((previous, what))
            }
            None => Err(current),
        }
    }

    /// Steps forward again after [`History::undo`]: returns the state to
    /// restore and what the redone change is.
    pub fn redo(&mut self, current: T) -> Result<(T, String), T> {
        match self.future.pop() {
            Some((next, what)) => {
                self.past.push((current, what.clone()));
                Ok((next, what))
            }
            None => Err(current),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_walks_both_ways_and_a_new_change_clears_redo() {
        let mut history = History::default();
        history.record(0, "one added");
        history.record(1, "two added");
        let (state, what) = history.undo(2).unwrap();
        assert_eq!((state, what.as_str()), (1, "two added"));
        let (state, what) = history.undo(state).unwrap();
        assert_eq!((state, what.as_str()), (0, "one added"));
        assert_eq!(history.undo(state), Err(0));
        let (state, what) = history.redo(state).unwrap();
        assert_eq!((state, what.as_str()), (1, "one added"));
        history.record(state, "three added");
        assert_eq!(history.redo(5), Err(5));
    }
}
