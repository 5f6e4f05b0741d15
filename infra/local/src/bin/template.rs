//! Writes infra/template.yaml and infra/stacks/<area>.yaml from infra/template.base.yaml and
//! the route table (`make template`), and removes the stack of an area the table no longer has.
use std::path::Path;

fn main() {
    let infra = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let files = match nestling_local::template::render_committed_base() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("template: {e}");
            std::process::exit(1);
        }
    };
    let stacks = infra.join(nestling_local::template::STACKS_DIR);
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(&stacks)?;
        for entry in std::fs::read_dir(&stacks)? {
            let path = entry?.path();
            let name = format!("{}/{}", nestling_local::template::STACKS_DIR, path.file_name().unwrap_or_default().to_string_lossy());
            if !files.iter().any(|(file, _)| *file == name) {
                std::fs::remove_file(&path)?;
            }
        }
        for (file, text) in &files {
            let path = infra.join(file);
            let new = path.with_extension("yaml.new");
            std::fs::write(&new, text)?;
            std::fs::rename(&new, &path)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        eprintln!("template: {e}");
        std::process::exit(1);
    }
}
