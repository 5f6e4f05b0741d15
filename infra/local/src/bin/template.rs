//! Prints infra/template.yaml from infra/template.base.yaml and the route table:
//! `cargo run -p nestling-local --bin template > infra/template.yaml` (`make template`).
fn main() {
    match nestling_local::template::render_committed_base() {
        Ok(template) => print!("{template}"),
        Err(e) => {
            eprintln!("template: {e}");
            std::process::exit(1);
        }
    }
}
