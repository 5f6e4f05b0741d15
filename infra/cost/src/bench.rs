//! The bench's measurements: `bench.json`, written by `make bench` (tests/src/bin/bench.rs).
//! Any number may be null when it was not measured.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Bench {
    /// The machine the bench ran on (its binaries' sizes and instruction counts are of it).
    #[serde(default)]
    pub architecture: Option<String>,
    /// The memory the bench configured (the environment it gave the binaries).
    #[serde(default)]
    pub memory_mb: Option<f64>,
    #[serde(default)]
    pub functions: Vec<Measured>,
    #[serde(default)]
    pub hello: Option<Hello>,
}

/// One call of one function (for stream and schedule functions: one item or one run).
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Measured {
    pub name: String,
    /// DynamoDB round trips waited for one after another.
    #[serde(default)]
    pub sequential_trips: Option<f64>,
    /// DynamoDB requests sent.
    #[serde(default)]
    pub requests: Option<f64>,
    /// On-demand read request units (eventually consistent halves included).
    #[serde(default)]
    pub read_units: Option<f64>,
    /// On-demand write request units, transactions counted double.
    #[serde(default)]
    pub write_units: Option<f64>,
    /// Handler time against the local emulator (not used for Lambda duration).
    #[serde(default)]
    pub handler_ms: Option<f64>,
    #[serde(default)]
    pub size_mb: Option<f64>,
    /// Cold init against a stub Runtime API.
    #[serde(default)]
    pub cold_init_ms: Option<f64>,
    #[serde(default)]
    pub peak_mb: Option<f64>,
    #[serde(default)]
    pub instructions: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Hello {
    #[serde(default)]
    pub size_mb: Option<f64>,
    #[serde(default)]
    pub cold_init_ms: Option<f64>,
    #[serde(default)]
    pub peak_mb: Option<f64>,
    #[serde(default)]
    pub instructions: Option<f64>,
}

impl Bench {
    pub fn parse(text: &str) -> Result<Bench, String> {
        serde_json::from_str(text).map_err(|e| format!("bench.json is not what make bench writes: {e}"))
    }

    pub fn read(path: &Path) -> Result<Bench, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Bench::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn function(&self, name: &str) -> Option<&Measured> {
        self.functions.iter().find(|f| f.name == name)
    }
}

/// Where `make cost` reads the measurements: the path given, else `$CARGO_TARGET_DIR/bench.json`
/// (what `make bench` just wrote), else the committed `docs/bench.json`.
pub fn locate(given: Option<&str>, target_dir: Option<&str>, workspace: &Path) -> Result<PathBuf, String> {
    if let Some(path) = given {
        let path = PathBuf::from(path);
        return if path.is_file() { Ok(path) } else { Err(format!("{} does not exist", path.display())) };
    }
    let mut tried = Vec::new();
    if let Some(dir) = target_dir.filter(|d| !d.is_empty()) {
        let fresh = Path::new(dir).join("bench.json");
        if fresh.is_file() {
            return Ok(fresh);
        }
        tried.push(fresh);
    }
    let committed = workspace.join("docs").join("bench.json");
    if committed.is_file() {
        return Ok(committed);
    }
    tried.push(committed);
    let tried: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
    Err(format!(
        "no measurements to price: run `make bench` first (it writes $CARGO_TARGET_DIR/bench.json), \
         or commit its output as docs/bench.json. Looked for: {}",
        tried.join(", ")
    ))
}
