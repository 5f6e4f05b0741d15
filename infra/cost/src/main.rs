//! `make cost [BENCH=path]`: prices a month of Nestling from the bench's measurements.
//!
//! Reads the path given, else `$CARGO_TARGET_DIR/bench.json` (what `make bench` wrote), else
//! the committed `docs/bench.json`. Exits 1 when the measurements miss a function of the route
//! table (the table is still printed, with those functions' DynamoDB requests at zero).

use nestling_cost::bench::{self, Bench};
use nestling_cost::model::Scenario;
use nestling_cost::report;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let given = std::env::args().nth(1).filter(|a| !a.is_empty());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = workspace.canonicalize().unwrap_or(workspace);
    let target_dir = std::env::var("CARGO_TARGET_DIR").ok();
    let path = match bench::locate(given.as_deref(), target_dir.as_deref(), &workspace) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("make cost: {e}");
            return ExitCode::from(2);
        }
    };
    let bench = match Bench::read(&path) {
        Ok(bench) => bench,
        Err(e) => {
            eprintln!("make cost: {e}");
            return ExitCode::from(2);
        }
    };
    let reports = [Scenario::nursery().price(&bench), Scenario::group().price(&bench)];
    let shown = path.canonicalize().unwrap_or(path.clone());
    let shown = shown.strip_prefix(&workspace).map(Path::to_path_buf).unwrap_or(shown);
    print!("{}", report::render(&shown.display().to_string(), &bench, &reports));
    if reports.iter().all(|r| r.complete()) {
        ExitCode::SUCCESS
    } else {
        eprintln!("make cost: the measurements do not cover every function (see above); run `make bench` again.");
        ExitCode::from(1)
    }
}
