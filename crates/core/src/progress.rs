//! What a long command (the build's prerender, the server's import) says
//! while it runs: on a terminal one line rewritten in place (the step, how
//! far, the time left); otherwise nothing until the summary.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Progress shown on standard error when it is a terminal.
pub struct Progress {
    /// The command's name, first on the line.
    name: &'static str,
    terminal: bool,
    /// When the line was last drawn, and since when the current count runs.
    state: Mutex<(Instant, Instant, String)>,
}

impl Progress {
    /// Progress of the command `name`, starting now.
    pub fn new(name: &'static str) -> Self {
        let now = Instant::now();
        Self {
            name,
            terminal: std::io::stderr().is_terminal(),
            state: Mutex::new((now - Duration::from_secs(1), now, String::new())),
        }
    }

    /// Shows what the build is doing now.
    pub fn say(&self, what: &str) {
        if self.terminal {
            if let Ok(mut state) = self.state.lock() {
                state.1 = Instant::now();
                state.2 = what.to_owned();
            }
            draw(&format!("{}: {what}", self.name));
        }
    }

    /// Shows `done` of `total` of `what`, with the time left at the rate
    /// so far, at most every quarter second.
    pub fn count(&self, what: &str, done: usize, total: usize) {
        if !self.terminal {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if state.2 != what {
            *state = (state.0, Instant::now(), what.to_owned());
        }
        if state.0.elapsed() < Duration::from_millis(250) && done < total {
            return;
        }
        state.0 = Instant::now();
        let spent = state.1.elapsed().as_secs_f64();
        let left = if done > 0 {
            spent / done as f64 * (total - done) as f64
        } else {
            0.0
        };
        draw(&format!(
            "{}: {what} {done} of {total} ({}%), about {left:.0} s left",
            self.name,
            done * 100 / total.max(1)
        ));
    }

    /// Clears the line before the summary.
    pub fn finish(&self) {
        if self.terminal {
            draw("");
        }
    }
}

fn draw(line: &str) {
    let mut err = std::io::stderr();
    let _ = write!(err, "\r\x1b[K{line}");
    let _ = err.flush();
}
