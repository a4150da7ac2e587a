//! Undo and redo by snapshots: annotation state is small, so each change keeps
//! a copy of the state before it.

/// Most changes kept for undo; older ones are forgotten.
const LIMIT: usize = 1000;

/// Undo/redo stacks of states of type `T`.
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
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
    /// Records `before`, the state just before a new change; clears redo.
    pub fn record(&mut self, before: T) {
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push(before);
        self.future.clear();
    }

    /// Steps back: takes the `current` state, returns the one to restore.
    pub fn undo(&mut self, current: T) -> Result<T, T> {
        match self.past.pop() {
            Some(previous) => {
                self.future.push(current);
                Ok(previous)
            }
            None => Err(current),
        }
    }

    /// Steps forward again after [`History::undo`].
    pub fn redo(&mut self, current: T) -> Result<T, T> {
        match self.future.pop() {
            Some(next) => {
                self.past.push(current);
                Ok(next)
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
        history.record(0);
        history.record(1);
        let state = history.undo(2).unwrap();
        assert_eq!(state, 1);
        let state = history.undo(state).unwrap();
        assert_eq!(state, 0);
        assert_eq!(history.undo(state), Err(0));
        let state = history.redo(state).unwrap();
        assert_eq!(state, 1);
        history.record(state);
        assert_eq!(history.redo(5), Err(5));
    }
}
